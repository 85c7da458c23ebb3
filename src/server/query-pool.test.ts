import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { QueryPool } from './query-pool.js';

// Stand-in worker scripts: the engine stops every query itself, so a worker that never answers can
// only be made on purpose. It checks the backstop that terminates a worker overrunning its budget.
const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-pool-'));
const script = (name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${body}\nparentPort.postMessage({ ready: true });\n`);
  return pathToFileURL(file);
};
const STUCK = script('stuck.mjs', `parentPort.on('message', (job) => { if (job.query === 'spin') for (;;); parentPort.postMessage({ id: job.id, status: 200, body: JSON.stringify({ rows: [[job.query]] }) }); });`);

const data = { graphJson: '{}', graphFile: 'graph.json' };
let pool: QueryPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('server/query-pool', () => {
  describe('QueryPool', () => {
    it('should answer 422 QueryLimitError for a worker that overruns its budget, and replace it', async () => {
      pool = new QueryPool(STUCK, data, { size: 1, timeoutMs: 50, graceMs: 50, maxQueue: 10 });
      const answer = await pool.run('spin');
      expect(answer.status).toBe(422);
      expect(JSON.parse(String(typeof answer.body === 'string' ? answer.body : new TextDecoder().decode(answer.body))).error.name).toBe('QueryLimitError');
      expect(pool.stats().restarts).toBe(1);
      const next = await pool.run('cheap');
      expect(next.status).toBe(200);
      expect(pool.stats().workers).toBe(1);
    });

    it('should keep answering on the other worker while one is stuck', async () => {
      pool = new QueryPool(STUCK, data, { size: 2, timeoutMs: 2000, graceMs: 2000, maxQueue: 10 });
      const stuck = pool.run('spin');
      const cheap = await pool.run('cheap');
      expect(cheap.status).toBe(200);
      expect(pool.stats().busy).toBe(1);
      expect((await stuck).status).toBe(422);
    });

    it('should answer 503 at once when the queue is full', async () => {
      pool = new QueryPool(STUCK, data, { size: 1, timeoutMs: 500, graceMs: 500, maxQueue: 1 });
      expect((await pool.run('warm up')).status).toBe(200); // the worker is running
      const first = pool.run('spin');
      await new Promise((r) => setTimeout(r, 20)); // taken off the queue by the worker
      const second = pool.run('cheap');
      const third = await pool.run('cheap');
      expect(third.status).toBe(503);
      expect((await first).status).toBe(422);
      expect((await second).status).toBe(200);
    });

    it('should count a worker that died, say when and why, and replace it; a worker stopped over its budget is no death', async () => {
      const file = script(
        'dies.mjs',
        `parentPort.on('message', (job) => {
           if (job.query === 'exit') process.exit(9);
           if (job.query === 'throw') throw new Error('boom in the worker\\nsecond line');
           if (job.query === 'spin') for (;;);
           parentPort.postMessage({ id: job.id, status: 200, body: JSON.stringify({ rows: [[job.query]] }) });
         });`,
      );
      const deaths: string[] = [];
      pool = new QueryPool(file, data, { size: 1, timeoutMs: 100, graceMs: 100, maxQueue: 10, onDeath: (d) => deaths.push(d.reason) });
      expect((await pool.run('warm up')).status).toBe(200);
      expect(pool.stats()).toEqual({ workers: 1, ready: 1, busy: 0, queued: 0, restarts: 0, deaths: 0 });
      const before = Date.now();
      const died = await pool.run('exit');
      expect(died.status).toBe(503);
      expect(pool.stats()).toMatchObject({ workers: 1, ready: 0, restarts: 1, deaths: 1, lastDeath: { reason: 'exit code 9' } });
      const at = Date.parse(pool.stats().lastDeath!.at);
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(Date.now());
      await expect.poll(() => pool!.stats().ready).toBe(1);
      expect((await pool.run('throw')).status).toBe(503);
      expect(pool.stats()).toMatchObject({ restarts: 2, deaths: 2, lastDeath: { reason: 'crashed: boom in the worker' } });
      expect((await pool.run('spin')).status).toBe(422);
      expect(pool.stats()).toMatchObject({ restarts: 3, deaths: 2, lastDeath: { reason: 'crashed: boom in the worker' } });
      expect(deaths).toEqual(['exit code 9', 'crashed: boom in the worker']);
      expect(pool.stats().error).toBeUndefined();
    });

    it('should say so in its stats when no worker can start, and answer every query 503', async () => {
      const file = path.join(dir, 'cannot-start.mjs');
      writeFileSync(file, `process.exit(4);\n`);
      pool = new QueryPool(pathToFileURL(file), data, { size: 1, timeoutMs: 100, graceMs: 100, maxQueue: 10 });
      await expect.poll(() => pool!.stats().error).toMatch(/cannot start/);
      expect(pool.stats()).toMatchObject({ ready: 0, deaths: 3, lastDeath: { reason: 'exit code 4' } });
      expect((await pool.run('q')).status).toBe(503);
    });

    it('should keep the old workers answering through a reload until a new one holds the new graph', async () => {
      // A stand-in whose start takes as long as its data says (parsing a big graph), and which
      // answers with the data it was started with.
      const file = path.join(dir, 'slow-start.mjs');
      writeFileSync(
        file,
        `import { parentPort, workerData } from 'node:worker_threads';
         parentPort.on('message', (job) => parentPort.postMessage({ id: job.id, status: 200, body: JSON.stringify({ rows: [[workerData.graphJson]] }) }));
         setTimeout(() => parentPort.postMessage({ ready: true }), workerData.graphJson === 'new' ? 400 : 0);`,
      );
      const answerOf = (a: { body: string | Uint8Array }) => (JSON.parse(typeof a.body === 'string' ? a.body : new TextDecoder().decode(a.body)) as { rows: string[][] }).rows[0]![0];
      pool = new QueryPool(pathToFileURL(file), { graphJson: 'old', graphFile: 'graph.json' }, { size: 2, timeoutMs: 2000, graceMs: 500, maxQueue: 10 });
      expect(answerOf(await pool.run('q'))).toBe('old');
      let switched = false;
      const reloaded = pool.reload({ graphJson: 'new', graphFile: 'graph.json' }).then(() => (switched = true));
      const during = await pool.run('q'); // answered at once, not after the new workers' start
      expect(answerOf(during)).toBe('old');
      expect(switched).toBe(false);
      await reloaded;
      expect(answerOf(await pool.run('q'))).toBe('new');
      expect(pool.stats().workers).toBe(2);
    });
  });
});
