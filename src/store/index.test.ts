import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphFormatError } from '../errors.js';
import { buildGraph, buildGraphAndMemo } from '../graph/build.js';
import { RECORDS } from '../graph/__fixtures__/records.js';
import type { ResolveMemo } from '../resolve/index.js';
import {
  appendExtractionRecords,
  parseGraph,
  readExtractionEntries,
  readGraph,
  readGraphRecords,
  readResolveMemo,
  RESOLVE_MEMO_FILE,
  RESOLVE_MEMO_JOURNAL_FILE,
  writeResolveMemo,
  writeFileAtomic,
  writeGraph,
} from './index.js';
import { sameJson } from './journal.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ng-store-'));

describe('store', () => {
  describe('writeGraph / readGraph', () => {
    it('should write graph.json, graph.gexf and extractions.jsonl and read the same graph back', async () => {
      const dir = tmp();
      const graph = buildGraph(RECORDS);
      await writeGraph(dir, graph, RECORDS);
      expect(readdirSync(dir).sort()).toEqual(['extractions.jsonl', 'graph.gexf', 'graph.json']);
      const back = await readGraph(dir);
      expect(JSON.stringify(back.export())).toBe(JSON.stringify(graph.export()));
      const records = await readGraphRecords(dir);
      expect(records.map((r) => r.document.id)).toEqual(['a.txt', 'b.txt']);
    });

    it('should write byte-identical files for the same input', async () => {
      const a = tmp();
      const b = tmp();
      await writeGraph(a, buildGraph(RECORDS), RECORDS);
      await writeGraph(b, buildGraph([...RECORDS].reverse()), [...RECORDS].reverse());
      for (const f of ['graph.json', 'graph.gexf', 'extractions.jsonl']) {
        expect(readFileSync(path.join(a, f), 'utf8')).toBe(readFileSync(path.join(b, f), 'utf8'));
      }
    });
  });

  describe('writeGraph without GEXF', () => {
    it('should remove a graph.gexf that would describe an older graph', async () => {
      const dir = tmp();
      await writeGraph(dir, buildGraph(RECORDS), RECORDS);
      await writeGraph(dir, buildGraph(RECORDS.slice(0, 1)), undefined, { gexf: false });
      expect(readdirSync(dir).sort()).toEqual(['extractions.jsonl', 'graph.json']);
      // extractions.jsonl is left alone when no records are given
      expect((await readGraphRecords(dir)).map((r) => r.document.id)).toEqual(['a.txt', 'b.txt']);
    });
  });

  describe('resolve-memo.json', () => {
    it('should write the resolver memo with the graph and read it back', async () => {
      const dir = tmp();
      const { graph, memo } = buildGraphAndMemo(RECORDS, { keepResolveMemo: true });
      await writeGraph(dir, graph, RECORDS, { memo });
      expect(readdirSync(dir)).toContain(RESOLVE_MEMO_FILE);
      const { source, ...back } = (await readResolveMemo(dir))!;
      const { source: written, ...kept } = memo!;
      expect(back).toEqual(JSON.parse(JSON.stringify(kept)));
      expect(source).toMatchObject({ dir: path.resolve(dir), journalLines: 0, journalBytes: 0 });
      // The written memo now names where it is on disk, as the one read back does (what watch keeps).
      expect(written).toEqual(source);
      // the memo gives the same graph
      expect(JSON.stringify(buildGraph(RECORDS, { resolveMemo: back }).export())).toBe(JSON.stringify(graph.export()));
    });

    it('should ignore a missing, damaged or foreign memo, and drop it when all records are rewritten without one', async () => {
      const dir = tmp();
      expect(await readResolveMemo(dir)).toBeUndefined();
      const { graph, memo } = buildGraphAndMemo(RECORDS, { keepResolveMemo: true });
      await writeGraph(dir, graph, RECORDS, { memo });
      const file = path.join(dir, RESOLVE_MEMO_FILE);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.slice(0, text.length / 2));
      expect(await readResolveMemo(dir)).toBeUndefined();
      // written by other resolver code
      writeFileSync(file, text.replace(/^\{"code":"[0-9a-f]+"/, '{"code":"0000"'));
      expect(await readResolveMemo(dir)).toBeUndefined();
      writeFileSync(file, text);
      expect(await readResolveMemo(dir)).toBeDefined();
      await writeGraph(dir, graph, RECORDS);
      expect(readdirSync(dir)).not.toContain(RESOLVE_MEMO_FILE);
    });
  });

  describe('resolve-memo.journal.jsonl', () => {
    /** A memo's content: each document with its classifications, by id. */
    const content = (memo: ResolveMemo | undefined) =>
      Object.fromEntries((memo?.docs ?? []).map((d) => [d.doc, { ...d, classes: d.classes.map((c) => JSON.stringify(memo!.classes[c])) }]));
    const journalOf = (dir: string) => path.join(dir, RESOLVE_MEMO_JOURNAL_FILE);

    /** A graph folder of the first record, then what an update adding the second resolves. */
    const update = async () => {
      const dir = tmp();
      const first = buildGraphAndMemo(RECORDS.slice(0, 1), { keepResolveMemo: true });
      await writeGraph(dir, first.graph, RECORDS.slice(0, 1), { memo: first.memo });
      const read = await readResolveMemo(dir);
      const next = buildGraphAndMemo(RECORDS, { resolveMemo: read, keepResolveMemo: true });
      return { dir, read, next };
    };

    it('should append what an update changed, and read the memo back with it', async () => {
      const { dir, next } = await update();
      expect(next.memo!.delta).toMatchObject({ changed: [RECORDS[1]!.document.id], removed: [] });
      const before = readFileSync(path.join(dir, RESOLVE_MEMO_FILE), 'utf8');
      expect(await writeResolveMemo(dir, next.memo!)).toBe(journalOf(dir));
      expect(readFileSync(path.join(dir, RESOLVE_MEMO_FILE), 'utf8')).toBe(before);
      expect(readFileSync(journalOf(dir), 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
      const back = await readResolveMemo(dir);
      expect(content(back)).toEqual(content(next.memo));
      expect(back!.source).toMatchObject({ journalLines: 1 });
      // and it serves the next update as the memo written whole would
      const again = buildGraphAndMemo(RECORDS, { resolveMemo: back, keepResolveMemo: true });
      expect(JSON.stringify(again.graph.export())).toBe(JSON.stringify(next.graph.export()));
      expect(again.memo!.delta?.changed).toEqual([]);
      // removing a document appends its removal
      const fewer = buildGraphAndMemo(RECORDS.slice(1), { resolveMemo: back, keepResolveMemo: true });
      expect(fewer.memo!.delta?.removed).toEqual([RECORDS[0]!.document.id]);
      // The memo written names where it now is on disk, as the one read back does; kept in memory
      // (watch), it serves the next update like the one read back (here written whole: the journal
      // would pass a quarter of this small memo), and names the new file in turn.
      expect(next.memo!.source).toEqual(back!.source);
      const kept = buildGraphAndMemo(RECORDS.slice(1), { resolveMemo: next.memo, keepResolveMemo: true });
      expect(kept.memo!.delta).toMatchObject({ source: back!.source, changed: [], removed: [RECORDS[0]!.document.id] });
      await writeResolveMemo(dir, kept.memo!);
      const last = await readResolveMemo(dir);
      expect(content(last)).toEqual(content(kept.memo));
      expect(kept.memo!.source).toEqual(last!.source);
    });

    it('should leave out a line cut short and what follows, and then write the memo whole', async () => {
      const { dir, read, next } = await update();
      await writeResolveMemo(dir, next.memo!);
      const line = readFileSync(journalOf(dir), 'utf8');
      writeFileSync(journalOf(dir), line + line.slice(0, 40));
      const back = await readResolveMemo(dir);
      expect(content(back)).toEqual(content(next.memo)); // the whole first line, not the torn second
      expect(back!.source).toBeUndefined(); // so the next write cannot append after the torn line
      expect(await writeResolveMemo(dir, { ...next.memo!, source: undefined, delta: { ...next.memo!.delta!, source: back!.source } })).toBe(
        path.join(dir, RESOLVE_MEMO_FILE),
      );
      expect(readdirSync(dir)).not.toContain(RESOLVE_MEMO_JOURNAL_FILE);
      expect(content(await readResolveMemo(dir))).toEqual(content(next.memo));
      // a journal line of another base (the memo was written whole since) is not applied
      await writeResolveMemo(dir, { format: read!.format, classes: read!.classes, docs: read!.docs });
      writeFileSync(journalOf(dir), line);
      expect(Object.keys(content(await readResolveMemo(dir)))).toEqual([RECORDS[0]!.document.id]);
    });

    it('should write the memo whole when the folder is not the one the memo was read from', async () => {
      const { next } = await update();
      const other = tmp();
      expect(await writeResolveMemo(other, next.memo!)).toBe(path.join(other, RESOLVE_MEMO_FILE));
      expect(content(await readResolveMemo(other))).toEqual(content(next.memo));
    });
  });

  describe('appendExtractionRecords', () => {
    it('should append records after the existing ones', async () => {
      const dir = tmp();
      await writeGraph(dir, buildGraph(RECORDS.slice(0, 1)), RECORDS.slice(0, 1));
      const before = readFileSync(path.join(dir, 'extractions.jsonl'), 'utf8');
      await appendExtractionRecords(dir, RECORDS.slice(1));
      const after = readFileSync(path.join(dir, 'extractions.jsonl'), 'utf8');
      expect(after.startsWith(before)).toBe(true);
      expect((await readGraphRecords(dir)).map((r) => r.document.id)).toEqual(['a.txt', 'b.txt']);
    });

    it('should drop a last line cut short by an interrupted append', async () => {
      const dir = tmp();
      await writeGraph(dir, buildGraph(RECORDS.slice(0, 1)), RECORDS.slice(0, 1));
      appendFileSync(path.join(dir, 'extractions.jsonl'), JSON.stringify(RECORDS[1]).slice(0, 40));
      expect((await readGraphRecords(dir)).map((r) => r.document.id)).toEqual(['a.txt']); // left out (readers agree with the writer)
      await appendExtractionRecords(dir, RECORDS.slice(1));
      expect((await readGraphRecords(dir)).map((r) => r.document.id)).toEqual(['a.txt', 'b.txt']);
    });

    it('should create the file when there is none', async () => {
      const dir = tmp();
      await appendExtractionRecords(dir, RECORDS);
      expect((await readGraphRecords(dir)).map((r) => r.document.id)).toEqual(['a.txt', 'b.txt']);
    });

    it('should let a later record of a document replace the earlier one, and a removal drop it', async () => {
      const dir = tmp();
      await appendExtractionRecords(dir, RECORDS);
      const changed = { ...RECORDS[0]!, text: `${RECORDS[0]!.text} More.`, document: { ...RECORDS[0]!.document, hash: 'changed' } };
      await appendExtractionRecords(dir, [changed], ['b.txt']);
      const lines = readFileSync(path.join(dir, 'extractions.jsonl'), 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(4);
      expect(JSON.parse(lines[3]!)).toEqual({ removed: 'b.txt' });
      expect(await readGraphRecords(dir)).toEqual([changed]);
      await appendExtractionRecords(dir, [RECORDS[1]!]); // added again after its removal
      expect((await readGraphRecords(dir)).map((r) => r.document.id).sort()).toEqual(['a.txt', 'b.txt']);
    });
  });

  describe('sameJson', () => {
    it('should say true only when JSON.stringify gives the same text', () => {
      const cases: [unknown, unknown][] = [
        [{ a: 1, b: [1, 'x', null, { c: true }] }, { a: 1, b: [1, 'x', null, { c: true }] }],
        [{ a: 1, b: 2 }, { b: 2, a: 1 }], // key order
        [{ a: 1, b: undefined }, { a: 1 }], // JSON leaves the undefined one out, but the keys differ
        [{ a: undefined }, { a: undefined }],
        [[1, 2], [1, 2, 3]],
        [[1, [2, [3]]], [1, [2, [4]]]],
        [{ a: NaN }, { a: NaN }],
        [{ a: 0 }, { a: -0 }],
        [{ a: Infinity }, { a: Infinity }],
        [{ d: new Date(0) }, { d: new Date(0) }],
        [{ a: [] }, { a: {} }],
        [Object.assign(Object.create(null) as object, { a: 1 }), { a: 1 }],
        [{ a: '1' }, { a: 1 }],
        [{ a: { toJSON: () => 1 } }, { a: { toJSON: () => 2 } }],
        [[undefined], [null]],
      ];
      const shared = { d: new Date(0), n: NaN };
      cases.push([{ a: shared }, { a: shared }], [[shared], [shared]]);
      for (const [a, b] of cases) {
        const same = JSON.stringify(a) === JSON.stringify(b);
        // a true answer must never be wrong; a false one may be (then the item is only hashed again)
        if (sameJson(a, b)) expect(same, JSON.stringify([a, b])).toBe(true);
      }
      expect(sameJson(cases[0]![0], cases[0]![1])).toBe(true);
      expect(sameJson(cases[1]![0], cases[1]![1])).toBe(false);
      expect(sameJson(cases[2]![0], cases[2]![1])).toBe(false);
      expect(sameJson(cases[5]![0], cases[5]![1])).toBe(false);
      expect(sameJson(cases[7]![0], cases[7]![1])).toBe(true);
      expect(sameJson({ a: shared }, { a: shared })).toBe(true); // the same object: the same text
    });
  });

  describe('writeFileAtomic', () => {
    it('should leave no temporary files and replace the content whole', async () => {
      const dir = tmp();
      const file = path.join(dir, 'x.txt');
      await writeFileAtomic(file, 'old');
      await writeFileAtomic(file, ['new ', 'content']);
      expect(readFileSync(file, 'utf8')).toBe('new content');
      expect(readdirSync(dir)).toEqual(['x.txt']);
    });
  });

  describe('parseGraph', () => {
    const cases: [string, string][] = [
      ['empty file', ''],
      ['truncated JSON', '{"attributes":{"documents":[]},"nodes":[{"key":"a"'],
      ['not an object', '[1,2,3]'],
      ['no nodes', '{"attributes":{"documents":[]},"edges":[]}'],
      ['no documents attribute', '{"nodes":[],"edges":[]}'],
      ['edge without source', '{"attributes":{"documents":[]},"nodes":[],"edges":[{"target":"b"}]}'],
      ['edge to a missing node', '{"attributes":{"documents":[]},"nodes":[],"edges":[{"source":"a","target":"b"}]}'],
    ];
    it.each(cases)('should throw GraphFormatError for %s', (_label, text) => {
      expect(() => parseGraph(text, 'g.json')).toThrow(GraphFormatError);
    });

    it('should name the missing folder when there is no graph', async () => {
      await expect(readGraph(path.join(tmp(), 'nope'))).rejects.toThrow(/no graph at/);
    });
  });

  describe('readExtractionEntries', () => {
    it('should reject a corrupt line with its line number', async () => {
      const file = path.join(tmp(), 'x.jsonl');
      writeFileSync(file, `${JSON.stringify(RECORDS[0])}\n{"document":\n`);
      const read = async () => {
        for await (const _ of readExtractionEntries(file)) void _;
      };
      await expect(read()).rejects.toThrow(/line 2/);
    });

    it('should read CRLF lines, blank lines, a last line without a newline and characters cut by a chunk boundary', async () => {
      const file = path.join(tmp(), 'x.jsonl');
      // a record of ≈ 5 MB of two- and three-byte characters spans the 4 MiB read chunks at some character
      const big = { ...RECORDS[0]!, document: { ...RECORDS[0]!.document, id: 'big.txt' }, text: 'é€'.repeat(1_000_000), extraction: { ...RECORDS[0]!.extraction, doc: 'big.txt' } };
      const lines = [JSON.stringify(RECORDS[0]), '', JSON.stringify(big), JSON.stringify(RECORDS[1])];
      writeFileSync(file, `${lines[0]}\r\n${lines[1]}\r\n${lines[2]}\n${lines[3]}`);
      const back = [];
      for await (const e of readExtractionEntries(file)) if (e.record) back.push(e.record);
      expect(back.map((r) => r.document.id)).toEqual([RECORDS[0]!.document.id, 'big.txt', RECORDS[1]!.document.id]);
      expect(back[1]!.text).toBe(big.text);
      expect(back[2]).toEqual(RECORDS[1]);
    });

    it('should refuse a record whose fields the graph reads are damaged, naming the line and the field', async () => {
      const file = path.join(tmp(), 'x.jsonl');
      const bad = structuredClone(RECORDS[1]!);
      bad.extraction.mentions[1]!.end = bad.text.length + 5;
      writeFileSync(file, `${JSON.stringify(RECORDS[0])}\n${JSON.stringify(bad)}\n`);
      const read = async () => {
        for await (const _ of readExtractionEntries(file)) void _;
      };
      await expect(read()).rejects.toThrow(/x\.jsonl" line 2 is not an extraction record: extraction\.mentions\[1\]\.end is \d+, past the end of the text/);
    });

    it('should say a file ends inside its last line, and leave out a graph folder\'s last line cut short', async () => {
      const dir = tmp();
      const file = path.join(dir, 'extractions.jsonl');
      writeFileSync(file, `${JSON.stringify(RECORDS[0])}\n${JSON.stringify(RECORDS[1]).slice(0, 40)}`);
      const read = async () => {
        for await (const _ of readExtractionEntries(file)) void _;
      };
      await expect(read()).rejects.toThrow(/line 2 is cut short: the file ends inside it/);
      const warnings: string[] = [];
      const records = await readGraphRecords(dir, { onWarning: (w) => warnings.push(w) });
      expect(records).toEqual([RECORDS[0]]);
      expect(warnings).toEqual([expect.stringMatching(/line 2 was cut short by an interrupted update/)]);
      // cut right before its newline: a whole record, but never committed either
      writeFileSync(file, `${JSON.stringify(RECORDS[0])}\n${JSON.stringify(RECORDS[1])}`);
      expect(await readGraphRecords(dir)).toEqual([RECORDS[0]]);
    });

    it('should name the file it cannot read', async () => {
      const file = path.join(tmp(), 'missing.jsonl');
      const read = async () => {
        for await (const _ of readExtractionEntries(file)) void _;
      };
      await expect(read()).rejects.toThrow(/cannot read ".*missing\.jsonl": no such file or directory \(ENOENT\)/);
    });
  });
});
