/**
 * The whole build: ingest → nlp → resolve → graph. Reads inputs as a stream, extracts each document
 * (optionally in a worker pool), and builds the graph from the extraction records.
 */
import { readDocuments } from '../ingest/index.js';
import { extractDocument } from '../nlp/index.js';
import type { Document, ExtractionRecord, SkippedInput } from '../types.js';
import { buildGraph, type BuildGraphOptions, type KnowledgeGraph } from './build.js';

export interface PipelineProgress {
  documents: number;
  bytes: number;
  skipped: number;
}

export interface PipelineOptions extends BuildGraphOptions {
  /** Called after each document is extracted. */
  onProgress?: (progress: PipelineProgress) => void;
  /** Extract these ids again only when their hash changed (incremental builds); records to reuse. */
  reuse?: Map<string, ExtractionRecord>;
}

export interface PipelineResult {
  graph: KnowledgeGraph;
  records: ExtractionRecord[];
  skipped: SkippedInput[];
}

/** Extracts one document into a record. Pure and total. */
export function extractRecord(doc: Document): ExtractionRecord {
  const { text, ...info } = doc;
  return { document: info, text, extraction: extractDocument(doc) };
}

/** Reads the inputs and extracts every document, streaming. */
export async function extractInputs(
  inputs: string[],
  options: Pick<PipelineOptions, 'onProgress' | 'reuse'> = {},
): Promise<{ records: ExtractionRecord[]; skipped: SkippedInput[] }> {
  const records: ExtractionRecord[] = [];
  const skipped: SkippedInput[] = [];
  const progress: PipelineProgress = { documents: 0, bytes: 0, skipped: 0 };
  const seen = new Set<string>();
  for await (const item of readDocuments(inputs)) {
    if (item.kind === 'skipped') {
      skipped.push(item.skipped);
      progress.skipped++;
      continue;
    }
    const doc = item.document;
    if (seen.has(doc.id)) {
      skipped.push({ path: doc.id, reason: 'duplicate document id (read twice)' });
      progress.skipped++;
      continue;
    }
    seen.add(doc.id);
    const old = options.reuse?.get(doc.id);
    records.push(old && old.document.hash === doc.hash ? old : extractRecord(doc));
    progress.documents++;
    progress.bytes += doc.text.length;
    options.onProgress?.(progress);
  }
  return { records, skipped };
}

/** Builds a knowledge graph from files and folders. */
export async function buildFromInputs(inputs: string[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const { records, skipped } = await extractInputs(inputs, options);
  const graph = buildGraph(records, { ...options, skipped: [...(options.skipped ?? []), ...skipped] });
  return { graph, records, skipped };
}
