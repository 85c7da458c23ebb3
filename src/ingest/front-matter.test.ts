import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './front-matter.js';

describe('front-matter', () => {
  describe('parseFrontMatter', () => {
    it('should parse key: value lines, remove quotes and blank the block', () => {
      const text = '---\ntitle: "Talks resume"\nSource: Example Wire\ndate: 2020-03-03\n---\nBody text.\n';
      const fm = parseFrontMatter(text)!;
      expect(fm.fields).toEqual({ title: 'Talks resume', source: 'Example Wire', date: '2020-03-03' });
      expect(fm.text.length).toBe(text.length);
      expect(fm.text.indexOf('Body text.')).toBe(text.indexOf('Body text.'));
      expect(fm.text.slice(0, text.indexOf('Body')).trim()).toBe('');
    });

    it('should keep CR LF line ends working', () => {
      const text = '---\r\ntitle: A\r\n---\r\nBody\r\n';
      expect(parseFrontMatter(text)?.fields).toEqual({ title: 'A' });
    });

    it.each([
      ['no front matter', 'Just text\n---\ntitle: x\n---\n'],
      ['a horizontal rule then prose', '---\nThis is prose, not metadata.\n---\n'],
      ['an unclosed block', '---\ntitle: x\nbody\n'],
      ['an empty block', '---\n---\nbody'],
    ])('should return null for %s', (_label, text) => {
      expect(parseFrontMatter(text)).toBeNull();
    });
  });
});
