/**
 * The HTTP server on port 0 over the committed seeds graph: the web app, the graph, queries.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGexf } from '../src/export/gexf.js';
import { readGraph, readGraphRecords } from '../src/store/index.js';
import { acceptsGzip, createServer, deathForClient, etagMatches, gzipEtag, isLoopbackAddress, type NewsgraphServer } from '../src/server/index.js';
import { ROOT } from './helpers/tools.js';

let server: NewsgraphServer;
let base: string;

beforeAll(async () => {
  server = await createServer({ graphDir: path.join(ROOT, 'graph'), port: 0 });
  base = (await server.listen()).url;
});
afterAll(async () => {
  await server.close();
});

const post = (body: unknown) =>
  fetch(new URL('/api/query', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('server', () => {
  it('should bind 127.0.0.1 by default', () => {
    expect(new URL(base).hostname).toBe('127.0.0.1');
  });

  it('should serve the web app at / with a CSP', async () => {
    const r = await fetch(base);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await r.text()).toMatch(/<script[^>]+src=/);
  });

  it('should serve the graph JSON at /api/graph', async () => {
    const r = await fetch(new URL('/api/graph', base));
    expect(r.status).toBe(200);
    const g = (await r.json()) as { nodes: unknown[]; edges: unknown[] };
    expect(g.nodes.length).toBeGreaterThan(10);
    expect(g.edges.length).toBeGreaterThan(0);
  });

  it('should answer a query with rows', async () => {
    const r = await post({ query: 'find Stoltenberg' });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { columns: string[]; rows: unknown[][] };
    expect(body.rows.length).toBeGreaterThan(0);
  });

  it('should answer a bad query with 400 and an error with its position', async () => {
    const r = await post({ query: 'MATCH (a RETURN a' });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: { name: string; message: string; position?: { line: number; column: number } } };
    expect(body.error.name).toBe('QuerySyntaxError');
    expect(body.error.position?.line).toBe(1);
  });

  it('should answer a body without a query with 400 JSON', async () => {
    const r = await post({ nope: 1 });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/query/);
  });
});

describe('server downloads and documents', () => {
  const dir = path.join(ROOT, 'graph');
  // With query workers (the default) a graph worker makes them; without, the main thread does.
  for (const queryWorkers of [undefined, 0]) {
    it(`should export GEXF and serve documents' texts ${queryWorkers === 0 ? 'without workers' : 'from the graph worker'}`, async () => {
      const app = await createServer({ graphDir: dir, port: 0, ...(queryWorkers === undefined ? {} : { queryWorkers }) });
      try {
        const url = (await app.listen()).url;
        const expected = toGexf(await readGraph(dir));
        const [a, b] = await Promise.all([fetch(new URL('/api/export?format=gexf', url)), fetch(new URL('/api/export?format=gexf', url))]);
        expect(a.status).toBe(200);
        expect(a.headers.get('content-type')).toMatch(/application\/gexf\+xml/);
        expect(a.headers.get('content-disposition')).toMatch(/graph\.gexf/);
        expect(await a.text()).toBe(expected);
        expect(await b.text()).toBe(expected);
        const json = await fetch(new URL('/api/export?format=json', url));
        expect(await json.text()).toBe(await (await fetch(new URL('/api/graph', url))).text());
        const rec = (await readGraphRecords(dir))[0]!;
        const doc = await fetch(new URL(`/api/documents/${encodeURIComponent(rec.document.id)}`, url));
        expect(doc.status).toBe(200);
        expect(await doc.json()).toEqual(JSON.parse(JSON.stringify({ document: rec.document, text: rec.text, sentences: rec.extraction.sentences })));
      } finally {
        await app.close();
      }
    });
  }

  it('should refuse to start on a graph folder it cannot read, naming the file, when read by the graph worker', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const bad = mkdtempSync(path.join(tmpdir(), 'ng-bad-graph-'));
    writeFileSync(path.join(bad, 'graph.json'), '{"nodes": [');
    const error = await createServer({ graphDir: bad, port: 0 }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('GraphFormatError');
    expect((error as Error).message).toContain(path.join(bad, 'graph.json'));
  });
});

describe('server graph versions', () => {
  it('should tag /api/graph with the version /api/health gives, answer 304 when it is unchanged, and give the same version after a restart', async () => {
    const dir = path.join(ROOT, 'graph');
    const versions: string[] = [];
    for (let run = 0; run < 2; run++) {
      const app = await createServer({ graphDir: dir, port: 0 });
      try {
        const url = (await app.listen()).url;
        const first = await fetch(new URL('/api/graph', url));
        const etag = first.headers.get('etag')!;
        expect(etag).toMatch(/^"[\w-]+"$/);
        expect(first.headers.get('cache-control')).toBe('no-cache');
        await first.arrayBuffer();
        const health = (await (await fetch(new URL('/api/health', url))).json()) as { version: string };
        expect(health.version).toBe(etag);
        const again = await fetch(new URL('/api/graph', url), { headers: { 'If-None-Match': etag } });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        const other = await fetch(new URL('/api/graph', url), { headers: { 'If-None-Match': '"something-else"' } });
        expect(other.status).toBe(200);
        await other.arrayBuffer();
        versions.push(etag);
      } finally {
        await app.close();
      }
    }
    expect(versions[1]).toBe(versions[0]);
  });

  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['gzip;q=0', false],
    ['identity', false],
    [undefined, false],
  ])('should read Accept-Encoding %s as taking gzip: %s', (header, want) => {
    expect(acceptsGzip(header)).toBe(want);
  });

  it('should compare entity tags weakly and tell loopback clients apart', () => {
    expect(etagMatches('"a", W/"b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"b"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
    // the compressed body has a tag of its own (a strong validator differs between codings); either revalidates
    expect(gzipEtag('"b"')).toBe('"b-gz"');
    expect(etagMatches('"b-gz"', '"b"')).toBe(true);
    expect(['127.0.0.1', '::ffff:127.0.0.1', '::1'].map(isLoopbackAddress)).toEqual([true, true, true]);
    expect(['10.0.0.2', '::ffff:192.168.1.4', undefined].map(isLoopbackAddress)).toEqual([false, false, false]);
    const health = { mode: 'worker', deaths: 1, lastDeath: { at: '2026-12-07T09:00:00.000Z', reason: 'crashed: ENOENT: /home/me/secret/graph.json\nat line 2' } };
    expect(deathForClient(health, true)).toBe(health);
    expect(deathForClient(health, false)).toEqual({ mode: 'worker', deaths: 1, lastDeath: { at: '2026-12-07T09:00:00.000Z', reason: 'crashed' } });
    expect(deathForClient({ mode: 'worker', lastDeath: { at: 'x', reason: 'exit code 5' } }, false).lastDeath.reason).toBe('exit code 5');
  });
});
