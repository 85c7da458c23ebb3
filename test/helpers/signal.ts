/** Running the CLI and interrupting it, for the tests of what a signal leaves behind. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');

/** How a CLI run ended. */
export interface SignalledRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs `bin/newsgraph.mjs ARGS` with `env` and sends `signal` once `ready(stderr)` holds (checked every 20 ms; killed after a minute). */
export function runAndSignal(args: string[], env: NodeJS.ProcessEnv, ready: (stderr: string) => boolean, signal: NodeJS.Signals = 'SIGINT'): Promise<SignalledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      if (!ready(stderr)) return;
      clearInterval(poll);
      child.kill(signal);
    }, 20);
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal: sig, stderr });
    });
  });
}
