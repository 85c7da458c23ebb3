/**
 * Name index for the search box and the path finder's fields: every node's label and aliases,
 * normalised (accent-insensitive), ranked by prefix match then importance. Pure.
 */
import { normalizeName } from './text.js';

export interface NameEntry {
  node: string;
  label: string;
  /** The name that matched (the label or an alias). */
  name: string;
  type: string;
  norm: string;
  importance: number;
}

export interface Suggestion {
  node: string;
  label: string;
  /** The alias that matched, when it is not the label. */
  via?: string;
  type: string;
}

export interface NameIndex {
  entries: NameEntry[];
}

export interface IndexableNode {
  key: string;
  label: string;
  aliases?: string[];
  type?: string;
  importance?: number;
}

/** Build the index over labels and aliases. */
export function buildNameIndex(nodes: Iterable<IndexableNode>): NameIndex {
  const index: NameIndex = { entries: [] };
  addToNameIndex(index, nodes);
  return index;
}

/** Add nodes to an index (the loader builds it chunk by chunk). */
export function addToNameIndex(index: NameIndex, nodes: Iterable<IndexableNode>): void {
  const entries = index.entries;
  for (const n of nodes) {
    const names = new Set([n.label, ...(n.aliases ?? [])]);
    for (const name of names) {
      if (!name) continue;
      entries.push({
        node: n.key,
        label: n.label,
        name,
        type: n.type ?? 'other',
        norm: normalizeName(name),
        importance: n.importance ?? 0,
      });
    }
  }
}

/** Suggestions for a typed query, best first, one per node. */
export function suggest(index: NameIndex, query: string, limit = 10): Suggestion[] {
  const q = normalizeName(query);
  if (!q) return [];
  const scored: { e: NameEntry; rank: number }[] = [];
  for (const e of index.entries) {
    let rank: number;
    if (e.norm === q) rank = 0;
    else if (e.norm.startsWith(q)) rank = 1;
    else if (e.norm.includes(' ' + q)) rank = 2;
    else if (e.norm.includes(q)) rank = 3;
    else continue;
    scored.push({ e, rank });
  }
  scored.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.e.importance - a.e.importance ||
      a.e.label.localeCompare(b.e.label) ||
      (a.e.name === a.e.label ? -1 : 0) - (b.e.name === b.e.label ? -1 : 0),
  );
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  for (const { e } of scored) {
    if (seen.has(e.node)) continue;
    seen.add(e.node);
    const s: Suggestion = { node: e.node, label: e.label, type: e.type };
    if (e.name !== e.label) s.via = e.name;
    out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}

/** Resolve typed text to one node: an exact name first, else the best suggestion. */
export function resolveName(index: NameIndex, text: string): string | undefined {
  return suggest(index, text, 1)[0]?.node;
}
