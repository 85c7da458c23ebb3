/**
 * Rendering a QueryResult as an aligned text table, JSON or CSV. In tables nodes show as their
 * label and paths as `A -[predicate]-> B <-[x]- C`.
 */
import type { QueryEdge, QueryNode, QueryPathValue, QueryResult, QueryValue } from '../types.js';

const MAX_CELL = 120;

function isKind(v: QueryValue, kind: string): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as { $kind?: unknown }).$kind === kind;
}

function nodeLabel(n: QueryNode): string {
  const p = n.properties;
  if (typeof p.label === 'string') return p.label;
  if (typeof p.name === 'string') return p.name;
  const labels = n.labels.map((l) => ':' + l).join('');
  const props = Object.entries(p).map(([k, v]) => `${k}: ${renderValue(v, true)}`).join(', ');
  return `(${labels}${labels && props ? ' ' : ''}${props ? '{' + props + '}' : ''})`;
}

function edgeLabel(e: QueryEdge): string {
  return e.type;
}

function pathText(p: QueryPathValue): string {
  let out = p.nodes[0] ? nodeLabel(p.nodes[0]) : '';
  p.hops.forEach((h, i) => {
    const next = p.nodes[i + 1];
    out += h.reversed ? ` <-[${h.predicate}]- ` : ` -[${h.predicate}]-> `;
    out += next ? nodeLabel(next) : '';
  });
  return out;
}

function renderNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

/** A value as text: strings raw at top level, quoted inside lists and maps. */
export function renderValue(v: QueryValue, nested = false): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return nested ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v;
  if (typeof v === 'number') return renderNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map((x) => renderValue(x, true)).join(', ') + ']';
  if (isKind(v, 'node')) return nodeLabel(v as QueryNode);
  if (isKind(v, 'edge')) return `[:${edgeLabel(v as QueryEdge)}]`;
  if (isKind(v, 'path')) return pathText(v as QueryPathValue);
  return '{' + Object.entries(v).map(([k, x]) => `${k}: ${renderValue(x as QueryValue, true)}`).join(', ') + '}';
}

function clip(s: string): string {
  const one = s.replace(/[\r\n\t]+/g, ' ');
  return one.length > MAX_CELL ? one.slice(0, MAX_CELL - 1) + '…' : one;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function jsonReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}

/**
 * Render a result: `table` (aligned columns and a row count; notices are left to the caller, which
 * prints them apart from the data), `json` (the QueryResult
 * object), or `csv` (a header row, then one line per row; nodes as labels, paths as text).
 */
export function formatResult(result: QueryResult, format: 'table' | 'json' | 'csv' = 'table'): string {
  if (format === 'json') return JSON.stringify(result, jsonReplacer, 2) + '\n';
  if (format === 'csv') {
    const lines = [result.columns.map(csvCell).join(',')];
    for (const row of result.rows) lines.push(row.map((v) => csvCell(renderValue(v))).join(','));
    return lines.join('\r\n') + '\r\n';
  }
  const cells = result.rows.map((row) => row.map((v) => clip(renderValue(v))));
  const widths = result.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (parts: string[]): string => '| ' + parts.map((p, i) => p.padEnd(widths[i]!)).join(' | ') + ' |';
  const sep = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const out: string[] = [];
  if (result.columns.length > 0) {
    out.push(sep, line(result.columns), sep);
    for (const r of cells) out.push(line(r));
    out.push(sep);
  }
  const n = result.rows.length;
  out.push(`${n} row${n === 1 ? '' : 's'}${result.truncated ? ' (truncated)' : ''}`);
  return out.join('\n') + '\n';
}
