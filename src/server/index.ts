/**
 * server/: a real HTTP server for the viewer: the built web app as static files and a JSON API over
 * query/ and store/. Binds 127.0.0.1 unless told otherwise. Queries run in worker threads, so a
 * hostile query cannot stall other requests. Errors become `{ error: { name, message, position? } }`
 * with the right status; no stack traces leave the process.
 *
 * Routes:
 *   GET  /api/health                  { ok, nodes, edges, documents, generation, version, reloadError?, queries, graphWorker }
 *                                     (200; 503 with the same body when ok is false, see below)
 *   GET  /api/graph                   graph.json (header X-Newsgraph-Generation: which load of the folder;
 *                                     ETag = version: which graph, 304 to If-None-Match; gzip for other machines)
 *   GET  /api/export?format=gexf|json the graph as a download
 *   GET  /api/documents/:id           { document, text, sentences }
 *   POST /api/query  { query, params? }  QueryResult, or an error (400 bad query, 422 over budget)
 *   GET  /…                           files of the web app (web/dist), index.html for app routes
 *
 * /api/health, for people and monitors:
 *   ok            false only while part of the API cannot answer until something changes: no query
 *                 worker can start (queries.error), or the graph worker is down (graphWorker.state);
 *                 the status is then 503. A worker that died and was replaced, or is being started
 *                 again, leaves it true (and says so below); so does a reloadError (the previous graph
 *                 is still served).
 *   nodes, edges, documents   the size of the graph served
 *   generation    loads of the folder since the server started; version: which graph (the ETag of /api/graph)
 *   reloadError   why the folder's current content could not be loaded (the previous graph is served)
 *   queries       { mode: 'workers', workers, ready, busy, queued, restarts, deaths, lastDeath?, error?, cached }
 *                 or { mode: 'inline', cached }: workers of the graph served and how many of them are
 *                 ready (have parsed it), running and waiting queries, workers replaced (over their
 *                 budget, or dead), workers that died, the last death { at: ISO time, reason: 'out of
 *                 memory' | 'crashed: MESSAGE' | 'exit code N' }, error while no worker can start
 *                 (every query is answered 503 until the next reload), answers cached
 *   graphWorker   { mode: 'worker', state, restarts, deaths, lastDeath? } or { mode: 'inline' }: the
 *                 thread that holds the graph for exports, documents and reloads; state 'up',
 *                 'restarting' (one died: the next takes over the graph served, started at once, and
 *                 requests wait for it) or 'down' (those started again kept dying before they held the
 *                 graph: exports and documents fail, and each such request tries again)
 */
import { availableParallelism } from 'node:os';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewsgraphError } from '../errors.js';
import { filesSignature, graphFolderBusy, journalFileOf, resolveGraphFile } from '../store/index.js';
import { AnswerCache } from './answer-cache.js';
import { GraphWorkerStoppedError, inlineGraphHost, workerGraphHost, type GraphHost, type ServedGraph } from './graph-host.js';
import { errorBody } from './query-protocol.js';
import { findWorkerScript, QueryPool, type QueryAnswer } from './query-pool.js';
import { runQueryJob } from './query-run.js';
import { lookupStaticFile } from './static-files.js';

export interface ServerOptions {
  /** Graph folder (with graph.json). */
  graphDir: string;
  /** Folder of the built web app; default: web/dist of this package. */
  webDir?: string;
  host?: string;
  port?: number;
  /** Largest request body accepted, in bytes (default 64 KiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Query time budget in ms (default 5000). */
  queryTimeoutMs?: number;
  /**
   * Worker threads that run queries (default 2, or 1 on a single core). 0 runs queries on the main
   * thread, where a slow query blocks every other request: only for debugging.
   */
  queryWorkers?: number;
  /** How long past its budget a query may run before its worker is terminated (default 1000 ms). */
  queryGraceMs?: number;
  /** Queries allowed to wait for a free worker; more are answered 503 (default 1000). */
  maxQueuedQueries?: number;
  /** Successful query answers kept for repeated queries until the next reload (default 500; 0: none). */
  queryCacheEntries?: number;
  /** Heap limit of each query worker in MB (default: 20× graph.json, at least 1024). */
  queryWorkerHeapMb?: number;
  /**
   * Host names (without port) accepted in the Host header besides the loopback names (localhost,
   * 127.0.0.1, ::1). Default: when bound to a loopback address, only loopback names, which stops
   * DNS-rebinding pages from reading the API; when bound elsewhere, any.
   */
  allowedHosts?: string[];
  /**
   * Called with unexpected errors (the client only sees "internal error"), and with a NewsgraphError
   * for each worker thread that died (which, and why); e.g. to log them.
   */
  onError?: (error: unknown) => void;
  /**
   * Watch the graph folder and load it again once an update (`newsgraph add`, `remove`, `build --out`,
   * `compact`, the API's `saveGraph`) has written it: graph.json or its journal changed, the change has
   * settled over two checks, and no update holds the folder's lock. Default false (the CLI's `serve`
   * and `start` watch). A graph that cannot be read keeps the previous one served (`onReload` and
   * /api/health say why) until the folder changes again; a reload that failed because the graph
   * worker stopped during it is tried again on the next checks, up to three times.
   */
  watch?: boolean;
  /** How often the watch checks the folder, in ms (default 1000). */
  watchIntervalMs?: number;
  /** Called after each reload the watch started: the new graph's size, or the error that kept the old one. */
  onReload?: (event: ReloadEvent) => void;
}

/** What a reload started by the watch gave. */
export type ReloadEvent =
  | { ok: true; generation: number; nodes: number; edges: number; documents: number }
  | { ok: false; error: Error };

export interface NewsgraphServer {
  server: http.Server;
  /** Starts listening; resolves with the URL. */
  listen(): Promise<{ url: string; port: number; host: string }>;
  close(): Promise<void>;
  /** Loads the graph folder again (after a rebuild); keeps the old graph when the new one is unreadable. */
  reload(): Promise<void>;
  /** How many times the graph was loaded again since the server started. */
  readonly generation: number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const JSON_TYPE = 'application/json; charset=utf-8';
/** Reloads of the same files tried while the graph worker keeps stopping during them. */
const MAX_RELOAD_TRIES = 3;

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1', '[::1]'];

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || host.endsWith('.localhost');
}

/** The host name of a Host header, lower-case, without port or brackets. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** The default web folder: web/dist next to this package's dist/. */
export function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorName = 'BadRequest',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * A worker's health as a client may see it: a crash's message (`lastDeath.reason` "crashed: …", which
 * may name paths or data) is for clients on this machine; others see only "crashed".
 */
export function deathForClient<T extends object>(health: T, local: boolean): T {
  const last = (health as { lastDeath?: { at: string; reason: string } }).lastDeath;
  return local || !last ? health : { ...health, lastDeath: { ...last, reason: last.reason.replace(/^crashed: .*$/s, 'crashed') } };
}

/** A client address on this machine (IPv4 loopback, also IPv4-mapped, or ::1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./i.test(address ?? '');
}

/** Whether an Accept-Encoding header takes gzip (and not with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** The entity tag of the gzip-compressed body of the graph tagged `etag`. */
export const gzipEtag = (etag: string): string => etag.replace(/"$/, '-gz"');

/** Whether an If-None-Match header names `etag` or its gzip form (weak comparison, as for GET). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (t: string) => t.trim().replace(/^W\//, '').replace(/-gz"$/, '"');
  return header.split(',').some((t) => bare(t) === bare(etag));
}

function send(res: http.ServerResponse, status: number, body: string | Uint8Array, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, name: string, message: string, extra: Record<string, string> = {}): void {
  send(res, status, errorBody(name, message), JSON_TYPE, extra);
}

function methodNotAllowed(allow: string): HttpError {
  return new HttpError(405, `method not allowed here; use ${allow}`, 'MethodNotAllowed', { Allow: allow });
}

/** Reads a request body up to `limit` bytes; larger bodies throw a 413 HttpError. */
async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `request body too large (limit ${limit} bytes)`, 'PayloadTooLarge', { Connection: 'close' });
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'the request body is not valid UTF-8');
  }
}

/** The media type of a Content-Type header, lower-case, without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Validates a query request body; returns the query and its parameters. */
function parseQueryBody(body: string): { query: string; params?: Record<string, unknown> } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON; expected { "query": "…" }');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'expected a JSON object { "query": "…" }');
  const { query, params } = parsed as { query?: unknown; params?: unknown };
  if (query === undefined) throw new HttpError(400, 'missing "query": expected { "query": "…" }');
  if (typeof query !== 'string') throw new HttpError(400, `"query" must be a string, found ${Array.isArray(query) ? 'an array' : typeof query}`);
  if (!query.trim()) throw new HttpError(400, '"query" is empty: expected a query such as "path A -> B"');
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw new HttpError(400, '"params" must be an object of named values');
  }
  return params === undefined ? { query } : { query, params: params as Record<string, unknown> };
}

/** Creates the newsgraph HTTP server over a graph folder. */
export async function createServer(options: ServerOptions): Promise<NewsgraphServer> {
  const host = options.host ?? '127.0.0.1';
  const webDir = path.resolve(options.webDir ?? defaultWebDir());
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const allowedHosts = options.allowedHosts?.map((h) => hostName(h)) ?? (isLoopback(host) ? null : undefined);
  const hostAllowed = (header: string | undefined): boolean => {
    if (allowedHosts === undefined) return true;
    if (!header) return false;
    const name = hostName(header);
    return isLoopback(name) || (allowedHosts !== null && allowedHosts.includes(name));
  };
  const queryTimeoutMs = options.queryTimeoutMs ?? 5000;
  const graphFile = await resolveGraphFile(options.graphDir);
  const graphFolder = path.dirname(graphFile);
  /** What graph.json and its journal are on disk (see filesSignature): taken before each read. */
  const signatureOfFiles = (): Promise<string> => filesSignature([graphFile, journalFileOf(graphFile)]);
  let loadedSignature = await signatureOfFiles();
  const workers = options.queryWorkers ?? Math.min(2, Math.max(1, availableParallelism()));
  const script = workers > 0 ? findWorkerScript() : undefined;
  // With query workers the graph is read, exported and its records looked up in a worker too, so
  // that a reload or a GEXF export of a big graph does not stall the event loop for seconds; without
  // them, the main thread answers queries and needs the graph itself.
  const hostScript = script && findWorkerScript('graph-worker.js');
  const graphHost: GraphHost = hostScript
    ? workerGraphHost(hostScript, options.graphDir, {
        onDeath: (death, restarting) => options.onError?.(new NewsgraphError(`the graph worker stopped (${death.reason}); ${restarting ? 'starting it again' : 'it is started again when a request needs it'}`)),
      })
    : inlineGraphHost(options.graphDir);
  let served: ServedGraph;
  try {
    served = await graphHost.load();
    graphHost.commit();
  } catch (error) {
    await graphHost.close();
    throw error;
  }
  /** A download made once per graph served, by the graph host; one that failed is made again when asked next. */
  const perLoad = (make: () => Promise<Buffer>) => {
    let made: Promise<Buffer> | undefined;
    return {
      get(): Promise<Buffer> {
        if (made) return made;
        const p = (made = make());
        p.catch(() => {
          if (made === p) made = undefined;
        });
        return p;
      },
      drop: () => void (made = undefined),
    };
  };
  const gexfDownload = perLoad(() => graphHost.gexf());
  const gzipDownload = perLoad(() => graphHost.gzip()); // of the bytes served now: the host switches when `served` does

  const heapMb = () => options.queryWorkerHeapMb ?? Math.max(1024, Math.ceil((served.body.length / 2 ** 20) * 20));
  const pool = script
    ? new QueryPool(script, { graphJson: served.body, graphFile }, {
        size: workers,
        timeoutMs: queryTimeoutMs,
        graceMs: options.queryGraceMs ?? 1000,
        maxQueue: options.maxQueuedQueries ?? 1000,
        resourceLimits: { maxOldGenerationSizeMb: heapMb() },
        onDeath: (death) => options.onError?.(new NewsgraphError(`a query worker stopped (${death.reason})`)),
      })
    : undefined;
  let inlineId = 0;
  const cache = new AnswerCache(options.queryCacheEntries ?? 500, 64 * 2 ** 20);
  let generation = 0;
  let reloadError: Error | undefined;

  function runQueryAnswer(query: string, params: Record<string, unknown> | undefined, signal: AbortSignal): Promise<QueryAnswer> {
    if (pool) return pool.run(query, params, signal);
    return Promise.resolve(runQueryJob(served.graph!, { id: inlineId++, query, params, timeoutMs: queryTimeoutMs })); // without workers the graph is read here
  }

  /**
   * graph.json as served now (/api/graph, /api/export?format=json), with its entity tag, so that a
   * browser's reload of an unchanged graph is a 304; gzip-compressed for clients on another machine
   * (made once per load, by the graph host: on this machine sending 41 MB costs less than packing it).
   */
  async function sendGraph(req: http.IncomingMessage, res: http.ServerResponse, extra: Record<string, string>): Promise<void> {
    const { etag, body } = served;
    const headers = { ETag: etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding', ...extra };
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, { ...SECURITY_HEADERS, ...headers });
      res.end();
      return;
    }
    if (acceptsGzip(req.headers['accept-encoding']) && !isLoopbackAddress(req.socket.remoteAddress)) {
      const zipped = await gzipDownload.get().catch(() => undefined);
      if (res.destroyed || res.writableEnded) return;
      // its own entity tag: a strong validator differs between content codings
      if (zipped) return send(res, 200, zipped, JSON_TYPE, { ...headers, ETag: gzipEtag(etag), 'Content-Encoding': 'gzip' });
    }
    return send(res, 200, body, JSON_TYPE, headers);
  }

  async function serveStatic(req: http.IncomingMessage, rawPath: string, res: http.ServerResponse): Promise<void> {
    let found = await lookupStaticFile(webDir, rawPath);
    // App routes (no file extension) get the app's index.html.
    if (found.kind === 'refused' && found.why === 'missing' && !path.extname(rawPath) && rawPath !== '/') found = await lookupStaticFile(webDir, '/');
    if (found.kind === 'refused') {
      if (found.why === 'bad') throw new HttpError(400, `bad path: ${found.detail}`);
      throw new HttpError(404, `not found: ${found.detail === 'not found' ? 'no such file in the web app' : found.detail}`, 'NotFound');
    }
    const { handle, size, file } = found;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      await handle.close();
      res.end();
      return;
    }
    const stream = handle.createReadStream();
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, route: string, search: URLSearchParams): Promise<void> {
    const method = req.method ?? 'GET';
    const isGet = method === 'GET' || method === 'HEAD';
    if (route === '/api/health') {
      if (!isGet) throw methodNotAllowed('GET');
      const local = isLoopbackAddress(req.socket.remoteAddress);
      const death = <T extends object>(x: T): T => deathForClient(x, local);
      const queries = pool ? death({ mode: 'workers', ...pool.stats() }) : { mode: 'inline' as const };
      const graphWorker = death(graphHost.health());
      // Not ok only while part of the API cannot answer until something changes: no query worker can
      // start, or the graph worker keeps dying (exports and documents fail). A worker that died and
      // was replaced, or is being started again, is reported but leaves it ok.
      const ok = !('error' in queries && queries.error) && !(graphWorker.mode === 'worker' && graphWorker.state === 'down');
      return send(res, ok ? 200 : 503, JSON.stringify({
        ok,
        nodes: served.counts.nodes,
        edges: served.counts.edges,
        documents: served.counts.documents,
        generation,
        version: served.etag,
        ...(reloadError ? { reloadError: reloadError.message } : {}),
        queries: { ...queries, cached: cache.size },
        graphWorker,
      }), JSON_TYPE);
    }
    if (route === '/api/graph') {
      if (!isGet) throw methodNotAllowed('GET');
      return sendGraph(req, res, { 'X-Newsgraph-Generation': String(generation) });
    }
    if (route === '/api/query') {
      if (method !== 'POST') throw methodNotAllowed('POST');
      if (mediaType(req.headers['content-type']) !== 'application/json') {
        throw new HttpError(415, `expected Content-Type: application/json, found ${req.headers['content-type'] ? `"${req.headers['content-type']}"` : 'none'}`, 'UnsupportedMediaType');
      }
      const { query, params } = parseQueryBody(await readBody(req, maxBody));
      const key = AnswerCache.key(query, params);
      const cached = cache.get(key);
      if (cached !== undefined) return send(res, 200, cached, JSON_TYPE, { 'X-Newsgraph-Cache': 'hit' });
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      const asked = generation;
      const answer = await runQueryAnswer(query, params, gone.signal);
      const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength);
      if (answer.status === 200 && asked === generation) cache.set(key, body);
      if (res.destroyed || res.writableEnded) return;
      return send(res, answer.status, body, JSON_TYPE, { ...answer.headers, 'X-Newsgraph-Cache': 'miss' });
    }
    if (route === '/api/export') {
      if (!isGet) throw methodNotAllowed('GET');
      const format = search.get('format') ?? 'json';
      if (format === 'json') return sendGraph(req, res, { 'Content-Disposition': 'attachment; filename="graph.json"' });
      if (format === 'gexf') {
        const gexf = await gexfDownload.get();
        if (res.destroyed || res.writableEnded) return;
        return send(res, 200, gexf, 'application/gexf+xml; charset=utf-8', { 'Content-Disposition': 'attachment; filename="graph.gexf"' });
      }
      throw new HttpError(400, `unknown export format "${format.slice(0, 40)}"; expected gexf or json`);
    }
    const doc = /^\/api\/documents\/(.+)$/.exec(route);
    if (doc) {
      if (!isGet) throw methodNotAllowed('GET');
      let id: string;
      try {
        id = decodeURIComponent(doc[1]!);
      } catch {
        throw new HttpError(400, 'malformed percent-encoding in the document id');
      }
      const body = await graphHost.document(id);
      if (body === undefined) throw new HttpError(404, `no document "${id.slice(0, 200)}" in this graph`, 'NotFound');
      if (res.destroyed || res.writableEnded) return;
      return send(res, 200, body, JSON_TYPE);
    }
    throw new HttpError(404, `no API route ${method} ${route.slice(0, 200)}`, 'NotFound');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) {
      throw new HttpError(421, 'this server only answers requests addressed to it by a loopback name (localhost or 127.0.0.1)', 'MisdirectedRequest');
    }
    const target = req.url ?? '/';
    // Only origin-form targets ("/path?query"); absolute and authority forms are refused.
    if (!target.startsWith('/')) throw new HttpError(400, 'bad request target: expected a path starting with "/"');
    const q = target.indexOf('?');
    const rawPath = q < 0 ? target : target.slice(0, q);
    const search = new URLSearchParams(q < 0 ? '' : target.slice(q + 1));
    if (rawPath === '/api' || rawPath.startsWith('/api/')) return handleApi(req, res, rawPath, search);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed('GET, HEAD');
    return serveStatic(req, rawPath, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error.status, error.errorName, error.message, error.headers);
      options.onError?.(error);
      // Errors of the graph on disk say what is wrong with it; anything else stays inside.
      if (error instanceof NewsgraphError) return sendError(res, 500, error.name, error.message);
      sendError(res, 500, 'InternalError', 'internal error');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // Idle keep-alive connections stay open longer than clients (browsers, undici) keep them, so a
  // client rarely reuses a connection the server is closing at that very moment (a reset POST).
  server.keepAliveTimeout = 30_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  /** Loads the folder again; the previous graph stays when it cannot be read. */
  async function reload(): Promise<void> {
    const signature = await signatureOfFiles();
    const next = await graphHost.load();
    // The previous graph is served, queried, exported and looked up until the query workers hold the
    // new one; then all switch at once.
    await pool?.reload({ graphJson: next.body, graphFile });
    graphHost.commit();
    served = next;
    gexfDownload.drop();
    gzipDownload.drop();
    generation++;
    loadedSignature = signature;
    reloadError = undefined;
    cache.clear();
  }

  // The watch: a poll of two stat() calls (works on every file system, network mounts included).
  let closed = false;
  let checking = false;
  let seen = loadedSignature; // what the previous check found
  let failedSignature: string | undefined; // files that could not be read: not tried again until they change
  // a reload that failed because the graph worker stopped (out of memory, killed) is the worker's, not
  // the files': tried again, a few times, on the next checks (the worker is started again at once)
  let stoppedTries = { signature: '', count: 0 };
  async function check(): Promise<void> {
    if (checking || closed) return;
    checking = true;
    try {
      const now = await signatureOfFiles();
      const settled = now === seen;
      seen = now;
      if (now === loadedSignature || now === failedSignature || !settled) return;
      if (await graphFolderBusy(graphFolder)) return; // an update is still writing
      try {
        await reload();
        failedSignature = undefined;
        options.onReload?.({ ok: true, generation, ...served.counts });
      } catch (error) {
        const tries = stoppedTries.signature === now ? stoppedTries.count + 1 : 1;
        stoppedTries = { signature: now, count: tries };
        if (!(error instanceof GraphWorkerStoppedError) || tries >= MAX_RELOAD_TRIES) failedSignature = now;
        reloadError = error instanceof Error ? error : new Error(String(error));
        options.onReload?.({ ok: false, error: reloadError });
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      checking = false;
    }
  }
  const watchTimer = options.watch ? setInterval(() => void check(), Math.max(10, options.watchIntervalMs ?? 1000)) : undefined;
  watchTimer?.unref();

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
          server.off('error', reject);
          const addr = server.address() as AddressInfo;
          const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve({ url: `http://${shown}:${addr.port}/`, port: addr.port, host: addr.address });
        });
      }),
    close: async () => {
      closed = true;
      clearInterval(watchTimer);
      await pool?.close();
      await graphHost.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
    reload,
    get generation() {
      return generation;
    },
  };
}
