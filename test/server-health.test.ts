/**
 * /api/health when the server's worker threads die: the graph worker (stood in for by the real one
 * that exits when told to, through a marker file in the graph folder) is started again at once and
 * health says it died, when and why; one that keeps dying as it takes over the graph makes health
 * answer 503 with `ok: false` until a request starts one that lives; query workers that cannot start
 * do the same. The fields health always had keep their meaning.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NewsgraphError } from '../src/errors.js';
import { findWorkerScript } from '../src/server/query-pool.js';
import { createServer, type NewsgraphServer, type ReloadEvent } from '../src/server/index.js';
import { ROOT } from './helpers/tools.js';

/** Worker scripts the server is to use instead of its own (see the mock below). */
const standIns = vi.hoisted(() => ({ graph: undefined as URL | undefined, query: undefined as URL | undefined }));
vi.mock('../src/server/query-pool.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/server/query-pool.js')>();
  return {
    ...actual,
    findWorkerScript: (name?: string) => (name === 'graph-worker.js' ? standIns.graph : standIns.query) ?? actual.findWorkerScript(name),
  };
});

const tmp = mkdtempSync(path.join(os.tmpdir(), 'ng-health-'));
let n = 0;
const seedsCopy = (): string => {
  const dir = path.join(tmp, `g${n++}`);
  cpSync(path.join(ROOT, 'graph'), dir, { recursive: true });
  return dir;
};

/** The real graph worker, except that it exits (5) on a GEXF request while DIR/die-on-gexf exists, (6) on taking over the served graph while DIR/die-on-adopt exists, and (7) on the first load after DIR/die-on-load-once is written. */
function dyingGraphWorker(): URL {
  const real = findWorkerScript('graph-worker.js');
  expect(real).toBeDefined();
  const file = path.join(tmp, 'graph-worker-dies.mjs');
  writeFileSync(
    file,
    `import { parentPort, workerData } from 'node:worker_threads';
     import { existsSync, unlinkSync } from 'node:fs';
     await import(${JSON.stringify(real!.href)});
     parentPort.on('message', (r) => {
       if (r.kind === 'gexf' && existsSync(workerData.graphDir + '/die-on-gexf')) process.exit(5);
       if (r.kind === 'adopt' && existsSync(workerData.graphDir + '/die-on-adopt')) process.exit(6);
       if (r.kind === 'load' && existsSync(workerData.graphDir + '/die-on-load-once')) { unlinkSync(workerData.graphDir + '/die-on-load-once'); process.exit(7); }
     });`,
  );
  return pathToFileURL(file);
}

interface Health {
  ok: boolean;
  nodes: number;
  edges: number;
  documents: number;
  generation: number;
  version: string;
  queries: { mode: string; workers: number; ready: number; busy: number; queued: number; restarts: number; deaths: number; lastDeath?: { at: string; reason: string }; error?: string; cached: number };
  graphWorker: { mode: string; state?: string; restarts?: number; deaths?: number; lastDeath?: { at: string; reason: string } };
}

const servers: NewsgraphServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  standIns.graph = undefined;
  standIns.query = undefined;
});

async function start(graphDir: string, errors: unknown[] = []): Promise<string> {
  const server = await createServer({ graphDir, port: 0, onError: (e) => errors.push(e) });
  servers.push(server);
  return (await server.listen()).url;
}

async function health(url: string): Promise<{ status: number; body: Health }> {
  const res = await fetch(new URL('/api/health', url));
  return { status: res.status, body: (await res.json()) as Health };
}

describe('GET /api/health', () => {
  it('should keep its fields, and say that the workers are up and none died', async () => {
    const url = await start(seedsCopy());
    await expect.poll(async () => (await health(url)).body.queries.ready).toBe(2);
    const { status, body } = await health(url);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      generation: 0,
      queries: { mode: 'workers', workers: 2, ready: 2, busy: 0, queued: 0, restarts: 0, deaths: 0, cached: 0 },
      graphWorker: { mode: 'worker', state: 'up', restarts: 0, deaths: 0 },
    });
    expect(body.nodes).toBeGreaterThan(10);
    expect(body.edges).toBeGreaterThan(0);
    expect(body.documents).toBe(5);
    expect(body.version).toMatch(/^"[\w-]+"$/);
    expect(body).not.toHaveProperty('reloadError');
    expect(body.queries).not.toHaveProperty('lastDeath');
    expect(body.graphWorker).not.toHaveProperty('lastDeath');
  });

  it('should say that the graph worker died, when and why, and that it was started again without a request', async () => {
    standIns.graph = dyingGraphWorker();
    const dir = seedsCopy();
    const errors: unknown[] = [];
    const url = await start(dir, errors);
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    const before = Date.now();
    const gexf = await fetch(new URL('/api/export?format=gexf', url));
    expect(gexf.status).toBe(500);
    expect(((await gexf.json()) as { error: { message: string } }).error.message).toMatch(/graph worker stopped \(exit code 5\)/);
    rmSync(path.join(dir, 'die-on-gexf'));
    // only health is asked: the worker is started again by itself
    await expect.poll(async () => (await health(url)).body.graphWorker.state).toBe('up');
    const { status, body } = await health(url);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.graphWorker).toMatchObject({ mode: 'worker', state: 'up', restarts: 1, deaths: 1, lastDeath: { reason: 'exit code 5' } });
    const at = Date.parse(body.graphWorker.lastDeath!.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(body.queries.deaths).toBe(0);
    // told to onError (the CLI prints it as one line), besides the failed request
    const deaths = errors.filter((e) => (e as Error).message.startsWith('the graph worker stopped'));
    expect(deaths).toHaveLength(1);
    expect(deaths[0]).toBeInstanceOf(NewsgraphError);
    expect((deaths[0] as Error).message).toBe('the graph worker stopped (exit code 5); starting it again');
    expect((await fetch(new URL('/api/export?format=gexf', url))).status).toBe(200);
  });

  it('should load an update again when the graph worker stopped while loading it, though the folder did not change since', async () => {
    standIns.graph = dyingGraphWorker();
    const dir = seedsCopy();
    const events: ReloadEvent[] = [];
    const server = await createServer({ graphDir: dir, port: 0, watch: true, watchIntervalMs: 25, onReload: (e) => events.push(e), onError: () => {} });
    servers.push(server);
    const url = (await server.listen()).url;
    writeFileSync(path.join(dir, 'die-on-load-once'), '');
    // the same graph written again: a new modification time, so an update to load
    const graphFile = path.join(dir, 'graph.json');
    writeFileSync(graphFile, readFileSync(graphFile));
    await expect.poll(() => events.some((e) => e.ok), { timeout: 10_000 }).toBe(true);
    expect(events[0]).toMatchObject({ ok: false });
    expect(String((events[0] as { error: Error }).error.message)).toMatch(/graph worker stopped \(exit code 7\)/);
    expect(events.filter((e) => e.ok)).toHaveLength(1);
    const { body } = await health(url);
    expect(body.generation).toBe(1);
    expect(body.graphWorker).toMatchObject({ state: 'up', deaths: 1 });
  });

  it('should answer 503 with ok: false while graph workers keep dying as they start, and 200 once one lives', async () => {
    standIns.graph = dyingGraphWorker();
    const dir = seedsCopy();
    const url = await start(dir);
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    writeFileSync(path.join(dir, 'die-on-adopt'), '');
    expect((await fetch(new URL('/api/export?format=gexf', url))).status).toBe(500);
    await expect.poll(async () => (await health(url)).body.graphWorker.state).toBe('down');
    const down = await health(url);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ ok: false, documents: 5, graphWorker: { state: 'down', restarts: 3, deaths: 4, lastDeath: { reason: 'exit code 6' } } });
    expect(down.body.version).toMatch(/^"/);
    // the graph and queries are still answered
    expect((await fetch(new URL('/api/graph', url))).status).toBe(200);
    rmSync(path.join(dir, 'die-on-gexf'));
    rmSync(path.join(dir, 'die-on-adopt'));
    expect((await fetch(new URL('/api/export?format=gexf', url))).status).toBe(200);
    const up = await health(url);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ ok: true, graphWorker: { state: 'up', restarts: 4, deaths: 4 } });
  });

  it('should answer 503 with ok: false and the reason when no query worker can start', async () => {
    const file = path.join(tmp, 'query-worker-exits.mjs');
    writeFileSync(file, 'process.exit(4);\n');
    standIns.query = pathToFileURL(file);
    const errors: unknown[] = [];
    const url = await start(seedsCopy(), errors);
    await expect.poll(async () => (await health(url)).body.queries.error).toMatch(/cannot start/);
    const { status, body } = await health(url);
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, queries: { mode: 'workers', ready: 0, lastDeath: { reason: 'exit code 4' } }, graphWorker: { state: 'up' } });
    // three in a row that died before they were ready; the two first workers start together, so the second
    // of them may die after the answer above: every death is reported once, with its reason
    expect(body.queries.deaths).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => errors.length === (await health(url)).body.queries.deaths).toBe(true);
    expect(new Set(errors.map((e) => (e as Error).message))).toEqual(new Set(['a query worker stopped (exit code 4)']));
  });
});
