/**
 * Incremental builds: add documents to, or remove them from, a built graph without extracting the
 * others again. The per-document extraction records are the unit of reuse; the graph (resolution,
 * edges, claims, metrics) is rebuilt from all records, so the result equals a full build of the
 * final set of documents, and the layout warm-starts from the previous positions. The resolver's
 * memo of the previous build spares classifying the unchanged documents' names again.
 *
 * Pure of disk: callers (cli/, the Node API) read the previous records and graph with store/ and
 * write the result back; this module only computes.
 */
import { InputError } from '../errors.js';
import { readDocuments, type ReadOptions } from '../ingest/index.js';
import type { ExtractionRecord, NodeAttributes, SerializedGraph, SkippedInput } from '../types.js';
import type { ResolveMemo } from '../resolve/index.js';
import { buildGraphAndMemo, type KnowledgeGraph } from './build.js';
import { defaultIterations, type LayoutOptions } from './layout.js';
import { copySkipped, extractStream, SameContent, sameContentReason, sameOutlet, skippedOf, type ExtractOptions, type ReadItem } from './pipeline.js';

/** What an incremental update starts from: the previous build's records and (optionally) graph. */
export interface GraphState {
  /** The previous extraction records (DIR/extractions.jsonl). */
  records: ExtractionRecord[];
  /** The previous graph, for its layout positions, name and skipped inputs. */
  graph?: KnowledgeGraph;
  /**
   * What the update needs of the previous graph, when `graph` is not given: far lighter to hold
   * than the graph while everything is rebuilt (see `previousOfSerialized`).
   */
  previous?: PreviousGraph;
  /**
   * The resolver's memo of the previous build (DIR/resolve-memo.json): documents it describes are
   * not classified again. Optional; the result is the same without it, only slower.
   */
  memo?: ResolveMemo;
}

/** The parts of a previous graph an incremental update uses. */
export interface PreviousGraph {
  name: string;
  skipped: SkippedInput[];
  /** Document ids. */
  documents: string[];
  /** Node positions. */
  positions: Map<string, { x: number; y: number }>;
  /** Number of nodes. */
  order: number;
}

/** The parts of a graph an incremental update uses. */
export function previousOf(graph: KnowledgeGraph): PreviousGraph {
  return {
    name: graph.getAttribute('name'),
    skipped: graph.getAttribute('skipped') ?? [],
    documents: (graph.getAttribute('documents') ?? []).map((d) => d.id),
    positions: positionsOf(graph),
    order: graph.order,
  };
}

/** The same from a serialised graph (graph.json's data), without building a graphology graph. */
export function previousOfSerialized(data: SerializedGraph): PreviousGraph {
  const positions = new Map<string, { x: number; y: number }>();
  for (const n of data.nodes) {
    const a = n.attributes as Partial<NodeAttributes> | undefined;
    if (a && Number.isFinite(a.x) && Number.isFinite(a.y)) positions.set(n.key, { x: a.x!, y: a.y! });
  }
  return {
    name: data.attributes.name,
    skipped: data.attributes.skipped ?? [],
    documents: (data.attributes.documents ?? []).map((d) => d.id),
    positions,
    order: data.nodes.length,
  };
}

const previousOfState = (state: GraphState): PreviousGraph | undefined => state.previous ?? (state.graph ? previousOf(state.graph) : undefined);

export interface IncrementalOptions extends ExtractOptions {
  /** Layout options for the rebuild (`previous` is filled from the previous graph); `false` skips it. */
  layout?: LayoutOptions | false;
  /** Graph name (default: the previous graph's). */
  name?: string;
  /** How `addDocuments` reads its inputs (e.g. `only` the files that changed). */
  read?: ReadOptions;
  /**
   * Documents to remove in the same rebuild (`addItems` / `addDocuments`): ids not in the graph, or
   * read again in this update, are left alone.
   */
  remove?: string[];
  /**
   * Called once the new documents are extracted, as the graph is about to be rebuilt from all records
   * (the longest step of an update on a large graph; a progress display names it). Not called when
   * nothing changed.
   */
  onRebuild?: (documents: number) => void;
  /**
   * The caller keeps the result's memo in memory and gives it back, as `GraphState.memo`, to its next
   * update (`newsgraph watch`, the Node API): the resolver then keeps with it what each entity was
   * assembled from, and the next update takes the entities it does not change over (same result).
   */
  holdMemo?: boolean;
}

export interface IncrementalResult {
  /** The rebuilt graph; undefined when nothing changed (the previous files stay as they are). */
  graph?: KnowledgeGraph;
  /** All records after the update, sorted by document id. */
  records: ExtractionRecord[];
  /** Ids of documents that were new. */
  added: string[];
  /**
   * Ids of documents present before with a different content hash (extracted again), or with the same
   * one and another outlet given for them (`read.outlet`: their record is kept with the new outlet).
   */
  changed: string[];
  /** Ids of documents present before with the same content hash (not extracted again). */
  unchanged: string[];
  /**
   * Ids of documents removed: those asked for (`remove`), and documents of the graph whose content is
   * now a copy of another document's (passed over as a copy, see `skipped`: the record of what they
   * held before no longer describes them).
   */
  removed: string[];
  /** Inputs that could not be read in this update. */
  skipped: SkippedInput[];
  /** The resolver's memo of the rebuilt graph, for the next update (with `graph`). */
  memo?: ResolveMemo;
  /**
   * What the rebuild caught up with besides this update: documents whose records an interrupted
   * update had written but not its graph (`in`), and documents an interrupted remove had removed from
   * the records but not the graph (`out`). Given only when there are some.
   */
  caughtUp?: { in: string[]; out: string[] };
}

/** Documents the graph before and the records before disagree on (see IncrementalResult.caughtUp). */
function caughtUpOf(prev: PreviousGraph | undefined, before: readonly ExtractionRecord[], now: ReadonlyMap<string, unknown>, touched: ReadonlySet<string>): { in: string[]; out: string[] } | undefined {
  if (!prev) return undefined;
  const inGraph = new Set(prev.documents);
  const inRecords = new Set(before.map((r) => r.document.id));
  const caughtIn = [...inRecords].filter((id) => !inGraph.has(id) && now.has(id) && !touched.has(id));
  const caughtOut = prev.documents.filter((id) => !inRecords.has(id) && !now.has(id) && !touched.has(id));
  return caughtIn.length || caughtOut.length ? { in: caughtIn, out: caughtOut } : undefined;
}

const byId = (a: ExtractionRecord, b: ExtractionRecord) => (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0);

/** The node positions of a graph, for a warm-started layout. */
export function positionsOf(graph: KnowledgeGraph): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  graph.forEachNode((key, a) => {
    if (Number.isFinite(a.x) && Number.isFinite(a.y)) out.set(key, { x: a.x, y: a.y });
  });
  return out;
}

/**
 * Iterations for a warm-started layout: none when the change is small (at most 1% of the documents:
 * old nodes keep their place and new ones start at the centre of their placed neighbours, so adding
 * an article to a big graph costs no layout pass), else a third of a cold layout's when much changed,
 * down to a few.
 */
export function warmIterations(order: number, changedDocs: number, totalDocs: number): number {
  if (totalDocs > 0 && changedDocs * 100 <= totalDocs) return 0;
  const full = Math.ceil(defaultIterations(order) / 3);
  const share = totalDocs > 0 ? Math.min(1, (10 * changedDocs) / totalDocs) : 1;
  return Math.max(Math.min(3, full), Math.round(full * share));
}

function rebuild(
  prev: PreviousGraph | undefined,
  memo: ResolveMemo | undefined,
  records: ExtractionRecord[],
  skipped: SkippedInput[],
  options: IncrementalOptions,
  changedDocs: number,
): { graph: KnowledgeGraph; memo?: ResolveMemo } {
  let layout: LayoutOptions | false;
  if (options.layout === false || !prev) layout = options.layout ?? {};
  else {
    // Order is not known before the rebuild; the previous graph's is close enough.
    const iterations = options.layout?.iterations ?? warmIterations(prev.order, changedDocs, records.length);
    layout = { ...(options.layout ?? {}), iterations, previous: options.layout?.previous ?? prev.positions };
  }
  return buildGraphAndMemo(records, {
    name: options.name ?? prev?.name,
    skipped,
    layout,
    resolveMemo: memo,
    keepResolveMemo: true,
    holdResolveMemo: options.holdMemo,
  });
}

/**
 * True when the previous graph's documents are not exactly the previous records' (records appended by
 * an update that was interrupted before graph.json was written): the graph must be rebuilt.
 */
function graphLagsRecords(prev: PreviousGraph | undefined, records: ExtractionRecord[]): boolean {
  if (!prev) return false;
  if (prev.documents.length !== records.length) return true;
  const ids = new Set(records.map((r) => r.document.id));
  return prev.documents.some((d) => !ids.has(d));
}

/**
 * The file a skipped entry is about: a JSON Lines line's (`news.jsonl:7`) is its file's, and so is a
 * JSON Lines document's named by its id (`news.jsonl#7`: a copy `build --from-extractions` passed over).
 */
const fileOfSkipped = (p: string): string => p.replace(/(\.(?:jsonl|ndjson))(?::\d+|#.*)$/i, '$1');

/**
 * The graph's skipped inputs after an update: the earlier ones, less those about a file this update
 * read again (what it says of the file now replaces them: a file fixed since is no longer listed) or
 * about documents it removed (a removed file's warnings go with it, a JSON Lines file's once none of
 * its documents is left) — the list a build of the files as they are now would give — then this
 * update's.
 */
function mergeSkipped(before: SkippedInput[], after: SkippedInput[], read: ReadonlySet<string>, removed: readonly string[], left: ReadonlyMap<string, unknown>): SkippedInput[] {
  const gone = new Set<string>();
  let linesLeft: Set<string> | undefined; // JSON Lines files some of whose documents stay
  for (const id of removed) {
    const hash = id.indexOf('#');
    const file = hash >= 0 ? id.slice(0, hash) : id;
    if (hash >= 0) {
      linesLeft ??= new Set([...left.keys()].filter((k) => k.includes('#')).map((k) => k.slice(0, k.indexOf('#'))));
      if (linesLeft.has(file)) continue;
    }
    gone.add(file);
  }
  // a file given by itself is named as given ("in/doc.txt") and known by its name ("doc.txt"); a
  // longer path that is itself a document still in the graph is another file
  const about = (p: string, files: ReadonlySet<string>): boolean => {
    if (files.has(p)) return true;
    if (left.has(p)) return false;
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) if (files.has(p.slice(i + 1))) return true;
    return false;
  };
  const map = new Map<string, SkippedInput>();
  for (const s of before) {
    const file = fileOfSkipped(s.path);
    if (read.has(file) || (gone.size && about(file, gone))) continue;
    map.set(s.path, copyNow(s, left));
  }
  for (const s of after) map.set(s.path, s);
  return [...map.values()];
}

/**
 * A copy passed over earlier, as it stands now: once the document it copies has been removed, its
 * reason says so (the copy is not in the graph: adding its file again adds it); once that document is
 * back, it says that it is in the graph again.
 */
function copyNow(s: SkippedInput, left: ReadonlyMap<string, unknown>): SkippedInput {
  const first = s.duplicateOf;
  if (first === undefined) return s;
  const removed = sameContentReason(first, 'removed');
  if (!left.has(first)) return s.reason === removed ? s : { ...s, reason: removed };
  return s.reason === removed ? { ...s, reason: sameContentReason(first, 'graph') } : s;
}

/**
 * Applies already-read items (documents and skipped inputs) to a graph state: new documents are
 * extracted, documents with an unchanged content hash are kept as they were, changed ones are
 * extracted again; then the graph is rebuilt from all records with a warm-started layout (also when
 * nothing is new but the previous graph lacks some of the records).
 */
export async function addItems(state: GraphState, items: AsyncIterable<ReadItem>, options: IncrementalOptions = {}): Promise<IncrementalResult> {
  const previous = new Map(state.records.map((r) => [r.document.id, r]));
  const next = new Map(previous);
  const added: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  const skipped: SkippedInput[] = [];
  const readFiles = new Set<string>(); // the files this update read (as skipped entries name them)
  const copied: string[] = []; // documents of the graph whose new content is a copy of another's
  const copies = sameContentSkipped(items, previous, new Set(options.remove ?? []), copied);
  for await (const item of extractStream(copies, { ...options, reuse: previous })) {
    if (item.kind === 'skipped') {
      skipped.push(skippedOf(item));
      readFiles.add(fileOfSkipped(item.skipped.path));
      continue;
    }
    if (item.from !== undefined) readFiles.add(item.from);
    const id = item.record.document.id;
    if (item.reused) unchanged.push(id);
    else if (previous.has(id)) changed.push(id);
    else added.push(id);
    next.set(id, item.record);
  }
  const read = new Set([...added, ...changed, ...unchanged]);
  const removed = [...new Set([...(options.remove ?? []), ...copied])].filter((id) => next.has(id) && !read.has(id));
  for (const id of removed) next.delete(id);
  const records = [...next.values()].sort(byId);
  const result: IncrementalResult = { records, added, changed, unchanged, removed, skipped };
  const prev = previousOfState(state);
  if (!added.length && !changed.length && !removed.length && !graphLagsRecords(prev, state.records)) return result;
  const allSkipped = mergeSkipped(prev?.skipped ?? [], skipped, readFiles, removed, next);
  options.onRebuild?.(records.length);
  const built = rebuild(prev, state.memo, records, allSkipped, options, added.length + changed.length + removed.length);
  result.graph = built.graph;
  result.memo = built.memo;
  const caughtUp = caughtUpOf(prev, state.records, next, new Set([...read, ...removed]));
  if (caughtUp) result.caughtUp = caughtUp;
  return result;
}

/**
 * Passes over the documents of an update that are copies (see SameContent) of another document: of
 * one the graph has and keeps (the same file added by another path: `add world/a.txt` to a graph of
 * world/ calls it "a.txt"), or of one read before it in this update, as a build passes over copies.
 * Each is said as a skipped input naming the document it copies: added, it would count every
 * relation it reports twice. A document of the graph whose new content is such a copy is passed over
 * the same way, and its id goes into `copied` (its record, of what it held before, is removed).
 *
 * So that the update equals a build of the documents it leaves, a copy of a document of the graph
 * that this update may still change (read again later with other content) or remove (`remove`) is
 * held back until that is known: it is then passed over, or read after all — the first such copy in
 * input order — when that document no longer holds the content. Documents read again unchanged are
 * never held back. Documents of the graph are kept over copies that arrive later; a copy the graph
 * already holds (built before copies were passed over) stays until it changes or is removed.
 */
async function* sameContentSkipped(
  items: AsyncIterable<ReadItem>,
  previous: ReadonlyMap<string, ExtractionRecord>,
  remove: ReadonlySet<string>,
  copied: string[],
): AsyncGenerator<ReadItem> {
  type DocumentItem = Extract<ReadItem, { kind: 'document' }>;
  // documents of the graph read in this update: the outlet they keep when read again unchanged, or
  // null when they no longer hold their previous content (changed, or a copy now)
  const now = new Map<string, string | null>();
  const passed = new SameContent(); // new and changed documents of this update, passed on
  let byHash: Map<string, string[]> | undefined; // the graph's documents by content hash
  const held: DocumentItem[] = [];
  const out: ReadItem[] = [];
  let ended = false;

  /** The document `item` is a copy of (`graph`: the graph's), 'wait' while that is not known yet, or undefined. */
  const copyOf = (item: DocumentItem): { first: string; why: 'read' | 'graph' } | 'wait' | undefined => {
    const d = item.document;
    const earlier = passed.find(d);
    if (earlier !== undefined) return { first: earlier, why: 'read' };
    if (!byHash) {
      byHash = new Map();
      for (const r of previous.values()) {
        const ids = byHash.get(r.document.hash);
        if (ids) ids.push(r.document.id);
        else byHash.set(r.document.hash, [r.document.id]);
      }
    }
    let wait = false;
    for (const id of byHash.get(d.hash) ?? []) {
      if (id === d.id) continue;
      const state = now.get(id);
      if (state === undefined) {
        // not read in this update (yet): it keeps its content unless read again, or removed
        if (!sameOutlet(previous.get(id)!.document.source, d.source)) continue;
        if (!ended) wait = true;
        else if (!remove.has(id)) return { first: id, why: 'graph' };
      } else if (state !== null && sameOutlet(state, d.source)) return { first: id, why: 'graph' };
    }
    return wait ? 'wait' : undefined;
  };

  /** Decides on a document (false: held back, see above). */
  const decide = (item: DocumentItem): boolean => {
    const d = item.document;
    const old = previous.get(d.id);
    if (old && old.document.hash === d.hash) {
      now.set(d.id, d.source || old.document.source); // unchanged: extractStream reuses its record
      out.push(item);
      return true;
    }
    const copy = copyOf(item);
    if (copy === 'wait') return false;
    if (old) now.set(d.id, null);
    if (copy) {
      out.push(copySkipped(item, copy.first, copy.why));
      if (old) copied.push(d.id);
    } else {
      passed.add(d);
      out.push(item);
    }
    return true;
  };

  /** Decides on the documents held back that can be decided now, in input order. */
  const settle = () => {
    for (let progress = true; progress && held.length; ) {
      progress = false;
      for (let i = 0; i < held.length; i++) {
        if (!decide(held[i]!)) continue;
        held.splice(i--, 1);
        progress = true;
      }
    }
  };

  for await (const item of items) {
    if (item.kind !== 'document') {
      yield item;
      continue;
    }
    const known = previous.has(item.document.id);
    if (!decide(item)) {
      held.push(item);
      if (known) now.set(item.document.id, null); // whatever becomes of it, it holds other content now
    }
    if (known && held.length) settle();
    yield* out.splice(0);
  }
  ended = true; // every document of the graph not read again keeps its content, unless removed
  settle();
  yield* out.splice(0);
}

/**
 * Adds the documents of `inputs` (files, folders, JSON Lines) to a built graph. Documents already
 * present with the same content hash change nothing; when nothing is new or changed, `graph` is
 * undefined and nothing needs writing.
 */
export function addDocuments(state: GraphState, inputs: string[], options: IncrementalOptions = {}): Promise<IncrementalResult> {
  return addItems(state, readDocuments(inputs, options.read), options);
}

/**
 * Removes documents by id and rebuilds the graph: their mentions and evidence go, and entities,
 * edges and claims left without any go with them.
 * @throws InputError naming the first id that is not in the graph (nothing is removed then).
 */
export function removeDocuments(state: GraphState, ids: string[], options: Omit<IncrementalOptions, keyof ExtractOptions> = {}): IncrementalResult {
  const present = new Map(state.records.map((r) => [r.document.id, r]));
  for (const id of ids) {
    if (!present.has(id)) {
      const base = id.split(/[\\/#]/).pop() ?? id;
      const near = [...present.keys()].filter((k) => k.endsWith(`/${base}`) || k.endsWith(`#${base}`) || k === base).slice(0, 3);
      const hint = near.length
        ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`
        : ` The graph has ${present.size} document${present.size === 1 ? '' : 's'}; ids are paths relative to the input folder (e.g. "${[...present.keys()][0] ?? 'world/a.txt'}").`;
      throw new InputError(`removeDocuments: no document "${id}" in the graph.${hint}`, id);
    }
  }
  const removed = [...new Set(ids)];
  for (const id of removed) present.delete(id);
  const records = [...present.values()].sort(byId);
  const prev = previousOfState(state);
  options.onRebuild?.(records.length);
  const { graph, memo } = rebuild(prev, state.memo, records, mergeSkipped(prev?.skipped ?? [], [], new Set(), removed, present), options, removed.length);
  const caughtUp = caughtUpOf(prev, state.records, present, new Set(removed));
  return { graph, records, added: [], changed: [], unchanged: [], removed, skipped: [], memo, ...(caughtUp ? { caughtUp } : {}) };
}
