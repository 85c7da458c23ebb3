/**
 * The whole build: ingest → nlp → resolve → graph. Reads inputs lazily as a stream, extracts each
 * document in-process or in a worker pool (pool.ts) through a bounded, ordered window, and builds
 * the graph from the extraction records.
 *
 * Backpressure: at most `workers × perWorker` documents are read but not yet extracted, so memory
 * grows with the records kept (what the graph needs), not with the input. Results come out in input
 * order whatever the number of workers, so every output is identical for any `workers`.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readDocuments, type IngestItem, type ReadOptions } from '../ingest/index.js';
import { extractDocument } from '../nlp/index.js';
import type { Document, DocumentExtraction, ExtractionRecord, SkippedInput } from '../types.js';
import type { ResolveMemo } from '../resolve/index.js';
import { buildGraphAndMemo, type BuildGraphOptions, type KnowledgeGraph } from './build.js';
import { createExtractPool, defaultWorkerCount, type ExtractPool } from './pool.js';

export interface PipelineProgress {
  /** Documents extracted (or reused) so far. */
  documents: number;
  /** Characters of document text processed so far. */
  bytes: number;
  skipped: number;
  /** Documents whose previous record was reused (same id and content hash). */
  reused: number;
}

export interface ExtractOptions {
  /** Worker threads for extraction; 1 (or 0) extracts in-process. Default: the machine's cores. */
  workers?: number;
  /**
   * Documents read but not yet extracted, per worker, before the reader waits (default 64: enough
   * for each worker's batch in hand and the next one, plus slack so that one long article at the
   * head of the ordered window does not leave the other workers idle).
   */
  perWorker?: number;
  /**
   * With workers: documents extracted in-process before the pool starts (default 4), so that adding
   * a few articles does not pay for starting workers and loading their models.
   */
  inlineFirst?: number;
  /** An already started pool to use (not closed at the end); its size replaces `workers`. */
  pool?: ExtractPool;
  /** Called after each document is extracted (or skipped). */
  onProgress?: (progress: PipelineProgress) => void;
  /**
   * Records to reuse: a document with the same id and content hash is not extracted again. Its record
   * keeps its outlet when the document names none (read without an outlet given), and takes the
   * document's when that is another: then it is no longer `reused` (the document changed).
   */
  reuse?: Map<string, ExtractionRecord>;
}

export interface PipelineOptions extends BuildGraphOptions, ExtractOptions {
  /** How the inputs are read (`outlet`, `maxFileBytes`). */
  read?: ReadOptions;
}

export interface PipelineResult {
  graph: KnowledgeGraph;
  records: ExtractionRecord[];
  skipped: SkippedInput[];
  /** The resolver's memo (with `keepResolveMemo`), for later incremental updates. */
  memo?: ResolveMemo;
}

/** What ingest yields: a document, or an input it could not read. */
export type ReadItem = IngestItem;

/** What extraction yields, in input order. */
export type ExtractItem =
  | {
      kind: 'record';
      record: ExtractionRecord;
      reused: boolean;
      /** The file the document was read from (see IngestItem), when known. */
      from?: string;
    }
  | { kind: 'skipped'; skipped: SkippedInput; partial?: boolean; explicit?: boolean };

/** Two outlets are one as far as copies go when either is unknown ('') or they are the same. */
export const sameOutlet = (a: string, b: string): boolean => a === '' || b === '' || a === b;

/**
 * The documents kept so far by content hash, to tell a copy of one of them: the same content hash
 * (every byte of the file; for a JSON Lines record, its title, text, outlet, address and day), and not two different outlets — the same
 * wire story given under two outlets by `--outlet` (or the Node API's `source`) is two documents,
 * while a file without an outlet counts as a copy of one with any.
 */
export class SameContent {
  private readonly byHash = new Map<string, { id: string; source: string }[]>();

  /** The id of a kept document whose copy `doc` is (never `doc`'s own id), if any. */
  find(doc: Pick<Document, 'id' | 'hash' | 'source'>): string | undefined {
    return this.byHash.get(doc.hash)?.find((k) => k.id !== doc.id && sameOutlet(k.source, doc.source))?.id;
  }

  add(doc: Pick<Document, 'id' | 'hash' | 'source'>): void {
    const kept = this.byHash.get(doc.hash);
    if (kept) kept.push({ id: doc.id, source: doc.source });
    else this.byHash.set(doc.hash, [{ id: doc.id, source: doc.source }]);
  }
}

/**
 * Why a copy is passed over (the skipped entry's reason; its `duplicateOf` names `first`): `read`, a
 * document read before it in the same build or update; `graph`, one the graph already had; `removed`,
 * one the graph had when the copy was read and which has been removed since.
 */
export function sameContentReason(first: string, why: 'read' | 'graph' | 'removed'): string {
  const named = JSON.stringify(first);
  if (why === 'read') return `the same content as ${named}, read before it (not counted twice)`;
  if (why === 'graph') return `the same content as ${named}, already in the graph (not added twice)`;
  return `the same content as ${named}, which has been removed from the graph since (add this file again to add it)`;
}

/** What a skipped entry about a document read names: its file, with `:LINE` for a JSON Lines line (else its id). */
export function shownOf(item: { document: Pick<Document, 'id'>; from?: string; line?: number }): string {
  if (item.from === undefined) return item.document.id;
  return item.line !== undefined ? `${item.from}:${item.line}` : item.from;
}

/** The skipped item that stands for a document passed over as a copy of `first`. */
export function copySkipped(item: Extract<ReadItem, { kind: 'document' }>, first: string, why: 'read' | 'graph'): ReadItem {
  return { kind: 'skipped', skipped: { path: shownOf(item), reason: sameContentReason(first, why), duplicateOf: first } };
}

/**
 * Passes over every document that is a copy (see SameContent) of one before it in the stream, or of
 * one already in `kept`, as a skipped item naming it: a build counts an article once however many
 * copies of it the inputs hold, as `add` does (otherwise every relation it reports counts twice). The
 * first copy in input order is kept. Copies are dropped before extraction, so they cost no NLP.
 */
export async function* dropCopies(items: AsyncIterable<ReadItem>, kept: SameContent = new SameContent()): AsyncGenerator<ReadItem> {
  for await (const item of items) {
    if (item.kind === 'document') {
      const first = kept.find(item.document);
      if (first !== undefined) {
        yield copySkipped(item, first, 'read');
        continue;
      }
      kept.add(item.document);
    }
    yield item;
  }
}

/**
 * The records that are not copies of one before them (see SameContent), and a skipped entry (named by
 * document id) for each one that is: `build --from-extractions` counts a document once as a build of
 * the articles does. `kept` (filled as it goes) may hold documents kept before.
 */
export function dropRecordCopies(records: Iterable<ExtractionRecord>, kept: SameContent = new SameContent()): { records: ExtractionRecord[]; skipped: SkippedInput[] } {
  const out: ExtractionRecord[] = [];
  const skipped: SkippedInput[] = [];
  for (const r of records) {
    const first = kept.find(r.document);
    if (first !== undefined) {
      skipped.push({ path: r.document.id, reason: sameContentReason(first, 'read'), duplicateOf: first });
      continue;
    }
    kept.add(r.document);
    out.push(r);
  }
  return { records: out, skipped };
}

/** Extracts one document into a record. Pure and total. */
export function extractRecord(doc: Document): ExtractionRecord {
  const { text, ...info } = doc;
  return { document: info, text, extraction: extractDocument(doc) };
}

function toRecord(doc: Document, extraction: DocumentExtraction): ExtractionRecord {
  const { text, ...info } = doc;
  return { document: info, text, extraction };
}

function extractionFailed(doc: Document, error: unknown): ExtractItem {
  const message = (error as Error)?.message ?? String(error);
  return { kind: 'skipped', skipped: { path: doc.id, reason: `extraction failed: ${message}` } };
}

const DEFAULT_PER_WORKER = 64;

/** Resolves `workers` to a pool size: 1 means in-process. */
export function resolveWorkerCount(workers: number | undefined): number {
  if (workers === undefined) return defaultWorkerCount();
  if (!Number.isFinite(workers) || workers < 1) return 1;
  return Math.floor(workers);
}

/** A skipped item as the SkippedInput kept in the graph, with its partial / explicit flags. */
export function skippedOf(item: { skipped: SkippedInput; partial?: boolean; explicit?: boolean }): SkippedInput {
  return { ...item.skipped, ...(item.partial ? { partial: true } : {}), ...(item.explicit ? { explicit: true } : {}) };
}

/**
 * Extracts a stream of read items, yielding records and skipped inputs in input order. Reads the
 * source lazily: it waits while `workers × perWorker` documents are in flight. Duplicate ids are
 * skipped (the first one wins); reusable records (same id and hash in `reuse`) are not extracted.
 */
export async function* extractStream(source: AsyncIterable<ReadItem>, options: ExtractOptions = {}): AsyncGenerator<ExtractItem> {
  const given = options.pool;
  const workers = given ? given.size : resolveWorkerCount(options.workers);
  let pool: ExtractPool | undefined = given;
  let inline = given ? 0 : workers > 1 ? Math.max(0, options.inlineFirst ?? 4) : Infinity;
  const perWorker = Math.max(1, options.perWorker ?? DEFAULT_PER_WORKER);
  let limit = given ? workers * perWorker : 1;
  const progress: PipelineProgress = { documents: 0, bytes: 0, skipped: 0, reused: 0 };
  const seen = new Set<string>();
  const window: Promise<ExtractItem>[] = [];

  const admit = (item: ReadItem): Promise<ExtractItem> | ExtractItem => {
    if (item.kind === 'skipped') return item;
    const doc = item.document;
    if (seen.has(doc.id)) return { kind: 'skipped', skipped: { path: doc.id, reason: 'duplicate document id (read twice)' } };
    seen.add(doc.id);
    const old = options.reuse?.get(doc.id);
    const from = item.from !== undefined ? { from: item.from } : {};
    if (old && old.document.hash === doc.hash) {
      // The reused record keeps its text; the new document's metadata may differ only if its hash did,
      // or by the outlet given for documents that name none (`--outlet`), which is not in their hash.
      if (doc.source && doc.source !== old.document.source) {
        return { kind: 'record', record: { ...old, document: { ...old.document, source: doc.source } }, reused: false, ...from };
      }
      return { kind: 'record', record: old, reused: true, ...from };
    }
    if (!pool && inline > 0) {
      inline--;
      try {
        return { kind: 'record', record: extractRecord(doc), reused: false, ...from };
      } catch (error) {
        return extractionFailed(doc, error);
      }
    }
    if (!pool) {
      pool = createExtractPool(workers);
      limit = workers * perWorker;
    }
    return pool.extract(doc).then(
      (extraction): ExtractItem => ({ kind: 'record', record: toRecord(doc, extraction), reused: false, ...from }),
      (error: unknown) => extractionFailed(doc, error),
    );
  };

  const report = (out: ExtractItem) => {
    if (out.kind === 'skipped') progress.skipped++;
    else {
      progress.documents++;
      progress.bytes += out.record.text.length;
      if (out.reused) progress.reused++;
    }
    options.onProgress?.(progress);
  };

  const iterator = source[Symbol.asyncIterator]();
  try {
    let done = false;
    for (;;) {
      while (!done && window.length < limit) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        const out = admit(next.value);
        if (!(out instanceof Promise) && window.length === 0) {
          report(out);
          yield out;
        } else window.push(Promise.resolve(out));
      }
      const head = window.shift();
      if (!head) break;
      const out = await head;
      report(out);
      yield out;
    }
  } finally {
    await iterator.return?.();
    if (pool !== given) await pool?.close();
  }
}

/**
 * Reads the inputs and extracts every document, streaming; records in input order. A copy of a
 * document read before it (or of one in `kept`) is passed over, as a skipped input (see dropCopies).
 */
export async function extractInputs(
  inputs: string[],
  options: ExtractOptions & { read?: ReadOptions; kept?: SameContent } = {},
): Promise<{ records: ExtractionRecord[]; skipped: SkippedInput[] }> {
  const records: ExtractionRecord[] = [];
  const skipped: SkippedInput[] = [];
  for await (const item of extractStream(dropCopies(readDocuments(inputs, options.read), options.kept), options)) {
    if (item.kind === 'record') records.push(item.record);
    else skipped.push(skippedOf(item));
  }
  return { records, skipped };
}

/** Builds a knowledge graph from files and folders. */
export async function buildFromInputs(inputs: string[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const { records, skipped } = await extractInputs(inputs, options);
  const { graph, memo } = buildGraphAndMemo(records, { ...options, skipped: [...(options.skipped ?? []), ...skipped] });
  return memo ? { graph, records, skipped, memo } : { graph, records, skipped };
}

const DOCUMENT_FILE = /\.(txt|text|md|markdown|html?|xhtml)$/i;
const LINES_FILE = /\.(jsonl|ndjson)$/i;

async function countLines(file: string): Promise<number> {
  let lines = 0;
  let lastNonBlank = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) {
        if (from < chunk.length) lastNonBlank = true;
        break;
      }
      if (nl > from || lastNonBlank) lines++;
      lastNonBlank = false;
      from = nl + 1;
    }
  }
  return lines + (lastNonBlank ? 1 : 0);
}

async function countPath(p: string, depth: number): Promise<number> {
  let info;
  try {
    info = await stat(p);
  } catch {
    return 0;
  }
  if (info.isFile()) return LINES_FILE.test(p) ? countLines(p) : 1;
  if (!info.isDirectory() || depth > 32) return 0;
  let total = 0;
  for (const entry of await readdir(p, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const child = path.join(p, entry.name);
    if (entry.isDirectory()) total += await countPath(child, depth + 1);
    else if (LINES_FILE.test(entry.name)) total += await countLines(child);
    else if (DOCUMENT_FILE.test(entry.name)) total++;
  }
  return total;
}

/**
 * Cheaply estimates how many documents the inputs hold (files in folders, lines of JSON Lines), for
 * progress display. An estimate: ingest may still skip some.
 */
export async function countInputDocuments(inputs: string[]): Promise<number> {
  let total = 0;
  for (const p of inputs) total += await countPath(p, 0);
  return total;
}
