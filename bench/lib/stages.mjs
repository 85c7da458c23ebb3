#!/usr/bin/env node
// One corpus, measured stage by stage in a fresh process (so peak RSS is this corpus's alone).
// Run by bench/run.mjs; prints one JSON object on the last line of stdout.
//
// Usage: node --expose-gc bench/lib/stages.mjs --input PATH [--input PATH] [--limit N] [--out DIR]
//          [--workers-compare] [--bare] [--wink]
//
// Stages (each timed alone, on documents already in memory where that isolates the stage):
//   ingest   readDocuments over the inputs (streamed; the first --limit documents per input)
//   nlp      extraction of every document in-process (one worker: extractStream with workers 1)
//   resolve  cross-document entity resolution (resolveEntities)
//   graph    buildGraph without layout, minus resolve (edges, claims, metrics)
//   layout   assignLayout (seeded ForceAtlas2)
//   write    writeGraph (graph.json, graph.gexf, extractions.jsonl)
// Then, on the same documents: bare compromise nlp(text), wink-nlp's full pipeline, and the NLP
// stage with a two-worker pool. The graph is written to --out for bench/lib/graph-ops.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, flag, arg, args, gc, now, log, fromArray } from './common.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const inputs = args('input');
const LIMIT = Number(arg('limit', '0')) || Infinity;
const OUT = arg('out', mkdtempSync(path.join(os.tmpdir(), 'ng-bench-')));

const { readDocuments } = await dist('ingest/index.js');
const { extractStream, buildGraph, assignLayout, createExtractPool } = await dist('graph/index.js');
const { resolveEntities } = await dist('resolve/index.js');
const { writeGraph } = await dist('store/index.js');

const result = { inputs: inputs.map((p) => path.relative(ROOT, p) || p), limit: Number.isFinite(LIMIT) ? LIMIT : null, stages: {} };

// ---------------------------------------------------------------- ingest
gc();
let t = now();
const items = [];
for (const input of inputs) {
  let n = 0;
  for await (const item of readDocuments([input])) {
    if (item.kind === 'document') {
      if (n >= LIMIT) break;
      n++;
    }
    items.push(item);
  }
}
result.stages.ingest = now() - t;
const docs = items.filter((i) => i.kind === 'document').map((i) => i.document);
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
result.documents = docs.length;
result.bytes = bytes;
log(`ingest: ${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB in ${(result.stages.ingest / 1000).toFixed(2)} s`);

// ---------------------------------------------------------------- nlp (one worker, in-process)
// Warm the NLP module (model load) outside the timing, as a long build pays it once.
t = now();
await dist('nlp/index.js');
result.nlpLoadMs = now() - t;
gc();
t = now();
const records = [];
for await (const out of extractStream(fromArray(items), { workers: 1 })) if (out.kind === 'record') records.push(out.record);
result.stages.nlp = now() - t;
result.sentences = records.reduce((s, r) => s + r.extraction.sentences.length, 0);
result.mentions = records.reduce((s, r) => s + r.extraction.mentions.length, 0);
result.relationMentions = records.reduce((s, r) => s + r.extraction.relations.length, 0);
log(`nlp (1 worker): ${(result.stages.nlp / 1000).toFixed(2)} s, ${result.sentences} sentences`);

// ---------------------------------------------------------------- resolve, graph, layout, write
// buildGraph runs resolution itself; resolution is timed again alone (after, warm) and subtracted.
gc();
t = now();
const graph = buildGraph(records, { layout: false, name: 'bench' });
const buildMs = now() - t;
gc();
const sorted = [...records].sort((a, b) => (a.document.id < b.document.id ? -1 : 1));
t = now();
resolveEntities(
  sorted.map((r) => r.extraction),
  sorted.map((r) => r.document),
  new Map(sorted.map((r) => [r.document.id, r.text])),
);
result.stages.resolve = Math.min(buildMs, now() - t);
result.stages.graph = buildMs - result.stages.resolve;
t = now();
assignLayout(graph, {});
result.stages.layout = now() - t;
gc();
t = now();
await writeGraph(OUT, graph, records);
result.stages.write = now() - t;
result.nodes = graph.order;
result.edges = graph.size;
result.totalMs = Object.values(result.stages).reduce((a, b) => a + b, 0);
result.docsPerSec = docs.length / (result.totalMs / 1000);
result.sentencesPerSec = result.sentences / (result.totalMs / 1000);
result.mbPerSec = bytes / 1e6 / (result.totalMs / 1000);
log(
  `resolve ${(result.stages.resolve / 1000).toFixed(2)} s, graph ${(result.stages.graph / 1000).toFixed(2)} s, layout ${(result.stages.layout / 1000).toFixed(2)} s, write ${(result.stages.write / 1000).toFixed(2)} s; ${graph.order} nodes, ${graph.size} edges`,
);

// ---------------------------------------------------------------- bare compromise nlp(text)
if (flag('bare')) {
  const nlp = (await import('compromise')).default;
  nlp('warm up.');
  gc();
  t = now();
  for (const d of docs) nlp(d.text);
  result.bareCompromiseMs = now() - t;
  result.bareCompromiseKBs = bytes / 1e3 / (result.bareCompromiseMs / 1000);
  // Pipeline (whole build, one worker) vs bare parse of the same documents: ≥ 1.0 means no slower.
  result.pipelineVsBare = result.bareCompromiseMs / result.totalMs;
  log(`bare compromise: ${(result.bareCompromiseMs / 1000).toFixed(2)} s (${result.bareCompromiseKBs.toFixed(0)} KB/s); pipeline/bare ratio ${result.pipelineVsBare.toFixed(2)}`);
}

// ---------------------------------------------------------------- wink-nlp full pipeline
if (flag('wink')) {
  try {
    const winkNLP = (await import('wink-nlp')).default;
    const model = (await import('wink-eng-lite-web-model')).default;
    const wink = winkNLP(model);
    const its = wink.its;
    gc();
    t = now();
    let ents = 0;
    for (const d of docs) {
      const doc = wink.readDoc(d.text);
      ents += doc.entities().out(its.detail).length;
      doc.sentences().length();
    }
    result.winkMs = now() - t;
    result.winkKBs = bytes / 1e3 / (result.winkMs / 1000);
    result.winkEntities = ents;
    log(`wink-nlp: ${(result.winkMs / 1000).toFixed(2)} s (${result.winkKBs.toFixed(0)} KB/s)`);
  } catch (error) {
    result.winkError = `wink-nlp not available: ${error.message}`;
    log(result.winkError);
  }
}

// ---------------------------------------------------------------- 1 vs 2 workers (NLP stage)
if (flag('workers-compare')) {
  // Workers started and their models loaded first, as the one-worker run had its model loaded.
  gc();
  t = now();
  const pool = createExtractPool(2);
  await pool.ready();
  result.poolStartMs = now() - t;
  t = now();
  let n = 0;
  for await (const out of extractStream(fromArray(items), { pool })) if (out.kind === 'record') n++;
  result.nlpTwoWorkersMs = now() - t;
  await pool.close();
  result.workerSpeedup = result.stages.nlp / result.nlpTwoWorkersMs;
  log(`nlp (2 workers): ${(result.nlpTwoWorkersMs / 1000).toFixed(2)} s for ${n} documents; speed-up ${result.workerSpeedup.toFixed(2)}× (pool start ${(result.poolStartMs / 1000).toFixed(2)} s, not counted)`);
}

result.maxRssMB = process.resourceUsage().maxRSS / 1024;
result.out = OUT;
if (!arg('out')) rmSync(OUT, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
