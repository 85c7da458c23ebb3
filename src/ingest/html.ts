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

/** "Talks resume | Example Courier" → "Talks resume" when the suffix is the outlet's name. */
function withoutSiteSuffix(title: string, site: string): string {
  if (!site) return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ']) {
    const suffix = `${sep}${site}`;
    if (title.length > suffix.length && title.toLowerCase().endsWith(suffix.toLowerCase())) return title.slice(0, -suffix.length).trim();
  }
  return title;
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

/**
 * Pages with more elements than this skip Readability, whose cost grows faster than linearly with
 * the DOM (a generated 4 MB page of 300k elements: 400 s and 1.4 GB); news pages have a few
 * thousand elements. They get the body fallback instead.
 */
export const MAX_READABILITY_ELEMENTS = 20_000;

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

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', mdash: '—', ndash: '–', rsquo: '’',
  lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…', eacute: 'é', uuml: 'ü', ouml: 'ö', ccedil: 'ç',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/**
 * Text of a page without a DOM, for pages too big or too deep for one (and as the last resort):
 * scripts, styles, navigation, header, footer and asides dropped, blocks → blank lines.
 */
export function tagsToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template|svg|head|nav|header|footer|aside|form|iframe|select|textarea|button)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(?:p|div|section|article|main|h[1-6]|blockquote|pre|ul|ol|li|dl|dt|dd|table|tr|figure|figcaption|address|hr|caption|details|summary|center)\b[^>]*>/gi, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Elements that never get a closing tag, or whose closing tag is often left out. */
const NO_DEPTH = /^(?:area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|p|li|td|th|tr|option|dt|dd|!doctype)$/i;

/** Tag count and maximum nesting depth, estimated from the raw markup in one pass. */
export function measureTags(html: string): { tags: number; depth: number } {
  let tags = 0;
  let depth = 0;
  let max = 0;
  const re = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(html); m !== null; m = re.exec(html)) {
    tags++;
    if (NO_DEPTH.test(m[2]!) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return { tags, depth: max };
}

/**
 * linkedom's parser slows down with the square of the nesting depth (50,000 nested divs: 14 s) and
 * Readability with the size of the DOM; pages beyond these bounds are read without a DOM. Real
 * news pages nest a few dozen deep and hold a few thousand elements.
 */
export const MAX_DOM_DEPTH = 400;
export const MAX_DOM_TAGS = 150_000;

/** The page's <head> alone, for its metadata, when the whole page is too big for a DOM. */
function headOnly(html: string): string {
  const end = html.search(/<\/head\s*>/i);
  const head = end === -1 ? '' : html.slice(0, end);
  return `${head.replace(/^[\s\S]*?<head[^>]*>/i, '<!doctype html><html><head>')}</head><body></body></html>`;
}

/** Last-resort text of a page. */
function stripTags(html: string): string {
  try {
    return tagsToText(html);
  } catch {
    return '';
  }
}

/** linkedom needs an <html> element to build a document around. */
function asDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
}

function extract(source0: string): HtmlArticle {
  const html = asDocument(source0);
  const shape = measureTags(html);
  const noDom = shape.depth > MAX_DOM_DEPTH || shape.tags > MAX_DOM_TAGS;
  const { document } = parseHTML(noDom ? headOnly(html) : html) as unknown as { document: DomDocument };
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

  // Read everything needed from the untouched DOM before Readability rewrites it.
  const heading = (h1?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const elements = document.querySelectorAll('*').length;
  let text = '';
  let mutated = false;
  if (noDom) {
    text = tagsToText(html);
  } else if (elements <= MAX_READABILITY_ELEMENTS) {
    try {
      mutated = true;
      const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
      if (article?.content) {
        const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as unknown as {
          document: DomDocument;
        };
        if (content.body) text = domToText(content.body);
      }
    } catch {
      text = '';
    }
  }
  if (!noDom && text.length < MIN_ARTICLE_CHARS) {
    // No article found (or a page too big for Readability): the body without navigation, header,
    // footer and asides, from a fresh DOM when Readability has rewritten the first.
    const fresh = mutated ? (parseHTML(html) as unknown as { document: DomDocument }).document : document;
    const root = fresh.body ?? fresh.documentElement;
    const fallback = root ? domToText(root, true) : '';
    if (fallback.trim() !== '') text = fallback;
  }
  const site = source.replace(/\s+/g, ' ').trim();
  return {
    title: withoutSiteSuffix((title || heading).replace(/\s+/g, ' ').trim(), site),
    source: site,
    published: publishedRaw ? normaliseDate(publishedRaw) : null,
    url: url && /^https?:\/\//i.test(url) ? url : null,
    text,
  };
}
