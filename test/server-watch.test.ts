/**
 * The server's watch of its graph folder: an update written by another process (`newsgraph add`, the
 * API's saveGraph, a rebuild) is served without a restart, never while the update still holds the
 * folder's lock, and a graph that cannot be read keeps the previous one served.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addToGraph, buildFromTexts, openGraphWithRecords, saveGraph } from '../src/api.js';
import { createServer, type NewsgraphServer, type ReloadEvent } from '../src/server/index.js';
import { lockGraphFolder } from '../src/store/index.js';
import { GENERATED, MORE } from './helpers/articles.js';
import { ROOT } from './helpers/tools.js';

const INTERVAL = 25;
let server: NewsgraphServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A graph folder of the generated articles g1–g3. */
async function folder(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-watch-'));
  const built = buildFromTexts(Object.entries(GENERATED).map(([id, text]) => ({ id, text, source: 'Wire' })));
  await saveGraph(dir, built);
  return dir;
}

/** Writes an article file and returns its path. */
function article(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-watch-in-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function health(base: string): Promise<{ documents: number; nodes: number; generation: number; reloadError?: string }> {
  return (await (await fetch(new URL('/api/health', base))).json()) as { documents: number; nodes: number; generation: number; reloadError?: string };
}

/** Polls until `ok` holds (or fails after `ms`). */
async function until(what: string, ok: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, INTERVAL));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(dir: string, events: ReloadEvent[] = [], queryWorkers = 0): Promise<string> {
  server = await createServer({ graphDir: dir, port: 0, queryWorkers, watch: true, watchIntervalMs: INTERVAL, onReload: (e) => events.push(e) });
  return (await server.listen()).url;
}

describe('server watch', () => {
  it('should serve an update saved by another writer, with the new generation on /api/graph and in queries', async () => {
    const dir = await folder();
    const events: ReloadEvent[] = [];
    const base = await start(dir, events, 1);
    const before = await health(base);
    expect(before).toMatchObject({ documents: 3, generation: 0 });
    expect((await fetch(new URL('/api/graph', base))).headers.get('x-newsgraph-generation')).toBe('0');
    const ask = async () =>
      (await (
        await fetch(new URL('/api/query', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'find Cavusoglu' }) })
      ).json()) as { rows: unknown[] };
    expect((await ask()).rows).toHaveLength(0); // cached too: the reload must drop that answer

    const updated = await addToGraph(await openGraphWithRecords(dir), [article('h4.txt', MORE['h4.txt']!)]);
    await saveGraph(dir, updated);

    await until('the reload', async () => (await health(base)).generation === 1);
    const after = await health(base);
    expect(after.documents).toBe(4);
    expect(after.nodes).toBe(updated.graph.order);
    expect(after.reloadError).toBeUndefined();
    expect(events).toEqual([{ ok: true, generation: 1, nodes: updated.graph.order, edges: updated.graph.size, documents: 4 }]);
    expect((await fetch(new URL('/api/graph', base))).headers.get('x-newsgraph-generation')).toBe('1');
    expect((await ask()).rows.length).toBeGreaterThan(0); // the query worker has the new graph
  });

  it('should not read the folder while an update holds its lock', async () => {
    const dir = await folder();
    const base = await start(dir);
    const release = await lockGraphFolder(dir, 'add');
    const updated = await addToGraph(await openGraphWithRecords(dir), [article('h3.txt', MORE['h3.txt']!)]);
    const { toJson } = await import('../src/export/index.js');
    await writeFile(path.join(dir, 'graph.json'), toJson(updated.graph)); // written under the lock, as an update does
    await sleep(INTERVAL * 12);
    expect((await health(base)).generation).toBe(0);
    await release();
    await until('the reload after the lock went', async () => (await health(base)).generation === 1);
    expect((await health(base)).documents).toBe(4);
  });

  it('should keep serving the previous graph when the new one cannot be read, and say why', async () => {
    const dir = await folder();
    const events: ReloadEvent[] = [];
    const base = await start(dir, events);
    const good = await readFile(path.join(dir, 'graph.json'), 'utf8');
    await writeFile(path.join(dir, 'graph.json'), good.slice(0, good.length >> 1));
    await until('the failed reload', async () => events.length === 1);
    expect(events[0]!.ok).toBe(false);
    const h = await health(base);
    expect(h).toMatchObject({ documents: 3, generation: 0 });
    expect(h.reloadError).toMatch(/graph\.json/);
    expect((await fetch(new URL('/api/graph', base))).status).toBe(200);
    // the same broken file is not read again at every check
    await sleep(INTERVAL * 8);
    expect(events).toHaveLength(1);
    // fixed: served again, and the error is gone
    await writeFile(path.join(dir, 'graph.json'), good.replace('"name":', ' "name":'));
    await until('the reload of the fixed file', async () => (await health(base)).generation === 1);
    expect((await health(base)).reloadError).toBeUndefined();
  });

  it('should serve what `newsgraph add` appends to the journal of a big graph', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-watch-cli-'));
    const input = mkdtempSync(path.join(tmpdir(), 'newsgraph-watch-cli-in-'));
    for (const [name, text] of Object.entries(GENERATED)) writeFileSync(path.join(input, name), text);
    // every graph.json counts as big: `add` then appends to graph.journal.jsonl and leaves graph.json alone
    const env = { ...process.env, NEWSGRAPH_JOURNAL_MIN_BYTES: '0', NEWSGRAPH_SNAPSHOT: '0' };
    const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'newsgraph.mjs'), ...args], { encoding: 'utf8', env });
    expect(cli('build', input, '--out', dir, '--quiet').status).toBe(0);
    const base = await start(dir);
    const graphJson = await readFile(path.join(dir, 'graph.json'), 'utf8');
    const r = cli('add', article('h1.txt', MORE['h1.txt']!), '--graph', dir, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(await readFile(path.join(dir, 'graph.json'), 'utf8')).toBe(graphJson); // only the journal changed
    await until('the reload', async () => (await health(base)).generation === 1);
    expect((await health(base)).documents).toBe(4);
  });
});
