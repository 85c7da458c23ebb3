/**
 * server/: a real HTTP server for the viewer: the built web app as static files and a JSON API over
 * query/ and store/. Binds 127.0.0.1 unless told otherwise. Errors become `{ error: { name, message,
 * position? } }` with the right status; no stack traces leave the process.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphFormatError, NewsgraphError, QueryError, QueryLimitError, QuerySyntaxError } from '../errors.js';
import { toGexf } from '../export/gexf.js';
import { toJson } from '../export/json.js';
import type { KnowledgeGraph } from '../graph/index.js';
import { runQuery } from '../query/index.js';
import { readGraph, readGraphRecords } from '../store/index.js';
import type { ExtractionRecord } from '../types.js';

export interface ServerOptions {
  /** Graph folder (with graph.json). */
  graphDir: string;
  /** Folder of the built web app; default: web/dist of this package. */
  webDir?: string;
  host?: string;
  port?: number;
  /** Largest request body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Query time budget in ms (default 5000). */
  queryTimeoutMs?: number;
}

export interface NewsgraphServer {
  server: http.Server;
  /** Starts listening; resolves with the URL. */
  listen(): Promise<{ url: string; port: number; host: string }>;
  close(): Promise<void>;
  /** Loads the graph folder again (after a rebuild). */
  reload(): Promise<void>;
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
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The default web folder: web/dist next to this package's dist/. */
export function defaultWebDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errorName = 'BadRequest',
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function sendError(res: http.ServerResponse, status: number, name: string, message: string, position?: unknown): void {
  sendJson(res, status, { error: position ? { name, message, position } : { name, message } });
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body too large: ${declared} bytes (limit ${limit})`, 'PayloadTooLarge');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body too large (limit ${limit} bytes)`, 'PayloadTooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Creates the newsgraph HTTP server over a graph folder. */
export async function createServer(options: ServerOptions): Promise<NewsgraphServer> {
  const host = options.host ?? '127.0.0.1';
  const webDir = path.resolve(options.webDir ?? defaultWebDir());
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5000;
  let graph: KnowledgeGraph = await readGraph(options.graphDir);
  let graphJson = toJson(graph);
  let records: Map<string, ExtractionRecord> | undefined;

  async function documentRecord(id: string): Promise<ExtractionRecord | undefined> {
    records ??= new Map((await readGraphRecords(options.graphDir)).map((r) => [r.document.id, r]));
    return records.get(id);
  }

  async function serveStatic(urlPath: string, res: http.ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      throw new HttpError(400, 'malformed URL encoding');
    }
    if (decoded.includes('\0')) throw new HttpError(400, 'malformed path');
    const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const target = path.resolve(webDir, rel);
    if (target !== webDir && !target.startsWith(webDir + path.sep)) throw new HttpError(404, 'not found', 'NotFound');
    let real: string;
    let realRoot: string;
    try {
      realRoot = await realpath(webDir);
      real = await realpath(target);
    } catch {
      if (!path.extname(rel)) return serveStatic('/', res); // client-side routes
      throw new HttpError(404, 'not found', 'NotFound');
    }
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) throw new HttpError(404, 'not found', 'NotFound');
    const info = await stat(real);
    if (info.isDirectory()) return serveStatic(`/${path.relative(webDir, path.join(target, 'index.html'))}`, res);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
    });
    createReadStream(real).pipe(res);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname;
    if (route.startsWith('/api/')) {
      if (route === '/api/health' && req.method === 'GET') {
        return sendJson(res, 200, { ok: true, nodes: graph.order, edges: graph.size, documents: graph.getAttribute('documents').length });
      }
      if (route === '/api/graph' && req.method === 'GET') return send(res, 200, graphJson, 'application/json; charset=utf-8');
      if (route === '/api/query') {
        if (req.method !== 'POST') throw new HttpError(405, 'use POST with a JSON body { "query": "…" }', 'MethodNotAllowed');
        const type = String(req.headers['content-type'] ?? '');
        if (!type.includes('application/json')) throw new HttpError(415, 'expected Content-Type: application/json', 'UnsupportedMediaType');
        const body = await readBody(req, maxBody);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          throw new HttpError(400, 'the request body is not valid JSON; expected { "query": "…" }');
        }
        const query = (parsed as { query?: unknown } | null)?.query;
        if (typeof query !== 'string' || !query.trim()) throw new HttpError(400, 'expected { "query": "…" } with a non-empty string');
        try {
          return sendJson(res, 200, runQuery(graph, query, { timeoutMs: queryTimeoutMs }));
        } catch (error) {
          if (error instanceof QuerySyntaxError) return sendError(res, 400, error.name, error.message, error.position);
          if (error instanceof QueryLimitError) return sendError(res, 422, error.name, error.message);
          if (error instanceof QueryError) return sendError(res, 400, error.name, error.message, error.position);
          throw error;
        }
      }
      if (route === '/api/export' && req.method === 'GET') {
        const format = url.searchParams.get('format') ?? 'json';
        if (format === 'json') return send(res, 200, graphJson, 'application/json; charset=utf-8', { 'Content-Disposition': 'attachment; filename="graph.json"' });
        if (format === 'gexf') return send(res, 200, toGexf(graph), 'application/gexf+xml; charset=utf-8', { 'Content-Disposition': 'attachment; filename="graph.gexf"' });
        throw new HttpError(400, `unknown export format "${format}"; expected gexf or json`);
      }
      const doc = /^\/api\/documents\/(.+)$/.exec(route);
      if (doc && req.method === 'GET') {
        const id = decodeURIComponent(doc[1]!);
        const rec = await documentRecord(id);
        if (!rec) throw new HttpError(404, `no document "${id}" in this graph`, 'NotFound');
        return sendJson(res, 200, { document: rec.document, text: rec.text, sentences: rec.extraction.sentences });
      }
      throw new HttpError(404, `no API route ${req.method} ${route}`, 'NotFound');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method not allowed', 'MethodNotAllowed');
    return serveStatic(route, res);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return sendError(res, error.status, error.errorName, error.message);
      if (error instanceof NewsgraphError) return sendError(res, 400, error.name, error.message);
      sendError(res, 500, 'InternalError', 'internal error');
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, host, () => {
          const addr = server.address() as AddressInfo;
          const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
          resolve({ url: `http://${shown}:${addr.port}/`, port: addr.port, host: addr.address });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
    reload: async () => {
      try {
        graph = await readGraph(options.graphDir);
      } catch (error) {
        if (error instanceof GraphFormatError) throw error;
        throw error;
      }
      graphJson = toJson(graph);
      records = undefined;
    },
  };
}
