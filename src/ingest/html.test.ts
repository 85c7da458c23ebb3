import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { domToText, extractHtml, MAX_DOM_DEPTH, measureTags, tagsToText } from './html.js';
import { parseHTML } from 'linkedom';

const page = readFileSync(join(import.meta.dirname, '__fixtures__', 'page.html'), 'utf8');
const para = (s: string): string => `<p>${s} ${'The talks went on for hours and ended without agreement, officials said. '.repeat(3)}</p>`;

describe('html', () => {
  describe('extractHtml', () => {
    it('should take metadata from the head (fixture)', () => {
      const a = extractHtml(page);
      expect(a).toMatchObject({
        title: 'Ministers meet in Geneva as ceasefire talks resume',
        source: 'Example Courier',
        published: '2020-03-03',
        url: 'https://courier.example/world/geneva-talks',
      });
    });

    it('should keep the article paragraphs separated by blank lines and drop scripts, styles, navigation, asides and footer (fixture)', () => {
      const { text } = extractHtml(page);
      expect(text).toContain('Foreign ministers from Turkey and Russia met in Geneva on Tuesday');
      expect(text).toContain('officials said.\n\nThe talks, hosted by');
      for (const junk of ['TRACKING-SCRIPT-TEXT', 'INLINE-SCRIPT-TEXT', 'font-family', 'Sport', 'Most read', 'All rights reserved']) {
        expect(text).not.toContain(junk);
      }
    });

    it.each([
      ['<title> when there is no og:title', '<title>Plain title</title>', 'Plain title'],
      ['<h1> when there is no title at all', '', 'The H1 headline'],
      ['JSON-LD headline', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"LD headline"}</script>', 'LD headline'],
    ])('should take the title from %s', (_label, head, title) => {
      const html = `<html><head>${head}</head><body><article><h1>The H1 headline</h1>${para('Body.')}</article></body></html>`;
      expect(extractHtml(html).title).toBe(title);
    });

    it.each([
      ['<time datetime>', '', '<time datetime="2021-05-04T10:00:00Z">4 May</time>', '2021-05-04'],
      ['JSON-LD datePublished', '<script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"2019-12-01","publisher":{"name":"LD Wire"}}]</script>', '', '2019-12-01'],
      ['meta name=date', '<meta name="date" content="2018-07-09">', '', '2018-07-09'],
    ])('should take the publication date from %s', (_label, head, body, date) => {
      const html = `<html><head>${head}</head><body><article>${body}${para('Body.')}</article></body></html>`;
      expect(extractHtml(html).published).toBe(date);
    });

    it('should fall back to the body text when there is no article-like block, without nav and footer', () => {
      const html = '<html><body><nav>Home World</nav><div>Short note: Ankara said yes.</div><footer>Footer text</footer></body></html>';
      const { text } = extractHtml(html);
      expect(text).toContain('Short note: Ankara said yes.');
      expect(text).not.toContain('Home World');
      expect(text).not.toContain('Footer text');
    });

    it.each([
      ['empty string', ''],
      ['unclosed tags', '<html><body><p>Open <b>bold <i>italic'],
      ['only a script', '<script>alert(1)</script>'],
      ['not HTML at all', 'just some words < and > & stuff'],
      ['malformed JSON-LD', '<script type="application/ld+json">{oops</script><p>x</p>'],
    ])('should not throw on %s', (_label, html) => {
      expect(() => extractHtml(html)).not.toThrow();
      expect(extractHtml(html).text).not.toContain('alert(1)');
    });

    it('should drop the outlet name from the end of a <title>', () => {
      const html = `<html><head><title>Talks resume | Example Courier</title><meta property="og:site_name" content="Example Courier"></head><body>${para('x')}</body></html>`;
      expect(extractHtml(html).title).toBe('Talks resume');
    });

    it('should reject a non-http canonical url', () => {
      const html = `<html><head><link rel="canonical" href="javascript:alert(1)"></head><body>${para('x')}</body></html>`;
      expect(extractHtml(html).url).toBeNull();
    });
  });

  describe('extractHtml (pages too big or deep for a DOM)', () => {
    it('should read a page nested deeper than MAX_DOM_DEPTH without a DOM, keeping head metadata', () => {
      const depth = MAX_DOM_DEPTH * 5;
      const html = `<html><head><title>Deep page</title></head><body><nav>Menu</nav><p>Ankara said &amp; Moscow agreed.</p>${'<div>'.repeat(depth)}Deep words${'</div>'.repeat(depth)}</body></html>`;
      const a = extractHtml(html);
      expect(a.title).toBe('Deep page');
      expect(a.text).toBe('Ankara said & Moscow agreed.\n\nDeep words');
    });
  });

  describe('measureTags', () => {
    it.each([
      ['nested divs', '<div><div><span>x</span></div></div>', { tags: 6, depth: 3 }],
      ['void and self-closing tags', '<p>a<br>b<img src=x><x-y/></p>', { tags: 5, depth: 0 }],
      ['unclosed paragraphs', '<div><p>a<p>b<p>c</div>', { tags: 5, depth: 1 }],
    ])('should count %s', (_label, html, shape) => {
      expect(measureTags(html)).toEqual(shape);
    });
  });

  describe('tagsToText', () => {
    it('should drop scripts, styles and navigation, break blocks and decode entities', () => {
      const html = '<head><title>x</title></head><nav>Home</nav><script>var a = "<p>no</p>";</script><h1>Title</h1><p>A &lt;b&gt; &#8220;quote&#x201D; &nbsp;here</p>line<br>two';
      expect(tagsToText(html)).toBe('Title\n\nA <b> \u201cquote\u201d here\n\nline\ntwo');
    });
  });

  describe('domToText', () => {
    it('should turn blocks into paragraphs and <br> into line breaks, collapsing spaces', () => {
      const { document } = parseHTML('<html><body><h2>Head</h2><p>One   two<br>three</p><ul><li>a</li><li>b</li></ul></body></html>');
      expect(domToText(document.body as never)).toBe('Head\n\nOne two\nthree\n\na\n\nb');
    });
  });
});
