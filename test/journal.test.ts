/**
 * graph.json as a base plus a journal (store/journal.ts): after any sequence of adds and removes
 * written as journal lines, every reader sees exactly the graph a full write would have given
 * (graph.export() equal with arrays in order, and toJson byte-identical); damaged, stale or foreign
 * journals and indexes never give a wrong graph. The journal is switched on for these small graphs
 * with NEWSGRAPH_JOURNAL_MIN_BYTES=0.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphFormatError } from '../src/errors.js';
import { toJson } from '../src/export/json.js';
import { buildGraph, type KnowledgeGraph } from '../src/graph/build.js';
import { addItems, removeDocuments, type GraphState } from '../src/graph/incremental.js';
import { extractInputs, type ReadItem } from '../src/graph/pipeline.js';
import { readDocuments } from '../src/ingest/index.js';
import { createServer } from '../src/server/index.js';
import {
  compactGraph,
  previousOfIndex,
  readGraph,
  readGraphIndex,
  readGraphRecords,
  readResolveMemo,
  readSerializedGraph,
  writeGraph,
  writeGraphUpdate,
} from '../src/store/index.js';
import { diffSequences, JOURNAL_MIN_GRAPH_BYTES, journalLimitBytes } from '../src/store/journal.js';
import type { ExtractionRecord } from '../src/types.js';
import { GENERATED, MORE, UNICODE } from './helpers/articles.js';
import { ROOT } from './helpers/tools.js';
// @ts-expect-error plain ESM helper without types
import * as benchCommon from '../bench/lib/common.mjs';

const { rng, fromArray } = benchCommon as { rng: (seed: number) => () => number; fromArray: <T>(items: T[]) => AsyncGenerator<T> };
const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const SEEDS = path.join(ROOT, 'seeds');

const ARTICLES: Record<string, string> = {
  ...GENERATED,
  'h1.txt': MORE['h1.txt']!,
  'h2.txt': MORE['h2.txt']!,
  ...UNICODE,
  'h3.txt': MORE['h3.txt']!,
};

/** A graph as plain data, arrays in order. */
const exported = (g: KnowledgeGraph) => JSON.parse(JSON.stringify(g.export())) as unknown;

const journalLines = (dir: string) => {
  const file = path.join(dir, 'graph.journal.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
};

describe('store/journal', () => {
  let tmp: string;
  let items: Extract<ReadItem, { kind: 'document' }>[];
  let recordOf: Map<string, ExtractionRecord>;
  const saved = process.env.NEWSGRAPH_JOURNAL_MIN_BYTES;

  beforeAll(async () => {
    process.env.NEWSGRAPH_JOURNAL_MIN_BYTES = '0';
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ng-journal-'));
    const all = path.join(tmp, 'all');
    mkdirSync(all);
    for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) copyFileSync(path.join(SEEDS, f), path.join(all, f));
    for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(path.join(all, name), text);
    items = [];
    for await (const item of readDocuments([all])) if (item.kind === 'document') items.push(item);
    expect(items.every((i) => i.kind === 'document')).toBe(true);
    const full = await extractInputs([all], { workers: 1 });
    recordOf = new Map(full.records.map((r) => [r.document.id, r]));
    expect(items.length).toBe(12);
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.NEWSGRAPH_JOURNAL_MIN_BYTES;
    else process.env.NEWSGRAPH_JOURNAL_MIN_BYTES = saved;
  });

  describe('diffSequences', () => {
    it('should give hunks that turn a into b, for random sequences and any edit budget', () => {
      const random = rng(11);
      const seq = (n: number) => Array.from({ length: n }, () => 'abcde'[Math.floor(random() * 5)]!);
      for (let i = 0; i < 400; i++) {
        const a = seq(Math.floor(random() * 30));
        const b = random() < 0.5 ? seq(Math.floor(random() * 30)) : a.filter(() => random() < 0.8).concat(seq(2));
        for (const maxD of [0, 2, 64]) {
          const hunks = diffSequences(a, b, maxD);
          const out = [...a];
          for (const [as, ac, bs, bc] of [...hunks].reverse()) out.splice(as, ac, ...b.slice(bs, bs + bc));
          expect(out).toEqual(b);
          for (let k = 1; k < hunks.length; k++) expect(hunks[k]![0]).toBeGreaterThan(hunks[k - 1]![0] + hunks[k - 1]![1] - 1);
        }
      }
      // One insertion in a long sequence is one small hunk.
      const long = Array.from({ length: 1000 }, (_, i) => `k${i}`);
      expect(diffSequences(long, [...long.slice(0, 500), 'new', ...long.slice(500)])).toEqual([[500, 0, 500, 1]]);
    });
  });

  describe('adds and removes through the journal', () => {
    it('should read back exactly the graph a full write gives, after each step of random sequences', async () => {
      let journaled = 0;
      for (const seed of [1, 2, 3, 4]) {
        // even seeds: as `watch` does, the writer is given the node attributes of the graph it wrote
        // last (and the layout keeps old nodes where they were, so most nodes are known unchanged)
        const held = seed % 2 === 0;
        const iterations = held ? 0 : 2;
        const random = rng(seed);
        const dir = path.join(tmp, `seq-${seed}`);
        const present = new Set<string>();
        const first = items.filter(() => random() < 0.4);
        if (!first.length) first.push(items[0]!);
        const built = await addItems({ records: [] }, fromArray(first), { workers: 1, layout: { iterations: 5 } });
        for (const d of first) present.add(d.document.id);
        await writeGraph(dir, built.graph!, built.records, { memo: built.memo });
        const nodesOf = (g: KnowledgeGraph) => new Map(g.mapNodes((key, a) => [key, a] as [string, object]));
        let before = held ? nodesOf(built.graph!) : undefined;
        const graphJson = readFileSync(path.join(dir, 'graph.json'), 'utf8');
        for (let step = 0; step < 8; step++) {
          // What `newsgraph add` / `remove` do: the previous graph from the index only.
          const index = await readGraphIndex(dir);
          expect(index, `seed ${seed} step ${step}`).toBeDefined();
          const state: GraphState = { previous: previousOfIndex(index!), records: await readGraphRecords(dir), memo: await readResolveMemo(dir) };
          const absent = items.filter((d) => !present.has(d.document.id));
          let r;
          if (present.size > 1 && (absent.length === 0 || random() < 0.35)) {
            const ids = [...present].sort().filter(() => random() < 0.4);
            if (!ids.length) ids.push([...present].sort()[0]!);
            r = removeDocuments(state, ids, { layout: { iterations } });
            for (const id of ids) present.delete(id);
          } else {
            const pick = absent.filter(() => random() < 0.3);
            if (!pick.length) pick.push(absent[Math.floor(random() * absent.length)]!);
            r = await addItems(state, fromArray(pick), { workers: 1, layout: { iterations } });
            for (const d of pick) present.add(d.document.id);
          }
          const written = await writeGraphUpdate(dir, r, { gexf: false, index, before });
          if (held) before = nodesOf(r.graph!);
          const label = `seed ${seed} step ${step}: ${written.graph} ${written.why ?? ''}`;
          // small graphs, short journals: every update is journaled (a fallback to a full write would
          // still be exact, but means the journal path failed to reconstruct something)
          expect(written.graph, label).toBe('journal');
          // the index the update returns is the one now on disk (what watch keeps for its next update)
          expect(written.index, label).toEqual(await readGraphIndex(dir));
          journaled++;
          // graph.json itself is not rewritten while the journal grows
          expect(readFileSync(path.join(dir, 'graph.json'), 'utf8') === graphJson, label).toBe(true);
          const back = await readGraph(dir);
          expect(exported(back), label).toEqual(exported(r.graph!));
          expect(toJson(back), label).toBe(toJson(r.graph!));
          // the same graph as a full build of the documents present (positions aside)
          const full = buildGraph([...present].map((id) => recordOf.get(id)!), { layout: false, name: r.graph!.getAttribute('name') });
          const strip = (g: KnowledgeGraph) => {
            const e = g.export();
            for (const n of e.nodes) delete (n.attributes as Partial<{ x: number; y: number }>).x, delete (n.attributes as Partial<{ x: number; y: number }>).y;
            return JSON.parse(JSON.stringify(e)) as unknown;
          };
          expect(strip(back), label).toEqual(strip(full));
        }
        // Compacting gives the bytes of a full write of the same graph.
        const last = await readGraph(dir);
        const whole = path.join(tmp, `seq-${seed}-whole`);
        await writeGraph(whole, last, undefined, { gexf: false });
        expect(await compactGraph(dir)).toBeDefined();
        expect(existsSync(path.join(dir, 'graph.journal.jsonl'))).toBe(false);
        expect(readFileSync(path.join(dir, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(whole, 'graph.json'), 'utf8'));
        expect(await compactGraph(dir)).toBeUndefined();
      }
      expect(journaled).toBe(32);
    });

    it('should append a changed record and a removal to extractions.jsonl, and write it whole once too much of it is stale', async () => {
      const dir = path.join(tmp, 'records');
      const [a, b, c] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
      const built = await addItems({ records: [] }, fromArray([a, b]), { workers: 1, layout: false });
      await writeGraph(dir, built.graph!, built.records, { memo: built.memo });
      const file = path.join(dir, 'extractions.jsonl');
      const lines = () => readFileSync(file, 'utf8').trimEnd().split('\n');
      const update = async (r: Awaited<ReturnType<typeof addItems>>, maxStaleRecordLines?: number) =>
        writeGraphUpdate(dir, r, { gexf: false, index: await readGraphIndex(dir), limits: { maxStaleRecordLines } });
      const state = async (): Promise<GraphState> => ({ previous: previousOfIndex((await readGraphIndex(dir))!), records: await readGraphRecords(dir), memo: await readResolveMemo(dir) });
      const whole = readFileSync(file, 'utf8');
      // a changed document: its new record appended, the old one left where it was
      const changedA = { ...a, document: { ...a.document, text: `${a.document.text}\nThe talks ended on Friday.`, hash: `${a.document.hash}-2` } };
      const r1 = await addItems(await state(), fromArray([changedA]), { workers: 1, layout: false });
      expect(r1.changed).toEqual([a.document.id]);
      await update(r1);
      expect(readFileSync(file, 'utf8').startsWith(whole)).toBe(true);
      expect(lines()).toHaveLength(3);
      // a removal: one line
      const r2 = removeDocuments(await state(), [b.document.id], { layout: false });
      await update(r2);
      expect(JSON.parse(lines().at(-1)!)).toEqual({ removed: b.document.id });
      const records = await readGraphRecords(dir);
      expect(records.map((r) => r.document.id)).toEqual([a.document.id]);
      expect(records[0]!.document.hash).toBe(changedA.document.hash);
      // what the update read back is what a full build of the same documents gives
      expect(exported(await readGraph(dir))).toEqual(exported(r2.graph!));
      // the merge of `build --from-extractions` reads the same records
      const cliOut = path.join(tmp, 'records-from');
      const merged = spawnSync(process.execPath, [BIN, 'build', '--from-extractions', file, '--out', cliOut, '--quiet'], { encoding: 'utf8' });
      expect(merged.status, merged.stderr).toBe(0);
      expect((await readGraphRecords(cliOut)).map((r) => r.document.hash)).toEqual([changedA.document.hash]);
      // past the limit of stale lines the file is written whole: one line per document again
      const r3 = await addItems(await state(), fromArray([c]), { workers: 1, layout: false });
      await update(r3); // only an addition: appended, nothing stale added
      expect(lines()).toHaveLength(5);
      const r4 = removeDocuments(await state(), [c.document.id], { layout: false });
      await update(r4, 2);
      expect(lines()).toHaveLength(1);
      expect((JSON.parse(lines()[0]!) as ExtractionRecord).document.hash).toBe(changedA.document.hash);
    });

    it('should write graph.json whole, byte for byte what toJson gives, with an index only for graphs big enough', async () => {
      const graph = buildGraph([...recordOf.values()].slice(0, 3), { layout: false });
      const dir = path.join(tmp, 'whole');
      await writeGraph(dir, graph, undefined, { gexf: false });
      expect(readFileSync(path.join(dir, 'graph.json'), 'utf8')).toBe(toJson(graph));
      expect(readdirSync(dir).sort()).toEqual(['graph.index.json', 'graph.json']);
      process.env.NEWSGRAPH_JOURNAL_MIN_BYTES = String(JOURNAL_MIN_GRAPH_BYTES);
      try {
        await writeGraph(dir, graph, undefined, { gexf: false });
        expect(readdirSync(dir)).toEqual(['graph.json']);
      } finally {
        process.env.NEWSGRAPH_JOURNAL_MIN_BYTES = '0';
      }
      expect(journalLimitBytes(40e6)).toBe(5e6);
      expect(journalLimitBytes(1000)).toBe(2 ** 20);
    });
  });

  /** A folder with a graph of `ids` written whole, then updated through the journal to `next`. */
  async function journaledFolder(name: string, ids: string[], next: string[][]): Promise<{ dir: string; graphs: KnowledgeGraph[] }> {
    const dir = path.join(tmp, name);
    rmSync(dir, { recursive: true, force: true });
    const graphs = [buildGraph(ids.map((id) => recordOf.get(id)!), { layout: { iterations: 3 } })];
    await writeGraph(dir, graphs[0]!, ids.map((id) => recordOf.get(id)!), { gexf: false });
    for (const set of next) {
      const records = set.map((id) => recordOf.get(id)!);
      const graph = buildGraph(records, { layout: { iterations: 3 } });
      const index = await readGraphIndex(dir);
      const w = await writeGraphUpdate(dir, { graph, records, added: [], changed: ['x'], removed: [] }, { gexf: false, index });
      expect(w.graph).toBe('journal');
      graphs.push(graph);
    }
    return { dir, graphs };
  }

  describe('damage', () => {
    const ids = () => [...recordOf.keys()].sort();

    it('should journal a node patched, deleted, inserted again and then changed (patches before its deletion do not matter)', async () => {
      const all = ids();
      const [a, b, c, d, e] = all as [string, string, string, string, string];
      // c's own nodes move (d joins), go (c leaves), come back, and change again (e joins)
      const { dir, graphs } = await journaledFolder('reinsert', [a, b, c], [[a, b, c, d], [a, b, d], [a, b, c, d], [a, b, c, d, e]]);
      expect(journalLines(dir)).toBe(4);
      expect(toJson(await readGraph(dir))).toBe(toJson(graphs[4]!));
      const cNodes = graphs[1]!.filterNodes((k) => !graphs[2]!.hasNode(k) && graphs[4]!.hasNode(k));
      expect(cNodes.length).toBeGreaterThan(0);
      expect(cNodes.some((k) => graphs[0]!.getNodeAttribute(k, 'x') !== graphs[1]!.getNodeAttribute(k, 'x'))).toBe(true);
    });

    it('should ignore a last line cut short, with a warning, and read the graph before it', async () => {
      const all = ids();
      const { dir, graphs } = await journaledFolder('torn', all.slice(0, 3), [all.slice(0, 4), all.slice(0, 5)]);
      const file = path.join(dir, 'graph.journal.jsonl');
      const text = readFileSync(file, 'utf8');
      const cut = text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1) + text.slice(text.lastIndexOf('\n', text.length - 2) + 1, -40);
      writeFileSync(file, cut);
      const warnings: string[] = [];
      const back = await readGraph(dir, { onWarning: (w) => warnings.push(w) });
      expect(warnings.join('\n')).toMatch(/last line \(2\) is incomplete/);
      expect(toJson(back)).toBe(toJson(graphs[1]!));
      // The index no longer matches the journal: an update reads the graph instead, and writes it whole.
      expect(await readGraphIndex(dir)).toBeUndefined();
      const records = all.slice(0, 6).map((id) => recordOf.get(id)!);
      const graph = buildGraph(records, { layout: false });
      const w = await writeGraphUpdate(dir, { graph, records, added: [], changed: ['x'], removed: [] }, { gexf: false, index: undefined });
      expect(w.graph).toBe('whole');
      expect(existsSync(file)).toBe(false);
      expect(toJson(await readGraph(dir))).toBe(toJson(graph));
      expect(w.index).toBeDefined();
      expect(w.index).toEqual(await readGraphIndex(dir));
    });

    it('should ignore, with a warning, a journal written for another graph.json', async () => {
      const all = ids();
      const { dir, graphs } = await journaledFolder('foreign', all.slice(0, 3), [all.slice(0, 4)]);
      // graph.json replaced whole (an older tool, or a rewrite interrupted before the journal went)
      const other = buildGraph(all.slice(5, 7).map((id) => recordOf.get(id)!), { layout: false });
      writeFileSync(path.join(dir, 'graph.json'), toJson(other));
      const warnings: string[] = [];
      const back = await readGraph(dir, { onWarning: (w) => warnings.push(w) });
      expect(warnings.join('\n')).toMatch(/written for another version of graph\.json/);
      expect(toJson(back)).toBe(toJson(other));
      expect(toJson(back)).not.toBe(toJson(graphs[1]!));
      expect(await readGraphIndex(dir)).toBeUndefined();
    });

    it('should throw GraphFormatError naming the line for a corrupt or out-of-sequence line', async () => {
      const all = ids();
      const { dir } = await journaledFolder('corrupt', all.slice(0, 3), [all.slice(0, 4), all.slice(0, 5)]);
      const file = path.join(dir, 'graph.journal.jsonl');
      const [l1, l2] = readFileSync(file, 'utf8').split('\n');
      writeFileSync(file, `${l1!.slice(0, 50)}\n${l2}\n`);
      await expect(readGraph(dir)).rejects.toThrow(GraphFormatError);
      await expect(readGraph(dir)).rejects.toThrow(/graph\.journal\.jsonl" line 1 is not valid JSON/);
      writeFileSync(file, `${l2}\n${l1}\n`);
      await expect(readGraph(dir)).rejects.toThrow(/line 1 has sequence number 2, expected 1/);
      writeFileSync(file, `${l1}\n${l1!.replace('"seq":1', '"seq":2')}\n`);
      await expect(readSerializedGraph(dir)).rejects.toThrow(/line 2 does not apply to the graph/);
      writeFileSync(file, `${l1!.replace('"format":1', '"format":9')}\n`);
      await expect(readGraph(dir)).rejects.toThrow(/journal format 9/);
    });

    it('should not trust an index that does not describe the files: a missing, stale or tampered one', async () => {
      const all = ids();
      const { dir, graphs } = await journaledFolder('index', all.slice(0, 3), [all.slice(0, 4)]);
      const indexFile = path.join(dir, 'graph.index.json');
      const good = readFileSync(indexFile, 'utf8');
      // copied elsewhere (another inode and mtime): still valid, by content
      const copy = path.join(tmp, 'index-copy');
      cpSync(dir, copy, { recursive: true });
      expect(await readGraphIndex(copy)).toBeDefined();
      // damaged
      writeFileSync(indexFile, good.slice(0, 100));
      expect(await readGraphIndex(dir)).toBeUndefined();
      // one more line in the journal than the index knows of
      writeFileSync(indexFile, good);
      const journal = readFileSync(path.join(dir, 'graph.journal.jsonl'), 'utf8');
      appendFileSync(path.join(dir, 'graph.journal.jsonl'), journal.replace('"seq":1', '"seq":2'));
      expect(await readGraphIndex(dir)).toBeUndefined();
      writeFileSync(path.join(dir, 'graph.journal.jsonl'), journal);
      // a wrong hash for a node that changes: caught when its previous version is read back
      const index = JSON.parse(good) as { nodes: { keys: string[]; hashes: string[] } };
      const records = all.slice(0, 5).map((id) => recordOf.get(id)!);
      const graph = buildGraph(records, { layout: { iterations: 3 } });
      const changed = index.nodes.keys.findIndex((k) => graph.hasNode(k) && JSON.stringify(graph.getNodeAttributes(k)) !== JSON.stringify(graphs[1]!.getNodeAttributes(k)));
      expect(changed).toBeGreaterThanOrEqual(0);
      index.nodes.hashes[changed] = 'AAAAAAAAAAAAAAAA';
      writeFileSync(indexFile, JSON.stringify(index));
      const tampered = await readGraphIndex(dir);
      expect(tampered).toBeDefined();
      const w = await writeGraphUpdate(dir, { graph, records, added: [], changed: ['x'], removed: [] }, { gexf: false, index: tampered });
      expect(w.graph).toBe('whole');
      expect(w.why).toMatch(/does not match the index/);
      expect(toJson(await readGraph(dir))).toBe(toJson(graph));
    });

    it('should fold the journal into a full write when it reaches its limits', async () => {
      const all = ids();
      const { dir } = await journaledFolder('limits', all.slice(0, 3), [all.slice(0, 4)]);
      const records = all.slice(0, 5).map((id) => recordOf.get(id)!);
      const graph = buildGraph(records, { layout: false });
      const w = await writeGraphUpdate(dir, { graph, records, added: [], changed: ['x'], removed: [] }, { gexf: false, index: await readGraphIndex(dir), limits: { maxEntries: 1 } });
      expect(w).toMatchObject({ graph: 'whole', why: 'the journal reached 1 entries' });
      expect(journalLines(dir)).toBe(0);
      const w2 = await writeGraphUpdate(dir, { graph: buildGraph(records.slice(1), { layout: false }), records, added: [], changed: ['x'], removed: [] }, { gexf: false, index: await readGraphIndex(dir), limits: { maxBytes: 10 } });
      expect(w2.graph).toBe('whole');
      expect(toJson(await readGraph(dir))).toBe(toJson(buildGraph(records.slice(1), { layout: false })));
    });
  });

  describe('readers', () => {
    it('should serve the replayed graph (viewer API and queries)', async () => {
      const all = [...recordOf.keys()].sort();
      const { dir, graphs } = await journaledFolder('serve', all.slice(0, 3), [all.slice(0, 6)]);
      const server = await createServer({ graphDir: dir, port: 0, queryWorkers: 1 });
      try {
        const { url } = await server.listen();
        const body = await (await fetch(`${url}api/graph`)).text();
        expect(body).toBe(toJson(graphs[1]!));
        const q = await (await fetch(`${url}api/query`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'MATCH (n) RETURN count(n) AS n' }) })).json();
        expect(JSON.stringify(q)).toContain(String(graphs[1]!.order));
      } finally {
        await server.close();
      }
    });
  });

  describe('cli', () => {
    const cli = (args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1', NEWSGRAPH_JOURNAL_MIN_BYTES: '0' } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('should journal add / remove, read the journal in query / export, and fold it with compact', () => {
      const folder = (name: string, files: string[]) => {
        const dir = path.join(tmp, name);
        mkdirSync(dir, { recursive: true });
        for (const f of files) writeFileSync(path.join(dir, f), ARTICLES[f]!);
        return dir;
      };
      const out = path.join(tmp, 'cli', 'graph');
      expect(cli(['build', folder('c1', ['g1.txt', 'g2.txt']), '--out', out, '--name', 'g', '--quiet']).code).toBe(0);
      expect(existsSync(path.join(out, 'graph.index.json'))).toBe(true);
      const mtime = statSync(path.join(out, 'graph.json')).mtimeMs;
      const add = cli(['add', folder('c2', ['g3.txt', 'h1.txt']), '--graph', out]);
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(cli(['remove', 'g1.txt', '--graph', out]).code).toBe(0);
      expect(statSync(path.join(out, 'graph.json')).mtimeMs).toBe(mtime);
      expect(journalLines(out)).toBe(2);

      const full = path.join(tmp, 'cli', 'full');
      expect(cli(['build', folder('c3', ['g2.txt', 'g3.txt', 'h1.txt']), '--out', full, '--name', 'g', '--quiet']).code).toBe(0);
      const count = (dir: string) => (JSON.parse(cli(['query', 'MATCH (n)-[r]->(m) RETURN count(r) AS edges, count(DISTINCT n) AS n', '--graph', dir, '--format', 'json']).stdout) as { rows: unknown }).rows;
      expect(count(out)).toEqual(count(full));
      const exportedJson = cli(['export', '--format', 'json', '--graph', out]).stdout;
      const nodeKeys = (text: string) => (JSON.parse(text) as { nodes: { key: string }[] }).nodes.map((n) => n.key);
      expect(nodeKeys(exportedJson)).toEqual(nodeKeys(readFileSync(path.join(full, 'graph.json'), 'utf8')));

      const compact = cli(['compact', '--graph', out]);
      expect(compact.code).toBe(0);
      expect(compact.stdout).toMatch(/2 journal entries folded in/);
      expect(existsSync(path.join(out, 'graph.journal.jsonl'))).toBe(false);
      expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toBe(exportedJson);
      expect(cli(['compact', '--graph', out]).stdout).toMatch(/Nothing to compact/);
      expect(cli(['--help']).stdout).toMatch(/compact/);
    });

    it('should warn on stderr about a torn journal line and still answer', () => {
      const out = path.join(tmp, 'cli', 'graph');
      const dir = path.join(tmp, 'cli', 'torn');
      cpSync(out, dir, { recursive: true });
      const folder = path.join(tmp, 'c4');
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'h2.txt'), ARTICLES['h2.txt']!);
      expect(cli(['add', folder, '--graph', dir, '--quiet']).code).toBe(0);
      appendFileSync(path.join(dir, 'graph.journal.jsonl'), '{"format":1,"seq":2,');
      const q = cli(['query', 'MATCH (n) RETURN count(n)', '--graph', dir]);
      expect(q.code).toBe(0);
      expect(q.stderr).toMatch(/newsgraph query: warning: .*incomplete/);
    });
  });
});
