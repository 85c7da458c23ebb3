/**
 * The Node API's functions: build a graph from paths or strings, open a saved one, query it, save it.
 * Thin compositions of the pipeline stages.
 */
import { documentFromText } from './ingest/index.js';
import { addDocuments, buildFromInputs, buildGraphAndMemo, extractRecord, removeDocuments, type IncrementalResult, type KnowledgeGraph } from './graph/index.js';
import { runQuery } from './query/index.js';
import type { ResolveMemo } from './resolve/index.js';
import { documentsWithoutRecords, lockGraphFolder, readGraph, readGraphRecords, readResolveMemo, recordsLost, writeGraph } from './store/index.js';
import type { ExtractionRecord, QueryResult, SkippedInput } from './types.js';

export interface BuildOptions {
  /** Graph name (graph attribute `name`). */
  name?: string;
  /** Layout iterations (default: scales with graph size); 0 keeps seeded positions. */
  layoutIterations?: number;
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

function layoutOf(options: BuildOptions) {
  return options.layoutIterations === 0 ? false : options.layoutIterations ? { iterations: options.layoutIterations } : {};
}

/**
 * Builds a knowledge graph from files and folders (.txt, .md, .html, .jsonl).
 * @throws NewsgraphError subclasses for unusable options; unreadable inputs are reported in `skipped`.
 */
export function build(paths: string[], options: BuildOptions = {}): Promise<BuildResult> {
  return buildFromInputs(paths, { name: options.name, layout: layoutOf(options), keepResolveMemo: true });
}

/** Builds a knowledge graph from articles given as strings (ids default to `doc-1`, `doc-2`, …). */
export function buildFromTexts(texts: (string | TextInput)[], options: BuildOptions = {}): BuildResult {
  const records = texts.map((t, i) => {
    const input = typeof t === 'string' ? { text: t } : t;
    return extractRecord(documentFromText(input.text, { ...input, id: input.id ?? `doc-${i + 1}` }));
  });
  const { graph, memo } = buildGraphAndMemo(records, { name: options.name, layout: layoutOf(options), keepResolveMemo: true, holdResolveMemo: true });
  return { graph, records, skipped: [], memo };
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
  const release = await lockGraphFolder(dir, 'saveGraph');
  try {
    await writeGraph(dir, result.graph, result.records, { memo: result.memo });
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

/** What `addToGraph` / `removeFromGraph` report besides the updated graph. */
export interface UpdateResult extends BuildResult {
  added: string[];
  changed: string[];
  unchanged: string[];
  removed: string[];
}

/** An incremental result as the API reports it: the previous graph and memo where nothing changed. */
function updateResultOf(previous: GraphWithRecords, r: IncrementalResult): UpdateResult {
  const { graph, records, skipped, added, changed, unchanged, removed, memo } = r;
  return { graph: graph ?? previous.graph, records, skipped, added, changed, unchanged, removed, memo: memo ?? previous.memo };
}

/**
 * Adds articles (files, folders, JSON Lines) to a built graph without extracting the others again;
 * an article already present with the same content changes nothing. The result equals a full build.
 */
export async function addToGraph(previous: GraphWithRecords, paths: string[]): Promise<UpdateResult> {
  return updateResultOf(previous, await addDocuments(previous, paths, { holdMemo: true }));
}

/** Removes documents by id; entities and relations left without any mention or evidence go too. */
export function removeFromGraph(previous: GraphWithRecords, ids: string[]): UpdateResult {
  return updateResultOf(previous, removeDocuments(previous, ids, { holdMemo: true }));
}

/**
 * Opens a saved graph (its journal replayed) with its extraction records (and resolver memo, when
 * valid), ready for `addToGraph`.
 */
export async function openGraphWithRecords(dir: string): Promise<GraphWithRecords> {
  const removed = new Set<string>();
  const [graph, records, memo] = await Promise.all([readGraph(dir), readGraphRecords(dir, { removed }), readResolveMemo(dir)]);
  const lost = documentsWithoutRecords((graph.getAttribute('documents') ?? []).map((d) => d.id), records, removed);
  if (lost.length) throw recordsLost(dir, lost, 'openGraphWithRecords');
  return memo ? { graph, records, memo } : { graph, records };
}
