/**
 * The extraction worker: a worker_threads entry that runs the pure nlp/ stage on documents sent by
 * the pool (src/graph/pool.ts) and posts each extraction back. Importing nlp/ loads the NER model
 * once per worker; every message after that only parses.
 *
 * Protocol: in `{ id, doc: { id, text } }`; out `{ id, extraction }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { extractDocument } from '../nlp/index.js';
import type { DocumentExtraction } from '../types.js';

export interface WorkerRequest {
  id: number;
  doc: { id: string; text: string };
}

export type WorkerResponse =
  | { id: number; extraction: DocumentExtraction }
  | { id: number; error: { message: string; stack?: string } };

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: WorkerRequest) => {
    let response: WorkerResponse;
    try {
      response = { id: msg.id, extraction: extractDocument(msg.doc) };
    } catch (error) {
      const e = error as Error;
      response = { id: msg.id, error: { message: e?.message ?? String(error), stack: e?.stack } };
    }
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
