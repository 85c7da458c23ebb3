/**
 * The Node API's functions: build a graph from paths or strings, open a saved one, query it, save it.
 * Thin compositions of the pipeline stages.
 */
import { documentFromText } from './ingest/index.js';
import {
  addDocuments,
  buildFromInputs,
  buildGraphAndMemo,
  extractRecord,
  removeDocuments,
  SameContent,
  sameContentReason,
  type IncrementalResult,
  type KnowledgeGraph,
} from './graph/index.js';
import { runQuery } from './query/index.js';
import type { ResolveMemo } from './resolve/index.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GraphFormatError, InputError, UsageError } from './errors.js';
import {
  documentsWithoutRecords,
  EXTRACTIONS_FILE,
  graphFolderSignature,
  lockGraphFolder,
  readGraph,
  readGraphRecords,
  readResolveMemo,
  recordsLost,
  resolveGraphFile,
  writeGraph,
} from './store/index.js';
import type { ExtractionRecord, QueryResult, SkippedInput } from './types.js';

/**
 * What `openGraphWithRecords` read, by the object it returned and the updates made from it: the
 * folder and its signature then, so that `saveGraph` into that folder can tell that another process
 * (`newsgraph add`, another script) wrote it meanwhile instead of silently writing over its update.
 */
const openedFrom = new WeakMap<object, { dir: string; signature: string }>();

/** A list of paths (or ids) as the functions below take it; a string alone would be read letter by letter. */
function listOf(value: unknown, fn: string, what: string): string[] {
  if (!Array.isArray(value)) {
    throw new UsageError(`${fn}: ${what} must be an array of strings, got ${typeof value === 'string' ? `the string "${value}" (write [${JSON.stringify(value)}])` : value === null ? 'null' : typeof value}.`);
  }
  const bad = value.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad >= 0) throw new UsageError(`${fn}: ${what}[${bad}] must be a non-empty string, got ${JSON.stringify(value[bad]) ?? String(value[bad])}.`);
  return value as string[];
}

/** The previous state of an update, checked: what `build`, `buildFromTexts` or `openGraphWithRecords` gave. */
function stateOf(previous: unknown, fn: string): GraphWithRecords {
  const p = previous as Partial<GraphWithRecords> | null | undefined;
  if (!p || typeof p !== 'object' || !p.graph || typeof (p.graph as { forEachNode?: unknown }).forEachNode !== 'function' || !Array.isArray(p.records)) {
    throw new UsageError(`${fn}: the first argument must be what build, buildFromTexts, openGraphWithRecords or an earlier update returned ({ graph, records, memo? }).`);
  }
  return p as GraphWithRecords;
}

export interface BuildOptions {
  /** Graph name (graph attribute `name`). */
  name?: string;
  /** Layout iterations (default: scales with graph size); 0 keeps seeded positions. */
  layoutIterations?: number;
  /**
   * The outlet of every document that names none of its own (front matter `source:`, an HTML page's
   * site name, a JSON Lines `source`; for `buildFromTexts`, a text's `source`). Without it such a
   * document counts as an outlet of its own, its id.
   */
  outlet?: string;
}

/** Options of `addToGraph`. */
export interface AddOptions {
  /**
   * The outlet of every document read that names none of its own (see `BuildOptions.outlet`); a
   * document already in the graph keeps the outlet it has unless this names another one.
   */
  outlet?: string;
}

/** `options.outlet`, checked: a name with its white space collapsed, or undefined. */
function outletOption(options: { outlet?: unknown } | undefined, fn: string): string | undefined {
  const outlet = options?.outlet;
  if (outlet === undefined) return undefined;
  const name = typeof outlet === 'string' ? outlet.replace(/\s+/g, ' ').trim() : '';
  if (!name) throw new UsageError(`${fn}: options.outlet must be the name of an outlet (a non-blank string), got ${JSON.stringify(outlet) ?? typeof outlet}.`);
  return name;
}

export interface BuildResult {
  graph: KnowledgeGraph;
  /** One record per document: metadata, text and extraction (what `saveGraph` keeps for later adds). */
  records: ExtractionRecord[];
  /** Inputs that could not be read, and why. */
  skipped: SkippedInput[];
  /**
   * The resolver's memo: `saveGraph` keeps it (resolve-memo.json) and `addToGraph` /
   * `removeFromGraph` reuse it, so unchanged documents' names are not classified again.
   */
  memo?: ResolveMemo;
}

/** A built or opened graph, as the incremental functions take it. */
export type GraphWithRecords = Pick<BuildResult, 'graph' | 'records' | 'memo'>;

/** An article given as a string. */
export interface TextInput {
  text: string;
  id?: string;
  title?: string;
  source?: string;
  published?: string;
  url?: string;
  format?: 'txt' | 'md' | 'html';
}

function layoutOf(options: BuildOptions, fn: string) {
  const { name, layoutIterations: n } = options ?? {};
  if (name !== undefined && typeof name !== 'string') throw new UsageError(`${fn}: options.name must be a string, got ${JSON.stringify(name) ?? typeof name}.`);
  if (n !== undefined && !(Number.isInteger(n) && n >= 0)) throw new UsageError(`${fn}: options.layoutIterations must be a whole number ≥ 0 (0: no layout pass), got ${JSON.stringify(n) ?? typeof n}.`);
  return n === 0 ? false : n ? { iterations: n } : {};
}

/**
 * Builds a knowledge graph from files and folders (.txt, .md, .html, .jsonl).
 * @throws NewsgraphError subclasses for unusable options; unreadable inputs are reported in `skipped`.
 */
export async function build(paths: string[], options: BuildOptions = {}): Promise<BuildResult> {
  const layout = layoutOf(options, 'build');
  const outlet = outletOption(options, 'build');
  return buildFromInputs(listOf(paths, 'build', 'paths'), { name: options.name, layout, keepResolveMemo: true, read: { outlet } });
}

/**
 * Builds a knowledge graph from articles given as strings (ids default to `doc-1`, `doc-2`, …). A text
 * that is a copy of one before it (the same text, and not another `source`) is passed over, listed in
 * `skipped`, as `build` passes over a copied file.
 */
export function buildFromTexts(texts: (string | TextInput)[], options: BuildOptions = {}): BuildResult {
  if (!Array.isArray(texts)) throw new UsageError('buildFromTexts: texts must be an array of strings or { text, id?, … } objects.');
  const layout = layoutOf(options, 'buildFromTexts');
  const outlet = outletOption(options, 'buildFromTexts');
  const ids = new Map<string, number>();
  const documents = texts.map((t, i) => {
    const input = typeof t === 'string' ? { text: t } : t;
    if (!input || typeof input.text !== 'string') throw new UsageError(`buildFromTexts: texts[${i}] must be a string or an object with a string \`text\`.`);
    const id = input.id ?? `doc-${i + 1}`;
    // two articles under one id would be one document to every later update (removeFromGraph, addToGraph)
    const first = ids.get(id);
    if (first !== undefined) throw new InputError(`buildFromTexts: texts[${first}] and texts[${i}] have the same id "${id}"; give each article its own.`, id);
    ids.set(id, i);
    const doc = documentFromText(input.text, { ...input, id });
    if (!doc.source && outlet) doc.source = outlet;
    return doc;
  });
  const kept = new SameContent();
  const records: ExtractionRecord[] = [];
  const skipped: SkippedInput[] = [];
  for (const doc of documents) {
    const first = kept.find(doc);
    if (first !== undefined) {
      skipped.push({ path: doc.id, reason: sameContentReason(first, 'read'), duplicateOf: first });
      continue;
    }
    kept.add(doc);
    records.push(extractRecord(doc));
  }
  const { graph, memo } = buildGraphAndMemo(records, { name: options.name, layout, skipped, keepResolveMemo: true, holdResolveMemo: true });
  return { graph, records, skipped, memo };
}

/**
 * Opens a saved graph (a folder with graph.json, or the graph.json file), with the journal of
 * `newsgraph add` / `remove` (graph.journal.jsonl, for big graphs) replayed.
 * @throws GraphFormatError when the file is missing, truncated or not a newsgraph graph, or its
 * journal is damaged (a last line cut short by a crash is left out with a warning instead).
 */
export function openGraph(location: string): Promise<KnowledgeGraph> {
  return readGraph(location);
}

/**
 * Saves a graph (and its records and resolver memo, for later incremental adds) into a folder,
 * atomically. graph.json is written whole, as by `newsgraph build`: a journal left by `newsgraph
 * add` in that folder is dropped (the graph saved replaces it), and for a graph of 4 MB or more the
 * index that lets later `newsgraph add` runs journal their changes is written.
 */
export async function saveGraph(dir: string, result: GraphWithRecords): Promise<void> {
  stateOf(result, 'saveGraph');
  const release = await lockGraphFolder(dir, 'saveGraph');
  try {
    const opened = openedFrom.get(result);
    if (opened && path.resolve(opened.dir) === path.resolve(dir) && (await graphFolderSignature(dir)) !== opened.signature) {
      throw new GraphFormatError(
        `saveGraph: "${dir}" was written by another process (newsgraph add, remove, watch or another script) since openGraphWithRecords read it; saving would undo that update. Open it again and redo this one.`,
        dir,
      );
    }
    await writeGraph(dir, result.graph, result.records, { memo: result.memo });
    // what is in the folder now is this result: updates made from it may be saved there next
    openedFrom.set(result, { dir, signature: await graphFolderSignature(dir) });
  } finally {
    await release();
  }
}

/**
 * Runs a query (newsgraph's query language, accepting openCypher syntax for what it supports).
 * @throws QuerySyntaxError with line and column; QueryLimitError when over budget.
 */
export function query(graph: KnowledgeGraph, text: string, options?: Parameters<typeof runQuery>[2]): QueryResult {
  return runQuery(graph, text, options);
}

/**
 * What `addToGraph` / `removeFromGraph` report besides the updated graph. When nothing changed
 * (every article already there), `graph` and `memo` are the previous result's very objects.
 */
export interface UpdateResult extends BuildResult {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/** An incremental result as the API reports it: the previous graph and memo where nothing changed. */
function updateResultOf(previous: GraphWithRecords, r: IncrementalResult): UpdateResult {
  const { graph, records, skipped, added, changed, unchanged, removed, memo } = r;
  const result = { graph: graph ?? previous.graph, records, skipped, added, changed, unchanged, removed, memo: memo ?? previous.memo };
  const opened = openedFrom.get(previous);
  if (opened) openedFrom.set(result, opened); // saved into the folder it came from: still checked
  return result;
}

/**
 * Adds articles (files, folders, JSON Lines) to a built graph without extracting the others again;
 * an article already present with the same content changes nothing (nor does a copy of it under
 * another id, listed in `skipped`). The result equals a full build.
 */
export async function addToGraph(previous: GraphWithRecords, paths: string[], options: AddOptions = {}): Promise<UpdateResult> {
  const state = stateOf(previous, 'addToGraph');
  const outlet = outletOption(options, 'addToGraph');
  return updateResultOf(state, await addDocuments(state, listOf(paths, 'addToGraph', 'paths'), { holdMemo: true, read: { outlet } }));
}

/** Removes documents by id; entities and relations left without any mention or evidence go too. */
export function removeFromGraph(previous: GraphWithRecords, ids: string[]): UpdateResult {
  const state = stateOf(previous, 'removeFromGraph');
  return updateResultOf(state, removeDocuments(state, listOf(ids, 'removeFromGraph', 'ids'), { holdMemo: true }));
}

/**
 * Opens a saved graph (its journal replayed) with its extraction records (and resolver memo, when
 * valid), ready for `addToGraph`.
 */
export async function openGraphWithRecords(dir: string): Promise<GraphWithRecords> {
  if (typeof dir !== 'string' || dir === '') throw new UsageError(`openGraphWithRecords: dir must be a graph folder's path (or its graph.json), got ${JSON.stringify(dir) ?? String(dir)}.`);
  const folder = path.dirname(await resolveGraphFile(dir)); // a graph.json path: its folder
  const signature = await graphFolderSignature(folder);
  const removed = new Set<string>();
  const [graph, records, memo] = await Promise.all([readGraph(folder), readGraphRecords(folder, { removed }), readResolveMemo(folder)]);
  const documents = (graph.getAttribute('documents') ?? []).map((d) => d.id);
  if (documents.length && !existsSync(path.join(folder, EXTRACTIONS_FILE))) {
    throw new GraphFormatError(
      `openGraphWithRecords: "${folder}" has no ${EXTRACTIONS_FILE} (the per-document extractions updates start from): open it with openGraph to read it, or build it again from its articles to update it.`,
      path.join(folder, EXTRACTIONS_FILE),
    );
  }
  const lost = documentsWithoutRecords(documents, records, removed);
  if (lost.length) throw recordsLost(folder, lost, 'openGraphWithRecords');
  const opened: GraphWithRecords = memo ? { graph, records, memo } : { graph, records };
  openedFrom.set(opened, { dir: folder, signature });
  return opened;
}
