#!/usr/bin/env node
// Operations on a built graph folder, in a fresh process: shortest path + evidence latency, and
// adding one article incrementally as `newsgraph add` does (time per step: read what the update needs
// of the previous graph — the folder's graph.index.json when it is current, else graph.json with its
// journal —, read extractions.jsonl, read the resolver memo, extract + rebuild from all records,
// warm-started layout, write: append the record to extractions.jsonl, rewrite the memo, and append
// the change to graph.journal.jsonl (+ rewrite graph.index.json) or, for a small graph, a stale
// index or a full journal, rewrite graph.json whole; graph.gexf is not rewritten).
// Run by bench/run.mjs; prints one JSON object on the last line of stdout.
//
// Usage: node --expose-gc bench/lib/graph-ops.mjs --graph DIR [--paths N] [--add] [--adds N]
//   --add rewrites DIR (the article is added for real); run it on a copy or a throwaway build.
//   --adds N adds N different articles one after the other (default 1): on a folder without a
//   current index (built by an older version) the first add reads graph.json and writes it whole
//   with its index, the next ones journal. `addOne` reports the first, `adds` every one.

import { dist, flag, arg, gc, now, log, fromArray, percentile, rng } from './common.mjs';

const DIR = arg('graph');
const PATHS = Number(arg('paths', '1000'));

const { readGraph, readGraphIndex, readSerializedGraph, previousOfIndex, readGraphRecords, readResolveMemo, writeGraphUpdate } = await dist('store/index.js');
const { addItems, assignLayout, previousOfSerialized, warmIterations } = await dist('graph/index.js');
await dist('nlp/index.js'); // model load, paid once by any process
const result = { graph: DIR };
let t = now();
const graph = await readGraph(DIR);
result.readGraphMs = now() - t;
result.nodes = graph.order;
result.edges = graph.size;

// ---------------------------------------------------------------- shortest path + evidence
// Three measures on the same seeded random pairs of connected nodes:
//   directed   graphology-shortest-path bidirectional on the directed graph + reading each hop's evidence
//   undirected the same search with edges followed either way (what `path A -> B` means) + evidence
//   query      runQuery(graph, 'path "A" -> "B"') as the console runs it: the query engine end to end
//              (parse, name lookup, search, rows with each hop's evidence; node rows without mentions)
if (PATHS > 0 && graph.size > 0) {
  const { bidirectional } = await import('graphology-shortest-path/unweighted.js');
  const { UndirectedGraph } = await import('graphology');
  const { runQuery } = await dist('query/index.js');
  const undirected = new UndirectedGraph();
  graph.forEachNode((n) => undirected.addNode(n));
  graph.forEachEdge((_e, _a, s, t) => {
    if (!undirected.hasEdge(s, t)) undirected.addEdge(s, t);
  });
  const evidenceOf = (p, either) => {
    let ev = 0;
    for (let h = 0; h + 1 < p.length; h++) {
      const edges = either ? graph.edges(p[h], p[h + 1]).concat(graph.edges(p[h + 1], p[h])) : graph.outEdges(p[h], p[h + 1]);
      for (const edge of edges) for (const x of graph.getEdgeAttribute(edge, 'evidence')) ev += x.text.length;
    }
    return ev;
  };
  const nodes = graph.filterNodes((n) => graph.degree(n) > 0);
  const random = rng(7);
  const pairs = [];
  for (let i = 0; i < PATHS; i++) pairs.push([nodes[Math.floor(random() * nodes.length)], nodes[Math.floor(random() * nodes.length)]]);
  const measure = (fn) => {
    for (const [s, e] of pairs.slice(0, 50)) fn(s, e); // warm-up
    const times = [];
    let found = 0;
    for (const [s, e] of pairs) {
      const t0 = now();
      const ok = fn(s, e);
      times.push(now() - t0);
      if (ok) found++;
    }
    times.sort((a, b) => a - b);
    return { pairs: pairs.length, found, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: times[times.length - 1] };
  };
  result.paths = {
    directed: measure((s, e) => {
      const p = bidirectional(graph, s, e);
      return p ? (evidenceOf(p, false), true) : false;
    }),
    undirected: measure((s, e) => {
      const p = bidirectional(undirected, s, e);
      return p ? (evidenceOf(p, true), true) : false;
    }),
  };
  try {
    result.paths.query = measure((s, e) => {
      // As the viewer's console runs it (server/query-run.ts): node rows without their mention lists.
      const r = runQuery(graph, `path "${s}" -> "${e}"`, { omitProperties: ['mentions'] });
      return r.rows.length > 0;
    });
  } catch (error) {
    result.paths.queryError = error.message;
  }
  for (const [k, v] of Object.entries(result.paths)) {
    if (typeof v === 'object') log(`paths (${k}): ${v.found}/${v.pairs} found, p50 ${v.p50Ms.toFixed(3)} ms, p95 ${v.p95Ms.toFixed(3)} ms`);
  }
}

// ---------------------------------------------------------------- incremental: add one article
if (flag('add')) {
  const ADDS = Math.max(1, Number(arg('adds', '1')));
  const { extractRecord } = await dist('graph/index.js');
  const articleOf = (n) => ({
    kind: 'document',
    document: {
      id: n ? `bench-added-article-${n + 1}.txt` : 'bench-added-article.txt',
      path: n ? `bench-added-article-${n + 1}.txt` : 'bench-added-article.txt',
      title: 'Leaders meet in Brussels',
      source: 'Bench',
      published: null,
      url: null,
      text:
        'Leaders meet in Brussels\n\nAngela Merkel met Emmanuel Macron in Brussels on Tuesday, the European Union said. ' +
        'Merkel criticised Vladimir Putin over the talks. At least 12 people were killed in the fighting, officials said.\n' +
        (n ? `The talks resumed on day ${n + 1}, a spokesman for the United States said.\n` : ''),
      hash: `bench-added-article-${n}`,
    },
  });
  extractRecord({ ...articleOf(0).document, id: 'warm-up' }); // the first parse pays for JIT warm-up
  result.adds = [];
  for (let n = 0; n < ADDS; n++) {
    gc();
    const article = articleOf(n);
    const add = {};
    let t0 = now();
    extractRecord(article.document);
    const extractMs = now() - t0;
    t0 = now();
    const index = await readGraphIndex(DIR);
    const previous = index ? previousOfIndex(index) : previousOfSerialized(await readSerializedGraph(DIR));
    add.readGraph = now() - t0;
    t0 = now();
    const prevRecords = await readGraphRecords(DIR);
    add.readRecords = now() - t0;
    t0 = now();
    const memo = await readResolveMemo(DIR);
    add.readMemo = now() - t0;
    t0 = now();
    const r = await addItems({ records: prevRecords, previous, memo }, fromArray([article]), { workers: 1, layout: false });
    const both = now() - t0;
    add.extract = Math.min(both, extractMs);
    add.rebuild = both - add.extract;
    t0 = now();
    const warm = r.graph;
    if (!warm) throw new Error(`graph-ops: ${DIR} already holds the benchmark article; run --add on a fresh copy`);
    const layoutIterations = warmIterations(previous.order, 1, r.records.length);
    assignLayout(warm, { previous: previous.positions, iterations: layoutIterations });
    add.layout = now() - t0;
    t0 = now();
    const written = await writeGraphUpdate(DIR, { ...r, graph: warm }, { gexf: false, index });
    add.write = now() - t0;
    add.totalMs = Object.values(add).reduce((a, b) => a + b, 0);
    add.previousFrom = index ? 'graph.index.json' : 'graph.json';
    add.written = written.graph === 'journal' ? `journal line ${written.journalEntries}` : `graph.json whole (${written.why})`;
    add.writeSteps = written.ms;
    add.layoutIterations = layoutIterations;
    add.memoDocs = memo?.docs.length ?? 0;
    result.adds.push(add);
    const w = written.ms;
    log(
      `add article ${n + 1}: ${(add.totalMs / 1000).toFixed(2)} s (previous graph from ${add.previousFrom} ${(add.readGraph / 1000).toFixed(2)}, ` +
        `read records ${(add.readRecords / 1000).toFixed(2)}, read memo ${(add.readMemo / 1000).toFixed(2)}, extract ${(add.extract / 1000).toFixed(2)}, ` +
        `rebuild ${(add.rebuild / 1000).toFixed(2)}, layout ${(add.layout / 1000).toFixed(2)}, write ${(add.write / 1000).toFixed(2)}: ` +
        `records ${(w.records / 1000).toFixed(2)} + memo ${(w.memo / 1000).toFixed(2)} + graph ${(w.graph / 1000).toFixed(2)} as ${add.written}; ` +
        `${layoutIterations} layout iterations; resolver memo of ${add.memoDocs} documents)`,
    );
  }
  result.addOne = result.adds[0];
}

result.maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
