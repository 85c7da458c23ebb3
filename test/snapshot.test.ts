/**
 * The V8 start-up snapshot (scripts/build-snapshot.mjs, bin/snapshot.mjs): the CLI started from the
 * snapshot prints and writes exactly what it prints and writes without it, and a missing, stale or
 * unloadable snapshot falls back to the normal path with the same output.
 *
 * The snapshot is built here into a scratch folder from the current dist/ (so that this file does not
 * depend on, or change, dist/snapshot), and the CLI is pointed at it with NEWSGRAPH_SNAPSHOT_DIR.
 * NEWSGRAPH_SNAPSHOT=debug makes the CLI say on stderr which way it ran.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';
import { runAndSignal } from './helpers/signal.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const SEEDS = path.join(ROOT, 'seeds');

interface Manifest {
  node: string;
  blob: string;
  blobSize: number;
  inputs: Array<[string, number, number]>;
}

interface Choice {
  blob?: string;
  reason?: string;
}

type ChooseSnapshot = (options: { argv: string[]; env?: Record<string, string | undefined>; execArgv?: string[]; dir?: string }) => Choice;

type ParentDeathWrapper = (options?: { platform?: string; candidates?: string[] }) => string[] | undefined;
const { parentDeathWrapper } = (await import(path.join(ROOT, 'bin', 'snapshot.mjs'))) as { parentDeathWrapper: ParentDeathWrapper };

const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-snapshot-'));
const snapshot = path.join(tmp, 'snapshot');
let chooseSnapshot: ChooseSnapshot;

/** Runs the CLI; `mode` is `snap` (snapshot in `dir` required), `off` (NEWSGRAPH_SNAPSHOT=0) or `debug`. */
function cli(args: string[], mode: 'snap' | 'off' | 'debug', dir = snapshot) {
  const env: Record<string, string | undefined> = { ...process.env, CI: '1', NEWSGRAPH_SNAPSHOT_DIR: dir, NEWSGRAPH_SNAPSHOT: mode === 'off' ? '0' : 'debug' };
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const note = /^newsgraph: snapshot: .*\n/gm;
  const notes = r.stderr.match(note) ?? [];
  if (mode === 'snap') expect(notes.join(''), 'the snapshot should have been used').toMatch(/snapshot: starting from /);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(note, ''), notes: notes.join('') };
}

/** A copy of the scratch snapshot whose manifest is changed by `edit` (the blob is hard to fake: it is copied). */
function variant(name: string, edit: (m: Manifest) => void, copyBlob = true): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(snapshot, 'manifest.json'), 'utf8')) as Manifest;
  if (copyBlob) cpSync(path.join(snapshot, manifest.blob), path.join(dir, manifest.blob));
  edit(manifest);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

beforeAll(async () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-snapshot.mjs'), '--out', snapshot, '--strict', '--quiet'], {
    encoding: 'utf8',
    env: { ...process.env, NEWSGRAPH_SNAPSHOT: '' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  ({ chooseSnapshot } = (await import(path.join(ROOT, 'bin', 'snapshot.mjs'))) as { chooseSnapshot: ChooseSnapshot });
});

describe('start-up snapshot', () => {
  it('should build one blob and a manifest naming this node and the files it was made from', () => {
    const manifest = JSON.parse(readFileSync(path.join(snapshot, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.node).toBe(process.version);
    expect(readdirSync(snapshot).filter((f) => f.endsWith('.blob'))).toEqual([manifest.blob]);
    const files = manifest.inputs.map(([f]) => f);
    expect(files).toContain(path.join(ROOT, 'dist', 'nlp', 'ner', 'model.js'));
    expect(files).toContain(path.join(ROOT, 'models', 'ner-model.json.gz'));
    expect(files.some((f) => f.endsWith(`${path.sep}compromise${path.sep}package.json`))).toBe(true);
  });

  it('should print the same extractions with and without the snapshot (--json and --jsonl)', () => {
    for (const format of ['--json', '--jsonl']) {
      const off = cli(['extract', format, SEEDS], 'off');
      const on = cli(['extract', format, SEEDS], 'snap');
      expect(off.code).toBe(0);
      expect(on.code).toBe(0);
      expect(on.stdout.length).toBeGreaterThan(1000);
      expect(on.stdout).toBe(off.stdout);
      expect(on.stderr).toBe(off.stderr);
    }
  });

  it('should report an unreadable input and exit as without the snapshot', () => {
    const missing = path.join(tmp, 'no-such-file.txt');
    const off = cli(['extract', '--json', missing], 'off');
    const on = cli(['extract', '--json', missing], 'snap');
    expect(on.code).toBe(1);
    expect([on.code, on.stdout, on.stderr]).toEqual([off.code, off.stdout, off.stderr]);
  });

  it('should add and remove documents (in-process and in worker threads) exactly as without the snapshot', () => {
    const seeds = readdirSync(SEEDS).sort();
    const base = path.join(tmp, 'base-input');
    mkdirSync(base);
    for (const f of seeds.slice(0, 2)) cpSync(path.join(SEEDS, f), path.join(base, f));
    // 3 more seeds and 6 generated articles: with --workers 2 the first 4 documents are extracted in
    // the CLI's process, the rest in the pool's worker threads.
    const more = path.join(tmp, 'more');
    mkdirSync(more);
    for (const f of seeds.slice(2)) cpSync(path.join(SEEDS, f), path.join(more, f));
    const people = ['Anna Kovacs', 'Boris Lindqvist', 'Carla Mendes', 'David Osei', 'Elena Petrova', 'Farid Haddad'];
    people.forEach((p, i) => {
      const other = people[(i + 1) % people.length]!;
      writeFileSync(path.join(more, `z-${i}.txt`), `${p} met ${other} in Geneva on Monday.\n\n"We will not accept this," ${p}, a spokesman for the United Nations, told reporters.\n`);
    });
    const graphs = { off: path.join(tmp, 'graph-off'), snap: path.join(tmp, 'graph-snap') };
    expect(cli(['build', base, '--out', graphs.off, '--quiet', '--workers', '1'], 'off').code).toBe(0);
    cpSync(graphs.off, graphs.snap, { recursive: true });
    for (const mode of ['off', 'snap'] as const) {
      const add = cli(['add', more, '--graph', graphs[mode], '--workers', '2'], mode);
      expect(add.code).toBe(0);
      expect(add.stdout).toMatch(/Updated \(9 added, 0 changed, 0 unchanged\)/);
      const remove = cli(['remove', `${seeds[0]}`, '--graph', graphs[mode], '--quiet'], mode);
      expect(remove.code).toBe(0);
    }
    for (const f of ['graph.json', 'extractions.jsonl']) {
      expect(readFileSync(path.join(graphs.snap, f), 'utf8'), f).toBe(readFileSync(path.join(graphs.off, f), 'utf8'));
    }
  });

  it.skipIf(!parentDeathWrapper())('should have the CLI it started die at once with it, even by SIGKILL and in the middle of a computation (setpriv --pdeathsig)', async () => {
    // The child stands in for the CLI inside a long computation (resolution over 20,000 records): a
    // loop that never returns to its event loop, so it never sees the IPC channel close.
    const busy = path.join(tmp, 'busy.sh');
    const pidFile = path.join(tmp, 'busy.pid');
    writeFileSync(busy, `#!/bin/sh\necho $$ > '${pidFile}'\nexec '${process.execPath}' -e 'for (;;) {}'\n`, { mode: 0o755 });
    const driver = path.join(tmp, 'driver.mjs');
    writeFileSync(
      driver,
      `import { parentDeathWrapper, runFromSnapshot } from ${JSON.stringify(path.join(ROOT, 'bin', 'snapshot.mjs'))};\n` +
        `await runFromSnapshot('unused.blob', [], { execPath: ${JSON.stringify(busy)}, wrapper: parentDeathWrapper() });\n`,
    );
    const parent = spawn(process.execPath, [driver], { stdio: 'ignore' });
    const exited = new Promise((resolve) => parent.on('exit', resolve));
    let pid = 0;
    for (let i = 0; i < 500 && !pid; i++) {
      try {
        pid = Number(readFileSync(pidFile, 'utf8'));
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    expect(pid).toBeGreaterThan(0);
    // Running, and not a zombie waiting for whoever adopted it to reap it.
    const alive = () => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
      } catch {
        return false;
      }
    };
    try {
      expect(alive()).toBe(true);
      parent.kill('SIGKILL');
      await exited;
      for (let waited = 0; alive() && waited < 1000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      expect(alive()).toBe(false);
    } finally {
      if (alive()) process.kill(pid, 'SIGKILL');
    }
  });

  describe('Ctrl-C before the CLI started from the snapshot handles it', () => {
    const envFor = (dir: string): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NEWSGRAPH_SNAPSHOT_DIR: dir, NEWSGRAPH_SNAPSHOT: 'debug' };
      delete env.NODE_OPTIONS;
      return env;
    };
    const graphCopy = (name: string): string => {
      const dir = path.join(tmp, name);
      cpSync(path.join(ROOT, 'graph'), dir, { recursive: true });
      return dir;
    };
    const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
    // Node deserialises the snapshot for about half a second before any of the CLI runs: a stand-in
    // for that process (the manifest's wrapper) says it started, then sleeps, and a signal ends it.
    const starting = () =>
      variant('starting', (m) => {
        (m as Manifest & { wrapper?: string[] }).wrapper = ['/bin/sh', '-c', 'echo "stand-in: starting" >&2; exec sleep 60', 'sh'];
      });

    it.each([
      ['add', 'SIGINT', 130],
      ['remove', 'SIGINT', 130],
      ['add', 'SIGTERM', 143],
    ] as const)('should have %s say that nothing was written, and exit as the CLI does (%s: %i)', async (verb, signal, code) => {
      const dir = graphCopy(`starting-${verb}-${signal}`);
      const before = filesOf(dir);
      const args = verb === 'add' ? ['add', path.join(SEEDS, readdirSync(SEEDS).sort()[0]!), '--graph', dir] : ['remove', 'x.txt', '--graph', dir];
      const run = await runAndSignal(args, envFor(starting()), (e) => /stand-in: starting/.test(e), signal);
      expect(run.stderr).toMatch(/snapshot: starting from .*starting/);
      expect(run.signal).toBeNull();
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toMatch(new RegExp(`stand-in: starting\\n\\nnewsgraph ${verb}: interrupted; nothing was written \\(".*starting-${verb}-${signal}" is as it was\\)\\.\\n$`));
      expect(filesOf(dir)).toEqual(before);
    });

    it('should have extract end by the signal, as before', async () => {
      const run = await runAndSignal(['extract', '--json', path.join(SEEDS, readdirSync(SEEDS).sort()[0]!)], envFor(starting()), (e) => /stand-in: starting/.test(e));
      expect(run.signal).toBe('SIGINT');
      expect(run.stderr).not.toMatch(/interrupted/);
    });

    it('should leave it to the CLI once it runs: one line, said once (while add --wait waits for another update)', async () => {
      const dir = graphCopy('snapshot-waiting');
      writeFileSync(path.join(dir, '.newsgraph.lock'), `${JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'add', started: new Date().toISOString() })}\n`);
      const before = filesOf(dir);
      const run = await runAndSignal(['add', path.join(SEEDS, readdirSync(SEEDS).sort()[0]!), '--graph', dir, '--wait'], envFor(snapshot), (e) => /waiting for it to finish/.test(e));
      expect(run.stderr).toMatch(/snapshot: starting from /);
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr.match(/interrupted; nothing was written/g)).toHaveLength(1);
      expect(run.stderr).toMatch(/\nnewsgraph add: interrupted; nothing was written \(".*snapshot-waiting" is as it was\)\.\n$/);
      expect(filesOf(dir)).toEqual(before);
    });

    it('should be told by an update, over the IPC channel, from when it handles signals itself', async () => {
      const dir = graphCopy('snapshot-told');
      writeFileSync(path.join(dir, '.newsgraph.lock'), `${JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'add', started: new Date().toISOString() })}\n`);
      const driver = path.join(tmp, 'told-driver.mjs');
      const { blob } = chooseSnapshot({ argv: ['add'], env: {}, execArgv: [], dir: snapshot });
      writeFileSync(
        driver,
        `import { runFromSnapshot } from ${JSON.stringify(path.join(ROOT, 'bin', 'snapshot.mjs'))};\n` +
          `const argv = JSON.parse(process.argv[2]);\n` +
          `process.stdout.write(JSON.stringify(await runFromSnapshot(${JSON.stringify(blob)}, argv)));\n`,
      );
      const run = (argv: string[], ready: (stderr: string) => boolean) =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [driver, JSON.stringify(argv)], { stdio: ['ignore', 'pipe', 'pipe'], env: envFor(snapshot) });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => {
            stderr += d.toString();
            if (ready(stderr)) child.kill('SIGINT'); // passed on to the CLI
          });
          child.on('close', () => resolve(stdout));
        });
      const waiting = await run(['add', path.join(SEEDS, readdirSync(SEEDS).sort()[0]!), '--graph', dir, '--wait'], (e) => /waiting for it to finish/.test(e));
      expect(JSON.parse(waiting)).toEqual({ code: 130, signal: null, handlesSignals: true });
      // a command that does not handle signals says nothing
      const extract = await run(['extract', '--json', path.join(SEEDS, readdirSync(SEEDS).sort()[0]!)], () => false);
      expect(JSON.parse(extract.slice(extract.lastIndexOf('\n') + 1))).toEqual({ code: 0, signal: null, handlesSignals: false }); // after the extraction's JSON
    });
  });

  it('should look for setpriv only on Linux, in the usual places, and only use one that knows --pdeathsig', () => {
    expect(parentDeathWrapper({ platform: 'darwin' })).toBeUndefined();
    expect(parentDeathWrapper({ platform: 'linux', candidates: [path.join(tmp, 'no-such-setpriv')] })).toBeUndefined();
    const fake = path.join(tmp, 'old-setpriv');
    writeFileSync(fake, '#!/bin/sh\necho "usage: setpriv [options] <program>"\n', { mode: 0o755 });
    expect(parentDeathWrapper({ platform: 'linux', candidates: [fake] })).toBeUndefined();
  });

  describe('falls back to the normal path', () => {
    const fresh = () => ({ argv: ['extract', 'a.txt'], env: {}, execArgv: [], dir: snapshot });

    it('should use a fresh snapshot for extract, add and remove only', () => {
      expect(chooseSnapshot(fresh()).blob).toMatch(/\.blob$/);
      for (const argv of [['add', 'x', '--graph', 'g'], ['remove', 'x']]) expect(chooseSnapshot({ ...fresh(), argv }).blob).toBeDefined();
      for (const argv of [['build', 'x'], ['query', 'find x'], ['serve'], ['--version'], [], ['extract', '--help']]) {
        expect(chooseSnapshot({ ...fresh(), argv }).blob, argv.join(' ')).toBeUndefined();
      }
    });

    it.each([
      ['NEWSGRAPH_SNAPSHOT=0', { env: { NEWSGRAPH_SNAPSHOT: '0' } }, /NEWSGRAPH_SNAPSHOT=0/],
      ['node options (a blob loads only under its V8 flags)', { execArgv: ['--max-old-space-size=4000'] }, /node options/],
      ['NODE_OPTIONS', { env: { NODE_OPTIONS: '--expose-gc' } }, /NODE_OPTIONS/],
      ['no snapshot built', { dir: path.join(tmp, 'nothing-here') }, /no snapshot/],
    ])('%s', (_, change, reason) => {
      const choice = chooseSnapshot({ ...fresh(), ...change });
      expect(choice.blob).toBeUndefined();
      expect(choice.reason).toMatch(reason);
    });

    it('should not use a blob built by another node version, a missing or truncated blob, or a stale one', () => {
      const cases: Array<[string, RegExp]> = [
        [variant('other-node', (m) => (m.node = 'v20.0.0')), /built for node v20\.0\.0/],
        [variant('no-blob', () => undefined, false), /blob .* is missing/],
        [variant('truncated', (m) => (m.blobSize += 1)), /has \d+ bytes/],
        [variant('stale-model', (m) => (m.inputs.find(([f]) => f.endsWith('ner-model.json.gz'))![2] -= 1000)), /stale: .*ner-model\.json\.gz changed/],
        [variant('stale-code', (m) => (m.inputs.find(([f]) => f.endsWith(path.join('dist', 'nlp', 'index.js')))![1] += 1)), /stale: .*nlp.index\.js changed/],
        [variant('gone', (m) => m.inputs.push([path.join(tmp, 'deleted.js'), 1, 1])), /stale: .*deleted\.js is gone/],
      ];
      for (const [dir, reason] of cases) expect(chooseSnapshot({ ...fresh(), dir }).reason).toMatch(reason);
      // Through the real command (two of the cases): the same output, and not a word about it.
      const file = path.join(SEEDS, readdirSync(SEEDS).sort()[0]!);
      const off = cli(['extract', '--json', file], 'off');
      expect(off.code).toBe(0);
      for (const [dir, reason] of [cases[1]!, cases[4]!]) {
        const r = cli(['extract', '--json', file], 'debug', dir);
        expect(r.notes).toMatch(reason);
        expect([r.code, r.stdout, r.stderr]).toEqual([off.code, off.stdout, off.stderr]);
        const env: Record<string, string | undefined> = { ...process.env, NEWSGRAPH_SNAPSHOT_DIR: dir };
        delete env.NEWSGRAPH_SNAPSHOT;
        const quiet = spawnSync(process.execPath, [BIN, 'extract', '--json', file], { encoding: 'utf8', env });
        expect([quiet.status, quiet.stdout, quiet.stderr]).toEqual([off.code, off.stdout, off.stderr]);
      }
    });

    it('should run normally when node refuses the blob (built under other V8 flags)', () => {
      // A blob node will not load: built with --expose-gc, run without. The manifest is otherwise fine.
      const script = path.join(tmp, 'tiny.cjs');
      writeFileSync(script, "require('node:v8').startupSnapshot.setDeserializeMainFunction(() => process.stdout.write('wrong\\n'));\n");
      const dir = path.join(tmp, 'refused');
      mkdirSync(dir);
      const blob = path.join(dir, 'tiny.blob');
      const built = spawnSync(process.execPath, ['--expose-gc', '--snapshot-blob', blob, '--build-snapshot', script], { encoding: 'utf8' });
      expect(built.status).toBe(0);
      const manifest = JSON.parse(readFileSync(path.join(snapshot, 'manifest.json'), 'utf8')) as Manifest;
      writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...manifest, blob: 'tiny.blob', blobSize: readFileSync(blob).length, inputs: [] }));
      expect(chooseSnapshot({ ...fresh(), dir }).blob).toBe(blob);
      const file = path.join(SEEDS, readdirSync(SEEDS).sort()[0]!);
      const off = cli(['extract', '--json', file], 'off');
      const r = cli(['extract', '--json', file], 'debug', dir);
      expect(r.notes).toMatch(/starting from .*tiny\.blob/);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(off.stdout);
      expect(r.stdout).not.toMatch(/wrong/);
    });
  });
});
