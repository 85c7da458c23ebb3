// A minimal stand-in for src/server used by the viewer benchmark and for developing the viewer
// without a build: serves web/dist with the real server's Content-Security-Policy, the graph at
// /api/graph, and /api/export. /api/query answers 501 (the query engine lives in src/query).
// Usage: node test/browser/static-server.mjs GRAPH.json [PORT]
import http from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'";
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** Start a server; `graph` is a JSON string or a () => string. Resolves with { url, close }. */
export function startStaticServer({ graph, webDir = fileURLToPath(new URL('../../web/dist', import.meta.url)), port = 0, extraRoutes = {} }) {
  const root = path.resolve(webDir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
    if (extraRoutes[url.pathname]) return extraRoutes[url.pathname](req, res, headers);
    if (url.pathname === '/api/graph' || url.pathname === '/api/export') {
      const body = typeof graph === 'function' ? graph() : graph;
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      return res.end(body);
    }
    if (url.pathname === '/api/query') {
      res.writeHead(501, { ...headers, 'Content-Type': 'application/json' });
      return res.end(JSON.stringify({ error: { name: 'NotImplemented', message: 'no query engine in the static server' } }));
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, headers);
      return res.end('not found');
    }
    res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ url: `http://127.0.0.1:${addr.port}/`, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) });
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = process.argv[2];
  const s = await startStaticServer({ graph: () => readFileSync(file, 'utf8'), port: Number(process.argv[3] ?? 0) });
  console.log(s.url);
}
