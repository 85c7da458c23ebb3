/**
 * No lost graphs (issue 8.2): a real `newsgraph build` over a generated corpus is killed with
 * SIGKILL at several moments (early, mid-extraction, and the moment each graph file's temporary
 * file appears) into a folder that already holds a good graph. Afterwards every graph file is
 * either the previous one, byte for byte, or a complete new one; the folder opens as a graph; no
 * temporary file is ever read as one. A corrupt or truncated graph.json makes `serve` and `query`
 * exit 1 with one clear line, never a crash or an empty graph. A `newsgraph add` killed as it writes
 * each file of an incremental update leaves a folder that the next `add` brings to exactly the graph
 * of a full build.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, watch, type FSWatcher } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGraph } from '../src/store/index.js';
import { graphContent } from './helpers/graph-content.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const ARTICLES = Number(process.env.KILL_ARTICLES ?? 150);
const FILES = ['graph.json', 'graph.gexf', 'extractions.jsonl'] as const;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-kill-'));
const corpus = path.join(tmp, 'corpus');
const previousCorpus = path.join(tmp, 'previous-corpus');
const previousDir = path.join(tmp, 'previous-graph');
const previous = new Map<string, Buffer>();

/** Synthetic news-like articles (deterministic): people, organisations, places, verbs, numbers. */
async function writeCorpus(dir: string, count: number, seed: number, name = 'article'): Promise<void> {
  const PEOPLE = ['Anna Kovacs', 'Boris Lindqvist', 'Carla Mendes', 'David Osei', 'Elena Petrova', 'Farid Haddad', 'Grace Mwangi', 'Hiroshi Tanaka', 'Ingrid Nilsen', 'Jamal Rahman', 'Katarina Horvat', 'Luis Ortega'];
  const ORGS = ['the United Nations', 'NATO', 'the European Union', 'the World Bank', 'Amnesty International', 'the Red Cross', 'the African Union'];
  const PLACES = ['Geneva', 'Nairobi', 'Ankara', 'Brussels', 'Lisbon', 'Oslo', 'Tokyo', 'Cairo'];
  const VERBS = ['condemned', 'criticised', 'met', 'praised', 'accused', 'warned', 'supported', 'rejected'];
  let s = seed;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const pick = <T,>(a: T[]): T => a[rnd(a.length)]!;
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const lines = [`${pick(PEOPLE)} ${pick(VERBS)} ${pick(ORGS)} in ${pick(PLACES)}`, ''];
    for (let k = 0; k < 22; k++) {
      const r = rnd(4);
      if (r === 0) lines.push(`${pick(PEOPLE)} ${pick(VERBS)} ${pick(PEOPLE)} during talks in ${pick(PLACES)} on Monday.`);
      else if (r === 1) lines.push(`"We will not accept this," ${pick(PEOPLE)}, a spokesman for ${pick(ORGS)}, told reporters in ${pick(PLACES)}.`);
      else if (r === 2) lines.push(`At least ${1 + rnd(90)} people were killed in ${pick(PLACES)}, according to ${pick(ORGS)}.`);
      else lines.push(`${pick(ORGS)} ${pick(VERBS)} ${pick(ORGS)} after the meeting, officials said.`);
    }
    await writeFile(path.join(dir, `${name}-${String(i).padStart(4, '0')}.txt`), `${lines.join('\n')}\n`);
  }
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

type KillAt = { afterMs: number } | { tempOf: (typeof FILES)[number] };

/**
 * Starts a build of the corpus into `out` and SIGKILLs it at `at`. Resolves with what happened:
 * whether the kill landed before the build finished, and which temporary files were seen.
 */
function buildAndKill(out: string, at: KillAt): Promise<{ killed: boolean; seen: string[] }> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    let watcher: FSWatcher | undefined;
    const child = spawn(process.execPath, [BIN, 'build', corpus, '--out', out, '--quiet'], { stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    if ('afterMs' in at) timer = setTimeout(kill, at.afterMs);
    else {
      const prefix = `${at.tempOf}.tmp-`;
      watcher = watch(out, (_event, name) => {
        if (!name || !name.includes('.tmp-')) return;
        if (!seen.includes(name)) seen.push(name);
        if (name.startsWith(prefix)) kill();
      });
    }
    const guard = setTimeout(kill, 240_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      watcher?.close();
      resolve({ killed: signal === 'SIGKILL', seen });
    });
  });
}

/** A file is intact when it is the previous one byte for byte, or a complete new one. */
async function expectIntact(dir: string): Promise<{ file: string; state: 'previous' | 'new' }[]> {
  const states: { file: string; state: 'previous' | 'new' }[] = [];
  for (const file of FILES) {
    const now = await readFile(path.join(dir, file));
    if (now.equals(previous.get(file)!)) {
      states.push({ file, state: 'previous' });
      continue;
    }
    const text = now.toString('utf8');
    if (file === 'graph.json') {
      const graph = await readGraph(path.join(dir, file));
      expect(graph.getAttribute('documents')).toHaveLength(ARTICLES);
    } else if (file === 'graph.gexf') {
      expect(text.startsWith('<?xml')).toBe(true);
      expect(text.trimEnd().endsWith('</gexf>')).toBe(true);
    } else {
      const lines = text.split('\n').filter(Boolean);
      expect(lines).toHaveLength(ARTICLES);
      for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    }
    states.push({ file, state: 'new' });
  }
  // Whatever happened, the folder opens as a graph: the previous one or the new one.
  const graph = await readGraph(dir);
  expect([previousDocs, ARTICLES]).toContain(graph.getAttribute('documents').length);
  return states;
}

let previousDocs = 0;

beforeAll(async () => {
  await writeCorpus(corpus, ARTICLES, 12345);
  await writeCorpus(previousCorpus, 3, 999);
  const built = await cli(['build', previousCorpus, '--out', previousDir, '--quiet']);
  expect(built.code, built.stderr).toBe(0);
  for (const file of FILES) previous.set(file, await readFile(path.join(previousDir, file)));
  previousDocs = (await readGraph(previousDir)).getAttribute('documents').length;
}, 300_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('store', () => {
  describe('writeGraph under SIGKILL (newsgraph build)', () => {
    const moments: [string, KillAt][] = [
      ['100 ms after start', { afterMs: 100 }],
      ['1 s after start', { afterMs: 1000 }],
      ['when extractions.jsonl’s temporary file appears', { tempOf: 'extractions.jsonl' }],
      ['when graph.gexf’s temporary file appears', { tempOf: 'graph.gexf' }],
      ['when graph.json’s temporary file appears', { tempOf: 'graph.json' }],
    ];
    it.each(moments)('should leave the previous graph intact or a complete new one when killed %s', async (label, at) => {
      const out = path.join(tmp, `out-${label.replace(/\W+/g, '-')}`);
      await cp(previousDir, out, { recursive: true });
      const { killed, seen } = await buildAndKill(out, at);
      const states = await expectIntact(out);
      // A build that was not killed (it finished first) must have written every file anew.
      if (!killed) expect(states.every((s) => s.state === 'new')).toBe(true);
      if ('tempOf' in at) expect(seen.some((n) => n.startsWith(`${at.tempOf}.tmp-`))).toBe(true);
      // Temporary leftovers are never what opens: graph.json is read, and it is intact.
      const names = await readdir(out);
      for (const n of names.filter((x) => x.includes('.tmp-'))) expect(n).not.toBe('graph.json');
    }, 300_000);

    it('should not open a leftover temporary file as a graph', async () => {
      const out = path.join(tmp, 'only-temp');
      await mkdir(out, { recursive: true });
      await writeFile(path.join(out, 'graph.json.tmp-123-abcdef'), previous.get('graph.json')!);
      const run = await cli(['query', 'neighbors Anna Kovacs', '--graph', out]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
    });
  });

  describe('incremental updates under SIGKILL (newsgraph add)', () => {
    // Every graph, however small, as a base plus journal and index, so that each file an update writes is written.
    const env = { ...process.env, NEWSGRAPH_JOURNAL_MIN_BYTES: '0' };
    const extra = path.join(tmp, 'extra-corpus');
    const base = path.join(tmp, 'add-base');
    let want: ReturnType<typeof graphContent>;

    beforeAll(async () => {
      await writeCorpus(extra, 2, 4242, 'extra');
      const built = await cli(['build', corpus, '--out', base, '--name', 'g', '--quiet'], 120_000, env);
      expect(built.code, built.stderr).toBe(0);
      const full = path.join(tmp, 'add-full');
      const all = await cli(['build', corpus, extra, '--out', full, '--name', 'g', '--quiet'], 120_000, env);
      expect(all.code, all.stderr).toBe(0);
      want = graphContent(await readGraph(full));
    }, 300_000);

    /**
     * Starts `add extra` on `out` and SIGKILLs it when `file` in it changes (or its temporary file
     * appears). In one process (no start-up snapshot, whose child dies with its parent only where
     * setpriv can arrange it), so that the kill lands in the process that writes, while it writes.
     */
    function addAndKill(out: string, file: string): Promise<{ killed: boolean }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'add', extra, '--graph', out, '--quiet'], { stdio: 'ignore', env: { ...env, NEWSGRAPH_SNAPSHOT: '0' } });
        const watcher = watch(out, (_event, name) => {
          if (name === file || name?.startsWith(`${file}.tmp-`)) child.kill('SIGKILL');
        });
        const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('exit', (_code, signal) => {
          clearTimeout(guard);
          watcher.close();
          resolve({ killed: signal === 'SIGKILL' });
        });
      });
    }

    const files = ['extractions.jsonl', 'resolve-memo.journal.jsonl', 'graph.journal.jsonl', 'graph.index.json'];
    it.each(files)('should bring a folder whose add was killed as it wrote %s to the graph of a full build', async (file) => {
      const out = path.join(tmp, `add-killed-${file}`);
      await cp(base, out, { recursive: true });
      const { killed } = await addAndKill(out, file);
      expect(killed).toBe(true);
      // Whatever the kill left, the folder opens as a graph, and the next add completes it exactly.
      await readGraph(out);
      const again = await cli(['add', extra, '--graph', out, '--quiet'], 120_000, env);
      expect(again.code, again.stderr).toBe(0);
      expect(graphContent(await readGraph(out))).toEqual(want);
    }, 300_000);
  });

  describe('Ctrl-C (SIGINT) during newsgraph add', () => {
    const env = { ...process.env, NEWSGRAPH_JOURNAL_MIN_BYTES: '0', NEWSGRAPH_SNAPSHOT: '0' };
    const many = path.join(tmp, 'many-corpus');
    const two = path.join(tmp, 'int-extra');
    const base = path.join(tmp, 'int-base');
    const stateOf = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(dir)).sort().map(async (f) => [f, (await readFile(path.join(dir, f))).toString('base64')])));

    beforeAll(async () => {
      await writeCorpus(many, 400, 777, 'many');
      await writeCorpus(two, 2, 4343, 'two');
      const built = await cli(['build', corpus, '--out', base, '--name', 'g', '--quiet'], 120_000, env);
      expect(built.code, built.stderr).toBe(0);
    }, 300_000);

    /** Starts `add` of `inputs` to `out` and sends SIGINT once `ready(out)` holds (checked every 20 ms). */
    function addAndInterrupt(out: string, inputs: string[], ready: () => boolean): Promise<Run> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'add', ...inputs, '--graph', out], { stdio: ['ignore', 'pipe', 'pipe'], env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const poll = setInterval(() => {
          if (!ready()) return;
          clearInterval(poll);
          child.kill('SIGINT');
        }, 20);
        const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('error', reject);
        child.on('close', (code, signal) => {
          clearInterval(poll);
          clearTimeout(guard);
          resolve({ code, signal, stdout, stderr });
        });
      });
    }

    it('should stop before writing, say that nothing was written, and leave the folder as it was, without its lock', async () => {
      const out = path.join(tmp, 'int-before');
      await cp(base, out, { recursive: true });
      const before = await stateOf(out);
      const lock = path.join(out, '.newsgraph.lock');
      let since = 0;
      // 400 articles take seconds to extract; the signal comes 300 ms after the update took the lock.
      const run = await addAndInterrupt(out, [many], () => {
        if (!existsSync(lock)) return false;
        since ||= Date.now();
        return Date.now() - since > 300;
      });
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toMatch(/newsgraph add: interrupted; nothing was written \(".*int-before" is as it was\)/);
      expect(await stateOf(out)).toEqual(before); // no lock left behind either
    }, 300_000);

    it('should finish writing the folder it has begun to write, then stop', async () => {
      const out = path.join(tmp, 'int-writing');
      await cp(base, out, { recursive: true });
      const full = path.join(tmp, 'int-full');
      const all = await cli(['build', corpus, two, '--out', full, '--name', 'g', '--quiet'], 120_000, env);
      expect(all.code, all.stderr).toBe(0);
      // The signal as the first file of the update is written (its records, appended to extractions.jsonl).
      const size0 = statSync(path.join(out, 'extractions.jsonl')).size;
      const run = await addAndInterrupt(out, [two], () => statSync(path.join(out, 'extractions.jsonl')).size !== size0);
      if (run.code === 130) expect(run.stderr).toMatch(/stopping once ".*int-writing" is written/);
      // However the signal fell, the folder holds the whole update: no later add is needed to complete it.
      expect(graphContent(await readGraph(out))).toEqual(graphContent(await readGraph(full)));
      expect(await readdir(out)).not.toContain('.newsgraph.lock');
    }, 300_000);
  });

  describe('readGraph on a corrupt graph.json (newsgraph serve / query)', () => {
    const corrupt: [string, () => Buffer | string][] = [
      ['truncated to half', () => previous.get('graph.json')!.subarray(0, Math.floor(previous.get('graph.json')!.length / 2))],
      ['truncated to one byte', () => '{'],
      ['empty', () => ''],
      ['JSON null', () => 'null'],
      ['an empty object', () => '{}'],
      ['nodes that are not an array', () => '{"attributes":{"documents":[]},"nodes":{},"edges":[]}'],
      ['an edge to a missing node', () => JSON.stringify({ attributes: { documents: [] }, options: { type: 'directed', multi: true, allowSelfLoops: false }, nodes: [{ key: 'a', attributes: {} }], edges: [{ source: 'a', target: 'b', attributes: {} }] })],
      ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
      ['UTF-16 text', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"nodes":[]}', 'utf16le')])],
    ];

    function expectOneLineError(run: Run): void {
      expect(run.code).toBe(1);
      expect(run.signal).toBeNull();
      expect(run.stdout).not.toMatch(/serving|rows|│/);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/graph/i);
      expect(run.stderr).not.toMatch(/\n\s+at\s|node:internal/);
    }

    it.each(corrupt)('should make query exit 1 with one clear line for a graph.json %s', async (label, content) => {
      const dir = path.join(tmp, `corrupt-q-${label.replace(/\W+/g, '-')}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'graph.json'), content());
      expectOneLineError(await cli(['query', 'neighbors Anna Kovacs', '--graph', dir]));
    });

    it.each(corrupt.slice(0, 4))('should make serve exit 1 with one clear line for a graph.json %s', async (label, content) => {
      const dir = path.join(tmp, `corrupt-s-${label.replace(/\W+/g, '-')}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'graph.json'), content());
      expectOneLineError(await cli(['serve', '--graph', dir, '--port', '0'], 60_000));
    });
  });
});
