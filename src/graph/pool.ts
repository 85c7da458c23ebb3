/**
 * A worker_threads pool for the extraction stage (pure nlp/: text in, extraction out). Each worker
 * loads the NLP model once. Documents wait in one queue in the main thread and go out in batches
 * (several short documents per message, up to a character budget), at most two batches per worker at
 * a time: a worker always has its next batch at hand when it finishes one (it never waits on the main
 * thread), and the rest stay in the queue for whichever worker frees up first (so one worker does not
 * sit idle while the other works through a queue of long articles). The pool neither orders nor
 * bounds work: the pipeline's ordered window (pipeline.ts) does both.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { NewsgraphError } from '../errors.js';
import type { DocumentExtraction } from '../types.js';
import type { WorkerJob, WorkerRequest, WorkerResponse } from './extract-worker.js';

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

interface Job extends WorkerJob {
  resolve: (e: DocumentExtraction) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Documents sent to this worker and not answered yet, by job id. */
  pending: Map<number, Job>;
  /** Batches sent and not answered yet. */
  batches: number;
  ready: Promise<void>;
  dead: boolean;
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

/** Batches in flight per worker: one being extracted, one waiting at hand. */
const BATCHES_PER_WORKER = 2;
/** Most documents in one message to a worker. */
const BATCH_DOCUMENTS = 16;
/** A batch closes once it holds this many characters of text (≈0.1 s of NLP). */
const BATCH_CHARACTERS = 16_000;

/**
 * V8 settings for the extraction isolates, and V8's defaults to put back. The extraction code is many
 * small rule functions, each reached by rare patterns long after V8 has optimised it; every such
 * deoptimisation recompiles the function and everything inlined into it. Inlining less
 * (cumulative inlined bytecode 150 instead of 920; single functions up to 460 bytes still inline) and
 * optimising later, with fuller type feedback (4× the interrupt budget), halves TurboFan's work per
 * worker over a large corpus (all Reuters in one isolate: compiler threads 4.2 → 2.2 s of CPU) with no
 * measurable cost to the extracting thread. That compile work runs beside one worker on a free core but
 * competes with the other worker when a pool fills the machine, so it is what held two workers back
 * (bench/README, "Seventh pass"). Resolution's large functions, on the main thread, are ≈10–20% slower
 * under the same settings, so they hold only while a pool is open.
 */
const POOL_V8_FLAGS: Array<[flag: string, pool: number, v8Default: number]> = [
  ['max-inlined-bytecode-size-cumulative', 150, 920],
  ['interrupt-budget', 270_336, 67_584],
];
let openPools = 0;

/**
 * Applies POOL_V8_FLAGS while at least one pool is open (V8's flags are per process, read when code is
 * compiled, and a worker's isolate compiles with those in force). A flag given on node's command line
 * is left alone. Returns the function that puts V8's defaults back once the last pool closes. The count
 * is this module's: pools opened from other threads of the process can put the defaults back early,
 * which costs speed only (the settings change what V8 compiles, never what the code computes).
 */
function useExtractionV8Flags(): () => void {
  const own = POOL_V8_FLAGS.filter(([flag]) => !process.execArgv.some((a) => a.replace(/_/g, '-').startsWith(`--${flag}=`)));
  if (openPools++ === 0) for (const [flag, value] of own) v8.setFlagsFromString(`--${flag}=${value}`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--openPools === 0) for (const [flag, , value] of own) v8.setFlagsFromString(`--${flag}=${value}`);
  };
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
  let scheduled = false;
  const queue: Job[] = [];
  let head = 0;
  const slots: Slot[] = [];
  const releaseV8Flags = useExtractionV8Flags();

  const fail = (slot: Slot, error: Error) => {
    failure ??= error;
    slot.dead = true;
    for (const job of slot.pending.values()) job.reject(error);
    slot.pending.clear();
    // Nothing else will take the queued documents if every worker is gone.
    if (slots.every((s) => s.dead)) {
      for (let i = head; i < queue.length; i++) queue[i]!.reject(error);
      queue.length = head = 0;
    }
  };

  /** Sends queued documents to workers with room, least loaded first. */
  const dispatch = () => {
    scheduled = false;
    while (head < queue.length) {
      let best: Slot | undefined;
      for (const s of slots) if (!s.dead && s.batches < BATCHES_PER_WORKER && (!best || s.batches < best.batches)) best = s;
      if (!best) break;
      const batch: WorkerJob[] = [];
      let chars = 0;
      while (head < queue.length && batch.length < BATCH_DOCUMENTS && chars < BATCH_CHARACTERS) {
        const job = queue[head++]!;
        best.pending.set(job.id, job);
        batch.push({ id: job.id, doc: job.doc });
        chars += job.doc.text.length;
      }
      best.batches++;
      const request: WorkerRequest = { batch };
      best.worker.postMessage(request);
    }
    if (head === queue.length) queue.length = head = 0;
    else if (head > 1024) {
      queue.splice(0, head);
      head = 0;
    }
  };

  for (let i = 0; i < n; i++) {
    const worker = new Worker(url);
    let markReady!: () => void;
    const slot: Slot = { worker, pending: new Map(), batches: 0, ready: new Promise<void>((r) => (markReady = r)), dead: false };
    worker.on('message', (msg: WorkerResponse | { ready: true }) => {
      if ('ready' in msg) {
        markReady();
        return;
      }
      slot.batches--;
      // Refill the worker before settling the results: it starts on its next batch at once.
      if (head < queue.length) dispatch();
      for (const r of msg.results) {
        const job = slot.pending.get(r.id);
        if (!job) continue;
        slot.pending.delete(r.id);
        if ('error' in r) {
          const e = new Error(r.error.message);
          if (r.error.stack) e.stack = r.error.stack;
          job.reject(e);
        } else job.resolve(r.extraction);
      }
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
      return new Promise<DocumentExtraction>((resolve, reject) => {
        queue.push({ id: nextId++, doc: { id: doc.id, text: doc.text }, resolve, reject });
        // Documents admitted in the same turn of the event loop share a message.
        if (!scheduled) {
          scheduled = true;
          setImmediate(dispatch);
        }
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
      releaseV8Flags();
    },
  };
}
