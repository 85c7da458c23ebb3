import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphFormatError, NewsgraphError } from '../errors.js';
import { toGexf } from '../export/gexf.js';
import { toJson } from '../export/json.js';
import { readGraph, readGraphRecords } from '../store/index.js';
import { inlineGraphHost, workerGraphHost, type GraphHost } from './graph-host.js';
import { findWorkerScript } from './query-pool.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = findWorkerScript('graph-worker.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ng-host-'));
let n = 0;
/** A copy of the committed seeds graph folder. */
const seedsCopy = (): string => {
  const dir = path.join(tmp, `g${n++}`);
  cpSync(path.join(ROOT, 'graph'), dir, { recursive: true });
  return dir;
};

const hosts: GraphHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
});
const workerHost = (dir: string, script = SCRIPT!) => {
  const h = workerGraphHost(script, dir);
  hosts.push(h);
  return h;
};

describe('server/graph-host', () => {
  it('should find the compiled graph worker (npm test builds it first)', () => {
    expect(SCRIPT).toBeDefined();
  });

  it('should give, in the worker, exactly what the store and exporters give on this thread', async () => {
    const dir = seedsCopy();
    const graph = await readGraph(dir);
    const records = await readGraphRecords(dir);
    for (const host of [workerHost(dir), inlineGraphHost(dir)]) {
      const served = await host.load();
      host.commit();
      expect(served.body.toString('utf8')).toBe(toJson(graph));
      expect(served.counts).toEqual({ nodes: graph.order, edges: graph.size, documents: (graph.getAttribute('documents') as unknown[]).length });
      expect((await host.gexf()).toString('utf8')).toBe(toGexf(graph));
      expect(gunzipSync(await host.gzip()).toString('utf8')).toBe(toJson(graph));
      expect(served.etag).toMatch(/^"[\w-]{27}"$/);
      const rec = records[1]!;
      expect(JSON.parse((await host.document(rec.document.id))!)).toEqual({ document: rec.document, text: rec.text, sentences: rec.extraction.sentences });
      expect(await host.document('no such document')).toBeUndefined();
    }
  });

  it('should serve the bytes from shared memory, so query workers can take them without a copy', async () => {
    const served = await workerHost(seedsCopy()).load();
    expect(served.body.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(served.graph).toBeUndefined(); // the main thread holds no graph
  });

  it('should leave the event loop free while the worker works, unlike the same work inline', async () => {
    const dir = seedsCopy();
    const turnsDuring = async (host: GraphHost, work: () => Promise<unknown>): Promise<number> => {
      await host.load();
      host.commit();
      let turns = 0;
      let done = false;
      const spin = () => {
        if (done) return;
        turns++;
        setImmediate(spin);
      };
      const pending = work().finally(() => (done = true));
      setImmediate(spin);
      await pending;
      return turns;
    };
    const worker = workerHost(dir);
    expect(await turnsDuring(worker, () => worker.gexf())).toBeGreaterThan(0);
    const inline = inlineGraphHost(dir);
    expect(await turnsDuring(inline, () => inline.gexf())).toBe(0); // toGexf runs in one piece on the caller's thread
  });

  for (const kind of ['worker', 'inline'] as const) {
    it(`should answer from the graph served until the new one is committed (${kind})`, async () => {
      const dir = seedsCopy();
      const host = kind === 'worker' ? workerHost(dir) : inlineGraphHost(dir);
      const before = await host.load();
      host.commit();
      const old = await readGraph(dir);
      const oldBody = toJson(old);
      // Another writer replaces the graph with one node fewer.
      const changed = old.copy();
      changed.dropNode(changed.nodes()[0]!);
      writeFileSync(path.join(dir, 'graph.json'), toJson(changed));
      const [gexf, after, gexfLoaded, zipped] = await Promise.all([host.gexf(), host.load(), host.gexf(), host.gzip()]);
      expect(gexf.toString('utf8')).toBe(toGexf(old));
      expect(after.counts.nodes).toBe(before.counts.nodes - 1);
      // loaded, not yet served: exports and the packed body are still of the graph served
      expect(gexfLoaded.toString('utf8')).toBe(toGexf(old));
      expect(gunzipSync(zipped).toString('utf8')).toBe(oldBody);
      host.commit();
      expect((await host.gexf()).toString('utf8')).toBe(toGexf(changed));
      expect(gunzipSync(await host.gzip()).toString('utf8')).toBe(toJson(changed));
    });
  }

  it('should reject with the error class and path the worker met (a damaged graph.json)', async () => {
    const dir = seedsCopy();
    writeFileSync(path.join(dir, 'graph.json'), '{"nodes": [');
    const error = await workerHost(dir).load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphFormatError);
    expect((error as GraphFormatError).path).toBe(path.join(dir, 'graph.json'));
    expect((error as Error).message).toMatch(/graph\.json/);
  });

  it('should pass on the warnings it meets as process warnings (a journal line cut short)', async () => {
    const dir = seedsCopy();
    writeFileSync(path.join(dir, 'graph.journal.jsonl'), '{"format":1,"ba');
    const seen: Error[] = [];
    const listen = (w: Error) => seen.push(w);
    process.on('warning', listen);
    try {
      const served = await workerHost(dir).load();
      expect(served.counts.nodes).toBeGreaterThan(0);
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', listen);
    }
    expect(seen.map((w) => w.message).join('\n')).toMatch(/graph\.journal\.jsonl: its last line \(1\) is incomplete/);
  });

  it('should give a worker started after one died the graph served, not what the folder holds by then', async () => {
    const dir = seedsCopy();
    const file = path.join(tmp, 'dies-on-gexf.mjs');
    // The real worker, except that its first GEXF request kills it.
    writeFileSync(
      file,
      `import { parentPort, workerData } from 'node:worker_threads';
       import { existsSync, writeFileSync } from 'node:fs';
       await import(${JSON.stringify(SCRIPT!.href)}); // its listener first: it only queues the work
       const mark = workerData.graphDir + '/died';
       parentPort.on('message', (r) => { if (r.kind === 'gexf' && !existsSync(mark)) { writeFileSync(mark, ''); process.exit(5); } });`,
    );
    const host = workerHost(dir, pathToFileURL(file));
    await host.load();
    host.commit();
    const served = await readGraph(dir);
    await expect(host.gexf()).rejects.toThrow(/exit code 5/);
    writeFileSync(path.join(dir, 'graph.json'), 'garbage{'); // the folder now holds no readable graph
    expect((await host.gexf()).toString('utf8')).toBe(toGexf(served));
  });

  it('should fail what a dying worker was asked, and start another for the next request', async () => {
    const file = path.join(tmp, 'dies-once.mjs');
    // A stand-in: exits on its first request; a second worker answers.
    writeFileSync(
      file,
      `import { parentPort, workerData } from 'node:worker_threads';
       import { existsSync, writeFileSync } from 'node:fs';
       const mark = workerData.graphDir + '/died';
       parentPort.on('message', (r) => {
         if (!existsSync(mark)) { writeFileSync(mark, ''); process.exit(3); }
         parentPort.postMessage({ id: r.id, kind: 'document', body: 'again' });
       });`,
    );
    const host = workerHost(seedsCopy(), pathToFileURL(file));
    const error = await host.document('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewsgraphError);
    expect((error as Error).message).toMatch(/graph worker stopped \(exit code 3\)/);
    expect(await host.document('x')).toBe('again');
  });
});

describe('server/graph-host: a graph worker that dies', () => {
  /**
   * The real worker, except that it exits (code 5) on a GEXF request while DIR/die-on-gexf exists,
   * and (code 6) on taking over the served graph while DIR/die-on-adopt exists.
   */
  const dying = (): URL => {
    const file = path.join(tmp, 'dies-on-demand.mjs');
    writeFileSync(
      file,
      `import { parentPort, workerData } from 'node:worker_threads';
       import { existsSync } from 'node:fs';
       await import(${JSON.stringify(SCRIPT!.href)}); // its listener first: it only queues the work
       parentPort.on('message', (r) => {
         if (r.kind === 'gexf' && existsSync(workerData.graphDir + '/die-on-gexf')) process.exit(5);
         if (r.kind === 'adopt' && existsSync(workerData.graphDir + '/die-on-adopt')) process.exit(6);
       });`,
    );
    return pathToFileURL(file);
  };
  const stateOf = (host: GraphHost): string | undefined => (host.health() as { state?: string }).state;
  const dyingHost = (dir: string, seen: [string, boolean][]) => {
    const h = workerGraphHost(dying(), dir, { onDeath: (death, again) => seen.push([death.reason, again]) });
    hosts.push(h);
    return h;
  };

  it('should start another at once, without a request, which takes over the graph served; health says so', async () => {
    const dir = seedsCopy();
    const seen: [string, boolean][] = [];
    const host = dyingHost(dir, seen);
    await host.load();
    host.commit();
    expect(host.health()).toEqual({ mode: 'worker', state: 'up', restarts: 0, deaths: 0 });
    const served = await readGraph(dir);
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    const before = Date.now();
    await expect(host.gexf()).rejects.toThrow(/graph worker stopped \(exit code 5\)/);
    rmSync(path.join(dir, 'die-on-gexf'));
    writeFileSync(path.join(dir, 'graph.json'), 'garbage{'); // the folder now holds no readable graph
    // No request is made: the worker is started again by itself, and takes over the graph served.
    await expect.poll(() => stateOf(host)).toBe('up');
    const health = host.health();
    expect(health).toMatchObject({ mode: 'worker', state: 'up', restarts: 1, deaths: 1, lastDeath: { reason: 'exit code 5' } });
    const at = Date.parse((health as { lastDeath: { at: string } }).lastDeath.at);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(seen).toEqual([['exit code 5', true]]);
    expect((await host.gexf()).toString('utf8')).toBe(toGexf(served));
    await host.close();
    expect(host.health()).toMatchObject({ state: 'down', deaths: 1 }); // closing is no death
    expect(seen).toHaveLength(1);
  });

  it('should say "restarting" while the worker started again takes over the graph', async () => {
    const dir = seedsCopy();
    const host = dyingHost(dir, []);
    await host.load();
    host.commit();
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    const states: string[] = [];
    await host.gexf().catch(() => undefined);
    states.push(stateOf(host) ?? '');
    expect(states).toEqual(['restarting']); // the death is handled before the request's failure is
    await expect.poll(() => stateOf(host)).toBe('up');
  });

  it('should give up starting workers at once when they keep dying before they hold the graph, until a request needs one', async () => {
    const dir = seedsCopy();
    const seen: [string, boolean][] = [];
    const host = dyingHost(dir, seen);
    await host.load();
    host.commit();
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    writeFileSync(path.join(dir, 'die-on-adopt'), '');
    await expect(host.gexf()).rejects.toThrow(/exit code 5/);
    // the death, then three workers started again that died taking over the graph, then none
    await expect.poll(() => seen.length).toBe(4);
    expect(seen).toEqual([['exit code 5', true], ['exit code 6', true], ['exit code 6', true], ['exit code 6', false]]);
    await new Promise((r) => setTimeout(r, 200));
    expect(host.health()).toMatchObject({ mode: 'worker', state: 'down', restarts: 3, deaths: 4, lastDeath: { reason: 'exit code 6' } });
    // Repaired (memory freed, say): the next request starts one, which serves it.
    rmSync(path.join(dir, 'die-on-gexf'));
    rmSync(path.join(dir, 'die-on-adopt'));
    expect((await host.gexf()).toString('utf8')).toBe(toGexf(await readGraph(dir)));
    expect(host.health()).toMatchObject({ state: 'up', restarts: 4, deaths: 4 });
    // …and a later death is met by a restart at once again
    writeFileSync(path.join(dir, 'die-on-gexf'), '');
    await expect(host.gexf()).rejects.toThrow(/exit code 5/);
    expect(seen.at(-1)).toEqual(['exit code 5', true]);
  });

  it('should say the inline host has no worker', () => {
    expect(inlineGraphHost(seedsCopy()).health()).toEqual({ mode: 'inline' });
  });
});
