/**
 * server/query-pool: a small pool of worker threads that run queries off the event loop, so a
 * hostile query cannot stall the server. The engine enforces the time budget itself; as a backstop
 * a worker that overruns the budget by a grace period is terminated (the client gets a 422
 * QueryLimitError) and a fresh worker takes its place. Workers that die (out of memory, crash) are
 * replaced the same way. Jobs wait in a bounded queue while every worker is busy.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { errorBody, type QueryJob, type QueryReply, type WorkerData } from './query-protocol.js';
import { errorReason, WorkerDeaths, type WorkerDeath } from './worker-deaths.js';

export interface QueryPoolOptions {
  /** Number of worker threads (≥ 1). */
  size: number;
  /** Engine time budget per query, in ms. */
  timeoutMs: number;
  /** Extra time the engine gets before its worker is terminated, in ms. */
  graceMs: number;
  /** Jobs allowed to wait for a worker; more are answered 503 at once. */
  maxQueue: number;
  /** Heap limits of each worker (a query that exhausts them kills only its worker). */
  resourceLimits?: ResourceLimits;
  /** Told of each worker that died (not of those the pool stopped: over budget, retired, closing). */
  onDeath?: (death: WorkerDeath) => void;
}

/** A query answer: status and JSON body (text, or UTF-8 bytes). */
export interface QueryAnswer {
  status: number;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

interface PendingJob {
  job: QueryJob;
  resolve: (answer: QueryAnswer) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** The pool's data this worker was started with (see reload). */
  version: number;
  /** Set when a worker of newer data is ready: it finishes its job and stops. */
  retiring: boolean;
  current?: PendingJob;
  timer?: NodeJS.Timeout;
  dead: boolean;
}

/** Where a compiled worker script of server/ is (default the query worker's): beside this module, or in dist/ when running from src/. */
export function findWorkerScript(name = 'query-worker.js'): URL | undefined {
  const beside = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const here = fileURLToPath(import.meta.url);
  const dist = here.replace(/([\\/])src([\\/])server([\\/])[^\\/]+$/, `$1dist$2server$3${name}`);
  if (dist !== here && existsSync(dist)) return pathToFileURL(dist);
  return undefined;
}

const MAX_START_FAILURES = 3;

export class QueryPool {
  private slots: Slot[] = [];
  private queue: PendingJob[] = [];
  private nextId = 1;
  private data: WorkerData;
  /** Bumped by each reload; slots of an older version answer only until one of the newest is ready. */
  private version = 0;
  /** Resolves the promise of the last reload once one of its workers is ready (or none can start). */
  private switched: (() => void) | undefined;
  private startFailures = 0;
  private broken: string | undefined;
  private closed = false;
  /** Workers replaced after overrunning their budget or dying (for health and tests). */
  restarts = 0;
  /** Workers that died: out of memory, an uncaught error, an exit (for health). */
  private readonly deaths = new WorkerDeaths();

  constructor(
    private readonly script: URL,
    data: WorkerData,
    private readonly options: QueryPoolOptions,
  ) {
    this.data = data;
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /**
   * Counts for /api/health: workers of the newest data, and how many of them are ready (parsed the
   * graph: a worker started after one died is not, for a moment); busy counts every running query;
   * deaths and the last one (when, why); `error` while no worker can start (every query is answered
   * 503 until the next reload).
   */
  stats(): { workers: number; ready: number; busy: number; queued: number; restarts: number; deaths: number; lastDeath?: WorkerDeath; error?: string } {
    const newest = this.slots.filter((s) => s.version === this.version);
    return {
      workers: newest.length,
      ready: newest.filter((s) => s.ready && !s.dead).length,
      busy: this.slots.filter((s) => s.current).length,
      queued: this.queue.length,
      restarts: this.restarts,
      ...this.deaths.summary(),
      ...(this.broken ? { error: this.broken } : {}),
    };
  }

  /**
   * Runs a query in a worker; never rejects: errors come back as JSON error answers. When `signal`
   * aborts (the client went away) while the query still waits for a worker, it is dropped unrun.
   */
  run(query: string, params?: Record<string, unknown>, signal?: AbortSignal): Promise<QueryAnswer> {
    if (this.closed) return Promise.resolve(busy('the server is shutting down'));
    if (this.broken) return Promise.resolve({ status: 503, body: errorBody('QueryWorkerError', this.broken) });
    if (this.queue.length >= this.options.maxQueue) return Promise.resolve(busy(`too many queries waiting (${this.queue.length}); try again shortly`));
    return new Promise((resolve) => {
      const pending: PendingJob = { job: { id: this.nextId++, query, params, timeoutMs: this.options.timeoutMs }, resolve };
      this.queue.push(pending);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.queue.indexOf(pending);
          if (i < 0) return;
          this.queue.splice(i, 1);
          resolve({ status: 499, body: errorBody('ClientClosedRequest', 'the client closed the connection before the query ran') });
        },
        { once: true },
      );
      this.pump();
    });
  }

  /**
   * Replaces every worker with one holding the new graph. The old workers go on answering until one
   * of the new ones has parsed it (seconds for a big graph), so queries never wait for the switch;
   * then they finish what they run and stop. Resolves at that switch, or when no new worker can start.
   */
  reload(data: WorkerData): Promise<void> {
    this.data = data;
    this.version++;
    this.broken = undefined;
    this.startFailures = 0;
    this.switched?.();
    const fresh = Array.from({ length: this.options.size }, () => this.spawn());
    this.slots.push(...fresh);
    return new Promise((resolve) => {
      this.switched = () => {
        this.switched = undefined;
        resolve();
      };
    });
  }

  /** A worker of the newest data is ready: the older ones stop taking queries. */
  private switchOver(): void {
    for (const slot of [...this.slots]) {
      if (slot.version === this.version || slot.retiring) continue;
      slot.retiring = true;
      if (!slot.current) this.stop(slot);
    }
    this.switched?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.switched?.(); // a reload waiting for new workers does not wait for ever
    for (const p of this.queue.splice(0)) p.resolve(busy('the server is shutting down'));
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.current?.resolve(busy('the server is shutting down'));
        slot.current = undefined;
        if (slot.timer) clearTimeout(slot.timer);
        slot.dead = true;
        await slot.worker.terminate();
      }),
    );
    this.slots = [];
  }

  private spawn(): Slot {
    const worker = new Worker(this.script, { workerData: this.data, resourceLimits: this.options.resourceLimits });
    const slot: Slot = { worker, ready: false, version: this.version, retiring: false, dead: false };
    worker.on('message', (message: QueryReply | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        this.startFailures = 0;
        if (slot.version === this.version) this.switchOver();
        this.pump();
        return;
      }
      const pending = slot.current;
      if (!pending || pending.job.id !== message.id) return;
      if (slot.timer) clearTimeout(slot.timer);
      slot.current = undefined;
      pending.resolve({ status: message.status, body: message.body });
      if (slot.retiring) this.stop(slot);
      this.pump();
    });
    const onDeath = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      const death = this.deaths.record(why);
      this.options.onDeath?.(death);
      if (slot.timer) clearTimeout(slot.timer);
      const pending = slot.current;
      slot.current = undefined;
      pending?.resolve({ status: 503, body: errorBody('QueryWorkerError', `the query worker stopped (${why}); the query was not answered. Try again, or simplify the query.`) });
      if (!slot.ready && !slot.retiring) this.startFailures++;
      this.replace(slot);
    };
    worker.on('error', (error: Error & { code?: string }) => onDeath(errorReason(error)));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    // Workers do not keep the process alive (the listening HTTP server does); after the listeners,
    // which would ref it again.
    worker.unref();
    return slot;
  }

  private stop(slot: Slot): void {
    slot.dead = true;
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    if (slot.version !== this.version || slot.retiring) {
      // A worker of older data is not replaced: the newest ones take over.
      this.slots.splice(i, 1);
      this.pump();
      return;
    }
    if (this.startFailures >= MAX_START_FAILURES) {
      this.broken = 'the query workers cannot start; restart the server';
      this.slots.splice(i, 1);
      for (const p of this.queue.splice(0)) p.resolve({ status: 503, body: errorBody('QueryWorkerError', this.broken) });
      this.switched?.();
      return;
    }
    this.restarts++;
    this.slots[i] = this.spawn();
  }

  private pump(): void {
    // Until a worker of the newest data is ready, the older ones (not yet retiring) answer.
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.current || slot.dead || slot.retiring) continue;
      const pending = this.queue.shift()!;
      slot.current = pending;
      const limit = this.options.timeoutMs + this.options.graceMs;
      slot.timer = setTimeout(() => {
        if (slot.current !== pending) return;
        slot.current = undefined;
        pending.resolve({
          status: 422,
          body: errorBody(
            'QueryLimitError',
            `the query did not finish within its time budget of ${this.options.timeoutMs} ms and was stopped; ` +
              (/^\s*(paths|path|neighbors|neighbours)\b/i.test(pending.job.query)
                ? 'lower its max, or leave hubs out with "without NAME"'
                : 'add a LIMIT, bound the path length (e.g. *1..3) or name fewer nodes'),
          ),
        });
        slot.dead = true;
        void slot.worker.terminate();
        this.replace(slot);
      }, limit);
      slot.worker.postMessage(pending.job);
    }
  }
}

function busy(message: string): QueryAnswer {
  return { status: 503, body: errorBody('ServerBusy', message), headers: { 'Retry-After': '1' } };
}
