/**
 * CSV node, edge and claim tables (RFC 4180: comma-separated, CRLF-free, quoted where needed), for
 * spreadsheets, pandas or R. List values are joined with " | ".
 */
import type { KnowledgeGraph } from '../graph/build.js';

/** Quotes a CSV field when it holds a comma, quote, or line break; neutralises spreadsheet formulas. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' | ') : String(value);
  // A leading =, +, -, @ would be run as a formula by spreadsheet programs (CSV injection).
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const row = (fields: unknown[]) => `${fields.map(csvField).join(',')}\n`;

/** The node table: one row per entity. */
export function toNodesCsv(graph: KnowledgeGraph): string {
  let out = row(['id', 'label', 'type', 'aliases', 'mention_count', 'document_count', 'outlets', 'roles', 'pagerank', 'x', 'y', 'size', 'color']);
  graph.forEachNode((key, a) => {
    out += row([key, a.label, a.type, a.aliases, a.mentionCount, a.docs.length, a.sources, a.roles.map((r) => r.role), a.pagerank, a.x, a.y, a.size, a.color]);
  });
  return out;
}

/** The edge table: one row per relation, with its first evidence sentence. */
export function toEdgesCsv(graph: KnowledgeGraph): string {
  let out = row(['id', 'source', 'target', 'predicate', 'family', 'quad', 'weight', 'outlets', 'evidence_count', 'negated', 'hedged', 'asserted_by', 'first_evidence']);
  graph.forEachEdge((key, a, source, target) => {
    out += row([key, source, target, a.predicate, a.family, a.quad, a.weight, a.sources, a.evidence.length, a.negated, a.hedged, a.assertedBy, a.evidence[0]?.text ?? '']);
  });
  return out;
}

/**
 * The claim table, long form: one row per sentence that reports a value of a fact (a value without
 * sentences, from a graph written before values kept them: one row per document), so that a
 * spreadsheet can filter the disputed facts and see which outlet gave which figure, where.
 */
export function toClaimsCsv(graph: KnowledgeGraph): string {
  const docs = new Map(graph.getAttribute('documents').map((d) => [d.id, d]));
  let out = row(['about', 'property', 'subject', 'disputed', 'value', 'amount', 'bound', 'as_written', 'document', 'outlet', 'published', 'asserted_by', 'sentence']);
  for (const c of graph.getAttribute('claims')) {
    for (const v of c.values) {
      const reports = v.evidence?.length ? v.evidence : v.docs.map((doc) => ({ doc, text: '', assertedBy: undefined }));
      for (const e of reports) {
        const d = docs.get(e.doc);
        out += row([c.about, c.property, c.subject, c.disputed, v.value, v.amount, v.bound, v.surfaces, e.doc, d?.source || e.doc, d?.published, e.assertedBy, e.text]);
      }
    }
  }
  return out;
}

/** Parses CSV text produced by the writers above (used by tests and round trips). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = '';
    } else field += c;
  }
  if (field || fields.length) {
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}
