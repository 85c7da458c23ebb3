import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { documentFromText, guessTitle } from './document.js';

describe('document', () => {
  describe('documentFromText', () => {
    it('should build a plain-text document with the furniture blanked and offsets kept', () => {
      const text = 'Share on:\nAnkara responds to strike\n\nTurkey said on Friday it had hit back at Syrian positions, officials said.\n';
      const d = documentFromText(text, { id: 'a', source: 'Wire' });
      expect(d).toMatchObject({ id: 'a', path: 'a', title: 'Ankara responds to strike', source: 'Wire', published: null, url: null });
      expect(d.text.length).toBe(text.length);
      expect(d.text.indexOf('Turkey said')).toBe(text.indexOf('Turkey said'));
      expect(d.text.startsWith('         \n')).toBe(true);
      expect(d.hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('should give a stable id from the content when none is given', () => {
      expect(documentFromText('Some article text here.').id).toBe(documentFromText('Some article text here.').id);
      expect(documentFromText('Some article text here.').id).not.toBe(documentFromText('Another text.').id);
    });

    it('should prefer the caller’s metadata over front matter, and front matter over guesses', () => {
      const text = '---\ntitle: FM title\nsource: FM source\ndate: 3 March 2020\n---\nBody line of the article.\n';
      expect(documentFromText(text)).toMatchObject({ title: 'FM title', source: 'FM source', published: '2020-03-03' });
      expect(documentFromText(text, { title: 'Given', published: '2021-01-02', url: 'https://x.example/' })).toMatchObject({
        title: 'Given',
        source: 'FM source',
        published: '2021-01-02',
        url: 'https://x.example/',
      });
    });

    it('should blank Markdown link targets in md format', () => {
      const d = documentFromText('# Title line here\n\nSee [report](https://example.org/r).', { format: 'md' });
      expect(d.text).not.toContain('example.org');
      expect(d.title).toBe('Title line here');
    });

    it('should extract the main text from html format', () => {
      const d = documentFromText('<html><head><title>T</title></head><body><p>Erdogan spoke in Ankara.</p><script>x()</script></body></html>', {
        format: 'html',
      });
      expect(d.title).toBe('T');
      expect(d.text).toBe('Erdogan spoke in Ankara.');
    });

    it('should blank a leading BOM rather than drop it, keeping the length', () => {
      const d = documentFromText('\ufeffHeadline of the article\n\nText.');
      expect(d.text.length).toBe('\ufeffHeadline of the article\n\nText.'.length);
      expect(d.title).toBe('Headline of the article');
    });

    it('should throw InputError for a non-string text', () => {
      expect(() => documentFromText(42 as unknown as string)).toThrow(InputError);
    });
  });

  describe('guessTitle', () => {
    it.each([
      ['the first substantial line', '\n  \n33\nTurkish soldiers killed in Idlib\nBody', 'Turkish soldiers killed in Idlib'],
      ['a Markdown heading without its marks', '## Heading of the story\nBody', 'Heading of the story'],
      ['the first sentence of a long first paragraph', `At least 33 soldiers were killed on Thursday. ${'More text follows here. '.repeat(10)}`, 'At least 33 soldiers were killed on Thursday.'],
      ['nothing in an empty text', '   \n', ''],
    ])('should take %s', (_label, text, title) => {
      expect(guessTitle(text)).toBe(title);
    });

    it('should cut an endless first line at a word boundary', () => {
      const t = guessTitle('word '.repeat(100));
      expect(t.length).toBeLessThanOrEqual(161);
      expect(t.endsWith('…')).toBe(true);
    });
  });
});
