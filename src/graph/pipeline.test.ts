/**
 * The build pipeline's handling of copies: a document with the content of one read before it counts
 * once (the BBC corpus holds 98 such copies). Articles: short generated ones, written into a
 * temporary folder.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractionRecord } from '../types.js';
import type { KnowledgeGraph } from './build.js';
import { readDocuments } from '../ingest/index.js';
import { buildFromInputs, dropRecordCopies, extractInputs, extractStream, SameContent, sameContentReason } from './pipeline.js';

const A = 'Talks in Moscow\n\nVladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday. The Kremlin said the two leaders agreed a ceasefire.\n';
const B = 'Refugees at the border\n\nGreek police fired tear gas at migrants at the border with Turkey, the Greek government said.\n';

function corpus(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-copies-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const content = (g: KnowledgeGraph) => ({ nodes: g.export().nodes, edges: g.export().edges, claims: g.getAttribute('claims') });

describe('graph/pipeline', () => {
  describe('buildFromInputs', () => {
    it('should pass over a JSON Lines story sent again under another id the same day, and keep one of another day', async () => {
      const story = (id: string, date: string) => JSON.stringify({ id, title: 'Talks resume', date, text: A });
      const dir = corpus({ 'wire.jsonl': [story('r-1', '26-FEB-1987 15:43:59.53'), story('r-2', '26-FEB-1987 15:56:00.50'), story('r-3', '27-FEB-1987 09:12:00.00')].join('\n') + '\n' });
      const r = await buildFromInputs([dir], { workers: 1, layout: false });
      expect(r.records.map((x) => x.document.id)).toEqual(['wire.jsonl#r-1', 'wire.jsonl#r-3']);
      expect(r.skipped).toEqual([{ path: 'wire.jsonl:2', reason: 'the same content as "wire.jsonl#r-1", read before it (not counted twice)', duplicateOf: 'wire.jsonl#r-1' }]);
    });

    it('should pass over a copy of a document read before it, naming that document, and count it once', async () => {
      const line = JSON.stringify({ text: A.replace('Thursday', 'Friday') });
      const dir = corpus({
        'a/one.txt': A,
        'a/two.txt': B,
        'b/copy.txt': A, // another path, the same bytes
        'news.jsonl': `${line}\n${line}\n${JSON.stringify({ id: 'x', text: B })}\n`,
      });
      const r = await buildFromInputs([dir], { workers: 1, layout: false });
      expect(r.records.map((x) => x.document.id)).toEqual(['a/one.txt', 'a/two.txt', 'news.jsonl#1', 'news.jsonl#x']);
      expect(r.skipped).toEqual([
        { path: 'b/copy.txt', reason: 'the same content as "a/one.txt", read before it (not counted twice)', duplicateOf: 'a/one.txt' },
        // a JSON Lines line is named by its line, as the line's other problems are
        { path: 'news.jsonl:2', reason: 'the same content as "news.jsonl#1", read before it (not counted twice)', duplicateOf: 'news.jsonl#1' },
      ]);
      expect(r.graph.getAttribute('skipped').map((s) => s.path)).toEqual(['b/copy.txt', 'news.jsonl:2']);
      // the same text as a file is another document (a file's hash covers its bytes, a record's its fields): kept
      expect(r.records.find((x) => x.document.id === 'news.jsonl#x')!.text).toContain('Greek police');
      // the graph is the one of the documents without their copies: every relation counted once
      const without = await buildFromInputs([corpus({ 'a/one.txt': A, 'a/two.txt': B, 'news.jsonl': `${line}\n${JSON.stringify({ id: 'x', text: B })}\n` })], {
        workers: 1,
        layout: false,
      });
      expect(r.graph.size).toBeGreaterThan(0);
      expect(content(r.graph)).toEqual(content(without.graph));
      expect(r.graph.getAttribute('documents')).toEqual(without.graph.getAttribute('documents'));
    });

    it('should keep the first copy in input order, and pass over copies of records kept before (kept)', async () => {
      const one = corpus({ 'z.txt': A });
      const two = corpus({ 'a.txt': A, 'b.txt': B });
      const r = await extractInputs([one, two], { workers: 1 });
      expect(r.records.map((x) => x.document.id)).toEqual(['z.txt', 'b.txt']);
      expect(r.skipped.map((s) => [s.path, s.duplicateOf])).toEqual([['a.txt', 'z.txt']]);
      const kept = new SameContent();
      kept.add({ ...r.records[1]!.document, id: 'shard/b.txt' }); // e.g. a record of build --from-extractions
      const again = await extractInputs([two], { workers: 1, kept });
      expect(again.records.map((x) => x.document.id)).toEqual(['a.txt']);
      expect(again.skipped.map((s) => [s.path, s.duplicateOf])).toEqual([['b.txt', 'shard/b.txt']]);
    });
  });

  describe('extractStream', () => {
    it('should reuse a record with the outlet it has unless the document is given another (--outlet)', async () => {
      const dir = corpus({ 'a.txt': A });
      const first = await extractInputs([dir], { workers: 1, read: { outlet: 'BBC' } });
      expect(first.records[0]!.document.source).toBe('BBC');
      const reuse = new Map(first.records.map((r) => [r.document.id, r]));
      const again = async (outlet?: string) => {
        const out = [];
        for await (const item of extractStream(readDocuments([dir], { outlet }), { workers: 1, reuse })) if (item.kind === 'record') out.push(item);
        return out.map((o) => ({ reused: o.reused, source: o.record.document.source, same: o.record === first.records[0] }));
      };
      // read without an outlet given: the document names none, the record keeps its own
      expect(await again()).toEqual([{ reused: true, source: 'BBC', same: true }]);
      expect(await again('BBC')).toEqual([{ reused: true, source: 'BBC', same: true }]);
      // another outlet given: not extracted again, but no longer the record it was
      expect(await again('BBC News')).toEqual([{ reused: false, source: 'BBC News', same: false }]);
      expect(first.records[0]!.document.source).toBe('BBC'); // the record reused is not changed in place
    });
  });

  describe('dropRecordCopies', () => {
    const record = (id: string, hash: string, source = ''): ExtractionRecord => ({
      document: { id, path: id, title: id, source, published: null, url: null, hash },
      text: 'x',
      extraction: { doc: id, sentences: [], mentions: [], relations: [], attributions: [], claims: [] },
    });

    it('should keep the first of records with one content, and not take two named outlets for copies', () => {
      const r = dropRecordCopies([record('a', 'h1'), record('b', 'h2'), record('c', 'h1'), record('d', 'h3', 'Reuters'), record('e', 'h3', 'AP'), record('f', 'h3')]);
      expect(r.records.map((x) => x.document.id)).toEqual(['a', 'b', 'd', 'e']);
      expect(r.skipped).toEqual([
        { path: 'c', reason: sameContentReason('a', 'read'), duplicateOf: 'a' },
        // no outlet of its own: a copy of the first with any
        { path: 'f', reason: sameContentReason('d', 'read'), duplicateOf: 'd' },
      ]);
    });

    it('should not take a record for a copy of itself (the same id read twice is another matter)', () => {
      expect(dropRecordCopies([record('a', 'h1'), record('a', 'h1')]).records).toHaveLength(2);
    });
  });
});
