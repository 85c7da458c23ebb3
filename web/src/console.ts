/**
 * The query console: runs the project's query language through `POST /api/query`, keeps a history
 * (↑ / ↓, saved in localStorage), shows rows as a table, notices and cut-offs, errors with their
 * position, and hands the nodes and edges of the result to the graph view for highlighting.
 */
import type { QueryEdge, QueryNode, QueryPathValue, QueryResult, QueryValue } from '../../src/types.js';
import { $, clear, el } from './dom.js';
import { runQuery, type QueryError } from './api.js';
import type { ViewerGraph } from './load.js';

export interface ConsoleOptions {
  graph: ViewerGraph;
  /** A query's result to highlight (null: none); `restoring` when the run restores a view from the URL. */
  onHighlight(h: { nodes: Set<string>; edges: Set<string> } | null, restoring?: boolean): void;
  onQuery(q: string | null): void;
  selectNode(node: string): void;
  selectEdge(edge: string): void;
}

const HISTORY_KEY = 'newsgraph.console.history';
const HISTORY_MAX = 100;

function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(-HISTORY_MAX) : [];
  } catch {
    return [];
  }
}

const isNode = (v: QueryValue): v is QueryNode => !!v && typeof v === 'object' && !Array.isArray(v) && (v as QueryNode).$kind === 'node';
const isEdge = (v: QueryValue): v is QueryEdge => !!v && typeof v === 'object' && !Array.isArray(v) && (v as QueryEdge).$kind === 'edge';
const isPath = (v: QueryValue): v is QueryPathValue => !!v && typeof v === 'object' && !Array.isArray(v) && (v as QueryPathValue).$kind === 'path';

export function createConsole(opts: ConsoleOptions) {
  const { graph } = opts;
  const input = $('console-input') as HTMLInputElement;
  const output = $('console-output');
  const history = loadHistory();
  let cursor = history.length;
  let draft = '';
  let seq = 0;

  const labelOf = (id: string, fallback?: QueryValue) =>
    graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : typeof fallback === 'string' ? fallback : id;

  function collect(v: QueryValue, nodes: Set<string>, edges: Set<string>): void {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => collect(x, nodes, edges));
    if (isNode(v)) {
      if (graph.hasNode(v.id)) nodes.add(v.id);
    } else if (isEdge(v)) {
      addEdge(v, nodes, edges);
    } else if (isPath(v)) {
      v.nodes.forEach((n) => collect(n, nodes, edges));
      v.edges.forEach((e) => collect(e, nodes, edges));
      for (const h of v.hops ?? []) {
        if (graph.hasEdge(h.edge)) edges.add(h.edge);
        if (graph.hasNode(h.source)) nodes.add(h.source);
        if (graph.hasNode(h.target)) nodes.add(h.target);
      }
    } else {
      Object.values(v).forEach((x) => collect(x as QueryValue, nodes, edges));
    }
  }
  function addEdge(e: QueryEdge, nodes: Set<string>, edges: Set<string>): void {
    if (graph.hasNode(e.source)) nodes.add(e.source);
    if (graph.hasNode(e.target)) nodes.add(e.target);
    if (graph.hasEdge(e.id)) edges.add(e.id);
    else if (graph.hasNode(e.source) && graph.hasNode(e.target))
      graph.forEachEdge(e.source, e.target, (k, a) => void ((a.predicate === e.type || a.label === e.type) && edges.add(k)));
  }

  function cell(v: QueryValue): Node {
    if (v === null) return el('span', { class: 'null' }, 'null');
    if (typeof v !== 'object') return document.createTextNode(String(v));
    if (Array.isArray(v)) {
      const span = el('span', { class: 'list' }, '[');
      v.forEach((x, i) => {
        if (i) span.append(', ');
        span.append(cell(x));
      });
      span.append(']');
      return span;
    }
    if (isNode(v)) {
      return el('button', { type: 'button', class: 'link', 'data-node': v.id, onclick: () => opts.selectNode(v.id) }, labelOf(v.id, v.properties?.label ?? null));
    }
    if (isEdge(v)) {
      const b = el('button', { type: 'button', class: 'link', onclick: () => (graph.hasEdge(v.id) ? opts.selectEdge(v.id) : opts.selectNode(v.source)) }, `${labelOf(v.source)} —${v.type}→ ${labelOf(v.target)}`);
      return b;
    }
    if (isPath(v)) {
      const span = el('span', { class: 'path' });
      const hops = v.hops ?? [];
      if (!hops.length) span.append(v.nodes.map((n) => labelOf(n.id)).join(' — '));
      hops.forEach((h, i) => {
        if (i === 0) span.append(cell({ $kind: 'node', id: h.source, labels: [], properties: {} }));
        span.append(el('span', { class: 'pred' }, h.reversed ? ` ←${h.predicate}— ` : ` —${h.predicate}→ `));
        span.append(cell({ $kind: 'node', id: h.target, labels: [], properties: {} }));
      });
      return span;
    }
    return document.createTextNode(JSON.stringify(v));
  }

  function showError(query: string, err: QueryError): void {
    const box = el('div', { class: 'console-error', role: 'alert' }, el('strong', null, err.name || 'Error'), ': ', err.message);
    if (err.position) {
      const { line, column } = err.position;
      const lines = query.split('\n');
      const text = lines[line - 1] ?? query;
      box.append(
        el('div', { class: 'where' }, `at line ${line}, column ${column}`),
        el('pre', { class: 'caret' }, text, '\n', ' '.repeat(Math.max(0, column - 1)), '^'),
      );
      input.focus();
      const offset = Math.min(query.length, err.position.offset);
      input.setSelectionRange(offset, Math.min(query.length, offset + 1));
    }
    output.append(box);
  }

  function showResult(r: QueryResult): void {
    const meta = el('p', { class: 'meta' }, `${r.rows.length} row${r.rows.length === 1 ? '' : 's'} · ${Math.round(r.elapsedMs)} ms${r.truncated ? ' · truncated' : ''}`);
    output.append(meta);
    for (const n of r.notices ?? []) output.append(el('p', { class: 'notice', role: 'status' }, n));
    if (!r.rows.length) return;
    const table = el(
      'table',
      { class: 'results' },
      el('thead', null, el('tr', null, r.columns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', null, r.rows.slice(0, 500).map((row) => el('tr', null, row.map((v) => el('td', null, cell(v)))))),
    );
    output.append(table);
    if (r.rows.length > 500) output.append(el('p', { class: 'notice' }, `showing the first 500 of ${r.rows.length} rows`));
  }

  async function run(query: string, o: { quiet?: boolean } = {}): Promise<void> {
    query = query.trim();
    if (!query) return;
    input.value = query;
    if (history[history.length - 1] !== query) {
      history.push(query);
      if (history.length > HISTORY_MAX) history.shift();
      try {
        localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
      } catch {
        /* storage may be off */
      }
    }
    cursor = history.length;
    const my = ++seq;
    clear(output);
    output.append(el('p', { class: 'meta' }, 'Running…'));
    const res = await runQuery(query);
    if (my !== seq) return;
    clear(output);
    if (!res.ok) {
      showError(query, res.error);
      opts.onHighlight(null);
    } else {
      showResult(res.result);
      const nodes = new Set<string>();
      const edges = new Set<string>();
      res.result.rows.forEach((row) => row.forEach((v) => collect(v, nodes, edges)));
      opts.onHighlight({ nodes, edges }, o.quiet);
    }
    if (!o.quiet) opts.onQuery(query);
  }

  $('console-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void run(input.value);
  });
  $('console-clear').addEventListener('click', () => {
    clear(output);
    input.value = '';
    opts.onHighlight(null);
    opts.onQuery(null);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp') {
      if (cursor === history.length) draft = input.value;
      if (cursor > 0) input.value = history[--cursor] ?? '';
      e.preventDefault();
    } else if (e.key === 'ArrowDown') {
      if (cursor < history.length) {
        cursor++;
        input.value = cursor === history.length ? draft : (history[cursor] ?? '');
      }
      e.preventDefault();
    }
  });
  /** Drop the result shown (and any answer still on its way); the query text stays in the field. */
  function reset(): void {
    seq++;
    clear(output);
  }
  return { run, reset, focus: () => input.focus() };
}
