/**
 * Incremental builds (issue 7.5): after any sequence of adds and removes, entities, edges and claims
 * equal those of a full build of the final set of documents. Corpus: the five seed articles plus a
 * few short generated ones that share names with them (written into temporary folders).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { buildGraph, type KnowledgeGraph } from '../src/graph/build.js';
import { addDocuments, addItems, removeDocuments, type GraphState } from '../src/graph/incremental.js';
import { extractInputs, extractStream, type ReadItem } from '../src/graph/pipeline.js';
import { readDocuments } from '../src/ingest/index.js';
import type { ResolveMemo } from '../src/resolve/index.js';
import type { ExtractionRecord, SerializedGraph } from '../src/types.js';
import { GENERATED, MORE } from './helpers/articles.js';
import { graphContent } from './helpers/graph-content.js';
import { ROOT } from './helpers/tools.js';
// @ts-expect-error plain ESM helper without types
import * as benchCommon from '../bench/lib/common.mjs';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const SEEDS = path.join(ROOT, 'seeds');
const seedFiles = () => readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();


/** Seeded Mulberry32 (so that a failing sequence can be replayed) and an async iterable over an array: the benchmarks' helpers. */
const { rng, fromArray } = benchCommon as { rng: (seed: number) => () => number; fromArray: <T>(items: T[]) => AsyncGenerator<T> };

/** The resolver's memo as `add` reads it back from resolve-memo.json. */
const viaDisk = (memo: ResolveMemo | undefined): ResolveMemo | undefined => (memo ? JSON.parse(JSON.stringify(memo)) : undefined);

const content = graphContent;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The items a read of `inputs` gives, documents in the order of `order` (by id), to test an update's order. */
async function readAll(inputs: string[], order: string[]): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readDocuments(inputs)) items.push(item);
  const at = (i: ReadItem) => (i.kind === 'document' ? order.indexOf(i.document.id) : -1);
  return items.sort((a, b) => at(a) - at(b));
}

describe('graph/incremental', () => {
  let tmp: string;
  let seeds: string[];
  /** Writes a folder holding exactly the given files (seed names or generated names, or [name, text]). */
  const folder = (name: string, files: (string | [string, string])[]) => {
    const dir = path.join(tmp, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const f of files) {
      if (Array.isArray(f)) writeFileSync(path.join(dir, f[0]), f[1]);
      else if (GENERATED[f]) writeFileSync(path.join(dir, f), GENERATED[f]!);
      else copyFileSync(path.join(SEEDS, f), path.join(dir, f));
    }
    return dir;
  };

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ng-incremental-'));
    seeds = seedFiles();
    expect(seeds.length).toBe(5);
  });

  describe('addDocuments / removeDocuments', () => {
    it('should give the entities, edges and claims of a full build after a sequence of adds and removes', async () => {
      const [s0, s1, s2, s3, s4] = seeds as [string, string, string, string, string];
      const changedS1 = readFileSync(path.join(SEEDS, s1), 'utf8') + '\nRecep Tayyip Erdogan criticised the European Union on Sunday.\n';
      const opts = { workers: 1, layout: { iterations: 5 } } as const;

      let state: GraphState = { records: [] };
      let r = await addDocuments(state, [folder('b1', [s0, s1, s2])], opts);
      expect(r.added).toHaveLength(3);
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      r = await addDocuments(state, [folder('b2', [s3, 'g1.txt'])], opts);
      expect(r.added.sort()).toEqual([s3, 'g1.txt'].sort());
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      r = await addDocuments(state, [folder('b3', [[s1, changedS1], s4, s0])], opts);
      expect(r.added).toEqual([s4]);
      expect(r.changed).toEqual([s1]);
      expect(r.unchanged).toEqual([s0]);
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      r = removeDocuments(state, [s2], opts);
      expect(r.removed).toEqual([s2]);
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      r = await addDocuments(state, [folder('b4', ['g2.txt', 'g3.txt'])], opts);
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      r = removeDocuments(state, ['g1.txt', 'g3.txt'], opts);
      state = { records: r.records, graph: r.graph, memo: viaDisk(r.memo) };

      const final = folder('final', [s0, [s1, changedS1], s3, s4, 'g2.txt']);
      const full = await extractInputs([final], { workers: 1 });
      const expected = buildGraph(full.records, { layout: { iterations: 5 } });
      expect(expected.order).toBeGreaterThan(20);
      expect(expected.size).toBeGreaterThan(0);
      const got = content(state.graph!);
      const want = content(expected);
      expect(got.documents.map((d) => d.id)).toEqual(want.documents.map((d) => d.id));
      expect(got.nodes).toEqual(want.nodes);
      expect(got.edges).toEqual(want.edges);
      expect(got.claims).toEqual(want.claims);
    });

    it('should add and remove in one rebuild (the remove option, what watch --remove-deleted uses)', async () => {
      const [s0, s1] = seeds as [string, string];
      const opts = { workers: 1, layout: { iterations: 5 } } as const;
      const first = await addDocuments({ records: [] }, [folder('r1', [s0, s1, 'g1.txt'])], opts);
      const state: GraphState = { records: first.records, graph: first.graph, memo: viaDisk(first.memo) };
      // g1.txt goes; g2.txt is read in this update, so it stays although named; an unknown id is ignored.
      const r = await addDocuments(state, [folder('r2', ['g2.txt'])], { ...opts, remove: ['g1.txt', 'no-such.txt', 'g2.txt'] });
      expect({ added: r.added, removed: r.removed }).toEqual({ added: ['g2.txt'], removed: ['g1.txt'] });
      expect(r.records.map((x) => x.document.id).sort()).toEqual([s0, s1, 'g2.txt'].sort());
      const full = await extractInputs([folder('r3', [s0, s1, 'g2.txt'])], { workers: 1 });
      const want = content(buildGraph(full.records, { layout: { iterations: 5 } }));
      const got = content(r.graph!);
      expect(got.nodes).toEqual(want.nodes);
      expect(got.edges).toEqual(want.edges);
      expect(got.claims).toEqual(want.claims);
      // Removing alone also rebuilds.
      const only = await addDocuments({ records: r.records, graph: r.graph, memo: viaDisk(r.memo) }, [], { ...opts, remove: ['g2.txt'] });
      expect(only.removed).toEqual(['g2.txt']);
      expect(only.graph!.getAttribute('documents').map((d) => d.id).sort()).toEqual([s0, s1].sort());
    });

    it('should equal a full build after random sequences of adds and removes (seeded)', async () => {
      // Every document is read once and extracted once for the full builds; the incremental side
      // extracts through addItems as `add` does. Two documents are copies of others (the same bytes
      // under another name, as the BBC corpus has 98): one counts only while its original is absent.
      const copies: [string, string][] = [
        ['g1-copy.txt', GENERATED['g1.txt']!],
        ['h2-copy.txt', MORE['h2.txt']!],
      ];
      const all = folder('fuzz-all', [...seeds, ...Object.keys(GENERATED), ...Object.entries(MORE), ...copies]);
      const items: ReadItem[] = [];
      for await (const item of readDocuments([all])) items.push(item);
      const docs = items.flatMap((i) => (i.kind === 'document' ? [i] : []));
      expect(docs.length).toBe(seeds.length + Object.keys(GENERATED).length + Object.keys(MORE).length + copies.length);
      // every document's record, copies too (a build would pass them over)
      const recordOf = new Map<string, ExtractionRecord>();
      for await (const out of extractStream(fromArray(items), { workers: 1 })) if (out.kind === 'record') recordOf.set(out.record.document.id, out.record);
      expect(recordOf.size).toBe(docs.length);
      const hashOf = (id: string) => recordOf.get(id)!.document.hash;
      let copiesSkipped = 0;
      let checked = 0;
      for (const seed of [1, 2, 3, 4]) {
        // odd seeds: the memo goes through JSON, as `add` reads it back; even ones: held in memory, as
        // `watch` and the Node API keep it (then unchanged entities are taken over, not assembled)
        const held = seed % 2 === 0;
        const opts = { workers: 1, layout: { iterations: 0 }, holdMemo: held } as const;
        const random = rng(seed);
        let state: GraphState = { records: [] };
        const present = new Set<string>();
        for (let step = 0; step < 6; step++) {
          const absent = docs.filter((d) => !present.has(d.document.id));
          const remove = present.size > 1 && (absent.length === 0 || random() < 0.35);
          let r;
          if (remove) {
            const ids = [...present].sort().filter(() => random() < 0.4);
            if (!ids.length) ids.push([...present].sort()[0]!);
            r = removeDocuments(state, ids, opts);
            for (const id of ids) present.delete(id);
          } else {
            const pick = absent.filter(() => random() < 0.3);
            if (!pick.length) pick.push(absent[Math.floor(random() * absent.length)]!);
            // Sometimes re-add a present document too: it must count as unchanged.
            const again = docs.find((d) => present.has(d.document.id));
            const batch = again && random() < 0.5 ? [...pick, again] : pick;
            r = await addItems(state, fromArray(batch), opts);
            // the model: in batch order, a copy of a present document or of one added before it is passed over
            const added: string[] = [];
            const copied: [string, string][] = [];
            for (const d of pick) {
              const first = [...present, ...added].find((id) => hashOf(id) === d.document.hash);
              if (first === undefined) added.push(d.document.id);
              else copied.push([d.document.id, first]);
            }
            expect(r.added.sort()).toEqual([...added].sort());
            expect(r.skipped.map((x) => [x.path, x.duplicateOf])).toEqual(copied);
            copiesSkipped += copied.length;
            for (const id of added) present.add(id);
          }
          state = { records: r.records, graph: r.graph ?? state.graph, memo: r.memo ? (held ? r.memo : viaDisk(r.memo)) : state.memo };
          const label = `seed ${seed} step ${step} (${[...present].sort().join(', ')})`;
          if (r.graph) expect(state.memo?.docs.map((d) => d.doc), label).toEqual([...present].sort());
          const expected = buildGraph([...present].map((id) => recordOf.get(id)!), { layout: false });
          const got = content(state.graph!);
          const want = content(expected);
          expect(got.documents.map((d) => d.id), label).toEqual(want.documents.map((d) => d.id));
          expect(got.nodes, label).toEqual(want.nodes);
          expect(got.edges, label).toEqual(want.edges);
          expect(got.claims, label).toEqual(want.claims);
          checked++;
        }
      }
      expect(checked).toBe(24);
      expect(copiesSkipped).toBeGreaterThan(0); // the seeds do meet a copy (else change them)
    });

    it('should pass over copies as a full build does, also of documents the same update changes or removes', async () => {
      const opts = { workers: 1, layout: false } as const;
      const g1 = GENERATED['g1.txt']!;
      const g2 = GENERATED['g2.txt']!;
      const g3 = GENERATED['g3.txt']!;
      const ids = (r: { records: ExtractionRecord[] }) => r.records.map((x) => x.document.id);
      const copies = (r: { skipped: { path: string; duplicateOf?: string }[] }) => r.skipped.map((x) => [x.path, x.duplicateOf]);
      const stateOf = (r: Awaited<ReturnType<typeof addDocuments>>): GraphState => ({ records: r.records, graph: r.graph, memo: viaDisk(r.memo) });
      // the expected graph: a full build (the pipeline passes over copies) of the folder as it is then
      const same = async (r: { graph?: KnowledgeGraph }, dir: string) => {
        const full = await extractInputs([dir], { workers: 1 });
        const want = content(buildGraph(full.records, { layout: false }));
        const got = content(r.graph!);
        expect(got.documents).toEqual(want.documents);
        expect(got.nodes).toEqual(want.nodes);
        expect(got.edges).toEqual(want.edges);
        expect(got.claims).toEqual(want.claims);
      };

      // a folder with a copy: added to nothing, the graph a build gives
      const start = folder('copies-1', [['a.txt', g1], ['b.txt', g1], ['c.txt', g2]]);
      let r = await addDocuments({ records: [] }, [start], opts);
      expect(ids(r)).toEqual(['a.txt', 'c.txt']);
      expect(copies(r)).toEqual([['b.txt', 'a.txt']]);
      expect(r.skipped[0]!.reason).toBe('the same content as "a.txt", read before it (not counted twice)');
      await same(r, start);
      let state = stateOf(r);

      // the same folder again: nothing to do, the copy still passed over
      r = await addDocuments(state, [start], opts);
      expect(r.graph).toBeUndefined();
      expect(copies(r)).toEqual([['b.txt', 'a.txt']]);

      // a.txt now says something else, and b.txt (read before it) still holds its old content: b.txt
      // is no copy any more (it is held back until a.txt is read, then read after all)
      const edited = folder('copies-1', [['a.txt', g3], ['b.txt', g1], ['c.txt', g2]]);
      r = await addItems(state, fromArray(await readAll([edited], ['b.txt', 'a.txt', 'c.txt'])), opts);
      expect({ added: r.added, changed: r.changed, unchanged: r.unchanged }).toEqual({ added: ['b.txt'], changed: ['a.txt'], unchanged: ['c.txt'] });
      expect(copies(r)).toEqual([]);
      await same(r, edited);
      // the earlier "b.txt is a copy" is gone from the graph's list (b.txt was read again)
      expect(r.graph!.getAttribute('skipped')).toEqual([]);
      state = stateOf(r);

      // a document of the graph edited into a copy of another: passed over, and its earlier record goes
      const intoCopy = folder('copies-1', [['a.txt', g3], ['b.txt', g1], ['c.txt', g1]]);
      r = await addDocuments(state, [intoCopy], opts);
      expect({ changed: r.changed, removed: r.removed }).toEqual({ changed: [], removed: ['c.txt'] });
      expect(copies(r)).toEqual([['c.txt', 'b.txt']]);
      expect(r.skipped[0]!.reason).toBe('the same content as "b.txt", already in the graph (not added twice)');
      await same(r, folder('copies-check', [['a.txt', g3], ['b.txt', g1]]));
      state = stateOf(r);

      // a renamed file (what watch --remove-deleted sees): the new name is no copy of the document
      // removed in the same update, so its content stays in the graph
      r = await addDocuments(state, [folder('copies-2', [['renamed.txt', g3]])], { ...opts, remove: ['a.txt'] });
      expect({ added: r.added, removed: r.removed }).toEqual({ added: ['renamed.txt'], removed: ['a.txt'] });
      expect(copies(r)).toEqual([]);
      state = stateOf(r);
      expect(ids(r)).toEqual(['b.txt', 'renamed.txt']);

      // removing the copy kept: the copy passed over is not in the graph, and its entry says so
      const rm = removeDocuments(state, ['b.txt'], opts);
      expect(rm.graph!.getAttribute('skipped')).toEqual([
        { path: 'c.txt', reason: 'the same content as "b.txt", which has been removed from the graph since (add this file again to add it)', duplicateOf: 'b.txt' },
      ]);
      // adding that file again adds it: it copies nothing in the graph now
      r = await addDocuments(stateOf(rm), [folder('copies-3', [['c.txt', g1]])], opts);
      expect(r.added).toEqual(['c.txt']);
      expect(r.graph!.getAttribute('skipped')).toEqual([]);
      await same(r, folder('copies-check', [['c.txt', g1], ['renamed.txt', g3]]));
      // or adding the removed document again: the entry says it is in the graph again
      r = await addDocuments(stateOf(rm), [folder('copies-4', [['b.txt', g1]])], opts);
      expect(r.added).toEqual(['b.txt']);
      expect(r.graph!.getAttribute('skipped').map((x) => x.reason)).toEqual(['the same content as "b.txt", already in the graph (not added twice)']);
    });

    it('should keep old nodes where they were when one document joins many', async () => {
      const many = await addDocuments({ records: [] }, [folder('keep', [...seeds, ...Object.keys(GENERATED), ...Object.entries(MORE)])], { workers: 1, layout: { iterations: 20 } });
      // A hundred documents' worth of records makes one more a change of at most 1%.
      const padding: ExtractionRecord[] = Array.from({ length: 100 }, (_, i) => ({
        ...many.records[0]!,
        document: { ...many.records[0]!.document, id: `pad-${String(i).padStart(3, '0')}.txt`, path: `pad-${i}.txt` },
        extraction: { ...many.records[0]!.extraction, doc: `pad-${String(i).padStart(3, '0')}.txt` },
      }));
      const padded = buildGraph([...many.records, ...padding], { layout: { iterations: 20 } });
      const one = folder('keep-one', [['k1.txt', 'Aid for Idlib\n\nMevlut Cavusoglu met Jens Stoltenberg in Brussels on Tuesday, NATO said.\n']]);
      const r = await addDocuments({ records: [...many.records, ...padding], graph: padded }, [one], { workers: 1 });
      let same = 0;
      padded.forEachNode((key, a) => {
        if (!r.graph!.hasNode(key)) return;
        expect(r.graph!.getNodeAttribute(key, 'x')).toBe(a.x);
        expect(r.graph!.getNodeAttribute(key, 'y')).toBe(a.y);
        same++;
      });
      expect(same).toBeGreaterThan(10);
      // New nodes sit among their neighbours, not at the rim.
      r.graph!.forEachNode((key, a) => {
        if (padded.hasNode(key)) return;
        expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      });
    });

    it('should change nothing when every document is already present with the same content', async () => {
      const rebuilds: number[] = [];
      const onRebuild = (n: number) => rebuilds.push(n);
      const first = await addDocuments({ records: [] }, [folder('same', [seeds[0]!, 'g1.txt'])], { workers: 1, onRebuild });
      const again = await addDocuments({ records: first.records, graph: first.graph }, [folder('same', [seeds[0]!, 'g1.txt'])], { workers: 1, onRebuild });
      expect(again.graph).toBeUndefined();
      // the rebuild is announced (to a progress display) with its number of documents, and only when there is one
      expect(rebuilds).toEqual([2]);
      removeDocuments({ records: first.records, graph: first.graph }, ['g1.txt'], { onRebuild, layout: false });
      expect(rebuilds).toEqual([2, 1]);
      expect(again.unchanged.sort()).toEqual([seeds[0]!, 'g1.txt'].sort());
      expect(again.records.map((r) => r.document.id)).toEqual(first.records.map((r) => r.document.id));
    });

    it('should warm-start the layout from the previous positions', async () => {
      const first = await addDocuments({ records: [] }, [folder('warm', [seeds[0]!])], { workers: 1 });
      const more = [folder('warm2', ['g2.txt'])];
      const warm = await addDocuments({ records: first.records, graph: first.graph }, more, { workers: 1, layout: { iterations: 1 } });
      const cold = await addDocuments({ records: first.records }, more, { workers: 1, layout: { iterations: 1 } });
      // Nodes that existed stay near where they were; a cold start puts them elsewhere.
      const drift = (g: KnowledgeGraph) => {
        let sum = 0;
        let n = 0;
        first.graph!.forEachNode((key, a) => {
          if (!g.hasNode(key)) return; // merged into a new entity
          sum += Math.hypot(g.getNodeAttribute(key, 'x') - a.x, g.getNodeAttribute(key, 'y') - a.y);
          n++;
        });
        expect(n).toBeGreaterThan(5);
        return sum / n;
      };
      expect(first.graph!.order).toBeGreaterThan(5);
      expect(drift(warm.graph!)).toBeLessThan(drift(cold.graph!) / 2);
    });

    it('should throw InputError naming an unknown document id and remove nothing', async () => {
      const first = await addDocuments({ records: [] }, [folder('unknown', ['g1.txt'])], { workers: 1 });
      const state = { records: first.records, graph: first.graph };
      expect(() => removeDocuments(state, ['g1.txt', 'nope.txt'])).toThrow(InputError);
      expect(() => removeDocuments(state, ['nope.txt'])).toThrow(/nope\.txt/);
      expect(state.records).toHaveLength(1);
    });
  });

  describe('cli add / remove', () => {
    it('should update the graph folder in place and match a full build', () => {
      const [s0, s1, s2] = seeds as [string, string, string];
      const out = path.join(tmp, 'cli', 'graph');
      expect(cli(['build', folder('c1', [s0, 'g1.txt']), '--out', out, '--name', 'g']).code).toBe(0);
      // the memo's documents: those of resolve-memo.json, with what the lines of its journal changed
      const memoDocs = () => {
        const docs = new Set((JSON.parse(readFileSync(path.join(out, 'resolve-memo.json'), 'utf8')) as ResolveMemo).docs.map((d) => d.doc));
        const journal = path.join(out, 'resolve-memo.journal.jsonl');
        for (const line of existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean) : []) {
          const { docs: changed, removed } = JSON.parse(line) as { docs: { doc: string }[]; removed: string[] };
          for (const d of changed) docs.add(d.doc);
          for (const id of removed) docs.delete(id);
        }
        return [...docs].sort();
      };
      expect(memoDocs()).toEqual([s0, 'g1.txt'].sort());
      const add = cli(['add', folder('c2', [s1, s2, 'g1.txt']), '--graph', out]);
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      expect(add.stdout).toMatch(/2 added, 0 changed, 1 unchanged/);
      expect(memoDocs()).toEqual([s0, s1, s2, 'g1.txt'].sort());
      // the add appended its part of the memo instead of rewriting it
      expect(readFileSync(path.join(out, 'resolve-memo.journal.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);

      const before = statSync(path.join(out, 'graph.json')).mtimeMs;
      const again = cli(['add', folder('c2', [s1, s2, 'g1.txt']), '--graph', out]);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/unchanged/);
      expect(statSync(path.join(out, 'graph.json')).mtimeMs).toBe(before);

      const unknown = cli(['remove', 'nope.txt', '--graph', out]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/nope\.txt/);

      const rm = cli(['remove', 'g1.txt', '--graph', out]);
      expect(rm.code).toBe(0);
      // add / remove do not rewrite graph.gexf unless asked: a stale one is removed
      expect(existsSync(path.join(out, 'graph.gexf'))).toBe(false);
      expect(existsSync(path.join(out, 'extractions.jsonl'))).toBe(true);

      const fullOut = path.join(tmp, 'cli', 'full');
      expect(cli(['build', folder('c3', [s0, s1, s2]), '--out', fullOut, '--name', 'g']).code).toBe(0);
      const got = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      const want = JSON.parse(readFileSync(path.join(fullOut, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(content(got)).toEqual(content(want));
    });

    it('should refuse to update a graph folder another running update holds, and change nothing', () => {
      const out = path.join(tmp, 'cli', 'locked');
      expect(cli(['build', folder('lk1', [seeds[0]!]), '--out', out, '--quiet']).code).toBe(0);
      const before = readFileSync(path.join(out, 'graph.json'), 'utf8');
      const lock = path.join(out, '.newsgraph.lock');
      // held by this (running) test process
      writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'add', started: 'now' }));
      for (const args of [['add', folder('lk2', ['g1.txt'])], ['remove', seeds[0]!], ['compact']]) {
        const r = cli([...args, '--graph', out]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(new RegExp(`is being updated by process ${process.pid} \\(newsgraph add`));
      }
      expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toBe(before);
      rmSync(lock);
      expect(cli(['add', folder('lk2', ['g1.txt']), '--graph', out, '--quiet']).code).toBe(0);
      expect(existsSync(lock)).toBe(false);
    });

    it('should wait with --wait for an update another process holds the folder for, then do its own', async () => {
      const out = path.join(tmp, 'cli', 'held');
      expect(cli(['build', folder('wt1', [seeds[0]!]), '--out', out, '--quiet']).code).toBe(0);
      const lock = path.join(out, '.newsgraph.lock');
      writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'remove', started: 'now' }));
      const child = spawn(process.execPath, [BIN, 'add', folder('wt2', ['g1.txt']), '--graph', out, '--wait'], { cwd: ROOT, env: { ...process.env, CI: '1' } });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      // it says what it waits for, once, and waits
      for (let i = 0; i < 200 && !stderr.includes('waiting'); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toMatch(new RegExp(`newsgraph add: ".*held" is being updated by process ${process.pid} \\(newsgraph remove, since now\\); waiting for it to finish \\(--wait\\)`));
      await new Promise((r) => setTimeout(r, 600));
      expect(child.exitCode).toBeNull();
      rmSync(lock);
      expect(await exited).toBe(0);
      expect(stdout).toMatch(/1 added/);
      expect(stderr.match(/waiting/g)).toHaveLength(1);
      expect(existsSync(lock)).toBe(false);
    });

    it('should append new records to extractions.jsonl, write graph.gexf with --gexf, and catch up after an interrupted add or remove', () => {
      const [s0, s1, s2] = seeds as [string, string, string];
      const out = path.join(tmp, 'cli-append', 'graph');
      expect(cli(['build', folder('d1', [s0, 'g1.txt']), '--out', out, '--name', 'g']).code).toBe(0);
      const records = path.join(out, 'extractions.jsonl');
      const before = readFileSync(records, 'utf8');
      const add = cli(['add', folder('d2', [s1]), '--graph', out, '--gexf']);
      expect(add.code).toBe(0);
      const after = readFileSync(records, 'utf8');
      expect(after.startsWith(before)).toBe(true);
      expect(after.length).toBeGreaterThan(before.length);
      expect(readFileSync(path.join(out, 'graph.gexf'), 'utf8')).toMatch(/<gexf[\s\S]*<\/gexf>\s*$/);

      // An add interrupted after appending its records but before writing graph.json: the next
      // update (even of nothing new) rebuilds the graph from all records.
      const graphBefore = readFileSync(path.join(out, 'graph.json'), 'utf8');
      expect(cli(['add', folder('d3', [s2]), '--graph', out]).code).toBe(0);
      writeFileSync(path.join(out, 'graph.json'), graphBefore);
      // and a damaged resolver memo is no more than a missing one
      writeFileSync(path.join(out, 'resolve-memo.json'), '{"code":"');
      const again = cli(['add', folder('d3', [s2]), '--graph', out]);
      expect(again.code).toBe(0);
      expect(again.stderr).toBe('');
      expect((JSON.parse(readFileSync(path.join(out, 'resolve-memo.json'), 'utf8')) as ResolveMemo).docs).toHaveLength(4);
      const fullOut = path.join(tmp, 'cli-append', 'full');
      expect(cli(['build', folder('d4', [s0, s1, s2, 'g1.txt']), '--out', fullOut, '--name', 'g']).code).toBe(0);
      const got = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      const want = JSON.parse(readFileSync(path.join(fullOut, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(content(got)).toEqual(content(want));

      // A remove interrupted after appending its line {"removed": id} but before writing graph.json:
      // the next update rebuilds without the document.
      const graphBeforeRemove = readFileSync(path.join(out, 'graph.json'), 'utf8');
      const rm = cli(['remove', 'g1.txt', '--graph', out]);
      expect(rm.code).toBe(0);
      expect(JSON.parse(readFileSync(records, 'utf8').trimEnd().split('\n').at(-1)!)).toEqual({ removed: 'g1.txt' });
      writeFileSync(path.join(out, 'graph.json'), graphBeforeRemove);
      expect(cli(['add', folder('d3', [s2]), '--graph', out]).code).toBe(0);
      const fullOut2 = path.join(tmp, 'cli-append', 'full2');
      expect(cli(['build', folder('d5', [s0, s1, s2]), '--out', fullOut2, '--name', 'g']).code).toBe(0);
      const got2 = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      const want2 = JSON.parse(readFileSync(path.join(fullOut2, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(content(got2)).toEqual(content(want2));

      // An append cut short (killed inside the write): the next update leaves the cut line out with a
      // warning, drops it from the file, and ends with the graph of the records before it.
      const whole = readFileSync(records, 'utf8');
      // (an add of nothing new drops the cut line too, so that it is warned about once)
      writeFileSync(records, whole + whole.split('\n')[0]!.slice(0, 300));
      const none = cli(['add', folder('d6', [s2]), '--graph', out]);
      expect(none.code).toBe(0);
      expect(none.stderr).toMatch(/was cut short by an interrupted update/);
      expect(readFileSync(records, 'utf8')).toBe(whole);
      expect(cli(['add', folder('d6', [s2]), '--graph', out]).stderr).toBe('');
      writeFileSync(records, whole + whole.split('\n')[0]!.slice(0, 300));
      const cut = cli(['add', folder('d7', ['g1.txt']), '--graph', out]);
      expect(cut.code).toBe(0);
      expect(cut.stderr).toMatch(/warning: ".*extractions\.jsonl" line \d+ was cut short by an interrupted update \(no newline at its end\); left out/);
      const now = readFileSync(records, 'utf8');
      expect(now.startsWith(whole)).toBe(true);
      for (const line of now.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      expect(content(JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph)).toEqual(content(want));
    });
  });
});
