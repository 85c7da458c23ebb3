/**
 * The Node API's functions: build a graph from paths or strings, open a saved one, query it, save it.
 * Thin compositions of the pipeline stages.
 */
import { documentFromText } from './ingest/index.js';
import { addDocuments, buildFromInputs, buildGraph, extractRecord, removeDocuments, type KnowledgeGraph } from './graph/index.js';
import { runQuery } from './query/index.js';
import { readGraph, readGraphRecords, writeGraph } from './store/index.js';
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
}

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
  return buildFromInputs(paths, { name: options.name, layout: layoutOf(options) });
}

/** Builds a knowledge graph from articles given as strings (ids default to `doc-1`, `doc-2`, …). */
export function buildFromTexts(texts: (string | TextInput)[], options: BuildOptions = {}): BuildResult {
  const records = texts.map((t, i) => {
    const input = typeof t === 'string' ? { text: t } : t;
    return extractRecord(documentFromText(input.text, { ...input, id: input.id ?? `doc-${i + 1}` }));
  });
  const graph = buildGraph(records, { name: options.name, layout: layoutOf(options) });
  return { graph, records, skipped: [] };
}

/**
 * Opens a saved graph (a folder with graph.json, or the graph.json file).
 * @throws GraphFormatError when the file is missing, truncated or not a newsgraph graph.
 */
export function openGraph(location: string): Promise<KnowledgeGraph> {
  return readGraph(location);
}

/** Saves a graph (and its records, for later incremental adds) into a folder, atomically. */
export async function saveGraph(dir: string, result: Pick<BuildResult, 'graph' | 'records'>): Promise<void> {
  await writeGraph(dir, result.graph, result.records);
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

/**
 * Adds articles (files, folders, JSON Lines) to a built graph without extracting the others again;
 * an article already present with the same content changes nothing. The result equals a full build.
 */
export async function addToGraph(previous: Pick<BuildResult, 'graph' | 'records'>, paths: string[]): Promise<UpdateResult> {
  const r = await addDocuments({ graph: previous.graph, records: previous.records }, paths);
  return { graph: r.graph ?? previous.graph, records: r.records, skipped: r.skipped, added: r.added, changed: r.changed, unchanged: r.unchanged, removed: r.removed };
}

/** Removes documents by id; entities and relations left without any mention or evidence go too. */
export function removeFromGraph(previous: Pick<BuildResult, 'graph' | 'records'>, ids: string[]): UpdateResult {
  const r = removeDocuments({ graph: previous.graph, records: previous.records }, ids);
  return { graph: r.graph ?? previous.graph, records: r.records, skipped: r.skipped, added: r.added, changed: r.changed, unchanged: r.unchanged, removed: r.removed };
}

/** Opens a saved graph with its extraction records, ready for `addToGraph`. */
export async function openGraphWithRecords(dir: string): Promise<Pick<BuildResult, 'graph' | 'records'>> {
  const [graph, records] = await Promise.all([readGraph(dir), readGraphRecords(dir)]);
  return { graph, records };
}
