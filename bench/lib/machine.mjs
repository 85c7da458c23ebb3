#!/usr/bin/env node
// What this machine gives two busy threads, without newsgraph's code: the same fixed work in one
// worker thread, then in two at once, for two kinds of work —
//   compute  integer arithmetic in a loop (no allocation): what two cores give at best;
//   allocate strings, objects and a Map of 200,000 entries per round (what NLP and resolution do:
//            V8's garbage collector does part of its work on helper threads, which a single busy
//            thread gets on the idle core for free and two busy threads pay within their two cores).
// Each thread's CPU time is read from /proc (worker threads vs V8's helper threads), so the figure
// says whether two threads did more work in all or only lost the idle core.
// Run by bench/run.mjs (section `machine`); prints one JSON object on the last line of stdout.
//
// Usage: node bench/lib/machine.mjs [--runs N]

import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { arg, now, log, threadCpu, cpuSplit, loadAverage, percentile } from './common.mjs';

if (!isMainThread) {
  // `on`, not `once`: the port stays referenced, so a worker that is done lives until terminated
  // and its thread's CPU time can still be read
  parentPort.on('message', () => parentPort.postMessage(work(workerData.kind)));
} else {
  await main();
}

/** The fixed work of one thread. */
function work(kind) {
  let sink = 0;
  if (kind === 'compute') {
    let x = 1;
    for (let i = 0; i < 2e8; i++) x = (x * 1103515245 + 12345) | 0;
    sink = x;
  } else {
    for (let r = 0; r < 12; r++) {
      const m = new Map();
      for (let i = 0; i < 200_000; i++) m.set(`k${(i * 7919) % 100_003}`, { i, s: `v${i}` });
      sink += m.size;
    }
  }
  return sink;
}

async function main() {
  const RUNS = Math.max(1, Number(arg('runs', '3')) || 3);
  const started = (kind) =>
    new Promise((resolve, reject) => {
      const w = new Worker(new URL(import.meta.url), { workerData: { kind } });
      w.once('online', () => resolve(w));
      w.once('error', reject);
    });
  /** n threads doing the same work at once: wall ms and CPU split (workers / V8 helpers / main). */
  async function run(kind, n) {
    const before = threadCpu();
    const workers = [];
    for (let i = 0; i < n; i++) workers.push(await started(kind));
    const c0 = threadCpu();
    const t = now();
    const done = Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    for (const w of workers) w.postMessage('go');
    await done;
    const ms = now() - t;
    const after = threadCpu();
    // the threads that appeared with the workers are theirs
    const tids = [...after.keys()].filter((tid) => !before.has(tid));
    await Promise.all(workers.map((w) => w.terminate()));
    return { ms, cpu: cpuSplit(c0, after, tids) };
  }
  const result = { loadAverageStart: loadAverage(), kinds: {} };
  for (const kind of ['compute', 'allocate']) {
    const one = [];
    const two = [];
    for (let r = 0; r < RUNS; r++) {
      one.push(await run(kind, 1));
      two.push(await run(kind, 2));
    }
    const med = (xs) => percentile([...xs].sort((a, b) => a - b), 50);
    const oneMs = med(one.map((x) => x.ms));
    const twoMs = med(two.map((x) => x.ms));
    const oneCpu = med(one.map((x) => x.cpu.totalMs));
    const twoCpu = med(two.map((x) => x.cpu.totalMs));
    // throughput: two threads do twice the work; 2.0 would be perfect scaling
    const scaling = (2 * oneMs) / twoMs;
    result.kinds[kind] = { oneMs, twoMs, scaling, oneCpuMs: oneCpu, twoCpuMs: twoCpu, cpuRatio: twoCpu / oneCpu, runs: { one, two } };
    log(
      `${kind}: one thread ${(oneMs / 1000).toFixed(2)} s (CPU ${(oneCpu / 1000).toFixed(2)} s), two threads ${(twoMs / 1000).toFixed(2)} s (CPU ${(twoCpu / 1000).toFixed(2)} s): ` +
        `throughput ×${scaling.toFixed(2)}, CPU for twice the work ×${(twoCpu / oneCpu).toFixed(2)} (medians of ${RUNS})`,
    );
  }
  result.loadAverageEnd = loadAverage();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
