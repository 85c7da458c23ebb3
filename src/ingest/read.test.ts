import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, SkippedInput } from '../types.js';
import { readDocuments, type IngestItem, type ReadOptions } from './read.js';

const ARTICLE =
  'Turkish President Recep Tayyip Erdogan met NATO Secretary General Jens Stoltenberg in Ankara on Friday, officials said.\n';

async function collect(inputs: string[], options?: ReadOptions): Promise<{ docs: Document[]; skipped: SkippedInput[]; items: IngestItem[] }> {
  const items: IngestItem[] = [];
  for await (const item of readDocuments(inputs, options)) items.push(item);
  return {
    items,
    docs: items.flatMap((i) => (i.kind === 'document' ? [i.document] : [])),
    skipped: items.flatMap((i) => (i.kind === 'skipped' ? [i.skipped] : [])),
  };
}

function reasonFor(skipped: SkippedInput[], path: string): string | undefined {
  return skipped.find((s) => s.path === path)?.reason;
}

let dir: string;
const isRoot = process.getuid?.() === 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'newsgraph-ingest-'));
  const corpus = join(dir, 'corpus');
  mkdirSync(join(corpus, 'world', 'europe'), { recursive: true });
  mkdirSync(join(corpus, '.hidden'));
  mkdirSync(join(corpus, 'node_modules'));
  writeFileSync(join(corpus, 'b.txt'), `Second headline of the day\n\n${ARTICLE}`);
  writeFileSync(join(corpus, 'a.md'), `---\ntitle: "A front-matter title"\nsource: Example Wire\ndate: 2020-02-28\nurl: https://wire.example/a\n---\n# Heading\n\n${ARTICLE}See [the report](https://example.org/report).\n`);
  writeFileSync(join(corpus, 'world', 'c.html'), `<html><head><title>Page title</title><script>var x = "SCRIPT";</script></head><body><p>${ARTICLE}</p></body></html>`);
  writeFileSync(join(corpus, 'world', 'europe', 'd.txt'), `Europe headline here\n\n${ARTICLE}`);
  writeFileSync(join(corpus, '.hidden', 'x.txt'), ARTICLE);
  writeFileSync(join(corpus, '.dotfile.txt'), ARTICLE);
  writeFileSync(join(corpus, 'node_modules', 'y.txt'), ARTICLE);
  writeFileSync(join(corpus, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  writeFileSync(join(corpus, 'empty.txt'), '');
  writeFileSync(join(corpus, 'blank.txt'), '  \n\n \t\n');
  writeFileSync(join(corpus, 'fake.txt'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0)]));
  writeFileSync(join(corpus, 'random.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(corpus, 'utf16le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Çavuşoğlu headline\n\n${ARTICLE}`, 'utf16le')]));
  const be = Buffer.from(`Çavuşoğlu headline\n\n${ARTICLE}`, 'utf16le').swap16();
  writeFileSync(join(corpus, 'utf16be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
  writeFileSync(join(corpus, 'bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`BOM headline here\n\n${ARTICLE}`)]));
  writeFileSync(join(corpus, 'latin1.txt'), Buffer.from(`Caf\xe9 owners in Montr\xe9al protest\n\nThe caf\xe9 owners said the tax was unfair, and the mayor of Montr\xe9al disagreed.\n`, 'latin1'));
  writeFileSync(join(corpus, 'one-bad-byte.txt'), Buffer.concat([Buffer.from(`Headline with one bad byte\n\n${ARTICLE}${ARTICLE}`), Buffer.from([0xff]), Buffer.from(ARTICLE)]));
  writeFileSync(join(corpus, 'notes.docx'), 'not really a docx');
  writeFileSync(join(corpus, 'only-furniture.txt'), 'Share on:\nFacebook\nTwitter\n');
  writeFileSync(
    join(corpus, 'feed.jsonl'),
    [
      JSON.stringify({ id: 'r1', title: 'First', source: 'Reuters', date: '26-FEB-1987 15:01:01.79', url: 'https://r.example/1', text: ARTICLE }),
      '{not json',
      '',
      JSON.stringify({ title: 'no text' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ text: 42 }),
      JSON.stringify({ text: ARTICLE }),
      JSON.stringify({ id: 'r1', text: ARTICLE }),
      JSON.stringify({ id: 7, text: `${ARTICLE}\r` }) + '\r',
    ].join('\n'),
  );
  symlinkSync(corpus, join(corpus, 'world', 'loop'));
  symlinkSync(join(dir, 'does-not-exist'), join(corpus, 'dangling.txt'));
  if (!isRoot) {
    writeFileSync(join(corpus, 'secret.txt'), ARTICLE);
    chmodSync(join(corpus, 'secret.txt'), 0o000);
  }
  writeFileSync(join(dir, 'big.txt'), `Big headline of the day\n\n${ARTICLE.repeat(200)}`);
  writeFileSync(join(dir, 'article'), `No extension headline\n\n${ARTICLE}`);
  writeFileSync(join(dir, 'page.weird'), `<!doctype html><html><head><title>Weird page</title></head><body><p>${ARTICLE}</p></body></html>`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('read', () => {
  describe('readDocuments', () => {
    it('should walk a folder recursively in sorted order, with paths relative to it and / separators', async () => {
      const { docs } = await collect([join(dir, 'corpus')]);
      const ids = docs.map((d) => d.id);
      expect(ids).toEqual([
        'a.md',
        'b.txt',
        'bom.txt',
        'feed.jsonl#r1',
        'feed.jsonl#7',
        'feed.jsonl#7~2',
        'latin1.txt',
        'one-bad-byte.txt',
        'utf16be.txt',
        'utf16le.txt',
        'world/c.html',
        'world/europe/d.txt',
      ]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const d of docs) expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it("should pass over a collection's README, LICENSE and the like inside folders, and read one given by name", async () => {
      const root = join(dir, 'with-notes');
      mkdirSync(join(root, 'sport'), { recursive: true });
      writeFileSync(join(root, 'README.TXT'), 'Consists of 2225 documents from the BBC news website, 2004-2005.\n');
      writeFileSync(join(root, 'LICENSE.md'), 'Free to use for research.\n');
      writeFileSync(join(root, 'CHANGELOG'), 'v2: more articles\n');
      writeFileSync(join(root, 'sport', 'readme.md'), 'Sport articles.\n');
      writeFileSync(join(root, 'sport', '001.txt'), 'Rugby: England beat Wales in Cardiff on Saturday.\n');
      writeFileSync(join(root, 'readme-not.txt'), 'An article whose name only starts like one: Paris hosted the summit.\n');
      const { docs, skipped } = await collect([root]);
      expect(docs.map((d) => d.id)).toEqual(['readme-not.txt', 'sport/001.txt']);
      expect(skipped).toEqual([]);
      const given = await collect([join(root, 'README.TXT')]);
      expect(given.docs.map((d) => d.id)).toEqual(['README.TXT']);
      const { scanInputs } = await import('./scan.js');
      expect([...(await scanInputs([root])).keys()].map((f) => f.slice(root.length + 1)).sort()).toEqual(['readme-not.txt', 'sport/001.txt']);
    });

    it('should ignore hidden entries and node_modules silently', async () => {
      const { docs, skipped } = await collect([join(dir, 'corpus')]);
      const all = [...docs.map((d) => d.path), ...skipped.map((s) => s.path)];
      expect(all.some((p) => p.includes('.hidden') || p.includes('.dotfile') || p.includes('node_modules'))).toBe(false);
    });

    it.each([
      ['photo.png', /unsupported file type \.png/],
      ['notes.docx', /unsupported file type \.docx/],
      ['empty.txt', /^empty file$/],
      ['blank.txt', /empty file/],
      ['fake.txt', /binary file \(PDF\)/],
      ['random.txt', /binary/],
      ['only-furniture.txt', /no article text/],
      ['dangling.txt', /broken symbolic link: no such file or directory/],
      ['world/loop', /symbolic link loop/],
      ['feed.jsonl:2', /invalid JSON/],
      ['feed.jsonl:4', /missing "text"/],
      ['feed.jsonl:5', /not a JSON object \(found an array\)/],
      ['feed.jsonl:6', /"text" is a number/],
      ['feed.jsonl:8', /duplicate id "r1"/],
    ])('should skip %s with a reason', async (path, reason) => {
      const { skipped } = await collect([join(dir, 'corpus')]);
      expect(reasonFor(skipped, path)).toMatch(reason);
    });

    it.skipIf(isRoot)('should skip a file it may not read with "permission denied"', async () => {
      const { skipped } = await collect([join(dir, 'corpus')]);
      expect(reasonFor(skipped, 'secret.txt')).toBe('permission denied');
    });

    it('should read JSON Lines records with their metadata and ids, line numbers for the others', async () => {
      const { docs } = await collect([join(dir, 'corpus', 'feed.jsonl')]);
      // Line 7 has no id (→ its line number); line 9's own id 7 then collides and gets a suffix.
      expect(docs.map((d) => d.id)).toEqual(['feed.jsonl#r1', 'feed.jsonl#7', 'feed.jsonl#7~2']);
      expect(docs[0]).toMatchObject({ path: 'feed.jsonl', title: 'First', source: 'Reuters', published: '1987-02-26', url: 'https://r.example/1' });
      expect(docs[0]!.text).toBe(ARTICLE);
      expect(docs[1]!.title).toBe(ARTICLE.trim());
    });

    it('should give the outlet option to documents that name none of their own, and keep their own', async () => {
      const corpus = join(dir, 'corpus');
      const outletOf = (docs: Document[]) => Object.fromEntries(docs.map((d) => [d.id, d.source]));
      const site = join(dir, 'site.html');
      writeFileSync(site, `<html><head><meta property="og:site_name" content="Page Site"><title>T</title></head><body><p>${ARTICLE}</p></body></html>`);
      const inputs = [join(corpus, 'a.md'), join(corpus, 'b.txt'), join(corpus, 'world', 'c.html'), join(corpus, 'feed.jsonl'), site];
      const without = outletOf((await collect(inputs)).docs);
      expect(without).toEqual({ 'a.md': 'Example Wire', 'b.txt': '', 'c.html': '', 'feed.jsonl#r1': 'Reuters', 'feed.jsonl#7': '', 'feed.jsonl#7~2': '', 'site.html': 'Page Site' });
      const given = outletOf((await collect(inputs, { outlet: '  BBC \n News ' })).docs);
      expect(given).toEqual({ 'a.md': 'Example Wire', 'b.txt': 'BBC News', 'c.html': 'BBC News', 'feed.jsonl#r1': 'Reuters', 'feed.jsonl#7': 'BBC News', 'feed.jsonl#7~2': 'BBC News', 'site.html': 'Page Site' });
      // a blank name is none (the CLI and the Node API refuse it before)
      expect(outletOf((await collect(inputs, { outlet: ' ' })).docs)).toEqual(without);
      // the outlet is no part of the content hash: the same file with another outlet is the same content
      const hashes = async (outlet?: string) => (await collect([join(corpus, 'b.txt')], { outlet })).docs.map((d) => d.hash);
      expect(await hashes('BBC')).toEqual(await hashes());
    });

    it('should read the field names of common news dumps (news-please, NewsAPI) and name what a line lacks', async () => {
      const file = join(dir, 'dumps.jsonl');
      writeFileSync(
        file,
        [
          // news-please
          JSON.stringify({ title: 'NP title', maintext: ARTICLE, date_publish: '2020-02-28 10:00:00', source_domain: 'www.aa.com.tr', url: 'https://aa.example/1' }),
          // NewsAPI: source is an object, the text is in content
          JSON.stringify({ source: { id: null, name: 'Al Jazeera' }, title: 'API title', content: ARTICLE, publishedAt: '2020-02-28T09:00:00Z', url: 'https://aj.example/2' }),
          // newsgraph's own names win over the others; a blank text gives way to a filled body
          JSON.stringify({ text: '  ', body: ARTICLE, headline: 'H', title: 'T' }),
          JSON.stringify({ id: 'x', headline: 'No text at all', summary: 'short' }),
          JSON.stringify({ body: ['not', 'a', 'string'] }),
          JSON.stringify({ text: '', body: ' ' }),
        ].join('\n'),
      );
      const { docs, skipped } = await collect([file]);
      expect(docs).toHaveLength(3);
      expect(docs[0]).toMatchObject({ title: 'NP title', source: 'www.aa.com.tr', published: '2020-02-28', url: 'https://aa.example/1', text: ARTICLE });
      expect(docs[1]).toMatchObject({ title: 'API title', source: 'Al Jazeera', url: 'https://aj.example/2', text: ARTICLE });
      expect(docs[1]!.published).toMatch(/^2020-02-28/);
      expect(docs[2]).toMatchObject({ title: 'T', text: ARTICLE });
      expect(reasonFor(skipped, `${file}:4`)).toBe('missing "text" (nor "body", "content", "maintext", "article", "story"): the line has "id", "headline", "summary"');
      expect(reasonFor(skipped, `${file}:5`)).toBe('"body" is an array, expected a string');
      expect(reasonFor(skipped, `${file}:6`)).toBe('empty "text"');
    });

    it('should read front matter into metadata and blank it, keeping offsets', async () => {
      const { docs } = await collect([join(dir, 'corpus', 'a.md')]);
      const d = docs[0]!;
      expect(d).toMatchObject({ id: 'a.md', title: 'A front-matter title', source: 'Example Wire', published: '2020-02-28', url: 'https://wire.example/a' });
      const start = d.text.indexOf('Turkish President');
      expect(start).toBeGreaterThan(0);
      expect(d.text.startsWith(' '.repeat(3))).toBe(true);
      expect(d.text).not.toContain('https://example.org/report');
      expect(d.text).toContain('the report');
    });

    it('should decode UTF-16 LE and BE with a BOM and strip a UTF-8 BOM', async () => {
      const { docs } = await collect([join(dir, 'corpus')]);
      const by = new Map(docs.map((d) => [d.id, d]));
      expect(by.get('utf16le.txt')!.text.startsWith('Çavuşoğlu headline')).toBe(true);
      expect(by.get('utf16be.txt')!.text.startsWith('Çavuşoğlu headline')).toBe(true);
      expect(by.get('bom.txt')!.text.startsWith('BOM headline here')).toBe(true);
      expect(by.get('bom.txt')!.title).toBe('BOM headline here');
    });

    it('should read invalid UTF-8 as Windows-1252 or with U+FFFD, and say so in a partial skipped item', async () => {
      const { docs, items } = await collect([join(dir, 'corpus')]);
      const by = new Map(docs.map((d) => [d.id, d]));
      expect(by.get('latin1.txt')!.text).toContain('Montréal');
      expect(by.get('one-bad-byte.txt')!.text).toContain('\uFFFD');
      const partial = items.filter((i) => i.kind === 'skipped' && i.partial).map((i) => (i.kind === 'skipped' ? i.skipped : null));
      expect(partial).toEqual(
        expect.arrayContaining([
          { path: 'latin1.txt', reason: expect.stringMatching(/Windows-1252/) as string },
          { path: 'one-bad-byte.txt', reason: expect.stringMatching(/U\+FFFD/) as string },
        ]),
      );
    });

    it('should extract the main text of an HTML file without its scripts', async () => {
      const { docs } = await collect([join(dir, 'corpus', 'world', 'c.html')]);
      expect(docs[0]).toMatchObject({ id: 'c.html', title: 'Page title' });
      expect(docs[0]!.text).toContain('Jens Stoltenberg');
      expect(docs[0]!.text).not.toContain('SCRIPT');
    });

    it('should read an explicit file by its content whatever its extension, with its basename as id', async () => {
      const { docs } = await collect([join(dir, 'article'), join(dir, 'page.weird')]);
      expect(docs.map((d) => [d.id, d.title])).toEqual([
        ['article', 'No extension headline'],
        ['page.weird', 'Weird page'],
      ]);
    });

    it('should report a missing explicit path with "no such file or directory", as given, and go on', async () => {
      const missing = join(dir, 'missing.txt');
      const { docs, items } = await collect([missing, join(dir, 'article')]);
      expect(items[0]).toEqual({ kind: 'skipped', skipped: { path: missing, reason: 'no such file or directory' }, explicit: true });
      expect(docs).toHaveLength(1);
    });

    it('should cut a file longer than maxFileBytes at a line break and report the truncation as partial', async () => {
      const { docs, items } = await collect([join(dir, 'big.txt')], { maxFileBytes: 4096 });
      expect(docs).toHaveLength(1);
      expect(docs[0]!.text.length).toBeLessThanOrEqual(4096);
      expect(docs[0]!.text.endsWith('\n')).toBe(true);
      expect(items[1]).toMatchObject({ kind: 'skipped', partial: true, skipped: { path: join(dir, 'big.txt'), reason: expect.stringMatching(/^truncated/) as string } });
    });

    it('should hash the raw bytes of the whole file', async () => {
      const { createHash } = await import('node:crypto');
      const { readFileSync } = await import('node:fs');
      const { docs } = await collect([join(dir, 'big.txt')], { maxFileBytes: 4096 });
      expect(docs[0]!.hash).toBe(createHash('sha256').update(readFileSync(join(dir, 'big.txt'))).digest('hex'));
    });

    it('should give the same file once when inputs overlap', async () => {
      const corpus = join(dir, 'corpus');
      const { docs, skipped } = await collect([join(corpus, 'b.txt'), join(corpus, 'world', 'europe'), join(corpus, 'world', 'europe', 'd.txt')]);
      expect(docs.map((d) => d.id)).toEqual(['b.txt', 'd.txt']);
      expect(reasonFor(skipped, join(corpus, 'world', 'europe', 'd.txt'))).toMatch(/already read as d.txt/);
    });

    it('should make ids unique across inputs by prefixing the folder name', async () => {
      const other = join(dir, 'other');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, 'd.txt'), `Other headline here\n\n${ARTICLE}`);
      const { docs } = await collect([join(dir, 'corpus', 'world', 'europe'), other]);
      expect(docs.map((d) => d.id)).toEqual(['d.txt', 'other/d.txt']);
      expect(docs[1]!.path).toBe('other/d.txt');
    });

    it('should walk a folder that links back to its parent without looping', async () => {
      const { docs, skipped } = await collect([join(dir, 'corpus', 'world')]);
      expect(docs.map((d) => d.id)).toContain('loop/a.md');
      expect(reasonFor(skipped, 'loop/world')).toMatch(/symbolic link loop/);
    });

    it('should be deterministic: the same inputs give the same items', async () => {
      const a = await collect([join(dir, 'corpus')]);
      const b = await collect([join(dir, 'corpus')]);
      expect(b.items).toEqual(a.items);
    });
  });
});
