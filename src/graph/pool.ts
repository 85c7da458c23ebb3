/**
 * A worker_threads pool for the extraction stage (pure nlp/: text in, extraction out). Each worker
 * loads the NLP model once; documents go to the least busy worker. The pool itself neither orders
 * nor bounds work: the pipeline's ordered window (pipeline.ts) does both.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NewsgraphError } from '../errors.js';
import type { DocumentExtraction } from '../types.js';
import type { WorkerRequest, WorkerResponse } from './extract-worker.js';

/** The machine's usable cores: the default pool size. */
export function defaultWorkerCount(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}

/**
 * The compiled worker file. From dist/ it sits beside this module; when this module runs from
 * src/ (vitest transpiles TypeScript, workers cannot), the compiled copy in dist/ is used.
 */
export function workerUrl(): URL {
  const beside = new URL('./extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const dist = new URL('../../dist/graph/extract-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return dist;
  throw new NewsgraphError(
    'extract pool: cannot find the compiled worker (dist/graph/extract-worker.js). Run `npm run build:ts` first, or use --workers 1.',
  );
}

interface Pending {
  resolve: (e: DocumentExtraction) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  ready: Promise<void>;
}

export interface ExtractPool {
  /** Number of workers. */
  readonly size: number;
  /** Extracts one document in a worker; rejects when extraction throws or the worker dies. */
  extract(doc: { id: string; text: string }): Promise<DocumentExtraction>;
  /** Waits until every worker has loaded (the model is read once per worker). */
  ready(): Promise<void>;
  /** Stops the workers; pending extractions are rejected. */
  close(): Promise<void>;
}

/**
 * Starts `size` extraction workers.
 * @throws NewsgraphError when the compiled worker file cannot be found.
 */
export function createExtractPool(size: number): ExtractPool {
  const url = workerUrl();
  const n = Math.max(1, Math.floor(size));
  let nextId = 0;
  let closed = false;
  let failure: Error | undefined;
  const slots: Slot[] = [];

  const fail = (slot: Slot, error: Error) => {
    failure ??= error;
    for (const p of slot.pending.values()) p.reject(error);
    slot.pending.clear();
  };

  for (let i = 0; i < n; i++) {
    const worker = new Worker(url);
    let markReady!: () => void;
    const slot: Slot = { worker, pending: new Map(), ready: new Promise<void>((r) => (markReady = r)) };
    worker.on('message', (msg: WorkerResponse | { ready: true }) => {
      if ('ready' in msg) {
        markReady();
        return;
      }
      const p = slot.pending.get(msg.id);
      if (!p) return;
      slot.pending.delete(msg.id);
      if ('error' in msg) {
        const e = new Error(msg.error.message);
        if (msg.error.stack) e.stack = msg.error.stack;
        p.reject(e);
      } else p.resolve(msg.extraction);
    });
    worker.on('error', (error) => {
      markReady();
      fail(slot, new NewsgraphError(`extract pool: worker ${i} failed: ${error.message}`, { cause: error }));
    });
    worker.on('exit', (code) => {
      markReady();
      if (!closed) fail(slot, new NewsgraphError(`extract pool: worker ${i} exited (code ${code}) with documents in flight.`));
    });
    slots.push(slot);
  }

  return {
    size: n,
    extract(doc) {
      if (closed) return Promise.reject(new NewsgraphError('extract pool: closed'));
      if (failure) return Promise.reject(failure);
      let best = slots[0]!;
      for (const s of slots) if (s.pending.size < best.pending.size) best = s;
      const id = nextId++;
      return new Promise<DocumentExtraction>((resolve, reject) => {
        best.pending.set(id, { resolve, reject });
        const req: WorkerRequest = { id, doc: { id: doc.id, text: doc.text } };
        best.worker.postMessage(req);
      });
    },
    async ready() {
      await Promise.all(slots.map((s) => s.ready));
      if (failure) throw failure;
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new NewsgraphError('extract pool: closed with documents in flight');
      for (const s of slots) fail(s, error);
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
