import { describe, expect, it } from 'vitest';
import { blankMarkdown } from './markdown.js';

describe('markdown', () => {
  describe('blankMarkdown', () => {
    it.each([
      ['link', 'See [the report](https://example.org/r "Report") now.', 'the report', 'example.org'],
      ['image', '![Erdogan in Ankara](img/erdogan.jpg)', 'Erdogan in Ankara', 'img/'],
      ['heading marks', '## Ankara responds', 'Ankara responds', '##'],
      ['emphasis', 'The **Syrian Observatory** said', 'Syrian Observatory', '**'],
      ['autolink', 'Source: <https://example.org/x>', 'Source:', 'https'],
      ['reference definition', '[1]: https://example.org/ref', '', 'https'],
    ])('should blank the %s markup and keep the words', (_label, md, kept, gone) => {
      const out = blankMarkdown(md);
      expect(out.length).toBe(md.length);
      expect(out).toContain(kept);
      expect(out).not.toContain(gone);
    });

    it('should keep the offsets of the words', () => {
      const md = '# Title\n\nNATO [chief](http://x.example) Jens Stoltenberg spoke.';
      const out = blankMarkdown(md);
      expect(out.indexOf('Jens Stoltenberg')).toBe(md.indexOf('Jens Stoltenberg'));
    });

    it('should leave snake_case and arithmetic alone', () => {
      expect(blankMarkdown('file_name_here and 2 * 3 = 6')).toBe('file_name_here and 2 * 3 = 6');
    });
  });
});

describe('markdown (hostile input)', () => {
  describe('blankMarkdown', () => {
    it.each([
      ['unclosed link openers', '[x]('.repeat(20_000)],
      ['backticks never closed on the line', '`a '.repeat(20_000)],
      ['an endless bracket', `[${'a'.repeat(100_000)}`],
    ])('should keep the length of %s', (_label, md) => {
      expect(blankMarkdown(md).length).toBe(md.length);
    });
  });
});
