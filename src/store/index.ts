/**
 * store/: graph files on disk. Every file is written to a temporary file in the same folder, flushed,
 * and renamed into place, so a build killed at any moment leaves the previous files intact.
 *
 * A graph folder holds:
 *   graph.json        graphology's serialised graph (the format documented in the README)
 *   graph.gexf        the same graph for Gephi (written by a build; an incremental update drops it
 *                     unless asked to rewrite it, so it never describes an older graph)
 *   extractions.jsonl one ExtractionRecord per document (incremental builds, evidence context); a
 *                     build writes it sorted by document id, `add` appends the new documents' lines
 *   resolve-memo.json the resolver's memo (how each document's names were classified), which spares
 *                     `add` / `remove` that work for unchanged documents; a cache, keyed by the
 *                     resolver's code: a missing, damaged or foreign one is ignored, never trusted
 *   resolve-memo.journal.jsonl
 *                     what each `add` / `remove` changed of the memo, one line each, instead of
 *                     rewriting it (a build writes the memo whole again)
 *   graph.journal.jsonl, graph.index.json
 *                     for graphs of 4 MB and more: `add` / `remove` append their change to the
 *                     journal instead of rewriting graph.json, and every reader replays it; the
 *                     index is the writers' cache of graph.json (see journal.ts). A build, a
 *                     `compact`, or an update that finds the journal long enough writes graph.json
 *                     whole again.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { ExportError, GraphFormatError } from '../errors.js';
import { toGexf } from '../export/gexf.js';
import { reasonOf } from '../ingest/index.js';
import { createKnowledgeGraph, type KnowledgeGraph } from '../graph/build.js';
import type { IncrementalResult } from '../graph/incremental.js';
import {
  appendJournalLine,
  baseId,
  indexFileOf,
  indexText,
  journalFileOf,
  journalMinBytes,
  journalUpdate,
  JOURNAL_MAX_ENTRIES,
  journalLimitBytes,
  NotJournaled,
  parseJournal,
  readGraphIndex as readIndexOf,
  readJournalText,
  replayEntries,
  serializeWithIndex,
  viewOf,
  type GraphIndex,
} from './journal.js';
import { RESOLVE_MEMO_FORMAT, type ResolveMemo } from '../resolve/index.js';
import type { ExtractionRecord, SerializedGraph } from '../types.js';
import { recordProblem } from './check-record.js';

export const GRAPH_FILE = 'graph.json';
export const GEXF_FILE = 'graph.gexf';
export const EXTRACTIONS_FILE = 'extractions.jsonl';
/** Replaced records and removals extractions.jsonl may hold before an update writes it whole again (and at least an eighth of its records). */
const STALE_RECORD_LINES = 64;
export const RESOLVE_MEMO_FILE = 'resolve-memo.json';
export const RESOLVE_MEMO_JOURNAL_FILE = 'resolve-memo.journal.jsonl';

export { graphFolderBusy, lockGraphFolder } from './lock.js';
export { journalFileOf, previousOfIndex, type GraphIndex } from './journal.js';

/** Writes `content` to `file` atomically (temporary file + fsync + rename). */
export async function writeFileAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const handle = await open(tmp, 'w');
  try {
    if (typeof content === 'string') {
      await handle.writeFile(content, 'utf8');
    } else {
      let buffer = '';
      for (const chunk of content) {
        buffer += chunk;
        if (buffer.length > 1 << 20) {
          await handle.writeFile(buffer, 'utf8');
          buffer = '';
        }
      }
      if (buffer) await handle.writeFile(buffer, 'utf8');
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, file);
}

let codeKey: Promise<string | undefined> | undefined;

/**
 * A fingerprint of the resolver's code (the resolve/ and lexicon/ modules beside this one): a memo is
 * only valid for the code that wrote it. Undefined when the modules cannot be read (then no memo is
 * written or trusted).
 */
export function resolverCodeKey(): Promise<string | undefined> {
  codeKey ??= (async () => {
    try {
      const hash = createHash('sha256').update(`format ${RESOLVE_MEMO_FORMAT}\n`);
      let files = 0;
      for (const sub of ['../resolve/', '../lexicon/']) {
        const dir = new URL(sub, import.meta.url);
        const names = (await readdir(dir)).filter((n) => /\.(js|ts|mjs)$/.test(n) && !/\.d\.ts$|\.test\.ts$/.test(n)).sort();
        for (const n of names) hash.update(`${sub}${n}\n`).update(await readFile(new URL(n, dir)));
        files += names.length;
      }
      return files ? hash.digest('hex') : undefined;
    } catch {
      return undefined;
    }
  })();
  return codeKey;
}

/** Where a memo was read from (`ResolveMemo.source`): what an append needs to find unchanged on disk. */
interface MemoSource {
  dir: string;
  /** The base file's stamp, which every journal line names. */
  stamp: string;
  /** Bytes and lines of the journal when it was read. */
  journalBytes: number;
  journalLines: number;
  /** Bytes of the base file. */
  baseBytes: number;
}

/** Journal lines after which the memo is written whole again (reading many lines costs more than one file). */
const MEMO_JOURNAL_MAX_LINES = 200;

/** Classifications as written: equal ones once, each document's indexes mapped to the written list. */
function writtenClasses(memo: ResolveMemo, docs: readonly ResolveMemo['docs'][number][]): { classes: string[]; docs: string[] } {
  const index = new Map<string, number>();
  const to = new Int32Array(memo.classes.length).fill(-1);
  const classes: string[] = [];
  const out: string[] = [];
  for (const d of docs) {
    const mapped = d.classes.map((c) => {
      let j = to[c]!;
      if (j < 0) {
        const json = JSON.stringify(memo.classes[c] ?? null);
        j = index.get(json) ?? -1;
        if (j < 0) index.set(json, (j = classes.push(json) - 1));
        to[c] = j;
      }
      return j;
    });
    out.push(JSON.stringify({ ...d, classes: mapped }));
  }
  return { classes, docs: out };
}

/**
 * Writes the resolver's memo of a graph folder's build (see the module comment); when the resolver's
 * code cannot be fingerprinted, removes any memo instead. Returns the file written.
 *
 * A memo that says how it differs from the one read from this folder (`delta`, set by a resolve given
 * that memo) is appended to resolve-memo.journal.jsonl as one line: the documents classified again
 * and those gone, with the classifications they use. Otherwise — or after
 * MEMO_JOURNAL_MAX_LINES lines, or once the journal is a quarter of the base — the memo is written whole
 * (atomically) and the journal removed. The memo is a cache whose every part is checked before it is
 * reused, so the journal is appended without fsync: a line cut short by a crash is ignored with those
 * after it, and the next update classifies those documents again.
 */
export async function writeResolveMemo(dir: string, memo: ResolveMemo): Promise<string | undefined> {
  const file = path.join(dir, RESOLVE_MEMO_FILE);
  const journal = path.join(dir, RESOLVE_MEMO_JOURNAL_FILE);
  const code = await resolverCodeKey();
  if (!code) {
    await removeResolveMemo(dir);
    return undefined;
  }
  const source = memo.delta?.source as MemoSource | undefined;
  if (memo.delta && source && source.dir === path.resolve(dir) && source.journalLines < MEMO_JOURNAL_MAX_LINES && source.journalBytes * 4 < source.baseBytes) {
    const [base, current] = await Promise.all([stat(file).catch(() => undefined), stat(journal).catch(() => undefined)]);
    if (base?.size === source.baseBytes && (current?.size ?? 0) === source.journalBytes) {
      const changed = new Set(memo.delta.changed);
      const { classes, docs } = writtenClasses(memo, memo.docs.filter((d) => changed.has(d.doc)));
      const line = `{"base":${JSON.stringify(source.stamp)},"classes":[${classes.join(',')}],"docs":[${docs.join(',')}],"removed":${JSON.stringify(memo.delta.removed)}}\n`;
      await appendFile(journal, line, 'utf8');
      // Where the memo now is on disk: a process that keeps it (watch) can give it to its next update.
      memo.source = { ...source, journalBytes: source.journalBytes + Buffer.byteLength(line), journalLines: source.journalLines + 1 } satisfies MemoSource;
      return journal;
    }
  }
  const { classes, docs } = writtenClasses(memo, memo.docs);
  const stamp = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  await writeFileAtomic(file, (function* () {
    yield `{"code":${JSON.stringify(code)},"format":${memo.format},"stamp":${JSON.stringify(stamp)},"classes":[`;
    for (let i = 0; i < classes.length; i++) yield `${i ? ',\n' : '\n'}${classes[i]}`;
    yield '],"docs":[';
    for (let i = 0; i < docs.length; i++) yield `${i ? ',\n' : '\n'}${docs[i]}`;
    yield ']}\n';
  })());
  await rm(journal, { force: true });
  memo.source = { dir: path.resolve(dir), stamp, journalBytes: 0, journalLines: 0, baseBytes: (await stat(file)).size } satisfies MemoSource;
  return file;
}

/** Removes a graph folder's resolver memo and its journal (they would describe other records or code). */
async function removeResolveMemo(dir: string): Promise<void> {
  await rm(path.join(dir, RESOLVE_MEMO_FILE), { force: true });
  await rm(path.join(dir, RESOLVE_MEMO_JOURNAL_FILE), { force: true });
}

/**
 * Reads a graph folder's resolver memo, with the lines its journal appended; undefined when there is
 * none, or it is damaged, of another format or written by other resolver code (the update is then
 * exact, only slower). Journal lines of another base, and a damaged line with those after it, are left
 * out (their documents are classified again).
 */
export async function readResolveMemo(dir: string): Promise<ResolveMemo | undefined> {
  const code = await resolverCodeKey();
  if (!code) return undefined;
  let text: string;
  try {
    text = await readFile(path.join(dir, RESOLVE_MEMO_FILE), 'utf8');
  } catch {
    return undefined;
  }
  // written by other code: known from the first bytes, without parsing 17 MB
  if (!text.startsWith(`{"code":${JSON.stringify(code)},`)) return undefined;
  let data: { format?: unknown; stamp?: unknown; classes?: unknown; docs?: unknown };
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!data || data.format !== RESOLVE_MEMO_FORMAT || !Array.isArray(data.classes) || !Array.isArray(data.docs)) return undefined;
  const classes = data.classes as ResolveMemo['classes'];
  const docs = new Map((data.docs as ResolveMemo['docs']).map((d) => [d.doc, d]));
  const stamp = typeof data.stamp === 'string' ? data.stamp : '';
  let journalBytes = 0;
  let journalLines = 0;
  const journal = await readFile(path.join(dir, RESOLVE_MEMO_JOURNAL_FILE), 'utf8').catch(() => '');
  for (let from = 0, nl = journal.indexOf('\n'); stamp && nl >= 0; from = nl + 1, nl = journal.indexOf('\n', from)) {
    let line: { base?: unknown; classes?: unknown; docs?: unknown; removed?: unknown };
    try {
      line = JSON.parse(journal.slice(from, nl));
    } catch {
      break;
    }
    if (line?.base !== stamp || !Array.isArray(line.classes) || !Array.isArray(line.docs) || !Array.isArray(line.removed)) break;
    const offset = classes.length;
    classes.push(...(line.classes as ResolveMemo['classes']));
    for (const d of line.docs as ResolveMemo['docs']) docs.set(d.doc, { ...d, classes: d.classes.map((c) => c + offset) });
    for (const id of line.removed as string[]) docs.delete(id);
    journalBytes += Buffer.byteLength(journal.slice(from, nl + 1));
    journalLines++;
  }
  const memo: ResolveMemo = { format: RESOLVE_MEMO_FORMAT, classes, docs: [...docs.values()] };
  if (journalLines) memo.docs.sort((a, b) => (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0));
  if (stamp && journalBytes === Buffer.byteLength(journal)) {
    const source: MemoSource = { dir: path.resolve(dir), stamp, journalBytes, journalLines, baseBytes: Buffer.byteLength(text) };
    memo.source = source;
  }
  return memo;
}

export interface WriteGraphOptions {
  /**
   * Also write graph.gexf (default true). With `false` an existing graph.gexf is removed: it would
   * describe an older graph (`newsgraph export --format gexf` writes one on demand).
   */
  gexf?: boolean;
  /**
   * The resolver's memo of this build (resolve-memo.json). Without it, a rewrite of all records
   * removes an existing memo file, which would describe older records.
   */
  memo?: ResolveMemo;
  /** `false`: write everything but graph.json (which the caller writes; see `writeGraphUpdate`). */
  graphFile?: boolean;
}

const byDocId = (a: ExtractionRecord, b: ExtractionRecord) => (a.document.id < b.document.id ? -1 : a.document.id > b.document.id ? 1 : 0);

/** Writes DIR/extractions.jsonl whole (sorted by document id), atomically; returns its path. */
async function writeExtractionRecords(dir: string, records: ExtractionRecord[]): Promise<string> {
  const sorted = [...records].sort(byDocId);
  const file = path.join(dir, EXTRACTIONS_FILE);
  await writeFileAtomic(file, (function* () {
    for (const r of sorted) yield `${JSON.stringify(r)}\n`;
  })());
  return file;
}

/**
 * Writes graph.json, graph.gexf and extractions.jsonl into `dir`, each atomically. Without `records`
 * extractions.jsonl is left as it is (e.g. after `appendExtractionRecords`).
 */
export async function writeGraph(
  dir: string,
  graph: KnowledgeGraph,
  records?: ExtractionRecord[],
  options: WriteGraphOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  // The graph serialised before any file is written: a graph that cannot be (an attribute that is no
  // JSON value, a graph that is not one) leaves the folder as it was rather than records of a graph
  // that never got written beside a graph.gexf newer than graph.json.
  let graphJson: PreparedGraph | undefined;
  let gexf: string | undefined;
  try {
    graphJson = options.graphFile !== false ? prepareGraphWhole(graph) : undefined;
    gexf = options.gexf !== false ? toGexf(graph) : undefined;
  } catch (error) {
    throw new ExportError(`writeGraph: the graph cannot be written (nothing was): ${(error as Error)?.message ?? String(error)}; node, edge and graph attributes must be JSON values (strings, finite numbers, booleans, null, arrays, plain objects).`, { cause: error });
  }
  if (records) written.push(await writeExtractionRecords(dir, records));
  const memoFile = options.memo ? await writeResolveMemo(dir, options.memo) : undefined;
  if (memoFile) written.push(memoFile);
  else if (records && !options.memo) await removeResolveMemo(dir);
  const gexfFile = path.join(dir, GEXF_FILE);
  if (gexf !== undefined) {
    await writeFileAtomic(gexfFile, gexf);
    written.push(gexfFile);
  } else await rm(gexfFile, { force: true });
  // graph.json last: it is what readers open first.
  if (graphJson) written.push(...(await writePreparedGraphWhole(path.join(dir, GRAPH_FILE), graphJson)).files);
  return written;
}

/**
 * A signature of files on disk (size, modification time and inode of each; `-` for one that is
 * missing): it changes when any of them is written, replaced or removed. For polling a folder.
 */
export async function filesSignature(files: string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (f) => {
      const st = await stat(f, { bigint: true }).catch(() => undefined);
      return st ? `${st.size}:${st.mtimeNs}:${st.ino}` : '-';
    }),
  );
  return parts.join('|');
}

/**
 * The `filesSignature` of what an incremental update of a graph folder reads (graph.json, its journal
 * and index, extractions.jsonl, the resolver memo and its journal). Equal signatures before and after
 * mean nobody wrote the folder in between, so a process that kept what its own last update wrote
 * (`watch`) may use it instead of reading the folder again.
 */
export function graphFolderSignature(dir: string): Promise<string> {
  const graphFile = path.join(dir, GRAPH_FILE);
  return filesSignature([
    graphFile,
    journalFileOf(graphFile),
    indexFileOf(graphFile),
    path.join(dir, EXTRACTIONS_FILE),
    path.join(dir, RESOLVE_MEMO_FILE),
    path.join(dir, RESOLVE_MEMO_JOURNAL_FILE),
  ]);
}

/**
 * Writes a graph file whole (exactly `toJson(graph)`), then removes its journal, which no longer
 * applies (its lines name the previous file's sha256, so a crash in between leaves a journal that
 * readers ignore), and writes the file's index when it is big enough to be journaled later.
 * @returns the files written.
 */
export async function writeGraphWhole(file: string, graph: KnowledgeGraph): Promise<string[]> {
  return (await writeGraphWholeIndexed(file, graph)).files;
}

/** A graph's graph.json text, in pieces, with what makes its index once written. */
interface PreparedGraph {
  pieces: Iterable<string>;
  finish: ReturnType<typeof serializeWithIndex>['finish'];
}

/** Serialises a graph for graph.json in full, in memory (throws what serialising throws). */
function prepareGraphWhole(graph: KnowledgeGraph): PreparedGraph {
  const { pieces, finish } = serializeWithIndex(viewOf(graph));
  return { pieces: [...pieces], finish };
}

/** writeGraphWhole, also returning the index it wrote (none for a graph.json under journalMinBytes). */
async function writeGraphWholeIndexed(file: string, graph: KnowledgeGraph): Promise<{ files: string[]; index?: GraphIndex }> {
  return writePreparedGraphWhole(file, serializeWithIndex(viewOf(graph)));
}

async function writePreparedGraphWhole(file: string, { pieces, finish }: PreparedGraph): Promise<{ files: string[]; index?: GraphIndex }> {
  await writeFileAtomic(file, pieces);
  await rm(journalFileOf(file), { force: true });
  const index = finish(await stat(file, { bigint: true }));
  const indexFile = indexFileOf(file);
  if (index.base.size >= journalMinBytes()) {
    await writeFileAtomic(indexFile, indexText(index));
    return { files: [file, indexFile], index };
  }
  await rm(indexFile, { force: true });
  return { files: [file] };
}

/**
 * Appends records (sorted by document id), then a line `{"removed": id}` for each removed document, to
 * DIR/extractions.jsonl and flushes it: what `add` and `remove` do instead of rewriting every record
 * (readers take a document's last record, and drop a removed one). A last line cut short by an
 * interrupted append is dropped first; records appended before a crash that kept graph.json from
 * being written are caught by the incremental update, which rebuilds when graph.json's documents
 * differ from the records.
 * @returns the file's path.
 */
export async function appendExtractionRecords(dir: string, records: ExtractionRecord[], removed: string[] = []): Promise<string> {
  const file = path.join(dir, EXTRACTIONS_FILE);
  await mkdir(dir, { recursive: true });
  const handle = await open(file, 'a+');
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      // Find the end of the last complete line.
      const chunk = Buffer.alloc(Math.min(size, 1 << 16));
      let end = size;
      let cut = -1;
      while (end > 0 && cut < 0) {
        const start = Math.max(0, end - chunk.length);
        const { bytesRead } = await handle.read(chunk, 0, end - start, start);
        const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
        if (nl >= 0) cut = start + nl + 1;
        end = start;
        if (cut < 0 && end === 0) cut = 0;
        if (cut === size) break;
      }
      if (cut >= 0 && cut < size) await truncate(file, cut);
    }
    const text =
      [...records].sort(byDocId).map((r) => `${JSON.stringify(r)}\n`).join('') + [...removed].sort().map((id) => `${JSON.stringify({ removed: id })}\n`).join('');
    if (text) await handle.appendFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}

/** Resolves a graph location (a folder or a graph.json path) to the graph.json path. */
export async function resolveGraphFile(location: string): Promise<string> {
  let info;
  try {
    info = await stat(location);
  } catch {
    throw new GraphFormatError(
      `openGraph: no graph at "${location}". Build one first: newsgraph build PATH --out ${location}`,
      location,
    );
  }
  return info.isDirectory() ? path.join(location, GRAPH_FILE) : location;
}

/**
 * What to do about an unreadable graph.json: build again — from the articles, or, far quicker, from
 * the extraction records beside it (which a damaged graph.json leaves intact), no NLP run again.
 */
function rebuildAdvice(file: string): string {
  const dir = path.dirname(file);
  return `Rebuild it with newsgraph build PATH... --out ${dir}, or from its records without extracting again: newsgraph build --from-extractions ${path.join(dir, EXTRACTIONS_FILE)} --out ${dir}`;
}

/** Checks that parsed JSON has the shape of a newsgraph graph; throws GraphFormatError if not. */
export function validateSerializedGraph(data: unknown, file: string): void {
  const fail = (why: string): never => {
    throw new GraphFormatError(`openGraph: "${file}" is not a newsgraph graph: ${why}. ${rebuildAdvice(file)}.`, file);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail('expected a JSON object');
  const g = data as Record<string, unknown>;
  if (!Array.isArray(g.nodes)) fail('"nodes" is missing or not an array');
  if (!Array.isArray(g.edges)) fail('"edges" is missing or not an array');
  const attrs = g.attributes as Record<string, unknown> | undefined;
  if (!attrs || typeof attrs !== 'object' || !Array.isArray(attrs.documents)) fail('graph attribute "documents" is missing');
  for (const [i, n] of (g.nodes as unknown[]).entries()) {
    const node = n as Record<string, unknown> | null;
    if (!node || typeof node.key !== 'string' || typeof node.attributes !== 'object' || node.attributes === null) {
      fail(`node #${i} has no key or attributes`);
    }
  }
  for (const [i, e] of (g.edges as unknown[]).entries()) {
    const edge = e as Record<string, unknown> | null;
    if (!edge || typeof edge.source !== 'string' || typeof edge.target !== 'string') fail(`edge #${i} has no source or target`);
  }
}

/** Parses and checks graph.json text, without building a graphology graph. */
export function parseSerializedGraph(text: string, file = GRAPH_FILE): SerializedGraph {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const why = text.trim() === '' ? 'the file is empty' : `invalid JSON (${(error as Error).message}) — truncated or corrupt`;
    throw new GraphFormatError(`openGraph: cannot read "${file}": ${why}. ${rebuildAdvice(file)}.`, file, { cause: error });
  }
  validateSerializedGraph(data, file);
  return data as SerializedGraph;
}

/** Parses graph.json text into a knowledge graph. */
export function parseGraph(text: string, file = GRAPH_FILE): KnowledgeGraph {
  return graphOf(parseSerializedGraph(text, file), file);
}

/** A knowledge graph of checked serialised data read from `file`. */
function graphOf(data: SerializedGraph, file: string): KnowledgeGraph {
  const graph = createKnowledgeGraph();
  try {
    graph.import(data as unknown as Parameters<KnowledgeGraph['import']>[0]);
  } catch (error) {
    throw new GraphFormatError(`openGraph: "${file}" is inconsistent: ${(error as Error).message}. ${rebuildAdvice(file)}.`, file, { cause: error });
  }
  return graph;
}

export interface ReadGraphOptions {
  /**
   * Told when part of the journal is left out: a last line cut short by an interrupted update, or a
   * journal written for another graph.json. Default: `process.emitWarning`.
   */
  onWarning?: (message: string) => void;
}

const defaultWarning = (message: string) => process.emitWarning(message, { code: 'NEWSGRAPH_JOURNAL' });

/**
 * Reads graph.json as checked plain data with its journal replayed: exactly what a full write of
 * the graph would read back as.
 */
async function readGraphData(location: string, options: ReadGraphOptions = {}): Promise<{ file: string; data: SerializedGraph }> {
  const file = await resolveGraphFile(location);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GraphFormatError(`openGraph: no graph in "${location}" (it has no ${path.basename(file)}). Build one first: newsgraph build PATH --out ${location}`, file, { cause: error });
    }
    throw new GraphFormatError(`openGraph: cannot read "${file}": ${reasonOf(error)}.`, file, { cause: error });
  }
  // graph.json before its journal: a line appended meanwhile still applies to it.
  const journalFile = journalFileOf(file);
  const journal = await readJournalText(journalFile);
  const data = parseSerializedGraph(bytes.toString('utf8'), file);
  if (!journal) return { file, data };
  const { entries, warnings } = parseJournal(journal, baseId(bytes), journalFile);
  for (const w of warnings) (options.onWarning ?? defaultWarning)(w);
  if (!entries.length) return { file, data };
  replayEntries(data, entries, journalFile);
  validateSerializedGraph(data, `${file} + ${path.basename(journalFile)}`);
  return { file, data };
}

/**
 * Opens the graph in `location` (a graph folder or a graph.json file), with its journal (updates
 * appended since graph.json was last written whole) replayed.
 */
export async function readGraph(location: string, options: ReadGraphOptions = {}): Promise<KnowledgeGraph> {
  const { file, data } = await readGraphData(location, options);
  return graphOf(data, file);
}

/**
 * Reads graph.json (with its journal replayed) as checked plain data, without the cost of building
 * a graphology graph.
 */
export async function readSerializedGraph(location: string, options: ReadGraphOptions = {}): Promise<SerializedGraph> {
  return (await readGraphData(location, options)).data;
}

/**
 * The writers' index of a graph folder (or graph.json file) when it describes the files on disk;
 * undefined when there is none or it is stale (an update then reads the whole graph).
 */
export async function readGraphIndex(location: string): Promise<GraphIndex | undefined> {
  try {
    return await readIndexOf(await resolveGraphFile(location));
  } catch {
    return undefined;
  }
}

/**
 * Writes graph.json whole with its journal folded in (and its index, for a big graph): a
 * self-contained graph.json again. Nothing is written when there is no journal and the index is
 * current (or the graph is too small to have one), unless `force`.
 * @returns the journal lines folded in, or undefined when nothing was written.
 */
export async function compactGraph(location: string, options: ReadGraphOptions & { force?: boolean } = {}): Promise<{ entries: number; bytes: number } | undefined> {
  const file = await resolveGraphFile(location);
  const journal = await readJournalText(journalFileOf(file));
  if (!journal && !options.force) {
    let size = 0;
    try {
      size = (await stat(file)).size;
    } catch {
      size = 0;
    }
    if (size < journalMinBytes() || (await readIndexOf(file))) return undefined;
  }
  const graph = await readGraph(file, options);
  await writeGraphWhole(file, graph);
  // Complete lines only: a torn last one was left out by the read.
  return { entries: (journal.match(/\n/g) ?? []).length, bytes: Buffer.byteLength(journal) };
}

/** A file's bytes in 4 MiB chunks (each a view of one buffer, valid until the next is read). */
async function* chunksOf(file: string): AsyncGenerator<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * The lines of a UTF-8 text file, read in 4 MiB chunks (a line may end in "\r\n"; the "\r" stays,
 * which JSON ignores): a fraction of readline's cost on extractions.jsonl's 20,000-odd long lines.
 * Lines are split on the newline byte (which no other UTF-8 character contains) and each is decoded
 * on its own, so no chunk is decoded into a string that is then cut up again.
 */
async function* linesOf(file: string, end?: { unterminated: boolean }): AsyncGenerator<string> {
  let pending: Buffer[] = []; // the start of a line that goes on in the next chunk (copied)
  for await (const chunk of chunksOf(file)) {
    let from = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
      if (pending.length) {
        pending.push(chunk.subarray(from, nl));
        yield Buffer.concat(pending).toString('utf8');
        pending = [];
      } else yield chunk.toString('utf8', from, nl);
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(Buffer.from(chunk.subarray(from)));
  }
  if (pending.length) {
    if (end) end.unterminated = true;
    yield Buffer.concat(pending).toString('utf8');
  }
}

/**
 * A line of extraction records: a document's record, or that a document was removed. In a file, a
 * later record of a document replaces an earlier one, and `{"removed": "<id>"}` drops it: `add` of a
 * changed document and `remove` append, instead of writing every record again.
 */
export type ExtractionEntry = { record: ExtractionRecord; removed?: undefined } | { removed: string; record?: undefined };

export interface ReadExtractionsOptions {
  /**
   * The file is a graph folder's extractions.jsonl, whose writers end every line with a newline: a
   * last line without one was cut short by an interrupted append (of an update that never wrote its
   * graph), and is left out — with a warning — as the next append drops it. Other files' last line
   * may lack its newline; if it is not valid JSON, the file is said to end inside it.
   */
  appendOnly?: boolean;
  onWarning?: (message: string) => void;
}

/** Reads the lines of extraction records (extractions.jsonl, or any file of such lines), streaming. */
export async function* readExtractionEntries(file: string, options: ReadExtractionsOptions = {}): AsyncGenerator<ExtractionEntry> {
  let lineNo = 0;
  const end = { unterminated: false };
  try {
    for await (const line of linesOf(file, end)) {
      lineNo++;
      if (end.unterminated && options.appendOnly) {
        if (line.trim()) options.onWarning?.(`"${file}" line ${lineNo} was cut short by an interrupted update (no newline at its end); left out, as the next update drops it.`);
        break;
      }
      if (!line.trim()) continue;
      let rec: ExtractionRecord & { removed?: unknown };
      try {
        rec = JSON.parse(line) as ExtractionRecord;
      } catch (error) {
        const why = end.unterminated ? 'is cut short: the file ends inside it (truncated?)' : 'is not valid JSON — truncated or corrupt';
        throw new GraphFormatError(`readExtractions: "${file}" line ${lineNo} ${why}.`, `${file}:${lineNo}`, { cause: error });
      }
      if (rec && typeof rec === 'object' && typeof rec.removed === 'string' && !rec.document) {
        yield { removed: rec.removed };
        continue;
      }
      const problem = recordProblem(rec);
      if (problem) {
        throw new GraphFormatError(
          `readExtractions: "${file}" line ${lineNo} is not an extraction record: ${problem} (a line is a record as \`newsgraph extract --jsonl\` writes it, or { "removed": id }).`,
          `${file}:${lineNo}`,
        );
      }
      yield { record: rec };
    }
  } catch (error) {
    if (error instanceof GraphFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder (give the files `newsgraph extract --jsonl` wrote)' : `${reasonOf(error)}${code ? ` (${code})` : ''}`;
    throw new GraphFormatError(`readExtractions: cannot read "${file}": ${why}.`, file, { cause: error });
  }
}

/**
 * The records a file of extraction lines holds, by document id: a later record of a document replaces
 * an earlier one, a removal drops it. Several files read into one map in turn merge the same way.
 */
export async function readExtractionRecordsInto(
  file: string,
  byId: Map<string, ExtractionRecord>,
  options?: ReadExtractionsOptions & { removed?: Set<string> },
): Promise<void> {
  const removed = options?.removed;
  for await (const e of readExtractionEntries(file, options)) {
    if (e.record) {
      byId.set(e.record.document.id, e.record);
      removed?.delete(e.record.document.id);
    } else {
      byId.delete(e.removed);
      removed?.add(e.removed);
    }
  }
}

/**
 * The documents of a graph that its records do not account for: neither a record nor a removal line
 * (an interrupted `remove` appends its removals before it writes the graph; the next update completes
 * it). Records lost that way — extractions.jsonl edited or cut short by hand — would silently drop
 * their documents from the next update, so updates refuse to run (`recordsLost` says why).
 */
export function documentsWithoutRecords(documents: readonly string[], records: readonly ExtractionRecord[], removed: ReadonlySet<string>): string[] {
  const ids = new Set(records.map((r) => r.document.id));
  return documents.filter((id) => !ids.has(id) && !removed.has(id));
}

/** The error an update of a folder whose records lost documents of its graph gives (see above). */
export function recordsLost(dir: string, lost: readonly string[], verb: string): GraphFormatError {
  const shown = lost.slice(0, 3).map((id) => `"${id}"`).join(', ') + (lost.length > 3 ? `, … (${lost.length} in all)` : '');
  return new GraphFormatError(
    `${verb}: ${lost.length} document${lost.length === 1 ? '' : 's'} of the graph in "${dir}" ${lost.length === 1 ? 'has' : 'have'} no record in ${EXTRACTIONS_FILE} (${shown}): ` +
      `the file was edited or cut short, and an update would drop ${lost.length === 1 ? 'it' : 'them'}. Nothing was changed. ` +
      `Restore ${EXTRACTIONS_FILE}, or build the graph again from its articles (newsgraph build PATH... --out ${dir}).`,
    path.join(dir, EXTRACTIONS_FILE),
  );
}

/**
 * Reads all extraction records of a graph folder (empty when the folder has none). A last line cut
 * short by an interrupted update is left out, told to `onWarning`.
 */
export async function readGraphRecords(
  dir: string,
  options: {
    onWarning?: (message: string) => void;
    /** Filled with the ids whose last line is a removal (see `documentsWithoutRecords`). */
    removed?: Set<string>;
  } = {},
): Promise<ExtractionRecord[]> {
  const file = path.join(dir, EXTRACTIONS_FILE);
  try {
    await stat(file);
  } catch {
    return [];
  }
  const byId = new Map<string, ExtractionRecord>();
  try {
    await readExtractionRecordsInto(file, byId, { appendOnly: true, onWarning: options.onWarning, removed: options.removed });
  } catch (error) {
    if (!(error instanceof GraphFormatError)) throw error;
    // What to do about it: the records are what every update of the folder starts from.
    throw new GraphFormatError(
      `${error.message} The graph in "${dir}" cannot be updated without its records: build it again from its articles (newsgraph build PATH... --out ${dir}).`,
      error.path,
      { cause: error },
    );
  }
  return [...byId.values()];
}

/** Lines of a file (newline bytes), without decoding it. */
async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of chunksOf(file)) for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/** How an update was written. */
export interface GraphUpdateWritten {
  /** 'journal': one line appended to graph.journal.jsonl; 'whole': graph.json rewritten. */
  graph: 'journal' | 'whole';
  /** Why graph.json was written whole. */
  why?: string;
  /** Journal lines after the update (0 when written whole). */
  journalEntries: number;
  /** Milliseconds spent writing: extraction records, resolver memo (and graph.gexf), graph. */
  ms: { records: number; memo: number; graph: number };
  /**
   * The folder's index of graph.json after the update (none when graph.json is small): with the
   * update's records and memo (whose `source` now names the memo on disk), what the next update of
   * the folder needs, for a process that keeps them instead of reading them again (`watch`).
   */
  index?: GraphIndex;
}

/**
 * Writes an incremental update (`newsgraph add` / `remove`): new documents' records are appended to
 * extractions.jsonl (all are rewritten when some changed or were removed), then the graph: given
 * the folder's `index` (read before the update; see `readGraphIndex`), as one journal line with
 * the change, unless the graph is small, the journal long enough to fold in, or the index stale —
 * then graph.json is written whole. graph.gexf only with `gexf` (else a stale one is removed).
 */
export async function writeGraphUpdate(
  dir: string,
  result: Pick<IncrementalResult, 'graph' | 'records' | 'added' | 'changed' | 'removed' | 'memo'>,
  options: {
    gexf: boolean;
    index?: GraphIndex;
    /**
     * The node attributes of the graph `index` was written from, kept by an updater that holds them
     * (`newsgraph watch`): nodes whose attributes serialise as they did there are not serialised and
     * hashed again to find the changed ones.
     */
    before?: ReadonlyMap<string, object>;
    /**
     * When the journal is folded into a full write (default: JOURNAL_MAX_ENTRIES lines, `journalLimitBytes`),
     * and how many replaced records and removals extractions.jsonl may hold before it is written whole
     * (default: 64, and at least an eighth of its records).
     */
    limits?: { maxEntries?: number; maxBytes?: number; maxStaleRecordLines?: number };
  },
): Promise<GraphUpdateWritten> {
  const { index } = options;
  const graph = result.graph!;
  const write = { gexf: options.gexf, memo: result.memo };
  let t = performance.now();
  const ms = { records: 0, memo: 0, graph: 0 };
  const lap = (step: keyof typeof ms) => {
    const now = performance.now();
    ms[step] = now - t;
    t = now;
  };
  const supersedes = result.changed.length > 0 || result.removed.length > 0; // leaves lines no longer in force
  // New and changed documents' records are appended, removed documents get a line {"removed": id}: the
  // file is written whole again only once the lines no longer in force are an eighth of the rest.
  const fresh = new Set([...result.added, ...result.changed]);
  const recordsFile = await appendExtractionRecords(
    dir,
    result.records.filter((r) => fresh.has(r.document.id)),
    result.removed,
  );
  if (supersedes) {
    const stale = (await countLines(recordsFile)) - result.records.length;
    const allowed = options.limits?.maxStaleRecordLines ?? Math.max(STALE_RECORD_LINES, result.records.length / 8);
    if (stale > allowed) await writeExtractionRecords(dir, result.records);
  }
  lap('records');
  // A memo that would describe older records goes.
  if (supersedes && !result.memo) await removeResolveMemo(dir);
  await writeGraph(dir, graph, undefined, { ...write, graphFile: false });
  lap('memo');
  const file = path.join(dir, GRAPH_FILE);
  let why = 'no index of graph.json';
  if (index) {
    if (index.base.size < journalMinBytes()) why = 'graph.json is small';
    else {
      try {
        const update = await journalUpdate(file, index, viewOf(graph, options.before));
        const limit = options.limits?.maxBytes ?? journalLimitBytes(index.base.size);
        const maxEntries = options.limits?.maxEntries ?? JOURNAL_MAX_ENTRIES;
        if (update.index.journal.entries > maxEntries) why = `the journal reached ${maxEntries} entries`;
        else if (update.index.journal.bytes > limit) why = `the journal reached ${(limit / 2 ** 20).toFixed(1)} MiB`;
        else {
          await appendJournalLine(file, update.line, index.journal.bytes);
          await writeFileAtomic(indexFileOf(file), indexText(update.index));
          lap('graph');
          return { graph: 'journal', journalEntries: update.index.journal.entries, ms, index: update.index };
        }
      } catch (error) {
        if (!(error instanceof NotJournaled)) throw error;
        why = error.message;
      }
    }
  }
  const whole = await writeGraphWholeIndexed(file, graph);
  lap('graph');
  return { graph: 'whole', why, journalEntries: 0, ms, index: whole.index };
}
