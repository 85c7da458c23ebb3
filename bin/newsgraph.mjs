#!/usr/bin/env node
// newsgraph command-line entry: runs the compiled CLI (dist/, built by `npm install` / `npm run build`).
// `extract`, `add` and `remove` start from the V8 start-up snapshot when a fresh one was built for this
// node (bin/snapshot.mjs); everything else, and any run without a usable snapshot, runs dist/ here.
// NEWSGRAPH_SNAPSHOT=0 turns the snapshot off; NEWSGRAPH_SNAPSHOT=debug says on stderr which way ran.
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('newsgraph: the compiled CLI is missing (dist/cli/main.js). Run `npm run build` first.\n');
  process.exit(1);
}
const argv = process.argv.slice(2);
const debug = process.env.NEWSGRAPH_SNAPSHOT === 'debug';

if (process.env.NEWSGRAPH_SNAPSHOT === '0' || !(await fromSnapshot())) await inProcess();

/**
 * Runs the CLI from the snapshot when there is a fresh one; false when it did not run. A signal that
 * comes before the CLI handles signals itself — while the snapshot is chosen, and while node starts the
 * child from it (half a second, in which none of the CLI runs) — is answered for here as the CLI would:
 * `add` or `remove` says that nothing was written and exits 130 (SIGTERM: 143).
 */
async function fromSnapshot() {
  const { chooseSnapshot, runFromSnapshot, EXIT_BAD_SNAPSHOT, SNAPSHOT_COMMANDS } = await import('./snapshot.mjs');
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let early; // the first signal received before the child was started
  const hold = (signal) => (early ??= signal);
  const stopHolding = () => signals.forEach((s) => process.off(s, hold));
  if (SNAPSHOT_COMMANDS.has(argv[0])) for (const s of signals) process.on(s, hold);
  let result;
  try {
    const choice = chooseSnapshot({ argv });
    if (debug) process.stderr.write(`newsgraph: snapshot: ${choice.blob ? `starting from ${choice.blob}` : `not used: ${choice.reason}`}\n`);
    if (!choice.blob || early) return false;
    try {
      result = await runFromSnapshot(choice.blob, argv, { wrapper: choice.wrapper }); // it passes signals on to the child
    } catch (error) {
      if (debug) process.stderr.write(`newsgraph: snapshot: cannot start node: ${error.message}\n`);
      return false;
    }
    // Node refused the blob (it then runs nothing): the CLI runs as usual.
    if (result.code === EXIT_BAD_SNAPSHOT) {
      result = undefined;
      return false;
    }
  } finally {
    // (a second signal meanwhile is held: this process ends for the first)
    if (early && !result) await interrupted(early, stopHolding); // the CLI did not run (or ran nothing)
    if (result?.signal && !result.handlesSignals) await interrupted(result.signal, stopHolding); // it ended before it could handle the signal
    stopHolding();
  }
  if (result.signal) process.kill(process.pid, result.signal);
  process.exitCode = result.code ?? 1;
  return true;
}

/**
 * Ends this process for a signal that came before the CLI could handle it: an update says that nothing
 * was written and exits as it does then (130; SIGTERM: 143); any other command ends by the signal.
 */
async function interrupted(signal, stopHolding) {
  const line = signal === 'SIGINT' || signal === 'SIGTERM' ? (await import(main.href)).interruptedBeforeStart(argv) : undefined;
  if (line === undefined) {
    stopHolding();
    process.kill(process.pid, signal); // as the signal would have: at once
  } else {
    process.stderr.write(line);
  }
  process.exit(128 + (osConstants.signals[signal] ?? 0));
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
