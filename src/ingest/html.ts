/**
 * HTML → article text and metadata: @mozilla/readability finds the main text over a linkedom DOM
 * (falling back to the body without navigation, header, footer and asides when it finds nothing);
 * the text keeps paragraph breaks as blank lines so sentence splitting works. Scripts, styles,
 * templates, forms and navigation never reach the text. Metadata comes from the page's head:
 * title (og:title, <title>, <h1>), source (og:site_name, publisher metadata), published
 * (article:published_time, <time datetime>, JSON-LD datePublished), url (canonical, og:url).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { normaliseDate } from './dates.js';

export interface HtmlArticle {
  title: string;
  source: string;
  published: string | null;
  url: string | null;
  text: string;
}

/** Elements whose content is never article text. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'video',
  'audio', 'form', 'button', 'input', 'select', 'textarea', 'head', 'link', 'meta',
]);
/** Extra elements dropped when falling back to the whole body. */
const DROP_FALLBACK = new Set(['nav', 'header', 'footer', 'aside', 'menu']);

/** Elements that start a new paragraph (blank line before and after). */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'figure', 'figcaption', 'header', 'footer',
  'aside', 'nav', 'address', 'hr', 'caption', 'details', 'summary', 'center',
]);

// linkedom's DOM types are close to lib.dom's; this module only needs a small structural subset.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
}
interface DomDocument {
  title?: string;
  body: DomElement | null;
  documentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Turns a DOM subtree into text: blocks become paragraphs separated by a blank line. */
export function domToText(root: DomNode, fallback = false): string {
  const out: string[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? '').replace(/[\s\u00a0]+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toLowerCase();
    if (DROP.has(name) || (fallback && DROP_FALLBACK.has(name))) return;
    if (name === 'br') {
      out.push('\n');
      return;
    }
    const block = BLOCK.has(name);
    if (block) out.push('\n\n');
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i]!);
    if (block) out.push('\n\n');
  };
  walk(root);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function meta(doc: DomDocument, ...selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = doc.querySelector(sel);
    const v = (el?.getAttribute('content') ?? el?.getAttribute('href') ?? el?.getAttribute('datetime'))?.trim();
    if (v) return v;
  }
  return null;
}

/** Values from JSON-LD blocks (NewsArticle): datePublished, publisher.name, headline, url. */
function jsonLd(doc: DomDocument): { published?: string; publisher?: string; headline?: string; url?: string } {
  const found: { published?: string; publisher?: string; headline?: string; url?: string } = {};
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  const visit = (v: unknown, depth: number): void => {
    if (depth > 5 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.datePublished === 'string') found.published ??= o.datePublished;
    if (typeof o.headline === 'string') found.headline ??= o.headline;
    const pub = o.publisher as Record<string, unknown> | undefined;
    if (pub && typeof pub === 'object' && typeof pub.name === 'string') found.publisher ??= pub.name;
    if (typeof o.url === 'string' && typeof o.headline === 'string') found.url ??= o.url;
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (let i = 0; i < scripts.length; i++) {
    try {
      visit(JSON.parse(scripts[i]!.textContent ?? ''), 0);
    } catch {
      // malformed JSON-LD is common; ignore it
    }
  }
  return found;
}

/** Minimal length of Readability's text for it to be trusted over the body fallback. */
const MIN_ARTICLE_CHARS = 140;

/**
 * Extracts an article's main text and metadata from an HTML page. Never throws on malformed HTML:
 * linkedom parses anything, and an unusable page yields empty text.
 */
export function extractHtml(html: string): HtmlArticle {
  try {
    return extract(html);
  } catch {
    // linkedom and Readability are robust, but a page is arbitrary input: never let one break a build.
    return { title: '', source: '', published: null, url: null, text: stripTags(html) };
  }
}

/** Last-resort text of a page: tags, scripts and styles removed. */
function stripTags(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** linkedom needs an <html> element to build a document around. */
function asDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

function extract(source0: string): HtmlArticle {
  const html = asDocument(source0);
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  const ld = jsonLd(document);
  const h1 = document.querySelector('h1');
  const title =
    meta(document, 'meta[property="og:title"]', 'meta[name="twitter:title"]') ??
    ld.headline ??
    (document.querySelector('title')?.textContent ?? '').trim() ??
    '';
  const source =
    meta(document, 'meta[property="og:site_name"]', 'meta[name="publisher"]', 'meta[property="article:publisher"]', 'meta[name="application-name"]') ??
    ld.publisher ??
    '';
  const publishedRaw =
    meta(
      document,
      'meta[property="article:published_time"]',
      'meta[name="article:published_time"]',
      'meta[itemprop="datePublished"]',
      'meta[name="pubdate"]',
      'meta[name="publishdate"]',
      'meta[name="date"]',
      'meta[name="dc.date"]',
      'meta[name="DC.date.issued"]',
      'meta[name="citation_publication_date"]',
    ) ??
    ld.published ??
    meta(document, 'time[datetime]');
  const url = meta(document, 'link[rel="canonical"]', 'meta[property="og:url"]') ?? ld.url ?? null;

  let text = '';
  try {
    // Readability mutates the DOM it reads: give it its own copy.
    const { document: copy } = parseHTML(html) as unknown as { document: DomDocument };
    const article = new Readability(copy as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as unknown as {
        document: DomDocument;
      };
      if (content.body) text = domToText(content.body);
    }
  } catch {
    text = '';
  }
  if (text.length < MIN_ARTICLE_CHARS) {
    // Readability found no article: the body without navigation, header, footer and asides.
    const root = document.body ?? document.documentElement;
    const fallback = root ? domToText(root, true) : '';
    if (fallback.trim() !== '') text = fallback;
  }
  const heading = (h1?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    title: (title || heading).replace(/\s+/g, ' ').trim(),
    source: source.replace(/\s+/g, ' ').trim(),
    published: publishedRaw ? normaliseDate(publishedRaw) : null,
    url: url && /^https?:\/\//i.test(url) ? url : null,
    text,
  };
}
