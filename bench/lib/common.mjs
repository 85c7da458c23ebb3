// Helpers shared by the benchmark child scripts: the compiled code to measure, argument parsing,
// timing, and seeded randomness.

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
