/**
 * server/graph-host: who holds the served graph and does the slow work on it — reading the graph
 * folder (graph.json with its journal replayed, then serialised for /api/graph), building the GEXF
 * export, and reading the documents' records for /api/documents.
 *
 * On a graph of tens of thousands of nodes each of these takes seconds of CPU (reading and
 * serialising the full BBC + Reuters graph ≈3 s, its GEXF ≈4 s, its 75 MB of records ≈1 s). The
 * server hands them to one worker thread, so that its event loop keeps answering health, graph,
 * static and query requests meanwhile; the main thread only holds the served bytes (in a
 * SharedArrayBuffer, which the query workers read without a copy). Without a compiled worker script,
 * or when the server runs queries on its own thread, the same functions run inline.
 *
 * A reload has two steps: `load` reads the folder and hands back the new graph's bytes, while exports
 * and documents are still answered from the graph served; `commit` switches to the new one, when the
 * server switches what it serves (after its query workers hold it). The worker answers in the order
 * it was asked, so whatever is asked before the switch is answered from the graph served then.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { ExportError, GraphBusyError, GraphFormatError, InputError, NewsgraphError, UsageError } from '../errors.js';
import { toGexf } from '../export/gexf.js';
import { toJson } from '../export/json.js';
import type { KnowledgeGraph } from '../graph/index.js';
import { parseGraph, readGraph, readGraphRecords } from '../store/index.js';
import type { ExtractionRecord } from '../types.js';
import { errorReason, WorkerDeaths, type WorkerDeath } from './worker-deaths.js';

/** The graph worker stopped while it was asked something: the request failed, not the graph folder. */
export class GraphWorkerStoppedError extends NewsgraphError {}

/** The size of a served graph, for /api/health and reload events. */
export interface GraphCounts {
  nodes: number;
  edges: number;
  documents: number;
}

/** A graph as the server serves it. */
export interface ServedGraph {
  /** graph.json as served (`toJson` of the graph read), UTF-8; backed by a SharedArrayBuffer when it came from the worker. */
  body: Buffer;
  /** Which graph this is: a strong HTTP entity tag of the body (quoted), the same for the same graph across restarts. */
  etag: string;
  counts: GraphCounts;
  /** The graph itself: only when it was read on this thread. */
  graph?: KnowledgeGraph;
}

/** What holds the graph: the worker, or this thread. */
export interface GraphHost {
  /** Reads the graph folder again; `gexf`, `gzip` and `document` answer from it once it is committed. */
  load(): Promise<ServedGraph>;
  /** The graph last loaded is the one served from now on. */
  commit(): void;
  /** The GEXF export of the graph served, UTF-8. */
  gexf(): Promise<Buffer>;
  /** The served body, gzip-compressed (for clients that are not on this machine). */
  gzip(): Promise<Buffer>;
  /** `{ document, text, sentences }` of one document of the graph folder, as JSON; undefined when there is none. */
  document(id: string): Promise<string | undefined>;
  /** How its worker fares (for /api/health). */
  health(): GraphHostHealth;
  close(): Promise<void>;
}

/** How the graph host's worker fares, for /api/health. */
export type GraphHostHealth =
  | { mode: 'inline' }
  | {
      mode: 'worker';
      /**
       * up: a worker holds the graph served (or is reading the folder); restarting: one died and the
       * one started after it is taking over the graph served; down: none runs, since the workers
       * started again kept dying before they held the graph (the next request that needs one tries
       * again), or the server is closing.
       */
      state: 'up' | 'restarting' | 'down';
      /** Workers started again after one died. */
      restarts: number;
      /** Workers that died (out of memory, an uncaught error, an exit). */
      deaths: number;
      lastDeath?: WorkerDeath;
    };

/** Told of warnings while reading (a journal line left out): the server emits them as process warnings. */
type Warn = (message: string) => void;

const countsOf = (graph: KnowledgeGraph): GraphCounts => ({
  nodes: graph.order,
  edges: graph.size,
  documents: (graph.getAttribute('documents') as unknown[] | undefined)?.length ?? 0,
});

/** The entity tag of a served body. */
export const etagOf = (body: Uint8Array): string => `"${createHash('sha1').update(body).digest('base64url')}"`;

/**
 * The work itself, the same on either thread: the graph of a folder, its served bytes, its GEXF and
 * its documents' records (read when first asked for, dropped when another graph is committed).
 */
export class GraphWork {
  private graph: KnowledgeGraph | undefined;
  private served: Uint8Array | undefined;
  private records: Promise<Map<string, ExtractionRecord>> | undefined;
  /** The graph loaded and not yet committed, with its bytes. */
  private next: { graph: KnowledgeGraph; served?: Uint8Array } | undefined;

  constructor(
    private readonly graphDir: string,
    private readonly warn: Warn,
    /** Read the records right after each load, before a document is asked for (in the worker: nobody waits on it). */
    private readonly prefetch = false,
  ) {}

  /** Reads the folder; the graph read is served once committed. */
  async load(): Promise<{ graph: KnowledgeGraph; json: string; counts: GraphCounts }> {
    const graph = await readGraph(this.graphDir, { onWarning: this.warn });
    const json = toJson(graph);
    this.next = { graph };
    return { graph, json, counts: countsOf(graph) };
  }

  /** The bytes that will be served for the graph last loaded (for `gzip`). */
  serving(body: Uint8Array): void {
    if (this.next) this.next.served = body;
  }

  /** The graph last loaded is served from now on; its records are read when asked for (or now, with prefetch). */
  commit(): void {
    if (!this.next) return;
    this.graph = this.next.graph;
    this.served = this.next.served;
    this.next = undefined;
    this.records = undefined;
    if (this.prefetch) this.recordsRead().catch(() => undefined); // a failure is met again, and said, when a document is asked for
  }

  /** Serves the graph of these bytes (what the server serves: a worker started after one died takes them over). */
  adopt(body: Uint8Array, file: string): void {
    this.next = { graph: parseGraph(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), file), served: body };
    this.commit();
  }

  gexf(): string {
    if (!this.graph) throw new NewsgraphError('no graph is loaded');
    return toGexf(this.graph);
  }

  gzip(): Buffer {
    if (!this.served) throw new NewsgraphError('no graph is loaded');
    // Level 4: on the 41 MB full graph ≈5× smaller, in well under a second.
    return gzipSync(this.served, { level: 4 });
  }

  /** The records of the graph folder by document id, read once per load. */
  private async recordsRead(): Promise<Map<string, ExtractionRecord>> {
    const reading = (this.records ??= readGraphRecords(this.graphDir, { onWarning: this.warn }).then((list) => new Map(list.map((r) => [r.document.id, r]))));
    try {
      return await reading;
    } catch (error) {
      if (this.records === reading) this.records = undefined; // not kept: the next request reads the folder again
      throw error;
    }
  }

  async document(id: string): Promise<string | undefined> {
    const rec = (await this.recordsRead()).get(id);
    return rec && JSON.stringify({ document: rec.document, text: rec.text, sentences: rec.extraction.sentences });
  }
}

const emitWarning: Warn = (message) => process.emitWarning(message, { code: 'NEWSGRAPH_JOURNAL' });

/** The host on this thread (a server without query workers, or without the compiled worker script). */
export function inlineGraphHost(graphDir: string): GraphHost {
  const work = new GraphWork(graphDir, emitWarning);
  return {
    async load() {
      const { graph, json, counts } = await work.load();
      const body = Buffer.from(json);
      work.serving(body);
      return { body, etag: etagOf(body), counts, graph };
    },
    commit: () => work.commit(),
    gexf: async () => Buffer.from(work.gexf()),
    gzip: async () => work.gzip(),
    document: (id) => work.document(id),
    health: () => ({ mode: 'inline' }),
    close: async () => {},
  };
}

/** A request to the graph worker. */
export type GraphRequest = { id: number } & GraphAsk;
type GraphAsk =
  | { kind: 'load' }
  | { kind: 'commit' }
  | { kind: 'adopt'; body: SharedArrayBuffer }
  | { kind: 'gexf' }
  | { kind: 'gzip' }
  | { kind: 'document'; documentId: string };

/** The worker's answer, or a warning it met on the way. */
export type GraphReply =
  | { warning: string }
  | { id: number; error: { name: string; message: string; path?: string; holder?: string } }
  | { id: number; kind: 'load'; body: SharedArrayBuffer; etag: string; counts: GraphCounts }
  | { id: number; kind: 'gexf' | 'gzip'; body: Uint8Array }
  | { id: number; kind: 'document'; body?: string }
  | { id: number; kind: 'commit' | 'adopt' };

/** An error from the worker, as the class it was there (the server tells the graph's errors from its own bugs by class). */
export function reviveError(e: { name: string; message: string; path?: string; holder?: string }): Error {
  const p = e.path ?? '';
  switch (e.name) {
    case 'GraphFormatError':
      return new GraphFormatError(e.message, p);
    case 'GraphBusyError':
      return new GraphBusyError(e.message, p, e.holder);
    case 'InputError':
      return new InputError(e.message, p);
    case 'ExportError':
      return new ExportError(e.message);
    case 'UsageError':
      return new UsageError(e.message);
    case 'NewsgraphError':
      return new NewsgraphError(e.message);
    default: {
      const error = new Error(e.message);
      error.name = e.name;
      return error;
    }
  }
}

interface Waiting {
  resolve: (reply: GraphReply) => void;
  reject: (error: Error) => void;
  /** The worker asked: a worker that dies fails what it was asked, not what its successor was. */
  worker: Worker;
}

/** Options of the worker host. */
export interface WorkerGraphHostOptions {
  /** Told of each death of the graph worker, and whether it is being started again at once. */
  onDeath?: (death: WorkerDeath, restarting: boolean) => void;
}

/**
 * Workers that die one after another before they hold the graph served (out of memory as they parse
 * it, say) are not started again at once after this many: the next request that needs one tries again.
 */
const MAX_FAILED_RESTARTS = 3;

/**
 * The host in a worker thread (`script`: the compiled graph-worker.js). A worker that dies (out of
 * memory, a crash) fails what it was asked, and another is started at once, which takes over the
 * bytes the server serves before it answers — not the folder, which may hold another graph by now.
 * When restarted workers keep dying before they hold the graph, none is started until a request
 * needs one.
 */
export function workerGraphHost(script: URL, graphDir: string, options: WorkerGraphHostOptions = {}): GraphHost {
  let worker: Worker | undefined;
  let nextId = 1;
  let closed = false;
  let started = 0;
  const waiting = new Map<number, Waiting>();
  /** Workers that died (counted once: an 'exit' follows an 'error') or that close terminated. */
  const ended = new WeakSet<Worker>();
  const deaths = new WorkerDeaths();
  /** A worker started after one died, still taking over the graph served. */
  let adopting: Worker | undefined;
  /** Restarted workers that died in a row before they held the graph served. */
  let failedRestarts = 0;
  let loadedBody: SharedArrayBuffer | undefined; // the bytes of the graph last loaded…
  let servedBody: SharedArrayBuffer | undefined; // …and of the one committed: what the server serves

  const died = (w: Worker, reason: string): void => {
    if (ended.has(w)) return;
    ended.add(w);
    const error = new GraphWorkerStoppedError(`the server's graph worker stopped (${reason})`);
    for (const [id, wait] of waiting) {
      if (wait.worker !== w) continue;
      waiting.delete(id);
      wait.reject(error);
    }
    if (adopting === w) {
      adopting = undefined;
      failedRestarts++;
    }
    if (worker === w) worker = undefined;
    const death = deaths.record(reason);
    // Started again now rather than by the next request that needs it (an export, a document), so
    // that the request does not wait for it to parse the graph, and /api/health shows it up again.
    const again = !closed && servedBody !== undefined && failedRestarts < MAX_FAILED_RESTARTS;
    options.onDeath?.(death, again);
    if (again) running(true);
  };

  const start = (): Worker => {
    const w = new Worker(script, { workerData: { graphDir } });
    started++;
    w.on('message', (reply: GraphReply) => {
      if ('warning' in reply) return emitWarning(reply.warning);
      const wait = waiting.get(reply.id);
      if (!wait) return;
      waiting.delete(reply.id);
      if (![...waiting.values()].some((other) => other.worker === w)) w.unref();
      if ('error' in reply) wait.reject(reviveError(reply.error));
      else wait.resolve(reply);
    });
    w.on('error', (error: Error & { code?: string }) => died(w, errorReason(error)));
    w.on('exit', (code) => died(w, `exit code ${code}`));
    w.unref(); // kept alive only while it has work (see send): the listening server keeps the process
    return w;
  };

  const send = (w: Worker, request: GraphAsk): Promise<GraphReply> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject, worker: w });
      w.ref(); // a server still starting has nothing else keeping the process alive
      w.postMessage({ ...request, id });
    });
  };

  /**
   * The worker, started when there is none. One started after one died holds no graph: with `adopt`
   * it takes over the bytes the server serves (answered first, in order), not the folder, which may
   * hold another graph by now; a load reads the folder itself.
   */
  const running = (adopt: boolean): Worker => {
    if (worker) return worker;
    const w = (worker = start());
    if (adopt && servedBody) {
      adopting = w;
      send(w, { kind: 'adopt', body: servedBody }).then(
        () => {
          if (adopting !== w) return;
          adopting = undefined;
          failedRestarts = 0;
        },
        (error: unknown) => {
          if (adopting === w) adopting = undefined;
          if (!ended.has(w)) emitWarning(`newsgraph serve: the restarted graph worker could not take over the served graph: ${(error as Error).message}`);
        },
      );
    }
    return w;
  };

  const ask = (request: GraphAsk): Promise<GraphReply> => {
    if (closed) return Promise.reject(new NewsgraphError('the server is shutting down'));
    return send(running(request.kind !== 'load'), request);
  };

  return {
    async load() {
      const reply = (await ask({ kind: 'load' })) as Extract<GraphReply, { kind: 'load' }>;
      loadedBody = reply.body;
      return { body: Buffer.from(reply.body), etag: reply.etag, counts: reply.counts };
    },
    commit() {
      servedBody = loadedBody;
      void ask({ kind: 'commit' }).catch(() => undefined); // a worker that died meanwhile: its successor adopts servedBody
    },
    async gexf() {
      const reply = (await ask({ kind: 'gexf' })) as Extract<GraphReply, { kind: 'gexf' | 'gzip' }>;
      return Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
    },
    async gzip() {
      const reply = (await ask({ kind: 'gzip' })) as Extract<GraphReply, { kind: 'gexf' | 'gzip' }>;
      return Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
    },
    async document(documentId) {
      const reply = (await ask({ kind: 'document', documentId })) as Extract<GraphReply, { kind: 'document' }>;
      return reply.body;
    },
    health() {
      const state = worker && !closed ? (adopting === worker ? 'restarting' : 'up') : 'down';
      return { mode: 'worker', state, restarts: Math.max(0, started - 1), ...deaths.summary() };
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) ended.add(w); // terminated, not dead
      for (const wait of waiting.values()) wait.reject(new NewsgraphError('the server is shutting down'));
      waiting.clear();
      await w?.terminate();
    },
  };
}
