#!/usr/bin/env node
// Query API load benchmark (issue 8.6): builds (or reuses) the BBC graph, starts `newsgraph serve`
// on 127.0.0.1 with port 0 in a child process, and drives POST /api/query with autocannon — 200
// concurrent connections for 10 s by default — with a mix of path, neighbour and pattern queries
// between frequent entities of the graph. Reports requests/s, p50/p99 latency, errors, timeouts and
// non-2xx answers (target: 0 of each for these valid queries) and writes bench/results/load.json.
// Traffic goes to loopback only, and is bounded in time.
//
// Two phases, each against a fresh server: "server" (default settings: repeated queries are answered
// from the answer cache) and "engine" (answer cache off: every request runs its query in a worker).
// Usage: node bench/load.mjs [--quick] [--graph DIR] [--corpus DIR] [--connections N] [--duration S]
//                            [--out FILE] [--rebuild] [--cached-only] [--json]
//   --quick        50 connections for 3 s (a smoke run); the graph is still the BBC graph
//   --graph DIR    graph folder to serve (default: a cached BBC build in $TMPDIR/newsgraph-bench/bbc-graph)
//   --corpus DIR   corpus to build when the graph is missing (default ../shared/data/corpora/bbc)
//   --rebuild      build the graph again even if it is cached
//   --cached-only  only the "server" phase (default settings), not the "engine" phase (answer cache off)
//   --json         print a one-line JSON summary last on stdout (for bench/run.mjs)
// Needs the compiled code (npm run build:ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { arg, argv, flag } from './lib/common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const QUICK = flag('quick');
const CONNECTIONS = Number(arg('connections', QUICK ? 50 : 200));
const DURATION_S = Number(arg('duration', QUICK ? 3 : 10));
const CORPUS = path.resolve(arg('corpus', path.join(ROOT, '..', 'shared', 'data', 'corpora', 'bbc')));
const GRAPH_DIR = path.resolve(arg('graph', path.join(tmpdir(), 'newsgraph-bench', 'bbc-graph')));
const OUT = path.resolve(arg('out', path.join(ROOT, 'bench', 'results', 'load.json')));

const log = (s) => process.stderr.write(`${s}\n`);

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
}

/** Builds the graph unless it is cached; returns the build time in seconds (null when reused). */
async function ensureGraph() {
  if (existsSync(path.join(GRAPH_DIR, 'graph.json')) && !flag('rebuild')) {
    log(`load: reusing the graph in ${GRAPH_DIR} (--rebuild to build it again)`);
    return null;
  }
  if (!existsSync(CORPUS)) throw new Error(`load: no corpus at ${CORPUS} (use --corpus DIR or --graph DIR)`);
  log(`load: building ${CORPUS} → ${GRAPH_DIR} …`);
  mkdirSync(GRAPH_DIR, { recursive: true });
  const started = Date.now();
  const code = await run(['build', CORPUS, '--out', GRAPH_DIR, '--quiet']);
  // Exit code 3 means built with some inputs skipped (README files and the like).
  if (code !== 0 && code !== 3) throw new Error(`load: the build failed with exit code ${code}`);
  return (Date.now() - started) / 1000;
}

/** Child mode: serve the graph with createServer's defaults (answer cache on or off), print the URL. */
async function serveChild(graphDir, cache) {
  const { createServer } = await import(new URL('../dist/server/index.js', import.meta.url).href);
  const app = await createServer({ graphDir, host: '127.0.0.1', port: 0, ...(cache ? {} : { queryCacheEntries: 0 }) });
  const { url } = await app.listen();
  process.stdout.write(`serving ${url}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

/**
 * Starts the server (what `newsgraph serve` runs) on loopback, port 0, in a child process so that
 * autocannon does not share its event loop; resolves with its URL and the child.
 */
function startServer(cache) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve-child', GRAPH_DIR, cache ? 'cache' : 'no-cache'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('load: the server did not start within 120 s')), 120_000);
    child.stdout.on('data', (c) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`load: the server exited (${code}) before it listened`)));
  });
}

const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The query mix, from the graph's most mentioned people, organisations and places. */
function queryMix(graph) {
  const byMentions = (type) =>
    graph.nodes
      .filter((n) => n.attributes.type === type)
      .sort((a, b) => b.attributes.mentionCount - a.attributes.mentionCount || (a.key < b.key ? -1 : 1))
      .slice(0, 6)
      .map((n) => n.attributes.label);
  const people = byMentions('person');
  const orgs = byMentions('organization');
  const places = byMentions('place');
  const top = [...people.slice(0, 4), ...orgs.slice(0, 4), ...places.slice(0, 2)].filter(Boolean);
  const mix = [];
  for (let i = 0; i + 1 < top.length; i += 2) mix.push({ kind: 'path', query: `path ${top[i]} -> ${top[i + 1]}` });
  for (const name of top.slice(0, 4)) mix.push({ kind: 'neighbors', query: `neighbors ${name}` });
  mix.push({ kind: 'pattern', query: 'MATCH (a:person)-[r]->(b) RETURN a.name, type(r), b.name LIMIT 20' });
  mix.push({ kind: 'pattern', query: 'MATCH (a:organization)<-[r]-(b:person) RETURN b.name, count(r) AS n ORDER BY n DESC LIMIT 10' });
  for (const name of top.slice(0, 3)) mix.push({ kind: 'pattern', query: `MATCH (a {name: ${quote(name)}})-[r]-(b) RETURN b.name, type(r) LIMIT 20` });
  return mix;
}

async function post(url, query) {
  const res = await fetch(`${url}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: res.status, body: await res.text() };
}

/** One autocannon run against a fresh server; returns the phase's figures. */
async function phase(name, cache, mix) {
  const { url, child } = await startServer(cache);
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  try {
    // Warm-up: each query once (also checks the server answers them all).
    for (const q of mix) await post(url, q.query);
    log(`load: ${name}: ${mix.length} queries in the mix; ${CONNECTIONS} connections for ${DURATION_S} s against ${url}`);
    const byKind = {};
    let n = 0;
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          path: '/api/query',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req, context) => {
            const q = mix[n++ % mix.length];
            context.kind = q.kind;
            return { ...req, body: JSON.stringify({ query: q.query }) };
          },
          onResponse: (status, _body, context) => {
            const k = (byKind[context.kind] ??= { requests: 0, non2xx: 0 });
            k.requests++;
            if (status < 200 || status >= 300) k.non2xx++;
          },
        },
      ],
    });
    const health = await fetch(`${url}api/health`).then((r) => r.json());
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, Number(v.count)]));
    const figures = {
      phase: name,
      answerCache: cache,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
      throughputMBps: Math.round((result.throughput.average / 2 ** 20) * 10) / 10,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      statusCodes,
      byKind,
      serverAfter: health,
    };
    process.stdout.write(
      `load: ${name}: ${figures.requests} requests in ${DURATION_S} s with ${CONNECTIONS} connections: ${figures.requestsPerSecond.toFixed(1)} req/s, ` +
        `latency p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms; errors ${figures.errors}, timeouts ${figures.timeouts}, non-2xx ${figures.non2xx}\n`,
    );
    return figures;
  } finally {
    stop();
    process.off('exit', stop);
  }
}

async function main() {
  const buildSeconds = await ensureGraph();
  const graph = JSON.parse(readFileSync(path.join(GRAPH_DIR, 'graph.json'), 'utf8'));
  // Every query of the mix must be valid: checked once, with the cache off, before the load.
  const mix = [];
  const invalid = [];
  {
    const { url, child } = await startServer(false);
    try {
      for (const q of queryMix(graph)) {
        const started = Date.now();
        const r = await post(url, q.query);
        if (r.status === 200) {
          const body = JSON.parse(r.body);
          mix.push({ ...q, firstMs: Date.now() - started, engineMs: Math.round(body.elapsedMs * 10) / 10, rows: body.rows.length, answerBytes: Buffer.byteLength(r.body) });
        }
        else invalid.push({ ...q, status: r.status, body: r.body.slice(0, 300) });
      }
    } finally {
      child.kill('SIGTERM');
    }
  }
  for (const q of invalid) log(`load: left out of the mix (status ${q.status}): ${q.query} — ${q.body}`);
  if (!mix.length) throw new Error('load: no valid query in the mix');
  const phases = [];
  // The server as it runs (answer cache on), then the query engine itself (cache off).
  phases.push(await phase('server', true, mix));
  if (!flag('cached-only')) phases.push(await phase('engine (answer cache off)', false, mix));
  const report = {
    benchmark: 'load',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memGB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg().map((x) => Math.round(x * 10) / 10) },
    method:
      'createServer (what newsgraph serve runs; 2 query worker threads) on 127.0.0.1 in a child process; autocannon in this process POSTs /api/query, ' +
      'cycling through the query mix (each checked to answer 200 beforehand). Phase "server": default settings (repeated queries answered from the answer cache); ' +
      'phase "engine": answer cache off, every request runs the query in a worker. Latency in ms per request.',
    graph: { dir: GRAPH_DIR, nodes: graph.nodes.length, edges: graph.edges.length, documents: graph.attributes.documents.length, buildSeconds },
    connections: CONNECTIONS,
    durationSeconds: DURATION_S,
    queries: mix,
    leftOut: invalid,
    phases,
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`load: wrote ${path.relative(process.cwd(), OUT)}\n`);
  if (flag('json')) {
    // One JSON line last, for bench/run.mjs (which reads the last JSON line of a child's stdout).
    const brief = phases.map((p) => ({ phase: p.phase, requestsPerSecond: p.requestsPerSecond, p50: p.latencyMs.p50, p99: p.latencyMs.p99, errors: p.errors, timeouts: p.timeouts, non2xx: p.non2xx }));
    process.stdout.write(`${JSON.stringify({ benchmark: 'load', connections: CONNECTIONS, durationSeconds: DURATION_S, graph: report.graph, phases: brief })}\n`);
  }
  if (phases.some((p) => p.errors || p.timeouts || p.non2xx)) log('load: WARNING: the target is 0 errors, 0 timeouts and 0 non-2xx answers');
}

const child = argv.indexOf('--serve-child');
(child >= 0 ? serveChild(argv[child + 1], argv[child + 2] === 'cache') : main()).catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
