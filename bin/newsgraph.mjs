#!/usr/bin/env node
// newsgraph command-line entry: runs the compiled CLI (dist/, built by `npm install` / `npm run build`).
// `extract`, `add` and `remove` start from the V8 start-up snapshot when a fresh one was built for this
// node (bin/snapshot.mjs); everything else, and any run without a usable snapshot, runs dist/ here.
// NEWSGRAPH_SNAPSHOT=0 turns the snapshot off; NEWSGRAPH_SNAPSHOT=debug says on stderr which way ran.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('newsgraph: the compiled CLI is missing (dist/cli/main.js). Run `npm run build` first.\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
const debug = process.env.NEWSGRAPH_SNAPSHOT === 'debug';

if (process.env.NEWSGRAPH_SNAPSHOT === '0' || !(await fromSnapshot())) await inProcess();

/** Runs the CLI from the snapshot when there is a fresh one; false when it did not run. */
async function fromSnapshot() {
  const { chooseSnapshot, runFromSnapshot, EXIT_BAD_SNAPSHOT } = await import('./snapshot.mjs');
  const choice = chooseSnapshot({ argv });
  if (debug) process.stderr.write(`newsgraph: snapshot: ${choice.blob ? `starting from ${choice.blob}` : `not used: ${choice.reason}`}\n`);
  if (!choice.blob) return false;
  let result;
  try {
    result = await runFromSnapshot(choice.blob, argv, { wrapper: choice.wrapper });
  } catch (error) {
    if (debug) process.stderr.write(`newsgraph: snapshot: cannot start node: ${error.message}\n`);
    return false;
  }
  // Node refused the blob (it then runs nothing): the CLI runs as usual.
  if (result.code === EXIT_BAD_SNAPSHOT) return false;
  if (result.signal) process.kill(process.pid, result.signal);
  process.exitCode = result.code ?? 1;
  return true;
}

async function inProcess() {
  // Output piped into `head` and the like: stop quietly when the reader goes away.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { run } = await import(main.href);
  process.exitCode = await run(argv);
}
