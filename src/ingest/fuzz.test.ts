/** Property-based tests (issue 8.7): ingestion never throws anything but NewsgraphError on arbitrary input. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NewsgraphError } from '../errors.js';
import { removeBoilerplate } from './boilerplate.js';
import { normaliseDate } from './dates.js';
import { decodeText, sniffBinary } from './decode.js';
import { documentFromText } from './document.js';
import { parseFrontMatter } from './front-matter.js';
import { extractHtml } from './html.js';
import { blankMarkdown } from './markdown.js';
import { readDocuments } from './read.js';

/** Any UTF-16 code units, lone surrogates included. */
const anyString = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 400 }).map((codes) => String.fromCharCode(...codes));

/** Page-like text: lines built from furniture words, article words, dates, URLs and odd spaces. */
const pieces = [
  'Share on:', 'twitter sharing button twitter', 'Related posts', 'Leave a Reply', 'Facebook 50', '©', '2020', 'Monday,',
  'March 27', 'www.example.com', 'https://x.example/a', 'News / Syria / Turkey', 'Erdogan said', 'the ministry', '.', ':',
  '*', '#', '[link](http://x)', '---', 'title: x', '\u00a0', '\t', '\r', '  ', 'Read more:', 'By', 'Reuters', '"', '“', '…',
];
const pageLike = fc
  .array(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((w) => w.join(' ')), { maxLength: 30 })
  .map((lines) => lines.join('\n'));
const text = fc.oneof(anyString, pageLike, fc.string());

function onlyOwnErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NewsgraphError);
  }
}

describe('ingest (fuzz)', () => {
  describe('removeBoilerplate', () => {
    it('should keep the length, blank only inside removed spans, and give spans inside the text in order', () => {
      fc.assert(
        fc.property(text, (t) => {
          const r = removeBoilerplate(t);
          expect(r.text.length).toBe(t.length);
          let last = 0;
          for (const s of r.removed) {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThanOrEqual(s.start);
            expect(s.end).toBeLessThanOrEqual(t.length);
            expect(r.text.slice(s.start, s.end)).toMatch(/^[ \r]*$/);
            last = s.end;
          }
          // Outside the removed spans nothing changed.
          let at = 0;
          for (const s of r.removed) {
            expect(r.text.slice(at, s.start)).toBe(t.slice(at, s.start));
            at = s.end;
          }
          expect(r.text.slice(at)).toBe(t.slice(at));
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('documentFromText', () => {
    it('should never throw for text or Markdown, and keep the length', () => {
      fc.assert(
        fc.property(text, fc.constantFrom('txt' as const, 'md' as const), (t, format) => {
          onlyOwnErrors(() => {
            const d = documentFromText(t, { format });
            expect(d.text.length).toBe(t.length);
            expect(typeof d.title).toBe('string');
          });
        }),
        { numRuns: 300 },
      );
    });

    it('should never throw for HTML', () => {
      const htmlish = fc
        .array(fc.oneof(fc.constantFrom('<p>', '</p>', '<script>', '</script>', '<html>', '<body>', '<div class="x">', '<!--', '-->', '<meta property="og:title" content="', '">', '&amp;', '&#x0;', '<br/>', '<title>'), anyString, fc.string()), { maxLength: 20 })
        .map((p) => p.join(''));
      fc.assert(
        fc.property(htmlish, (h) => {
          onlyOwnErrors(() => documentFromText(h, { format: 'html' }));
          onlyOwnErrors(() => extractHtml(h));
        }),
        { numRuns: 150 },
      );
    });
  });

  describe('helpers', () => {
    it('should never throw on arbitrary strings', () => {
      fc.assert(
        fc.property(text, (t) => {
          onlyOwnErrors(() => normaliseDate(t));
          onlyOwnErrors(() => parseFrontMatter(t));
          const md = blankMarkdown(t);
          expect(md.length).toBe(t.length);
          const fm = parseFrontMatter(t);
          if (fm) expect(fm.text.length).toBe(t.length);
        }),
        { numRuns: 300 },
      );
    });

    it('should never throw on arbitrary bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2000 }), fc.option(fc.constantFrom('utf-8', 'iso-8859-1', 'shift_jis', 'nonsense')), (b, hint) => {
          onlyOwnErrors(() => sniffBinary(b));
          onlyOwnErrors(() => decodeText(b, hint));
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('readDocuments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsgraph-fuzz-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should turn any file content into a document or a skipped item, never an exception', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.uint8Array({ maxLength: 3000 }), text.map((t) => Buffer.from(t, 'utf8'))),
          fc.constantFrom('.txt', '.md', '.html', '.jsonl'),
          async (bytes, ext) => {
            const file = join(dir, `f${n++}${ext}`);
            writeFileSync(file, bytes);
            for await (const item of readDocuments([file])) {
              expect(['document', 'skipped']).toContain(item.kind);
              if (item.kind === 'skipped') expect(item.skipped.reason.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 120 },
      );
    });
  });
});
