// Helpers shared by the benchmark child scripts: the compiled code to measure, argument parsing,
// timing, per-thread CPU time, and seeded randomness.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

// The compiled code: a snapshot of dist/ when bench/run.mjs made one (others may rebuild dist/ meanwhile).
const CODE = process.env.NEWSGRAPH_BENCH_ROOT ? new URL(`file://${process.env.NEWSGRAPH_BENCH_ROOT.replace(/\/?$/, '/')}`) : new URL('../../', import.meta.url);

/** Imports a module of the compiled code: `dist('graph/index.js')`. */
export const dist = (p) => import(new URL(`dist/${p}`, CODE).href);

export const argv = process.argv.slice(2);
export const flag = (name) => argv.includes(`--${name}`);
export const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : def;
};
/** Every value of a repeatable option (`--input A --input B`). */
export const args = (name) => argv.flatMap((a, i) => (a === `--${name}` && argv[i + 1] ? [argv[i + 1]] : []));

export const gc = () => globalThis.gc?.();
export const now = () => performance.now();
export const log = (s) => process.stderr.write(`  ${s}\n`);

/** The 1, 5 and 15 minute load averages, to two decimals (recorded beside every timing). */
export const loadAverage = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

export async function* fromArray(items) {
  for (const i of items) yield i;
}

export function percentile(sorted, p) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Mulberry32: a seeded RNG, so generated data and sampled pairs are the same every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * CPU time of each thread of this process so far, in ms, by thread id (Linux /proc; an empty map
 * elsewhere). Threads: the main thread (id = process.pid), worker threads, V8's platform threads
 * (background JIT compilation and GC helpers, shared by every isolate of the process) and libuv's.
 */
export function threadCpu() {
  const out = new Map();
  let tids = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  const hz = 100; // USER_HZ: clock ticks per second in /proc on Linux
  for (const tid of tids) {
    try {
      const st = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      out.set(tid, ((Number(f[11]) + Number(f[12])) * 1000) / hz);
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

/**
 * Splits the CPU time used between two threadCpu() snapshots into the main thread, the given
 * worker threads (each) and the rest (V8 helper threads: background compilation and GC; libuv).
 */
export function cpuSplit(before, after, workerTids = []) {
  const d = (tid) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  const main = d(String(process.pid));
  const workers = workerTids.map(d);
  let total = 0;
  for (const tid of after.keys()) total += d(tid);
  return { mainMs: Math.round(main), workersMs: workers.map((w) => Math.round(w)), helpersMs: Math.round(total - main - workers.reduce((a, b) => a + b, 0)), totalMs: Math.round(total) };
}
