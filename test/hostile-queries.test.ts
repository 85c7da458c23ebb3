/**
 * Hostile queries against the server (issue 8.5): very long queries, deeply nested expressions,
 * unbounded variable-length paths, all-paths searches, cartesian products and a catastrophic
 * regular expression on a dense generated graph all end with a clear error or a cut-off notice —
 * and while such a query runs, /api/health and a cheap query are still answered, because queries
 * run in worker threads (a worker that overruns its budget is terminated and replaced).
 */
import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type NewsgraphServer } from '../src/server/index.js';

const NODES = 60;
const DEGREE = 14;
const BUDGET_MS = 1500;
const GRACE_MS = 1500;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-hostile-'));
const graphDir = path.join(tmp, 'dense');

/** A dense directed multigraph: every node has DEGREE out-edges (and about as many in-edges). */
function denseGraph(nodes: number, degree: number, extraLabel = ''): unknown {
  const TYPES = ['person', 'organization', 'place'];
  let s = 42;
  const rnd = (k: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % k;
  };
  const nodeList = Array.from({ length: nodes }, (_, i) => {
    const type = TYPES[i % 3]!;
    const label = `Node ${i}${extraLabel}`;
    return {
      key: `${type}:node-${i}`,
      attributes: { label, type, aliases: [label], mentions: [], roles: [], docs: ['d.txt'], sources: ['Test'], mentionCount: 1 + (i % 7), pagerank: 1 / nodes, x: i, y: (i * 7) % 13, size: 3, color: '#777777', mergeReasons: [] },
    };
  });
  const edges: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < nodes; i++) {
    for (let k = 0; k < degree; k++) {
      let j = rnd(nodes);
      if (j === i) j = (j + 1) % nodes;
      const predicate = ['condemn', 'meet', 'support', 'criticise'][rnd(4)]!;
      const key = `e${i}-${j}-${predicate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      edges.push({
        key,
        source: nodeList[i]!.key,
        target: nodeList[j]!.key,
        attributes: { predicate, label: predicate, verbs: [predicate], family: 'other', quad: 'neutral', evidence: [{ doc: 'd.txt', start: 0, end: 5, text: 'Text.' }], weight: 1, sources: ['Test'], assertedBy: [], negated: false, hedged: false, size: 1, color: '#999999' },
      });
    }
  }
  return {
    attributes: { name: 'dense', generator: 'test', documents: [{ id: 'd.txt', path: 'd.txt', title: 'D', source: 'Test', published: null, url: null, hash: 'x' }], claims: [], skipped: [] },
    options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: nodeList,
    edges,
  };
}

interface Answer {
  status: number;
  body: { columns?: string[]; rows?: unknown[][]; notices?: string[]; truncated?: boolean; error?: { name: string; message: string } };
}

let app: NewsgraphServer;
let base: string;

async function post(query: string | { raw: string }): Promise<Answer> {
  const body = typeof query === 'string' ? JSON.stringify({ query }) : query.raw;
  const res = await fetch(`${base}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Answer['body'] };
}

async function health(): Promise<{ ok: boolean; queries: { busy: number; restarts: number; workers: number } }> {
  const res = await fetch(`${base}api/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as { ok: boolean; queries: { busy: number; restarts: number; workers: number } };
}

/** Polls until a worker is busy with a query (so "meanwhile" really is meanwhile). */
async function untilBusy(): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if ((await health()).queries.busy >= 1) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no query became busy');
}

/** A clear error (JSON, named, with a message) or a result cut off with a notice. */
function expectEndedClearly(answer: Answer): void {
  if (answer.status === 200) {
    expect(answer.body.truncated, JSON.stringify(answer.body).slice(0, 300)).toBe(true);
    expect(answer.body.notices?.length).toBeGreaterThan(0);
  } else {
    expect([400, 422]).toContain(answer.status);
    expect(answer.body.error?.name).toMatch(/^Query(Limit|Syntax)?Error$/);
    expect(answer.body.error?.message.length).toBeGreaterThan(10);
  }
}

const REDOS = `RETURN '${'a'.repeat(40)}!' =~ '(a+)+'`;

beforeAll(async () => {
  await mkdir(graphDir, { recursive: true });
  await writeFile(path.join(graphDir, 'graph.json'), JSON.stringify(denseGraph(NODES, DEGREE)));
  // No answer cache: every query here must really run in a worker.
  app = await createServer({ graphDir, webDir: tmp, queryTimeoutMs: BUDGET_MS, queryGraceMs: GRACE_MS, queryWorkers: 2, queryCacheEntries: 0 });
  base = (await app.listen()).url;
});

afterAll(async () => {
  await app?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('server', () => {
  describe('POST /api/query with hostile queries', () => {
    const explosive: [string, string][] = [
      ['an unbounded undirected variable-length path', 'MATCH p = (a)-[*]-(b) RETURN count(p)'],
      ['an unbounded directed variable-length path returning paths', 'MATCH p = (a:person)-[*]->(b) RETURN p'],
      ['two unbounded segments', 'MATCH (a)-[*]->(b)-[*]->(c) RETURN count(*)'],
      ['a long explicit range', 'MATCH p = (a)-[*1..50]-(b) RETURN p'],
      ['all shortest paths between all pairs', 'MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p'],
      ['collecting every path', 'MATCH p = (a)-[*..8]-(b) RETURN collect(p)'],
      ['the all-paths shortcut with a huge bound', 'paths Node 0 -> Node 59 max 40'],
      ['a four-way cartesian product', 'MATCH (a), (b), (c), (d) RETURN count(*)'],
      ['a cross product of unwinds', 'UNWIND range(1, 400000) AS x UNWIND range(1, 400000) AS y RETURN count(*)'],
      ['a catastrophic regular expression', REDOS],
    ];
    it.each(explosive)('should end %s with a clear error or a cut-off notice', async (_label, query) => {
      expectEndedClearly(await post(query));
    });

    const nested: [string, string][] = [
      ['parentheses', `RETURN ${'('.repeat(5000)}1${')'.repeat(5000)}`],
      ['lists', `RETURN ${'['.repeat(5000)}1${']'.repeat(5000)}`],
      ['maps', `RETURN ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`],
      ['NOT', `RETURN ${'NOT '.repeat(10000)}true`],
      ['unary minus', `RETURN ${'-'.repeat(20000)}1`],
      ['a long operator chain', `RETURN 1${' + 1'.repeat(15000)}`],
      ['CASE', `RETURN ${'CASE WHEN true THEN '.repeat(2500)}1${' END'.repeat(2500)}`],
      ['function calls', `RETURN ${'abs('.repeat(5000)}1${')'.repeat(5000)}`],
      ['a long pattern chain', `MATCH ${'(a)-->'.repeat(3000)}(b) RETURN count(*)`],
    ];
    it.each(nested)('should answer deeply nested %s without crashing', async (_label, query) => {
      const answer = await post(query);
      expect([200, 400, 422]).toContain(answer.status);
      if (answer.status !== 200) expect(answer.body.error?.message).toBeTruthy();
    });

    it('should answer a 60 KB query with a result or an error, not a hang', async () => {
      const long = [`RETURN '${'x'.repeat(60_000)}' AS s`, `neighbors ${'Node '.repeat(12_000)}`, `RETURN ${Array.from({ length: 8000 }, (_, i) => `${i}`).join(', ')}`];
      for (const query of long) {
        expect(query.length).toBeGreaterThan(40_000);
        const answer = await post(query);
        expect([200, 400, 422]).toContain(answer.status);
      }
    });

    it('should refuse a 1 MB body with 413', async () => {
      const res = await fetch(`${base}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: `RETURN '${'x'.repeat(1 << 20)}'` }) });
      expect(res.status).toBe(413);
      expect(((await res.json()) as Answer['body']).error?.name).toBe('PayloadTooLarge');
    });

  });

  describe('POST /api/query with arbitrary input (fast-check)', () => {
    const WORDS = ['MATCH', 'RETURN', 'WHERE', 'WITH', 'UNWIND', 'OPTIONAL', 'ORDER BY', 'LIMIT', 'path', 'paths', 'neighbors', 'find', '(', ')', '[', ']', '{', '}', '-', '->', '<-', '*', '..', ':', ',', '.', "'", '"', '`', '$x', 'n', 'r', 'p', 'Node 1', 'person', 'count(*)', 'collect(n)', '=~', '1', '0', '-1', '1e309', 'null', '\\', '\u0000', '😀'];
    const grammarish = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 25 }).map((w) => w.join(' '));
    it('should answer any query text with 200, 400 or 422 JSON, never 500', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(grammarish, fc.string({ unit: 'binary', maxLength: 200 })), async (query) => {
          if (!query.trim()) return;
          const answer = await post(query);
          expect([200, 400, 422]).toContain(answer.status);
          if (answer.status !== 200) expect(answer.body.error?.message).toBeTruthy();
        }),
        { numRuns: 150, seed: 2026 },
      );
    });

    it('should answer any JSON body with a JSON answer below 500', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
          const res = await fetch(`${base}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
          expect(res.status).toBeLessThan(500);
          expect(typeof (await res.json())).toBe('object');
        }),
        { numRuns: 100, seed: 11 },
      );
    });
  });

  describe('the server while a hostile query runs', () => {
    const heavy: [string, string][] = [
      ['one the engine stops (cartesian product)', 'UNWIND range(1, 400000) AS x UNWIND range(1, 400000) AS y RETURN count(*)'],
    ];
    it.each(heavy)('should still answer health and a cheap query meanwhile: %s', async (_label, query) => {
      let heavyDone = false;
      const pending = post(query).then((a) => {
        heavyDone = true;
        return a;
      });
      await untilBusy();
      const [h, cheap] = await Promise.all([health(), post("MATCH (n {name: 'Node 1'})-[r]->(m) RETURN count(r) AS out")]);
      const answeredWhileBusy = !heavyDone;
      expect(h.ok).toBe(true);
      expect(cheap.status).toBe(200);
      expect(cheap.body.rows?.[0]?.[0]).toBeGreaterThan(0);
      expect(answeredWhileBusy).toBe(true);
      expectEndedClearly(await pending);
    });

    it('should answer every query of a burst of hostile and cheap ones', async () => {
      const queries = [...Array.from({ length: 3 }, () => REDOS), ...Array.from({ length: 6 }, (_, i) => `MATCH (n {name: 'Node ${i}'}) RETURN n.name`)];
      const answers = await Promise.all(queries.map((q) => post(q)));
      for (const [i, a] of answers.entries()) {
        if (i < 3) expectEndedClearly(a);
        else expect(a.status).toBe(200);
      }
      expect((await health()).ok).toBe(true);
    });
  });

  describe('a query that exhausts its worker\'s memory', () => {
    it('should answer 503, replace the worker and keep serving', async () => {
      const dir = path.join(tmp, 'oom');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'graph.json'), JSON.stringify(denseGraph(12, 2)));
      const small = await createServer({ graphDir: dir, webDir: tmp, queryWorkers: 1, queryWorkerHeapMb: 48, queryTimeoutMs: 60_000, queryCacheEntries: 0 });
      const url = (await small.listen()).url;
      const ask = async (query: string) => {
        const res = await fetch(`${url}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
        return { status: res.status, body: (await res.json()) as Answer['body'] };
      };
      try {
        const hog = `UNWIND range(1, 500000) AS x WITH collect(toString(x) + '${'a'.repeat(60)}') AS a UNWIND range(1, 50) AS k WITH a, k RETURN size(a + a + a + a + a + a + a + a)`;
        const answer = await ask(hog);
        expect(answer.status).toBe(503);
        expect(answer.body.error?.name).toBe('QueryWorkerError');
        const res = await fetch(`${url}api/health`);
        const h = (await res.json()) as { ok: boolean; queries: { restarts: number; deaths: number; lastDeath?: { at: string; reason: string } } };
        expect(h.queries.restarts).toBe(1);
        // health says that it died, and why; a worker that died and was replaced leaves the server ok
        expect(h.queries.deaths).toBe(1);
        expect(h.queries.lastDeath?.reason).toBe('out of memory');
        expect(res.status).toBe(200);
        expect(h.ok).toBe(true);
        expect((await ask('MATCH (n) RETURN count(n) AS n')).body.rows).toEqual([[12]]);
      } finally {
        await small.close();
      }
    });
  });

  describe('the answer cache', () => {
    it('should answer a repeated query from the cache until the graph is reloaded', async () => {
      const dir = path.join(tmp, 'cached');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'graph.json'), JSON.stringify(denseGraph(12, 2)));
      const cached = await createServer({ graphDir: dir, webDir: tmp, queryWorkers: 1 });
      const url = (await cached.listen()).url;
      const ask = async (query: string) => {
        const res = await fetch(`${url}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query }) });
        return { cache: res.headers.get('x-newsgraph-cache'), body: (await res.json()) as Answer['body'] };
      };
      try {
        const q = 'MATCH (n) RETURN count(n) AS n';
        expect(await ask(q)).toMatchObject({ cache: 'miss', body: { rows: [[12]] } });
        expect(await ask(q)).toMatchObject({ cache: 'hit', body: { rows: [[12]] } });
        expect((await ask('MATCH (n RETURN n')).cache).toBe('miss');
        expect((await ask('MATCH (n RETURN n')).cache).toBe('miss');
        await writeFile(path.join(dir, 'graph.json'), JSON.stringify(denseGraph(7, 2)));
        await cached.reload();
        expect(await ask(q)).toMatchObject({ cache: 'miss', body: { rows: [[7]] } });
      } finally {
        await cached.close();
      }
    });
  });

  describe('reload', () => {
    it('should answer queries from the new graph after a reload', async () => {
      await writeFile(path.join(graphDir, 'graph.json'), JSON.stringify(denseGraph(10, 3, ' reloaded')));
      await app.reload();
      const answer = await post('MATCH (n) RETURN count(n) AS n');
      expect(answer.body.rows).toEqual([[10]]);
      expect((await post("MATCH (n {name: 'Node 3 reloaded'}) RETURN n.name")).body.rows).toHaveLength(1);
      await writeFile(path.join(graphDir, 'graph.json'), '{"truncated');
      await expect(app.reload()).rejects.toThrow(/graph/);
      expect((await post('MATCH (n) RETURN count(n) AS n')).body.rows).toEqual([[10]]);
    });
  });
});
