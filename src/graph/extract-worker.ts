/**
 * The extraction worker: a worker_threads entry that runs the pure nlp/ stage on documents sent by
 * the pool (src/graph/pool.ts) and posts the extractions back. Importing nlp/ loads the NER model
 * once per worker; every message after that only parses.
 *
 * Protocol: in `{ batch: [{ id, doc: { id, text } }, …] }`; out `{ results: [{ id, extraction } |
 * { id, error }, …] }`, one reply per batch, in the batch's order. Several short documents travel in
 * one message so that per-message costs (a wake-up and a structured clone on each side) do not
 * dominate short texts (a Reuters story is ≈800 characters).
 */
import { parentPort } from 'node:worker_threads';
import { extractDocument } from '../nlp/index.js';
import type { DocumentExtraction } from '../types.js';

export interface WorkerJob {
  id: number;
  doc: { id: string; text: string };
}

export interface WorkerRequest {
  batch: WorkerJob[];
}

export type WorkerResult = { id: number; extraction: DocumentExtraction } | { id: number; error: { message: string; stack?: string } };

export interface WorkerResponse {
  results: WorkerResult[];
}

/** Extracts one job; never throws (a failure becomes an error result for that document alone). */
function run(job: WorkerJob): WorkerResult {
  try {
    return { id: job.id, extraction: extractDocument(job.doc) };
  } catch (error) {
    const e = error as Error;
    return { id: job.id, error: { message: e?.message ?? String(error), stack: e?.stack } };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: WorkerRequest) => {
    const response: WorkerResponse = { results: msg.batch.map(run) };
    port.postMessage(response);
  });
  // Load the model and warm the code paths now, once per worker, not on the first real document.
  try {
    extractDocument({ id: 'warm-up', text: 'Warm-up: Ada Lovelace met Charles Babbage in London.' });
  } catch {
    // A failing warm-up shows again, with its document, on the first real extraction.
  }
  port.postMessage({ ready: true });
}
