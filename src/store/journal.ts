/**
 * store/journal: graph.json as a base plus an append-only journal of changes, so that `add` /
 * `remove` on a big graph neither parse nor rewrite the whole graph.json.
 *
 * Beside a graph file NAME.json (graph.json in a graph folder):
 *   NAME.journal.jsonl  one line per update after the last full write of NAME.json: the change from
 *                       the previous graph to the new one (nodes and edges inserted, deleted or
 *                       patched attribute by attribute, graph attributes changed). Every reader
 *                       replays it over NAME.json; the result is exactly what a full write of the
 *                       new graph reads back as (same node and edge order, same attributes).
 *   NAME.index.json     a cache for writers: per node and edge a content hash and where its JSON
 *                       lies in NAME.json, node positions, document ids, name and skipped inputs —
 *                       what an update needs of the previous graph without parsing NAME.json. It is
 *                       trusted only for the NAME.json and journal it records (size, inode and
 *                       mtime, else a sha256 of the file; the journal's length and last line).
 *
 * Every journal line names its base (the sha256 of NAME.json) and its sequence number. A journal
 * whose base is not the present NAME.json (a full rewrite interrupted before the journal was
 * removed) is ignored with a warning; a last line cut short (an update interrupted mid-append) is
 * ignored with a warning (the update's records are then ahead of the graph, and the next update
 * rebuilds it); any other damage is a GraphFormatError naming the file and line.
 */
import { createHash, hash as cryptoHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GraphFormatError } from '../errors.js';
import type { PreviousGraph } from '../graph/incremental.js';
import type { SerializedGraph, SkippedInput } from '../types.js';

export const JOURNAL_FORMAT = 1;
export const INDEX_FORMAT = 1;

/**
 * Graph files smaller than this are always written whole (no journal, no index): reading and
 * writing them costs little, and tools that read graph.json by itself see the whole graph.
 * NEWSGRAPH_JOURNAL_MIN_BYTES overrides it (0: journal every graph; a huge number: never).
 */
export const JOURNAL_MIN_GRAPH_BYTES = 4 * 2 ** 20;
/** A journal is folded into a full write when one more entry would pass this many entries… */
export const JOURNAL_MAX_ENTRIES = 500;
/**
 * …or this share of graph.json's size (replaying it then costs at most ≈ this share of a read), or
 * 1 MiB when that is more (a journal that short costs milliseconds to replay).
 */
export const JOURNAL_MAX_SHARE = 1 / 8;
export const JOURNAL_MIN_LIMIT_BYTES = 2 ** 20;

/** The journal size (bytes) past which an update writes a graph.json of `baseBytes` whole. */
export function journalLimitBytes(baseBytes: number): number {
  return Math.max(JOURNAL_MIN_LIMIT_BYTES, baseBytes * JOURNAL_MAX_SHARE);
}

/**
 * An update that changes more nodes and edges than this (or this share of them, when more) writes
 * graph.json whole: journaling it would mean reading back each changed item's previous version.
 */
const MAX_CHANGED_ITEMS = 2000;
const MAX_CHANGED_SHARE = 0.05;

/** The smallest graph.json (bytes) that gets a journal (NEWSGRAPH_JOURNAL_MIN_BYTES overrides). */
export function journalMinBytes(): number {
  const raw = process.env.NEWSGRAPH_JOURNAL_MIN_BYTES;
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : JOURNAL_MIN_GRAPH_BYTES;
}

/** NAME.journal.jsonl beside NAME.json. */
export function journalFileOf(graphFile: string): string {
  return graphFile.replace(/(\.json)?$/i, '.journal.jsonl');
}

/** NAME.index.json beside NAME.json. */
export function indexFileOf(graphFile: string): string {
  return graphFile.replace(/(\.json)?$/i, '.index.json');
}

/** A 96-bit content hash (base64). */
const h = (text: string): string => cryptoHash('sha1', text, 'base64').slice(0, 16);
const json = (v: unknown): string => JSON.stringify(v) ?? 'null';

/**
 * The content hash of a node or edge in the index: of its attributes' JSON for a node (its key is
 * compared by itself), of its JSON without the key for an edge. Nodes are most of graph.json, and
 * hashing their attributes spares building a second copy of each node's text.
 */
function itemHash(item: Item, isNode: boolean): string {
  if (isNode) return h(json(item.attributes));
  const { key: _key, ...rest } = item;
  return h(json(rest));
}

/* ------------------------------------------------------------------ journal entries */

/** A serialised node or edge (graphology's export format). */
export interface Item {
  key: string;
  attributes?: Record<string, unknown>;
  [field: string]: unknown;
}

/** Array splice over old indices: [start, deleteCount, inserted values]. */
export type ValueHunk = [start: number, deleteCount: number, inserted: unknown[]];
/** Splice of nodes or edges over old indices: [start, keys deleted (checked on replay), items inserted]. */
export type KeyedHunk = [start: number, deleted: string[], inserted: Item[]];

/** Attribute changes: whole values set (keys already present, so key order is kept) and arrays spliced. */
export interface AttributePatch {
  set?: Record<string, unknown>;
  splice?: Record<string, ValueHunk[]>;
}

/** A node or edge present before and after: replaced whole, or its attributes patched. */
export type ItemPatch = [key: string, patch: { replace: Item } | AttributePatch];

export interface CollectionChange {
  /** Applied after `patch`, last hunk first. */
  hunks?: KeyedHunk[];
  patch?: ItemPatch[];
}

/** One line of the journal: the change from the previous graph to the next. */
export interface JournalEntry {
  format: number;
  /** 1 for the first line after a full write, then 2, 3, … */
  seq: number;
  /** sha256 (hex) of the graph.json the journal applies to. */
  base: string;
  nodes?: CollectionChange;
  edges?: CollectionChange;
  attributes?: AttributePatch & { replace?: Record<string, unknown> };
}

/** Splices `inserted` into `arr` (no argument-count limit). */
function spliceInto<T>(arr: T[], start: number, deleteCount: number, inserted: readonly T[]): T[] {
  if (inserted.length < 4096) return arr.splice(start, deleteCount, ...inserted);
  const removed = arr.splice(start, deleteCount);
  const tail = arr.splice(start);
  for (const x of inserted) arr.push(x);
  for (const x of tail) arr.push(x);
  return removed;
}

class ReplayError extends Error {}

function applyValueHunks(arr: unknown, hunks: ValueHunk[], what: string): void {
  if (!Array.isArray(arr)) throw new ReplayError(`${what} is not an array`);
  let limit = arr.length;
  for (let i = hunks.length - 1; i >= 0; i--) {
    const [start, count, inserted] = hunks[i]!;
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > limit || !Array.isArray(inserted)) {
      throw new ReplayError(`bad splice of ${what}`);
    }
    spliceInto(arr, start, count, inserted);
    limit = start;
  }
}

function applyAttributePatch(target: Record<string, unknown>, patch: AttributePatch, what: string): void {
  if (patch.set) for (const [k, v] of Object.entries(patch.set)) target[k] = v;
  if (patch.splice) for (const [k, hunks] of Object.entries(patch.splice)) applyValueHunks(target[k], hunks, `${what} attribute "${k}"`);
}

function applyItemPatch(item: Item, patch: ItemPatch[1], what: string): void {
  if ('replace' in patch) {
    for (const k of Object.keys(item)) delete item[k];
    Object.assign(item, patch.replace);
    return;
  }
  if (!item.attributes) throw new ReplayError(`${what} has no attributes to patch`);
  applyAttributePatch(item.attributes, patch, what);
}

/** Applies one collection change to an item array (and its key map, kept in step). */
function applyCollection(items: Item[], map: Map<string, Item>, change: CollectionChange, kind: string): void {
  for (const [key, patch] of change.patch ?? []) {
    const item = map.get(key);
    if (!item) throw new ReplayError(`it patches ${kind} "${key}", which is not in the graph`);
    applyItemPatch(item, patch, `${kind} "${key}"`);
  }
  const hunks = change.hunks ?? [];
  let limit = items.length;
  for (let i = hunks.length - 1; i >= 0; i--) {
    const [start, deleted, inserted] = hunks[i]!;
    if (!Number.isInteger(start) || start < 0 || !Array.isArray(deleted) || !Array.isArray(inserted) || start + deleted.length > limit) {
      throw new ReplayError(`bad splice of ${kind}s`);
    }
    deleted.forEach((key, j) => {
      if (items[start + j]?.key !== key) throw new ReplayError(`it deletes ${kind} "${key}" at #${start + j}, where the graph has "${items[start + j]?.key}"`);
      map.delete(key);
    });
    for (const item of inserted) {
      if (!item || typeof item.key !== 'string') throw new ReplayError(`it inserts a ${kind} without a key`);
      if (map.has(item.key)) throw new ReplayError(`it inserts ${kind} "${item.key}", which is already in the graph`);
      map.set(item.key, item);
    }
    spliceInto(items, start, deleted.length, inserted);
    limit = start;
  }
}

/** Replays journal entries over a parsed graph.json (mutating it). */
export function replayEntries(data: SerializedGraph, entries: { entry: JournalEntry; line: number }[], journalFile: string): SerializedGraph {
  if (!entries.length) return data;
  const nodes = data.nodes as unknown as Item[];
  const edges = data.edges as unknown as Item[];
  const nodeMap = new Map(nodes.map((n) => [n.key, n]));
  const edgeMap = new Map(edges.map((e) => [e.key, e]));
  for (const { entry, line } of entries) {
    try {
      if (entry.nodes) applyCollection(nodes, nodeMap, entry.nodes, 'node');
      if (entry.edges) applyCollection(edges, edgeMap, entry.edges, 'edge');
      const a = entry.attributes;
      if (a?.replace) (data as { attributes: unknown }).attributes = a.replace;
      else if (a) applyAttributePatch(data.attributes as unknown as Record<string, unknown>, a, 'graph');
    } catch (error) {
      const why = error instanceof ReplayError ? error.message : String((error as Error)?.message ?? error);
      throw new GraphFormatError(
        `openGraph: "${journalFile}" line ${line} does not apply to the graph: ${why}. ` +
          `Delete ${path.basename(journalFile)} (the next newsgraph add rebuilds the graph from extractions.jsonl) or rebuild with newsgraph build.`,
        `${journalFile}:${line}`,
        { cause: error },
      );
    }
  }
  return data;
}

export interface ParsedJournal {
  entries: { entry: JournalEntry; line: number }[];
  /** Why part or all of the journal was left out (a torn last line, another base). */
  warnings: string[];
}

/**
 * Parses journal text for the graph.json of sha256 `base`. A last line without its newline is left
 * out with a warning; a journal written for another graph.json is left out whole with a warning;
 * anything else wrong throws GraphFormatError naming the line.
 */
export function parseJournal(text: string, base: string, journalFile: string): ParsedJournal {
  const warnings: string[] = [];
  const entries: ParsedJournal['entries'] = [];
  if (!text) return { entries, warnings };
  const lines = text.split('\n');
  const torn = lines.pop();
  if (torn) {
    warnings.push(
      `${journalFile}: its last line (${lines.length + 1}) is incomplete — an update was interrupted while writing it — and is ignored; ` +
        'the next newsgraph add catches up from extractions.jsonl.',
    );
  }
  const bad = (line: number, why: string, cause?: unknown): never => {
    throw new GraphFormatError(
      `openGraph: "${journalFile}" line ${line} ${why}. Delete ${path.basename(journalFile)} (the next newsgraph add rebuilds the graph from extractions.jsonl) or rebuild with newsgraph build.`,
      `${journalFile}:${line}`,
      cause === undefined ? undefined : { cause },
    );
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(lines[i]!) as JournalEntry;
    } catch (error) {
      return bad(lineNo, 'is not valid JSON — corrupt', error);
    }
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return bad(lineNo, 'is not a journal entry');
    if (entry.format !== JOURNAL_FORMAT) {
      return bad(lineNo, `has journal format ${JSON.stringify(entry.format)}, this newsgraph reads format ${JOURNAL_FORMAT} (written by another version?)`);
    }
    if (entry.base !== base) {
      if (i === 0) {
        warnings.push(
          `${journalFile} was written for another version of ${path.basename(journalFile).replace(/\.journal\.jsonl$/, '.json')} ` +
            '(a full rewrite interrupted before it removed the journal?) and is ignored; newsgraph compact or the next add removes it.',
        );
        return { entries: [], warnings };
      }
      return bad(lineNo, 'names another base graph than the lines before it');
    }
    if (entry.seq !== lineNo) return bad(lineNo, `has sequence number ${JSON.stringify(entry.seq)}, expected ${lineNo} (lines lost or appended twice?)`);
    entries.push({ entry, line: lineNo });
  }
  return { entries, warnings };
}

/** sha256 (hex) of graph.json's bytes: the journal's `base`. */
export function baseId(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a journal file; '' when there is none. */
export async function readJournalText(journalFile: string): Promise<string> {
  try {
    return await readFile(journalFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new GraphFormatError(`openGraph: cannot read "${journalFile}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, journalFile, { cause: error });
  }
}

/* ------------------------------------------------------------------ sequence diff */

/**
 * Hunks turning sequence `a` into `b` (elements compared with ===): [aStart, aCount, bStart, bCount],
 * ascending and disjoint. Common prefix and suffix are trimmed, then Myers' diff finds the fewest
 * edits up to `maxD`; beyond that the whole middle is one hunk (still exact, only larger).
 */
export function diffSequences(a: readonly string[], b: readonly string[], maxD = 64): [number, number, number, number][] {
  const n0 = a.length;
  const m0 = b.length;
  let pre = 0;
  while (pre < n0 && pre < m0 && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < n0 - pre && suf < m0 - pre && a[n0 - 1 - suf] === b[m0 - 1 - suf]) suf++;
  const n = n0 - pre;
  const m = m0 - pre;
  const nn = n - suf;
  const mm = m - suf;
  if (nn === 0 && mm === 0) return [];
  if (nn === 0 || mm === 0) return [[pre, nn, pre, mm]];
  const max = Math.min(nn + mm, maxD);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < nn && y < mm && a[pre + x] === b[pre + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= nn && y >= mm) {
        done = true;
        break;
      }
    }
  }
  if (!done) return [[pre, nn, pre, mm]];
  // Walk back through the trace: edits in reverse, as [kind, aIndex, bIndex].
  const edits: [0 | 1, number, number][] = []; // 0 delete a[x], 1 insert b[y]
  let x = nn;
  let y = mm;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1]! < vd[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[off + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) edits.push([1, prevX, prevY]);
    else edits.push([0, prevX, prevY]);
    x = prevX;
    y = prevY;
  }
  edits.reverse();
  const hunks: [number, number, number, number][] = [];
  for (const [kind, ax, by] of edits) {
    const last = hunks[hunks.length - 1];
    const aAt = pre + ax;
    const bAt = pre + by;
    if (last && last[0] + last[1] === aAt && last[2] + last[3] === bAt) {
      if (kind === 0) last[1]++;
      else last[3]++;
    } else hunks.push(kind === 0 ? [aAt, 1, bAt, 0] : [aAt, 0, bAt, 1]);
  }
  return hunks;
}

/** The smallest exact change from array `a` to array `b` as value hunks (elements compared as JSON). */
function arrayHunks(aJson: readonly string[], b: readonly unknown[]): ValueHunk[] {
  const bJson = b.map(json);
  return diffSequences(aJson, bJson).map(([as, ac, bs, bc]) => [as, ac, b.slice(bs, bs + bc)]);
}

/** Attribute patch from `a` to `b` (plain JSON objects with the same keys in the same order). */
function attributePatch(a: Record<string, unknown>, b: Record<string, unknown>): AttributePatch {
  const set: Record<string, unknown> = {};
  const splice: Record<string, ValueHunk[]> = {};
  for (const k of Object.keys(b)) {
    const ov = a[k];
    const nv = b[k];
    const nJson = json(nv);
    if (json(ov) === nJson) continue;
    if (Array.isArray(ov) && Array.isArray(nv)) {
      const hunks = arrayHunks(ov.map(json), nv);
      if (json(hunks).length < nJson.length) {
        splice[k] = hunks;
        continue;
      }
    }
    set[k] = nv;
  }
  return patchOf(set, splice);
}

function patchOf(set: Record<string, unknown>, splice: Record<string, ValueHunk[]>): AttributePatch {
  const patch: AttributePatch = {};
  if (Object.keys(set).length) patch.set = set;
  if (Object.keys(splice).length) patch.splice = splice;
  return patch;
}

/**
 * Patch of graph attributes (same keys, same order) from the hashes of the old values: arrays are
 * spliced where most elements are kept, other values set when their hash differs.
 */
function graphAttributePatch(
  oldHashes: Record<string, string | string[]>,
  newHashes: Record<string, string | string[]>,
  values: Record<string, unknown>,
): AttributePatch {
  const set: Record<string, unknown> = {};
  const splice: Record<string, ValueHunk[]> = {};
  for (const [k, nh] of Object.entries(newHashes)) {
    const oh = oldHashes[k];
    const v = values[k];
    if (Array.isArray(nh) && Array.isArray(oh) && Array.isArray(v)) {
      if (nh.length === oh.length && nh.every((x, i) => x === oh[i])) continue;
      const hunks: ValueHunk[] = diffSequences(oh, nh).map(([as, ac, bs, bc]) => [as, ac, v.slice(bs, bs + bc)]);
      const inserted = hunks.reduce((n, hk) => n + hk[2].length, 0);
      if (inserted * 2 < v.length) splice[k] = hunks;
      else set[k] = v;
    } else if (typeof nh !== 'string' || nh !== oh) set[k] = v;
  }
  return patchOf(set, splice);
}

const sameKeys = (a: object, b: object) => {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

/** Patch from item `a` to item `b` (same key), or undefined when equal. */
function itemPatch(a: Item, b: Item): ItemPatch[1] | undefined {
  const { attributes: aa, ...aRest } = a;
  const { attributes: ba, ...bRest } = b;
  if (!sameKeys(a, b) || json(aRest) !== json(bRest) || !aa || !ba || !sameKeys(aa, ba)) return { replace: b };
  const patch = attributePatch(aa, ba);
  return patch.set || patch.splice ? patch : undefined;
}

/* ------------------------------------------------------------------ a graph as graph.json lists it */

/** The nodes or edges of a graph, in order, as graph.json writes them. */
export interface ItemsView {
  keys: string[];
  /** The item's JSON, exactly as in graph.json. */
  json(i: number): string;
  /** The item itself (sharing the graph's attribute object: stringify it before the graph changes). */
  item(i: number): Item;
  /** The item's attributes (undefined when it has none). */
  attributes(i: number): Record<string, unknown> | undefined;
  /** The item's content hash (`itemHash`), without building its whole JSON. */
  hash(i: number): string;
  /**
   * True when the item's attributes are known to serialise exactly as those the index being updated
   * was written from (then its hash there is its hash, and it need not be serialised and hashed).
   */
  unchanged?(i: number): boolean;
}

/** A graph's parts as graph.json (graphology's `export()`) lists them, without export()'s copies. */
export interface GraphView {
  options: Record<string, unknown>;
  attributes: Record<string, unknown>;
  nodes: ItemsView;
  edges: ItemsView;
}

/** The smallest part of graphology's graph interface a view needs. */
export interface ViewableGraph {
  type: string;
  multi: boolean;
  allowSelfLoops: boolean;
  getAttributes(): object;
  forEachNode(callback: (key: string, attributes: object) => void): void;
  forEachEdge(callback: (key: string, attributes: object, source: string, target: string, sa: object, ta: object, undirected: boolean) => void): void;
}

const nonEmpty = (o: object): boolean => {
  for (const _ in o) return true;
  return false;
};

const isPlainObject = (o: object): boolean => {
  const p = Object.getPrototypeOf(o) as unknown;
  return p === Object.prototype || p === null;
};

/**
 * True when `JSON.stringify` gives the same text for both values: the same value (an object shared by
 * both, as an updated graph shares its unchanged mentions with the one before), or plain data
 * (primitives, arrays, plain objects) equal value by value, with object keys in the same order.
 * Anything else (a class instance, a `toJSON`, NaN) counts as different, so a true answer is never
 * wrong.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b) || !sameKeys(a, b)) return false;
  for (const k in a) {
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    // a key whose value JSON leaves out (undefined) must be left out of both
    if (va === undefined || vb === undefined ? va !== vb : !sameJson(va, vb)) return false;
  }
  return true;
}

/**
 * A view of a graphology graph: what `graph.export()` gives, in the same order, serialised the same way.
 * `before`: the node attributes of the graph the index to update was written from (an updater that
 * kept them): a node whose attributes serialise as they did there is known unchanged.
 */
export function viewOf(graph: ViewableGraph, before?: ReadonlyMap<string, object>): GraphView {
  const nodeKeys: string[] = [];
  const nodeAttrs: (Record<string, unknown> | undefined)[] = [];
  graph.forEachNode((key, a) => {
    nodeKeys.push(key);
    nodeAttrs.push(nonEmpty(a) ? (a as Record<string, unknown>) : undefined);
  });
  const edgeKeys: string[] = [];
  const edgeAttrs: (Record<string, unknown> | undefined)[] = [];
  const ends: [string, string, boolean][] = [];
  const mixed = graph.type === 'mixed';
  graph.forEachEdge((key, a, source, target, _sa, _ta, undirected) => {
    edgeKeys.push(key);
    edgeAttrs.push(nonEmpty(a) ? (a as Record<string, unknown>) : undefined);
    ends.push([source, target, mixed && undirected]);
  });
  const nodeItem = (i: number): Item => {
    const a = nodeAttrs[i];
    return a ? { key: nodeKeys[i]!, attributes: a } : { key: nodeKeys[i]! };
  };
  const edgeItem = (i: number): Item => {
    const [source, target, undirected] = ends[i]!;
    const a = edgeAttrs[i];
    const item: Item = { key: edgeKeys[i]!, source, target };
    if (a) item.attributes = a;
    if (undirected) item.undirected = true;
    return item;
  };
  return {
    options: { type: graph.type, multi: graph.multi, allowSelfLoops: graph.allowSelfLoops },
    attributes: graph.getAttributes() as Record<string, unknown>,
    nodes: {
      keys: nodeKeys,
      json: (i) => {
        const a = nodeAttrs[i];
        return a ? `{"key":${json(nodeKeys[i])},"attributes":${json(a)}}` : `{"key":${json(nodeKeys[i])}}`;
      },
      item: nodeItem,
      attributes: (i) => nodeAttrs[i],
      hash: (i) => h(json(nodeAttrs[i])),
      unchanged: before
        ? (i) => {
            const was = before.get(nodeKeys[i]!);
            const a = nodeAttrs[i];
            return was !== undefined && a !== undefined && sameJson(was, a);
          }
        : undefined,
    },
    edges: {
      keys: edgeKeys,
      json: (i) => json(edgeItem(i)),
      item: edgeItem,
      attributes: (i) => edgeAttrs[i],
      hash: (i) => itemHash(edgeItem(i), false),
    },
  };
}

/* ------------------------------------------------------------------ the index (writers' cache) */

interface ItemIndex {
  keys: string[];
  /** Content hash of each item's JSON. */
  hashes: string[];
  /** Byte offset of the item's JSON in graph.json, -1 when it was inserted by the journal. */
  offsets: number[];
  lengths: number[];
}

export interface GraphIndex {
  format: number;
  /** The graph.json this describes (with the journal below). */
  base: { sha256: string; size: number; ino: string; mtimeNs: string };
  /** The journal included: entries, bytes, hash of its last line. */
  journal: { entries: number; bytes: number; tail: string };
  options: string;
  /** Graph attribute keys in order, and per attribute the hash of its JSON or its elements' hashes. */
  attributeKeys: string[];
  attributes: Record<string, string | string[]>;
  name: string;
  skipped: SkippedInput[];
  documentIds: string[];
  nodes: ItemIndex & { x: (number | null)[]; y: (number | null)[] };
  edges: ItemIndex;
}

/** Hashes of graph attributes: arrays per element, other values whole. */
function attributeHashes(attributes: Record<string, unknown>): { keys: string[]; hashes: Record<string, string | string[]> } {
  const keys: string[] = [];
  const hashes: Record<string, string | string[]> = {};
  for (const k of Object.keys(attributes)) {
    const v = attributes[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    keys.push(k);
    hashes[k] = Array.isArray(v) ? v.map((x) => h(json(x))) : h(json(v));
  }
  return { keys, hashes };
}

function graphLevel(attributes: Record<string, unknown>) {
  const docs = attributes.documents;
  return {
    name: typeof attributes.name === 'string' ? attributes.name : 'newsgraph',
    skipped: Array.isArray(attributes.skipped) ? (attributes.skipped as SkippedInput[]) : [],
    documentIds: Array.isArray(docs) ? docs.map((d) => String((d as { id?: unknown })?.id)) : [],
  };
}

const coord = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * graph.json's text in pieces (exactly `JSON.stringify(graph.export()) + "\n"`), building the index
 * of what was written as the pieces are consumed: call `finish` after the last piece.
 */
export function serializeWithIndex(view: GraphView): { pieces: Iterable<string>; finish: (stats: { ino: bigint; mtimeNs: bigint }) => GraphIndex } {
  const sha = createHash('sha256');
  let pos = 0;
  const nodes: GraphIndex['nodes'] = { keys: [], hashes: [], offsets: [], lengths: [], x: [], y: [] };
  const edges: ItemIndex = { keys: [], hashes: [], offsets: [], lengths: [] };
  const emit = (s: string): string => {
    pos += Buffer.byteLength(s, 'utf8');
    sha.update(s, 'utf8');
    return s;
  };
  function* pieces(): Generator<string> {
    yield emit(`{"options":${json(view.options)},"attributes":${json(view.attributes)},"nodes":[`);
    for (const [items, index, isNode] of [
      [view.nodes, nodes, true],
      [view.edges, edges, false],
    ] as const) {
      if (!isNode) yield emit('],"edges":[');
      for (let i = 0; i < items.keys.length; i++) {
        if (i) yield emit(',');
        const key = items.keys[i]!;
        index.keys.push(key);
        index.offsets.push(pos);
        const start = pos;
        const a = items.attributes(i);
        if (isNode && a) {
          // {"key":…,"attributes":…} in pieces: the attributes' text is also what is hashed.
          const text = json(a);
          index.hashes.push(h(text));
          yield emit(`{"key":${json(key)},"attributes":`);
          yield emit(text);
          yield emit('}');
          nodes.x.push(coord(a.x));
          nodes.y.push(coord(a.y));
        } else {
          index.hashes.push(items.hash(i));
          yield emit(items.json(i));
          if (isNode) {
            nodes.x.push(null);
            nodes.y.push(null);
          }
        }
        index.lengths.push(pos - start);
      }
    }
    yield emit(']}\n');
  }
  return {
    pieces: pieces(),
    finish: (stats) => {
      const { keys, hashes } = attributeHashes(view.attributes);
      return {
        format: INDEX_FORMAT,
        base: { sha256: sha.digest('hex'), size: pos, ino: String(stats.ino), mtimeNs: String(stats.mtimeNs) },
        journal: { entries: 0, bytes: 0, tail: '' },
        options: json(view.options),
        attributeKeys: keys,
        attributes: hashes,
        ...graphLevel(view.attributes),
        nodes,
        edges,
      };
    },
  };
}

/** The index as file text. */
export function indexText(index: GraphIndex): string {
  return `${JSON.stringify(index)}\n`;
}

/** What an incremental update needs of the previous graph, from the index. */
export function previousOfIndex(index: GraphIndex): PreviousGraph {
  const positions = new Map<string, { x: number; y: number }>();
  const { keys, x, y } = index.nodes;
  for (let i = 0; i < keys.length; i++) {
    const px = x[i];
    const py = y[i];
    if (px !== null && px !== undefined && py !== null && py !== undefined) positions.set(keys[i]!, { x: px, y: py });
  }
  return { name: index.name, skipped: index.skipped, documents: index.documentIds, positions, order: keys.length };
}

function isIndex(data: unknown): data is GraphIndex {
  const d = data as GraphIndex | null;
  const items = (x: ItemIndex | undefined) =>
    !!x && [x.keys, x.hashes, x.offsets, x.lengths].every((a) => Array.isArray(a) && a.length === x.keys.length);
  return (
    !!d &&
    d.format === INDEX_FORMAT &&
    !!d.base &&
    typeof d.base.sha256 === 'string' &&
    !!d.journal &&
    typeof d.journal.bytes === 'number' &&
    items(d.nodes) &&
    items(d.edges) &&
    Array.isArray(d.nodes.x) &&
    d.nodes.x.length === d.nodes.keys.length &&
    Array.isArray(d.nodes.y) &&
    d.nodes.y.length === d.nodes.keys.length &&
    Array.isArray(d.attributeKeys) &&
    !!d.attributes &&
    Array.isArray(d.documentIds) &&
    Array.isArray(d.skipped) &&
    typeof d.name === 'string'
  );
}

/** The last line of a file (without its newline), read from the end. */
async function lastLine(file: string, size: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    let chunk = 1 << 16;
    for (;;) {
      const start = Math.max(0, size - chunk);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      const body = buf.subarray(0, buf.length - 1); // without the final newline
      const nl = body.lastIndexOf(0x0a);
      if (nl >= 0 || start === 0) return body.subarray(nl + 1).toString('utf8');
      chunk *= 4;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Reads the index of a graph file when it describes the graph.json and journal on disk now;
 * undefined otherwise (missing, damaged, or stale — then an update reads the whole graph).
 */
export async function readGraphIndex(graphFile: string): Promise<GraphIndex | undefined> {
  let index: unknown;
  try {
    index = JSON.parse(await readFile(indexFileOf(graphFile), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isIndex(index)) return undefined;
  try {
    const info = await stat(graphFile, { bigint: true });
    if (Number(info.size) !== index.base.size) return undefined;
    if (String(info.ino) !== index.base.ino || String(info.mtimeNs) !== index.base.mtimeNs) {
      // Copied or touched: the content decides.
      if (baseId(await readFile(graphFile)) !== index.base.sha256) return undefined;
      index.base.ino = String(info.ino);
      index.base.mtimeNs = String(info.mtimeNs);
    }
    const journalFile = journalFileOf(graphFile);
    let size = 0;
    try {
      size = (await stat(journalFile)).size;
    } catch {
      size = 0;
    }
    if (size !== index.journal.bytes) return undefined;
    if (size > 0 && h(await lastLine(journalFile, size)) !== index.journal.tail) return undefined;
  } catch {
    return undefined;
  }
  return index;
}

/* ------------------------------------------------------------------ computing an entry */

/** Why an update cannot be journaled and the graph is written whole instead. */
export class NotJournaled extends Error {}

const UNKNOWN = Symbol('unknown');

/**
 * The previous versions of some nodes and edges: their JSON in graph.json (by the index's offsets),
 * then the journal's changes to them. Each is checked against the index's hash.
 */
async function previousItems(graphFile: string, index: GraphIndex, wanted: { nodes: Map<string, number>; edges: Map<string, number> }): Promise<{ nodes: Map<string, Item>; edges: Map<string, Item> }> {
  // Per wanted key: its value as of the journal line being replayed; undefined while absent from
  // the graph, UNKNOWN while not known (not in graph.json by the index: it was inserted by a line,
  // possibly after an earlier version was deleted — patches before that deletion do not matter).
  const out = { nodes: new Map<string, Item | typeof UNKNOWN | undefined>(), edges: new Map<string, Item | typeof UNKNOWN | undefined>() };
  const handle = await open(graphFile, 'r');
  try {
    for (const kind of ['nodes', 'edges'] as const) {
      for (const [key, i] of wanted[kind]) {
        const offset = index[kind].offsets[i]!;
        if (offset < 0) {
          out[kind].set(key, UNKNOWN);
          continue;
        }
        const buf = Buffer.alloc(index[kind].lengths[i]!);
        const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
        if (bytesRead !== buf.length) throw new NotJournaled('graph.json is shorter than its index says');
        try {
          out[kind].set(key, JSON.parse(buf.toString('utf8')) as Item);
        } catch {
          throw new NotJournaled(`graph.json has no ${kind === 'nodes' ? 'node' : 'edge'} JSON where its index says`);
        }
      }
    }
  } finally {
    await handle.close();
  }
  if (index.journal.entries > 0) {
    const journalFile = journalFileOf(graphFile);
    const { entries, warnings } = parseJournal(await readJournalText(journalFile), index.base.sha256, journalFile);
    if (warnings.length || entries.length !== index.journal.entries) throw new NotJournaled('the journal is not the one indexed');
    for (const { entry } of entries) {
      for (const kind of ['nodes', 'edges'] as const) {
        const change = entry[kind];
        if (!change) continue;
        const values = out[kind];
        for (const [key, patch] of change.patch ?? []) {
          if (!values.has(key)) continue;
          const item = values.get(key);
          if (item === UNKNOWN) continue;
          if (!item) throw new NotJournaled(`journal line ${entry.seq} patches ${kind} "${key}", absent then`);
          applyItemPatch(item, patch, key);
        }
        for (const [, deleted, inserted] of change.hunks ?? []) {
          for (const key of deleted) if (values.has(key)) values.set(key, undefined);
          for (const item of inserted) if (values.has(item.key)) values.set(item.key, structuredClone(item));
        }
      }
    }
  }
  const checked = { nodes: new Map<string, Item>(), edges: new Map<string, Item>() };
  for (const kind of ['nodes', 'edges'] as const) {
    for (const [key, i] of wanted[kind]) {
      const item = out[kind].get(key);
      if (!item || item === UNKNOWN || itemHash(item, kind === 'nodes') !== index[kind].hashes[i]) throw new NotJournaled(`the previous ${kind === 'nodes' ? 'node' : 'edge'} "${key}" does not match the index`);
      checked[kind].set(key, item);
    }
  }
  return checked;
}

interface CollectionDiff {
  change: CollectionChange;
  /** key → old index, for items present before and after whose JSON changed. */
  changed: Map<string, number>;
  /** New item JSON by new index, for the changed ones. */
  json: Map<string, string>;
  index: ItemIndex;
}

/** Diffs new items against an index's (order of common keys must be kept; else NotJournaled). */
function diffCollection(old: ItemIndex, items: ItemsView, kind: string): CollectionDiff {
  const oldAt = new Map<string, number>();
  old.keys.forEach((k, i) => oldAt.set(k, i));
  const newKeys = new Set(items.keys);
  const index: ItemIndex = { keys: [], hashes: [], offsets: [], lengths: [] };
  const hunks: KeyedHunk[] = [];
  const changed = new Map<string, number>();
  const jsonOf = new Map<string, string>();
  let hunk: KeyedHunk | undefined;
  let o = 0;
  let j = 0;
  const n = items.keys.length;
  while (o < old.keys.length || j < n) {
    const ok = old.keys[o];
    if (ok !== undefined && !newKeys.has(ok)) {
      hunk ??= hunks[hunks.push([o, [], []]) - 1]!;
      hunk[1].push(ok);
      o++;
      continue;
    }
    const nk = items.keys[j];
    if (nk !== undefined && !oldAt.has(nk)) {
      hunk ??= hunks[hunks.push([o, [], []]) - 1]!;
      const s = items.json(j);
      // A copy: the entry is written after the graph may have changed.
      hunk[2].push(JSON.parse(s) as Item);
      index.keys.push(nk);
      index.hashes.push(items.hash(j));
      index.offsets.push(-1);
      index.lengths.push(0);
      j++;
      continue;
    }
    // Both present before and after: the same key, or the order changed.
    if (ok === undefined || nk === undefined || ok !== nk) throw new NotJournaled(`the ${kind}s' order changed`);
    hunk = undefined;
    const hash = items.unchanged?.(j) ? old.hashes[o]! : items.hash(j);
    if (hash !== old.hashes[o]) {
      changed.set(ok, o);
      jsonOf.set(ok, items.json(j));
    }
    index.keys.push(ok);
    index.hashes.push(hash);
    index.offsets.push(old.offsets[o]!);
    index.lengths.push(old.lengths[o]!);
    o++;
    j++;
  }
  return { change: { hunks }, changed, json: jsonOf, index };
}

export interface JournalUpdate {
  /** The journal line (without its newline). */
  line: string;
  /** The index after the line is appended. */
  index: GraphIndex;
}

/**
 * The journal entry that turns the indexed graph (graph.json + journal) into `data`, and the index
 * after it. Throws NotJournaled when the change cannot be journaled (the options or the order of
 * nodes or edges changed, or the index does not match the files): write the graph whole then.
 */
export async function journalUpdate(graphFile: string, index: GraphIndex, view: GraphView): Promise<JournalUpdate> {
  if (json(view.options) !== index.options) throw new NotJournaled('the graph options changed');
  const nodes = diffCollection(index.nodes, view.nodes, 'node');
  const edges = diffCollection(index.edges, view.edges, 'edge');
  // Most of the graph changed (a new layout, a big removal): a full write is cheaper than reading
  // back every changed item's previous version, and the entry would be too long to keep anyway.
  const changed = nodes.changed.size + edges.changed.size + (nodes.change.hunks ?? []).reduce((n, hk) => n + hk[1].length + hk[2].length, 0);
  if (changed > Math.max(MAX_CHANGED_ITEMS, (index.nodes.keys.length + index.edges.keys.length) * MAX_CHANGED_SHARE)) {
    throw new NotJournaled(`${changed} nodes and edges changed`);
  }
  const previous = await previousItems(graphFile, index, { nodes: nodes.changed, edges: edges.changed });
  const entry: JournalEntry = { format: JOURNAL_FORMAT, seq: index.journal.entries + 1, base: index.base.sha256 };
  for (const [kind, diff] of [['nodes', nodes], ['edges', edges]] as const) {
    const patch: ItemPatch[] = [];
    for (const key of diff.changed.keys()) {
      const p = itemPatch(previous[kind].get(key)!, JSON.parse(diff.json.get(key)!) as Item);
      if (p) patch.push([key, p]);
    }
    const change: CollectionChange = {};
    if (diff.change.hunks?.length) change.hunks = diff.change.hunks;
    if (patch.length) change.patch = patch;
    if (change.hunks || change.patch) entry[kind] = change;
  }
  const attributes = view.attributes;
  const { keys, hashes } = attributeHashes(attributes);
  if (keys.length !== index.attributeKeys.length || keys.some((k, i) => k !== index.attributeKeys[i])) {
    entry.attributes = { replace: JSON.parse(json(attributes)) as Record<string, unknown> };
  } else {
    const patch = graphAttributePatch(index.attributes, hashes, attributes);
    if (patch.set || patch.splice) entry.attributes = patch;
  }
  const line = json(entry);
  const nodeIndex = nodes.index as GraphIndex['nodes'];
  nodeIndex.x = [];
  nodeIndex.y = [];
  for (let i = 0; i < view.nodes.keys.length; i++) {
    const a = view.nodes.attributes(i);
    nodeIndex.x.push(coord(a?.x));
    nodeIndex.y.push(coord(a?.y));
  }
  return {
    line,
    index: {
      ...index,
      journal: { entries: entry.seq, bytes: index.journal.bytes + Buffer.byteLength(line) + 1, tail: h(line) },
      attributeKeys: keys,
      attributes: hashes,
      ...graphLevel(attributes),
      nodes: nodeIndex,
      edges: edges.index,
    },
  };
}

/**
 * Appends a journal line and flushes it. The journal must be `expectedBytes` long (what the index
 * says), else NotJournaled (another writer got there first, or a torn line is left).
 */
export async function appendJournalLine(graphFile: string, line: string, expectedBytes: number): Promise<void> {
  const handle = await open(journalFileOf(graphFile), 'a');
  try {
    const { size } = await handle.stat();
    if (size !== expectedBytes) throw new NotJournaled('the journal changed since it was indexed');
    await handle.appendFile(`${line}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
