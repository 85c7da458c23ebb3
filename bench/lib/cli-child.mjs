#!/usr/bin/env node
// Runs the compiled CLI (`newsgraph ARGS...`) in this process and writes its wall time, CPU time,
// exit code and peak RSS (worker threads included: they share the process) as JSON to the file named by
// BENCH_RESULT. Used by bench/run.mjs for the whole-build and `add` figures.
import { writeFileSync } from 'node:fs';

const started = performance.now();
const CODE = process.env.NEWSGRAPH_BENCH_ROOT ? new URL(`file://${process.env.NEWSGRAPH_BENCH_ROOT.replace(/\/?$/, '/')}`) : new URL('../../', import.meta.url);
const { run } = await import(new URL('dist/cli/main.js', CODE).href);
const code = await run(process.argv.slice(2));
const usage = process.resourceUsage();
// CPU time of all threads (workers included): a figure the other processes on the machine distort less.
const result = { code, wallMs: performance.now() - started, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssMB: usage.maxRSS / 1024 };
if (process.env.BENCH_RESULT) writeFileSync(process.env.BENCH_RESULT, JSON.stringify(result));
process.exit(code);
