// Whether a CLI run starts from newsgraph's V8 start-up snapshot (built by scripts/build-snapshot.mjs
// into dist/snapshot/), and starting it. Loading the NLP stage (compromise, the lexicons, the NER
// model) takes most of a second; from the snapshot, `extract` and `add` of one article start in a
// fraction of that (bench/README, "Start-up snapshot").
//
// The snapshot is used only when it is certain to run the same code as dist/ would: the blob was built
// by this very node binary (same version, platform, architecture, path), no node or V8 options are in
// force (a blob only loads under the V8 flags it was built with), the package has not moved, and
// every file it was built from (the dist/ modules, the dependencies' package.json, the NER model) has
// the size and modification time recorded in the manifest. Otherwise, silently, the CLI runs as usual.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Commands whose time is mostly start-up (loading the NLP stage) for small inputs. `build` extracts
 * in worker threads, which cannot start from a snapshot, and `serve`, `start`, `query`, `export`
 * and `console` do not load the NLP stage.
 */
export const SNAPSHOT_COMMANDS = new Set(['extract', 'add', 'remove']);

/** Where the snapshot is looked for: NEWSGRAPH_SNAPSHOT_DIR, or dist/snapshot. */
export function snapshotDir(env = process.env) {
  return env.NEWSGRAPH_SNAPSHOT_DIR ? path.resolve(env.NEWSGRAPH_SNAPSHOT_DIR) : path.join(ROOT, 'dist', 'snapshot');
}

/**
 * Decides whether to start from the snapshot. Returns `{ blob }` (the blob's path) or `{ reason }`
 * (why not). Never throws.
 */
export function chooseSnapshot({ argv, env = process.env, execArgv = process.execArgv, execPath = process.execPath, dir = snapshotDir(env) }) {
  if (env.NEWSGRAPH_SNAPSHOT === '0') return { reason: 'NEWSGRAPH_SNAPSHOT=0' };
  const command = argv[0];
  if (!SNAPSHOT_COMMANDS.has(command) || argv.includes('--help') || argv.includes('-h')) return { reason: `not used for "${argv.join(' ')}"` };
  if (execArgv.length) return { reason: `node options given (${execArgv.join(' ')})` };
  if (env.NODE_OPTIONS?.trim()) return { reason: 'NODE_OPTIONS is set' };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return { reason: `no snapshot in ${dir} (npm run build makes it)` };
  }
  try {
    if (manifest.format !== 1) return { reason: 'unknown manifest format' };
    for (const [key, value] of [
      ['node', process.version],
      ['platform', process.platform],
      ['arch', process.arch],
      ['execPath', execPath],
      ['root', ROOT],
    ]) {
      if (manifest[key] !== value) return { reason: `built for ${key} ${manifest[key]}, running ${value}` };
    }
    const blob = path.join(dir, path.basename(manifest.blob));
    let size;
    try {
      size = statSync(blob).size;
    } catch {
      return { reason: `the blob ${blob} is missing` };
    }
    // A truncated blob crashes node: only a complete one is used.
    if (size !== manifest.blobSize) return { reason: `the blob ${blob} has ${size} bytes, not ${manifest.blobSize}` };
    for (const [file, bytes, mtimeMs] of manifest.inputs) {
      let s;
      try {
        s = statSync(file);
      } catch {
        return { reason: `stale: ${file} is gone` };
      }
      if (s.size !== bytes || s.mtimeMs !== mtimeMs) return { reason: `stale: ${file} changed since the snapshot was built` };
    }
    return { blob, wrapper: Array.isArray(manifest.wrapper) ? manifest.wrapper : undefined };
  } catch (error) {
    return { reason: `unreadable manifest: ${error?.message ?? error}` };
  }
}

/** Node's exit code when it cannot load a snapshot blob (it then runs nothing). */
export const EXIT_BAD_SNAPSHOT = 14;

/**
 * On Linux, util-linux's `setpriv` when it can set the parent-death signal (`--pdeathsig`, 2017 and
 * later): the kernel then kills the child the moment this process dies, even by SIGKILL. Looked for in
 * the usual places only (no PATH search: a `setpriv` of the user's is not run), when the snapshot is
 * built (scripts/build-snapshot.mjs keeps the answer in the manifest), not on every run.
 */
export function parentDeathWrapper({ platform = process.platform, candidates = ['/usr/bin/setpriv', '/bin/setpriv'] } = {}) {
  if (platform !== 'linux') return undefined;
  const setpriv = candidates.find((c) => existsSync(c));
  if (!setpriv) return undefined;
  const help = spawnSync(setpriv, ['--help'], { encoding: 'utf8', timeout: 2000 });
  return help.status === 0 && /--pdeathsig/.test(help.stdout) ? [setpriv, '--pdeathsig', 'KILL', '--'] : undefined;
}

/**
 * What the CLI started from the snapshot says over the IPC channel once it handles SIGINT and SIGTERM
 * itself (scripts/snapshot-entry.mjs; an update does from its start, see onSignalsHandled in
 * src/cli/main.ts). Until then a signal ends it as any process: for the half second that node
 * deserialises the snapshot, before any of the CLI runs, it cannot do otherwise.
 */
export const SIGNALS_HANDLED = 'newsgraph:signals-handled';

/**
 * Runs the CLI from the snapshot in a child node process that shares this one's standard streams,
 * passing signals on and dying with it: at once when started through `wrapper` (see
 * parentDeathWrapper), else when it next turns its event loop and finds the IPC channel to this
 * process closed (which happens however this process ends, even by SIGKILL — but a child in the middle
 * of a long computation, such as resolution over 20,000 records, runs on until then, holding the
 * graph folder's lock). Resolves with the child's exit code, or its signal, and whether it said that
 * it handles signals itself (SIGNALS_HANDLED).
 */
export function runFromSnapshot(blob, argv, { execPath = process.execPath, wrapper } = {}) {
  return new Promise((resolve, reject) => {
    const command = [...(wrapper ?? []), execPath, '--snapshot-blob', blob, '--', ...argv];
    const child = spawn(command[0], command.slice(1), { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    // The channel is only there so the child sees this process go; it must not keep either alive.
    child.channel?.unref();
    let handlesSignals = false;
    child.on('message', (message) => {
      if (message === SIGNALS_HANDLED) handlesSignals = true;
    });
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => child.kill(signal);
    for (const s of signals) process.on(s, forward);
    child.on('error', (error) => {
      for (const s of signals) process.off(s, forward);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ code, signal, handlesSignals });
    });
  });
}
