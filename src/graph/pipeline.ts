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
import { readDocuments, type IngestItem } from '../ingest/index.js';
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
  /** Records to reuse: a document with the same id and content hash is not extracted again. */
  reuse?: Map<string, ExtractionRecord>;
}

export interface PipelineOptions extends BuildGraphOptions, ExtractOptions {}

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
      // The reused record keeps its text; the new document's metadata may differ only if its hash did.
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

/** Reads the inputs and extracts every document, streaming; records in input order. */
export async function extractInputs(
  inputs: string[],
  options: ExtractOptions = {},
): Promise<{ records: ExtractionRecord[]; skipped: SkippedInput[] }> {
  const records: ExtractionRecord[] = [];
  const skipped: SkippedInput[] = [];
  for await (const item of extractStream(readDocuments(inputs), options)) {
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
