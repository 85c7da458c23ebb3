/**
 * Strings → Document: the shared path for files read from disk and for the Node API's
 * `documentFromText`. Plain text and Markdown keep their characters (front matter and furniture
 * blanked, offsets into the file preserved); HTML is reduced to its main text.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Document } from '../types.js';
import { blank, removeBoilerplate, type RemovedSpan } from './boilerplate.js';
import { normaliseDate } from './dates.js';
import { parseFrontMatter } from './front-matter.js';
import { extractHtml } from './html.js';
import { blankMarkdown } from './markdown.js';

export type TextFormat = 'txt' | 'md' | 'html';

/** Metadata a caller may give with a text; what is given wins over what the text says. */
export interface TextMeta {
  id?: string;
  title?: string;
  source?: string;
  published?: string;
  url?: string;
  format?: TextFormat;
}

/** Internal: a document plus what ingest removed, for tests and diagnostics. */
export interface BuiltDocument {
  document: Document;
  removed: RemovedSpan[];
}

/** Longest title kept; longer first lines are cut at a sentence or word boundary. */
export const MAX_TITLE_CHARS = 160;

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The first substantial line of (cleaned) text, as a headline; '' when there is none. */
export function guessTitle(text: string): string {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[\s#>*•-]+/, '').replace(/\s+/g, ' ').trim();
    if (line.length < 8 || !/\p{L}/u.test(line) || line.split(' ').length < 2) continue;
    return shorten(line);
  }
  return '';
}

function shorten(line: string): string {
  if (line.length <= MAX_TITLE_CHARS) return line;
  const sentence = /^(.{20,}?[.!?])\s/.exec(line);
  if (sentence && sentence[1]!.length <= MAX_TITLE_CHARS) return sentence[1]!;
  const cut = line.slice(0, MAX_TITLE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > 40 ? cut.slice(0, space) : cut}…`;
}

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}

/**
 * Builds a Document from a string. `path` and `hash` default to the id and the sha256 of the text.
 * @throws InputError when `text` is not a string.
 */
export function buildDocument(text: string, meta: TextMeta & { path?: string; hash?: string } = {}): BuiltDocument {
  if (typeof text !== 'string') {
    throw new InputError(`documentFromText: expected the article text as a string, found ${typeof text}.`, meta.path ?? meta.id ?? '');
  }
  const format: TextFormat = meta.format ?? 'txt';
  const hash = meta.hash ?? sha256(text);
  const id = meta.id ?? `text-${hash.slice(0, 12)}`;
  let title: string | undefined;
  let source: string | undefined;
  let published: string | null = null;
  let url: string | null = null;
  let body: string;
  let removed: RemovedSpan[] = [];

  if (format === 'html') {
    const page = extractHtml(text);
    const r = removeBoilerplate(page.text);
    body = r.text;
    removed = r.removed;
    title = clean(page.title);
    source = clean(page.source);
    published = page.published;
    url = page.url;
  } else {
    // A UTF-8 BOM left in a string would otherwise sit in the first line; blank it.
    body = text.startsWith('\ufeff') ? blank('\ufeff') + text.slice(1) : text;
    const fm = parseFrontMatter(body);
    if (fm) {
      body = fm.text;
      title = clean(fm.fields.title ?? fm.fields.headline);
      source = clean(fm.fields.source ?? fm.fields.outlet ?? fm.fields.publisher ?? fm.fields.site);
      const date = fm.fields.date ?? fm.fields.published ?? fm.fields.pubdate;
      published = date ? normaliseDate(date) : null;
      url = clean(fm.fields.url ?? fm.fields.link) ?? null;
    }
    if (format === 'md') body = blankMarkdown(body);
    const r = removeBoilerplate(body);
    body = r.text;
    removed = r.removed;
  }

  const givenDate = clean(meta.published);
  const document: Document = {
    id,
    path: meta.path ?? id,
    title: clean(meta.title) ?? title ?? guessTitle(body),
    source: clean(meta.source) ?? source ?? '',
    published: givenDate ? normaliseDate(givenDate) : published,
    url: clean(meta.url) ?? url,
    text: body,
    hash,
  };
  return { document, removed };
}

/**
 * Builds a Document from an article's text (Node API). Plain text and Markdown keep their length
 * (furniture blanked with spaces, offsets into `text` preserved); HTML is reduced to its main text.
 * @param meta what the caller knows (`id`, `title`, `source`, `published`, `url`, `format`,
 *   default `txt`); it wins over what the text says.
 * @throws InputError when `text` is not a string.
 */
export function documentFromText(text: string, meta?: TextMeta): Document {
  return buildDocument(text, meta).document;
}
