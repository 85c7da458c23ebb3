#!/usr/bin/env node
// One corpus, measured stage by stage in a fresh process (so peak RSS is this corpus's alone).
// Run by bench/run.mjs; prints one JSON object on the last line of stdout.
//
// Usage: node --expose-gc bench/lib/stages.mjs --input PATH [--input PATH] [--limit N] [--out DIR]
//          [--workers-compare] [--compare-runs N] [--compare-only] [--bare] [--wink]
//
// Stages (each timed alone, on documents already in memory where that isolates the stage):
//   ingest   readDocuments over the inputs (streamed; the first --limit documents per input)
//   nlp      extraction of every document in-process (one worker: extractStream with workers 1)
//   resolve  cross-document entity resolution (resolveEntities)
//   graph    buildGraph without layout, minus resolve (edges, claims, metrics)
//   layout   assignLayout (seeded ForceAtlas2)
//   write    writeGraph (graph.json, graph.gexf, extractions.jsonl, resolve-memo.json)
// Then, on the same documents: bare compromise nlp(text), wink-nlp's full pipeline, and the NLP
// stage in a pool of one worker vs a pool of two (--workers-compare: the same code path, the same
// documents, each pool started and its model loaded before the clock starts; --compare-runs N
// alternates 1, 2, 1, 2, … and keeps the best of each, as other work on the machine only slows runs
// down). CPU time per thread (main, each worker, V8's helper threads) is recorded for each run.
// The graph is written to --out for bench/lib/graph-ops.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, flag, arg, args, gc, now, log, fromArray, threadCpu, cpuSplit, loadAverage, percentile } from './common.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const inputs = args('input');
const LIMIT = Number(arg('limit', '0')) || Infinity;
const OUT = arg('out') ?? mkdtempSync(path.join(os.tmpdir(), 'ng-bench-')); // a folder of its own only when none is given

const { readDocuments } = await dist('ingest/index.js');
const { extractStream, buildGraphAndMemo, assignLayout, createExtractPool } = await dist('graph/index.js');
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
const cpu0 = threadCpu();
t = now();
const records = [];
for await (const out of extractStream(fromArray(items), { workers: 1 })) if (out.kind === 'record') records.push(out.record);
result.stages.nlp = now() - t;
result.nlpCpu = cpuSplit(cpu0, threadCpu());
result.sentences = records.reduce((s, r) => s + r.extraction.sentences.length, 0);
result.mentions = records.reduce((s, r) => s + r.extraction.mentions.length, 0);
result.relationMentions = records.reduce((s, r) => s + r.extraction.relations.length, 0);
log(`nlp (1 worker): ${(result.stages.nlp / 1000).toFixed(2)} s, ${result.sentences} sentences`);

// ---------------------------------------------------------------- resolve, graph, layout, write
// (--compare-only: skipped, for measuring the worker speed-up alone)
const COMPARE_ONLY = flag('compare-only');
if (!COMPARE_ONLY) {
  // buildGraph runs resolution itself; resolution is timed again alone (after, warm) and subtracted.
  gc();
  t = now();
  // as `newsgraph build` does: with the resolver memo that `add` reuses
  const { graph, memo } = buildGraphAndMemo(records, { layout: false, name: 'bench', keepResolveMemo: true });
  const buildMs = now() - t;
  gc();
  const sorted = [...records].sort((a, b) => (a.document.id < b.document.id ? -1 : 1));
  t = now();
  resolveEntities(
    sorted.map((r) => r.extraction),
    sorted.map((r) => r.document),
    new Map(sorted.map((r) => [r.document.id, r.text])),
    { keepMemo: true },
  );
  result.stages.resolve = Math.min(buildMs, now() - t);
  result.stages.graph = buildMs - result.stages.resolve;
  t = now();
  assignLayout(graph, {});
  result.stages.layout = now() - t;
  gc();
  t = now();
  await writeGraph(OUT, graph, records, { memo });
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
}

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
  // Both runs through the same code path (extractStream with a started pool of 1 or 2 workers):
  // the pool is started and each worker's model loaded (its ready()) before the clock starts.
  const runs = Math.max(1, Number(arg('compare-runs', '1')) || 1);
  const compare = { loadAverageStart: loadAverage(), runs: [] };
  for (let r = 0; r < runs; r++) {
    for (const size of [1, 2]) {
      gc();
      const before = threadCpu();
      t = now();
      const pool = createExtractPool(size);
      await pool.ready();
      const poolStartMs = now() - t;
      gc();
      const c0 = threadCpu();
      // The threads that appeared with the pool are its workers (V8's helper threads are shared).
      const workerTids = [...c0.keys()].filter((tid) => !before.has(tid));
      t = now();
      let n = 0;
      for await (const out of extractStream(fromArray(items), { pool })) if (out.kind === 'record') n++;
      const ms = now() - t;
      const cpu = cpuSplit(c0, threadCpu(), workerTids);
      await pool.close();
      const load1 = loadAverage()[0];
      compare.runs.push({ workers: size, ms, documents: n, poolStartMs, cpu, load1 });
      log(`nlp (pool of ${size}): ${(ms / 1000).toFixed(2)} s for ${n} documents; CPU main ${(cpu.mainMs / 1000).toFixed(2)} s, workers ${cpu.workersMs.map((w) => (w / 1000).toFixed(2)).join(' + ')} s, V8 helpers ${(cpu.helpersMs / 1000).toFixed(2)} s (pool start ${(poolStartMs / 1000).toFixed(2)} s, not counted; load ${load1.toFixed(2)})`);
    }
  }
  compare.loadAverageEnd = loadAverage();
  const best = (size) => compare.runs.filter((x) => x.workers === size).reduce((a, b) => (b.ms < a.ms ? b : a));
  result.nlpOneWorkerMs = best(1).ms;
  result.nlpTwoWorkersMs = best(2).ms;
  result.poolStartMs = best(2).poolStartMs;
  result.workerSpeedup = result.nlpOneWorkerMs / result.nlpTwoWorkersMs;
  // The one-worker pool against in-process extraction (the nlp stage above): ≥ 1 means the pool's
  // one-worker run is at least as fast, so the speed-up is not measured against a slowed baseline.
  result.poolOneVsInProcess = result.stages.nlp / result.nlpOneWorkerMs;
  // The same speed-up from CPU time, which other processes on the machine disturb far less than wall
  // time: a run cannot finish on an otherwise idle machine of `cores` cores sooner than its busiest
  // thread's CPU time, nor sooner than its CPU time over all threads ÷ cores. The larger of the two is
  // its wall time there if the threads never wait for each other (a lower bound otherwise); the
  // median over the runs of each pool size is used.
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  const bound = (c) => Math.max(c.mainMs, ...c.workersMs, c.totalMs / cores);
  const median = (xs) => percentile([...xs].sort((a, b) => a - b), 50);
  const cpuOf = (size) => compare.runs.filter((x) => x.workers === size).map((x) => x.cpu);
  compare.cores = cores;
  compare.oneWorkerCpuBoundMs = median(cpuOf(1).map(bound));
  compare.twoWorkersCpuBoundMs = median(cpuOf(2).map(bound));
  compare.oneWorkerCpuTotalMs = median(cpuOf(1).map((c) => c.totalMs));
  compare.twoWorkersCpuTotalMs = median(cpuOf(2).map((c) => c.totalMs));
  result.workerSpeedupCpu = compare.oneWorkerCpuBoundMs / compare.twoWorkersCpuBoundMs;
  result.workersCompare = compare;
  log(`speed-up, 2 workers over 1: ${result.workerSpeedup.toFixed(2)}× wall (best of ${runs}), ${result.workerSpeedupCpu.toFixed(2)}× from CPU time (busiest thread or CPU ÷ ${cores} cores: ${(compare.oneWorkerCpuBoundMs / 1000).toFixed(2)} s → ${(compare.twoWorkersCpuBoundMs / 1000).toFixed(2)} s; CPU in all ${(compare.oneWorkerCpuTotalMs / 1000).toFixed(2)} s → ${(compare.twoWorkersCpuTotalMs / 1000).toFixed(2)} s); pool of 1 vs in-process: ${result.poolOneVsInProcess.toFixed(2)}×; load ${compare.loadAverageStart.join(' ')} → ${compare.loadAverageEnd.join(' ')}`);
}

result.maxRssMB = process.resourceUsage().maxRSS / 1024;
result.out = OUT;
if (!arg('out')) rmSync(OUT, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
