/**
 * Finding nodes by name: a name matches a node's label or any alias, ignoring case, accents,
 * possessives and punctuation. Exact normalised matches win; otherwise nodes whose name contains
 * every word of the query; otherwise nodes with a word starting with each query word.
 */
import type { AbstractGraph as Graph } from 'graphology-types';

/** Lower-case, strip accents, possessives, punctuation and a leading "the". */
export function normalizeName(name: string): string {
  if (!/[^\x00-\x7f]/.test(name)) {
    // ASCII fast path (most names): no Unicode normalisation or property classes needed.
    return name
      .toLowerCase()
      .replace(/['`]s\b/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .replace(/^the /, '');
  }
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/\s+/g, ' ');
}

interface NameEntry {
  key: string;
  names: string[];
  words: Set<string>;
  weight: number;
}

function namesOf(attrs: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      const n = normalizeName(v);
      if (n !== '') out.add(n);
    }
  };
  add(attrs.label);
  add(attrs.name);
  if (Array.isArray(attrs.aliases)) for (const a of attrs.aliases) add(a);
  return [...out];
}

/** True when one of `words` starts with `prefix`. */
function hasWordStarting(words: Iterable<string>, prefix: string): boolean {
  for (const w of words) if (w.startsWith(prefix)) return true;
  return false;
}

/** A reusable name index over a graph (build once per query; the graph may change between queries). */
export class NameIndex {
  private readonly entries: NameEntry[] = [];
  private readonly exact = new Map<string, string[]>();
  private readonly weights = new Map<string, number>();
  /** Word → the entries (indices into `entries`, ascending) with a name containing it. */
  private readonly postings = new Map<string, number[]>();
  /** Every word of `postings`, sorted; built on the first prefix lookup. */
  private sortedWords: string[] | null = null;

  constructor(graph: Graph) {
    graph.forEachNode((key, attrs) => {
      const names = namesOf(attrs as Record<string, unknown>);
      if (names.length === 0) return;
      const words = new Set<string>();
      for (const n of names) for (const w of n.split(' ')) words.add(w);
      const mc = (attrs as { mentionCount?: unknown }).mentionCount;
      const weight = typeof mc === 'number' ? mc : 0;
      const at = this.entries.length;
      this.entries.push({ key, names, words, weight });
      this.weights.set(key, weight);
      for (const n of names) {
        const list = this.exact.get(n);
        if (list) {
          if (list[list.length - 1] !== key) list.push(key);
        } else this.exact.set(n, [key]);
      }
      for (const w of words) {
        const list = this.postings.get(w);
        if (list) list.push(at);
        else this.postings.set(w, [at]);
      }
    });
  }

  /**
   * Node keys matching `name`, best tier only, most mentioned first: exact names; else entries with
   * every word of the query; else entries with a word starting with each word of the query (which
   * includes every name starting with the query). Looked up by word, not by a scan of all names.
   */
  find(name: string): string[] {
    const q = normalizeName(name);
    if (q === '') return [];
    const w = this.weights;
    const byWeight = (keys: Iterable<string>): string[] => {
      return [...new Set(keys)].sort((a, b) => (w.get(b) ?? 0) - (w.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    };
    const exact = this.exact.get(q);
    if (exact) return byWeight(exact);
    const qWords = [...new Set(q.split(' '))];
    const keysOf = (indices: Iterable<number>): string[] => {
      const out: string[] = [];
      for (const i of indices) out.push(this.entries[i]!.key);
      return out;
    };
    // Every word: intersect the word lists, starting from the shortest.
    const lists = qWords.map((x) => this.postings.get(x) ?? []);
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    if (shortest.length > 0) {
      const subset = shortest.filter((i) => qWords.every((x) => this.entries[i]!.words.has(x)));
      if (subset.length > 0) return byWeight(keysOf(subset));
    }
    // A word starting with each query word: the entries under the words in each prefix's range.
    const ranges = qWords.map((x) => this.prefixRange(x));
    let best = 0;
    for (let k = 1; k < ranges.length; k++) if (ranges[k]!.count < ranges[best]!.count) best = k;
    const candidates = new Set<number>();
    const words = this.wordList();
    for (let j = ranges[best]!.from; j < ranges[best]!.to; j++) for (const i of this.postings.get(words[j]!)!) candidates.add(i);
    const others = qWords.filter((_, k) => k !== best);
    const prefix: number[] = [];
    for (const i of candidates) {
      const e = this.entries[i]!;
      if (others.every((x) => hasWordStarting(e.words, x))) prefix.push(i);
    }
    return byWeight(keysOf(prefix));
  }

  /** Every word of `postings`, sorted (built on first use). */
  private wordList(): string[] {
    return (this.sortedWords ??= [...this.postings.keys()].sort());
  }

  /** The range of sorted words starting with `prefix`, and how many entries they list in all. */
  private prefixRange(prefix: string): { from: number; to: number; count: number } {
    const words = this.wordList();
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    let count = 0;
    while (to < words.length && words[to]!.startsWith(prefix)) count += this.postings.get(words[to++]!)!.length;
    return { from: lo, to, count };
  }

  /** Every node whose label or an alias contains the text (normalised), most mentioned first. */
  search(text: string): string[] {
    const q = normalizeName(text);
    if (q === '') return [];
    return this.entries
      .filter((e) => e.names.some((n) => n.includes(q)))
      .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1))
      .map((e) => e.key);
  }
}

/**
 * Node keys whose label or any alias matches `name` (case-, accent- and possessive-insensitive):
 * exact normalised matches if there are any, else nodes whose name contains every word, else
 * nodes with words starting with the query's words. Most mentioned first.
 */
export function findNodes(graph: Graph, name: string): string[] {
  return nameIndexFor(graph).find(name);
}

const indexes = new WeakMap<Graph, NameIndex>();
const watched = new WeakSet<Graph>();
const NAME_EVENTS = ['nodeAdded', 'nodeDropped', 'nodeAttributesUpdated', 'eachNodeAttributesUpdated', 'cleared'] as const;

/**
 * The name index of a graph, built once and reused until a node is added, dropped or has its
 * attributes changed (the index listens to the graph's events to know).
 */
export function nameIndexFor(graph: Graph): NameIndex {
  let index = indexes.get(graph);
  if (index) return index;
  if (!watched.has(graph) && typeof graph.on === 'function') {
    watched.add(graph);
    const invalidate = (): void => {
      indexes.delete(graph);
    };
    for (const event of NAME_EVENTS) graph.on(event, invalidate);
  }
  index = new NameIndex(graph);
  if (watched.has(graph)) indexes.set(graph, index);
  return index;
}
