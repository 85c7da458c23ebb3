#!/usr/bin/env node
// Query engine latency benchmark: builds a seeded synthetic knowledge graph (entities with
// aliases, edges with predicates, families and evidence; a few hubs, like news graphs have) and
// times representative queries — path shortcuts, all-paths, neighbours, name patterns,
// variable-length patterns, aggregations, and a hostile unbounded `*` — reporting p50/p95/max
// per query and writing bench/results/query.json. Figures, not pass/fail.
//
// Usage: node bench/query.mjs [--nodes N] [--edges M] [--runs R] [--dist DIR] [--out FILE]
// Needs the compiled library (npm run build:ts), or --dist pointing at a compiled src/ tree.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MultiDirectedGraph } from 'graphology';
import { arg } from './lib/common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODES = Number(arg('nodes', 10_000));
const EDGES = Number(arg('edges', 50_000));
const RUNS = Number(arg('runs', 30));
const DIST = path.resolve(arg('dist', path.join(ROOT, 'dist')));
const OUT = path.resolve(arg('out', path.join(ROOT, 'bench', 'results', 'query.json')));

const entry = path.join(DIST, 'query', 'index.js');
if (!existsSync(entry)) {
  process.stderr.write(`bench/query: ${entry} not found; run npm run build:ts first (or pass --dist)\n`);
  process.exit(1);
}
const { runQuery } = await import(pathToFileURL(entry).href);

// Seeded generator (mulberry32) so that every run measures the same graph.
let seed = 20240229;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const TYPES = ['person', 'organization', 'place'];
const FAMILIES = ['criticise', 'attack', 'support', 'consult', 'role', 'statement', 'demand', 'accuse'];
const PREDICATES = { criticise: 'condemn', attack: 'strike', support: 'back', consult: 'meet', role: 'leader of', statement: 'say to', demand: 'urge', accuse: 'accuse' };

const t0 = performance.now();
const g = new MultiDirectedGraph({ allowSelfLoops: false });
for (let i = 0; i < NODES; i++) {
  const type = TYPES[i % 3];
  g.addNode(`${type}:entity-${i}`, {
    label: `Entity ${i} Name${i % 97}`,
    type,
    aliases: [`E${i}`, `Name${i % 97} ${i}`],
    mentions: [],
    roles: [],
    docs: [],
    sources: [],
    mentionCount: 1 + Math.floor(random() * 20),
    pagerank: 0,
    x: 0,
    y: 0,
    size: 1,
    color: '#999',
    mergeReasons: [],
  });
}
const keys = g.nodes();
// Skewed endpoints: a few hubs get many edges.
const pick = () => keys[Math.floor(random() ** 2.5 * NODES)];
for (let e = 0; e < EDGES; e++) {
  const s = pick();
  const t = keys[Math.floor(random() * NODES)];
  if (s === t) continue;
  const family = FAMILIES[Math.floor(random() * FAMILIES.length)];
  g.addEdge(s, t, {
    predicate: PREDICATES[family],
    label: PREDICATES[family],
    family,
    evidence: [{ doc: `d${e % 500}.txt`, start: 0, end: 40, text: `Sentence ${e} supporting the relation.` }],
    weight: 1,
  });
}
const buildMs = performance.now() - t0;

const QUERIES = [
  ['path shortcut', 'path E17 -> E9001'],
  ['path shortcut, excluding a family', 'path E17 -> E9001 without family role'],
  ['all paths, max 3', 'paths E17 -> E42 max 3'],
  ['neighbours of a hub', 'neighbors E0'],
  ['find', 'find Name42'],
  ['name pattern, one hop', "MATCH (a {name: 'E17'})-[r]->(b) RETURN b.name, type(r) LIMIT 50"],
  ['family pattern with WHERE', "MATCH (a:person)-[r:attack]->(b:place) WHERE a.mentionCount > 15 RETURN a.name, b.name LIMIT 100"],
  ['aggregate over all edges', 'MATCH ()-[r]->() RETURN r.family AS f, count(*) AS n ORDER BY n DESC'],
  ['variable length *1..2 from a name', "MATCH (a {name: 'E17'})-[*1..2]-(b) RETURN count(DISTINCT b)"],
  ['shortestPath()', "MATCH p = shortestPath((a {name: 'E17'})-[*..6]-(b {name: 'E9001'})) RETURN length(p)"],
  ['hostile: unbounded * on everything', 'MATCH p = (a)-[*]-(b) RETURN p'],
  ['expression only', 'UNWIND range(1, 1000) AS x RETURN sum(x * x)'],
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const results = [];
for (const [name, q] of QUERIES) {
  const times = [];
  let rows = 0;
  let outcome = 'ok';
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    try {
      const r = runQuery(g, q);
      rows = r.rows.length;
      if (r.truncated) outcome = 'truncated';
    } catch (e) {
      outcome = e.name;
    }
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const row = { name, query: q, rows, outcome, p50Ms: +percentile(times, 50).toFixed(2), p95Ms: +percentile(times, 95).toFixed(2), maxMs: +times[times.length - 1].toFixed(2) };
  results.push(row);
  process.stderr.write(`${name.padEnd(38)} p50 ${String(row.p50Ms).padStart(8)} ms  p95 ${String(row.p95Ms).padStart(8)} ms  rows ${rows} ${outcome}\n`);
}

const report = {
  benchmark: 'query',
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  // Other processes' load while measuring (1, 5, 15 min): latencies scale with it on a shared machine.
  loadAverage: loadavg().map((x) => +x.toFixed(2)),
  graph: { nodes: g.order, edges: g.size, buildMs: +buildMs.toFixed(1) },
  runs: RUNS,
  results,
};
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
process.stderr.write(`wrote ${path.relative(process.cwd(), OUT)}\n`);
