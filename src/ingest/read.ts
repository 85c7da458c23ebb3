/**
 * Files and folders → a stream of Documents and skipped inputs. Folders are walked lazily in sorted
 * order (one directory listing in memory at a time); JSON Lines files are read line by line from a
 * stream, so memory does not grow with the input's size. Nothing here throws for a bad input: every
 * unreadable file or line becomes a `skipped` item naming the path and the reason.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { Document, SkippedInput } from '../types.js';
import { buildDocument, sha256, type TextFormat } from './document.js';
import { normaliseDate } from './dates.js';
import { decodeText, sniffBinary, sniffHtmlCharset, SNIFF_BYTES } from './decode.js';

/** One result of reading: a document, or an input (file or JSON Lines line) that was not read. */
export type IngestItem =
  | {
      kind: 'document';
      document: Document;
      /** The file it was read from, as skipped items name it (a JSON Lines file's path, not its line's). */
      from?: string;
      /** A JSON Lines document's line in that file (skipped items name it `from:line`). */
      line?: number;
    }
  | {
      kind: 'skipped';
      skipped: SkippedInput;
      /**
       * True when the input WAS read as a document and this item only reports that part of it was
       * lost or replaced (truncated at `maxFileBytes`, invalid UTF-8 replaced): a warning, not a
       * failure to read.
       */
      partial?: boolean;
      /** True when the input was given explicitly (not found inside a folder). */
      explicit?: boolean;
    };

export interface ReadOptions {
  /**
   * Largest number of bytes read from one file (default 5 MiB). A longer file is read up to the
   * last line break before the limit and reported with a `partial` skipped item. JSON Lines files
   * have no total limit; a single line longer than this is skipped.
   *
   * Why 5 MiB: a news article is a few KB and the longest real pages a few hundred KB; extraction
   * runs at roughly 0.15–0.3 MB/s per core, so 5 MiB already costs ~20–30 s for one file. Larger
   * collections belong in many files or in JSON Lines (one article a line, no total limit).
   */
  maxFileBytes?: number;
  /**
   * Read only these files (absolute paths as `scanInputs` lists them); the others are passed over
   * without a word. Ids stay those of a full read when no two inputs hold the same relative path
   * (always with one input): `watch` reads just the files that changed that way. When two do, a file
   * passed over does not claim its id, so the other input's file may get the plain one instead of
   * `<root>/path`.
   */
  only?: ReadonlySet<string>;
  /**
   * The outlet of every document read that names none of its own (front matter `source:`, an HTML
   * page's site name, a JSON Lines `source`): a folder of one outlet's plain-text articles (BBC) is
   * then that outlet's, rather than each document an outlet of its own (its id). A document's own
   * outlet wins. White space is collapsed; a blank name is none.
   */
  outlet?: string;
}

export interface ResolvedReadOptions {
  maxFileBytes: number;
  only?: ReadonlySet<string>;
  outlet?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function resolveReadOptions(options: ReadOptions = {}): ResolvedReadOptions {
  const max = options.maxFileBytes;
  const outlet = typeof options.outlet === 'string' ? options.outlet.replace(/\s+/g, ' ').trim() : '';
  return {
    maxFileBytes: typeof max === 'number' && Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_MAX_FILE_BYTES,
    ...(options.only ? { only: options.only } : {}),
    ...(outlet ? { outlet } : {}),
  };
}

/** A document read, with the outlet of the read options when it names none of its own. */
function withOutlet(ctx: Context, document: Document): Document {
  if (!document.source && ctx.options.outlet) document.source = ctx.options.outlet;
  return document;
}

/**
 * True for the name of a file that describes a collection rather than being part of it: README,
 * LICENSE / LICENCE, COPYING, CHANGELOG, CHANGES, NOTICE, AUTHORS, with any extension or none (the
 * BBC corpus' README.TXT, a folder's README.md). Walks pass them over silently, as hidden files; a
 * file given by name is read.
 */
export function isCollectionNote(name: string): boolean {
  return /^(readme|licen[cs]e|copying|change(log|s)|notice|authors)(\.[^.]*)?$/i.test(name);
}

/**
 * True for the listing of a folder newsgraph wrote a graph into (extractions.jsonl beside graph.json,
 * its index or the resolver memo: the names store/ writes). Such a folder inside an input holds no
 * articles, only newsgraph's own output (whose .jsonl files would otherwise read as articles, and a
 * `watch` whose graph is inside the watched folder would feed on its own updates), so walks pass it
 * over as they pass over hidden folders.
 */
export function isGraphFolderListing(names: Iterable<string>): boolean {
  let records = false;
  let graph = false;
  for (const n of names) {
    if (n === 'extractions.jsonl') records = true;
    else if (n === 'graph.json' || n === 'graph.index.json' || n === 'resolve-memo.json') graph = true;
  }
  return records && graph;
}

/** Extensions read inside folders, and the format each is read as. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, TextFormat | 'jsonl'>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** A filesystem error as a short reason: `no such file or directory`, `permission denied`. */
export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links (a link loop)';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

interface Context {
  options: ResolvedReadOptions;
  /** Document ids given out so far (ids must be unique across inputs). */
  ids: Set<string>;
  /** Real paths of files read so far → the path they were read as. */
  files: Map<string, string>;
  /** The folder input being walked, as given (what a skipped root is reported as). */
  shownRoot?: string;
}

/** A unique id: `rel`, else `<root>/rel`, else `rel~2`, `rel~3`, … */
function uniqueId(ctx: Context, id: string, rootName: string): string {
  let candidate = id;
  if (ctx.ids.has(candidate) && rootName) candidate = `${rootName}/${id}`;
  for (let n = 2; ctx.ids.has(candidate); n++) candidate = `${id}~${n}`;
  ctx.ids.add(candidate);
  return candidate;
}

function skip(path: string, reason: string, extra: { partial?: boolean; explicit?: boolean } = {}): IngestItem {
  return { kind: 'skipped', skipped: { path, reason }, ...extra };
}

/**
 * Reads articles from files and folders: .txt, .md, .html/.htm, .jsonl/.ndjson. Folders are walked
 * recursively in sorted order (hidden entries and node_modules ignored; other extensions reported
 * as `unsupported file type`); a file given explicitly is read whatever its extension (by content).
 * Never throws for bad input: each problem is a `skipped` item with the path and the reason.
 * Document ids are paths relative to the input root (`world/a.txt`; a file input: its basename),
 * `file.jsonl#<id or line number>` for JSON Lines, made unique across inputs by prefixing the
 * root's name when two inputs hold the same relative path. A folder holding a graph newsgraph wrote
 * (see `isGraphFolderListing`) is passed over inside an input, and skipped when given as one.
 */
export async function* readDocuments(inputs: string[], options?: ReadOptions): AsyncGenerator<IngestItem> {
  const ctx: Context = { options: resolveReadOptions(options), ids: new Set(), files: new Map() };
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield skip(input, reasonOf(error), { explicit: true });
      continue;
    }
    if (info.isDirectory()) {
      const root = resolve(input);
      let real: string;
      try {
        real = await realpath(root);
      } catch (error) {
        yield skip(input, reasonOf(error), { explicit: true });
        continue;
      }
      ctx.shownRoot = input;
      yield* walk(ctx, root, '', basename(root), new Set([real]));
    } else if (info.isFile()) {
      if (ctx.options.only && !ctx.options.only.has(resolve(input))) continue;
      yield* readFile(ctx, resolve(input), basename(input), input, '', true);
    } else {
      yield skip(input, 'not a regular file or folder (device, socket or pipe)', { explicit: true });
    }
  }
}

const graphFolderReason = (shown: string): string =>
  `a folder newsgraph wrote a graph into, not articles (to build from its documents' records: newsgraph build --from-extractions ${join(shown, 'extractions.jsonl')})`;

async function* walk(ctx: Context, dir: string, relDir: string, rootName: string, ancestors: Set<string>): AsyncGenerator<IngestItem> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield skip(relDir || '.', `cannot list folder: ${reasonOf(error)}`);
    return;
  }
  if (isGraphFolderListing(entries.map((e) => e.name))) {
    if (!relDir) yield skip(ctx.shownRoot ?? rootName, graphFolderReason(ctx.shownRoot ?? dir), { explicit: true });
    return;
  }
  const names = entries.filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules');
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    const abs = join(dir, entry.name);
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(abs);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        yield skip(rel, `broken symbolic link: ${reasonOf(error)}`);
        continue;
      }
    }
    if (isDir) {
      let real: string;
      try {
        real = await realpath(abs);
      } catch (error) {
        yield skip(rel, reasonOf(error));
        continue;
      }
      if (ancestors.has(real)) {
        yield skip(rel, 'symbolic link loop (links to a folder that contains it); not followed');
        continue;
      }
      const next = new Set(ancestors);
      next.add(real);
      yield* walk(ctx, abs, rel, rootName, next);
    } else if (isFile) {
      if (ctx.options.only && !ctx.options.only.has(abs)) continue;
      if (isCollectionNote(entry.name)) continue;
      const ext = extname(entry.name).toLowerCase();
      if (!(ext in SUPPORTED_EXTENSIONS)) {
        yield skip(rel, `unsupported file type ${ext || '(no extension)'}; newsgraph reads ${Object.keys(SUPPORTED_EXTENSIONS).join(' ')}`);
        continue;
      }
      yield* readFile(ctx, abs, rel, rel, rootName, false);
    } else {
      yield skip(rel, 'not a regular file (device, socket or pipe)');
    }
  }
}

/** Format of an explicitly given file with an unknown extension, from its first bytes. */
function formatByContent(sample: Uint8Array): TextFormat {
  const head = Buffer.from(sample.subarray(0, 1024)).toString('utf8').trimStart().toLowerCase();
  return /^(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/.test(head) ? 'html' : 'txt';
}

async function* readFile(
  ctx: Context,
  abs: string,
  rel: string,
  shown: string,
  rootName: string,
  explicit: boolean,
): AsyncGenerator<IngestItem> {
  const flags = explicit ? { explicit: true } : {};
  let real: string;
  try {
    real = await realpath(abs);
  } catch (error) {
    yield skip(shown, reasonOf(error), flags);
    return;
  }
  const earlier = ctx.files.get(real);
  if (earlier !== undefined) {
    yield skip(shown, `already read as ${earlier}`, flags);
    return;
  }
  ctx.files.set(real, shown);

  const ext = extname(abs).toLowerCase();
  const known = SUPPORTED_EXTENSIONS[ext];
  if (known === 'jsonl') {
    yield* readJsonLines(ctx, abs, rel, shown, rootName, explicit);
    return;
  }

  const max = ctx.options.maxFileBytes;
  let handle;
  try {
    handle = await open(abs, 'r');
  } catch (error) {
    yield skip(shown, reasonOf(error), flags);
    return;
  }
  let bytes: Buffer;
  let size: number;
  let hash: string;
  try {
    size = (await handle.stat()).size;
    if (size === 0) {
      yield skip(shown, 'empty file', flags);
      return;
    }
    const want = Math.min(size, max);
    bytes = Buffer.alloc(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(bytes, got, want - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    bytes = bytes.subarray(0, got);
    const binary = sniffBinary(bytes.subarray(0, SNIFF_BYTES));
    if (binary) {
      yield skip(shown, `binary file (${binary}), not read; convert it to text or HTML first`, flags);
      return;
    }
    if (size > got) {
      // Hash every byte of the file, not only what is read, so that a change anywhere is seen.
      const h = createHash('sha256').update(bytes);
      const chunk = Buffer.alloc(1024 * 1024);
      for (let pos = got; ; ) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, pos);
        if (bytesRead === 0) break;
        h.update(chunk.subarray(0, bytesRead));
        pos += bytesRead;
      }
      hash = h.digest('hex');
      bytes = cutAtBoundary(bytes);
    } else {
      hash = sha256(bytes);
    }
  } catch (error) {
    yield skip(shown, reasonOf(error), flags);
    return;
  } finally {
    await handle.close().catch(() => undefined);
  }

  const format: TextFormat = known ?? formatByContent(bytes);
  const decoded = decodeText(bytes, format === 'html' ? sniffHtmlCharset(bytes) : null);
  if (!decoded.ok) {
    yield skip(shown, decoded.reason, flags);
    return;
  }
  if (decoded.text.trim() === '') {
    yield skip(shown, 'empty file (only white space)', flags);
    return;
  }
  const id = uniqueId(ctx, rel, rootName);
  const { document } = buildDocument(decoded.text, { id, path: id, hash, format });
  if (document.text.trim() === '') {
    ctx.ids.delete(id);
    yield skip(shown, format === 'html' ? 'no article text found in the HTML' : 'no article text (only page furniture)', flags);
    return;
  }
  yield { kind: 'document', document: withOutlet(ctx, document), from: shown };
  if (size > bytes.length) {
    yield skip(shown, `truncated: only the first ${mib(bytes.length)} of ${mib(size)} were read (limit maxFileBytes = ${mib(max)})`, {
      ...flags,
      partial: true,
    });
  }
  if (decoded.warning) yield skip(shown, `${decoded.warning} (read anyway)`, { ...flags, partial: true });
}

/** Cuts a truncated read at its last line break (or a UTF-8 / UTF-16 character boundary). */
function cutAtBoundary(bytes: Buffer): Buffer {
  const nl = bytes.lastIndexOf(0x0a);
  if (nl > bytes.length - 1024 * 1024 && nl > 0) return bytes.subarray(0, nl + 1);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return bytes.subarray(0, bytes.length & ~1);
  }
  let end = bytes.length;
  // Step back over UTF-8 continuation bytes and the lead byte of an incomplete character.
  let k = end - 1;
  while (k > 0 && end - k < 4 && (bytes[k]! & 0xc0) === 0x80) k--;
  if (k >= 0 && bytes[k]! >= 0xc0) end = k;
  return bytes.subarray(0, end);
}

/** Splits a byte stream into lines without holding more than one line and one chunk in memory. */
async function* linesOf(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    let start = 0;
    const text = rest + chunk;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

/**
 * The fields a JSON Lines article may keep its parts in, in order of preference: newsgraph's own
 * names first, then those of common news dumps (news-please: `maintext`, `date_publish`,
 * `source_domain`; NewsAPI: `content`, `publishedAt`, `source: { name }`; others: `body`, `article`,
 * `story`, `headline`, `link`). The first field holding a string wins (for the text, the first
 * holding a non-blank one).
 */
const JSONL_FIELDS = {
  text: ['text', 'body', 'content', 'maintext', 'article', 'story'],
  title: ['title', 'headline'],
  source: ['source', 'outlet', 'publisher', 'source_domain'],
  date: ['date', 'published', 'date_publish', 'publishedAt', 'pubDate'],
  url: ['url', 'link'],
} as const;

/** A field's string value: the first of `names` holding a string (a `{ name }` object counts, as NewsAPI's `source`). */
function fieldOf(o: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const k of names) {
    const v = o[k];
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  }
  return undefined;
}

/** Why a JSON Lines object has no article text, naming the field that is wrong or the fields it has. */
function missingText(o: Record<string, unknown>): string {
  const present = JSONL_FIELDS.text.find((k) => o[k] !== undefined);
  if (present) return `"${present}" is ${describeType(o[present])}, expected a string`;
  const alternatives = JSONL_FIELDS.text.slice(1).map((k) => `"${k}"`).join(', ');
  const keys = Object.keys(o).slice(0, 8).map((k) => JSON.stringify(k));
  const has = keys.length ? `the line has ${keys.join(', ')}${Object.keys(o).length > keys.length ? ', …' : ''}` : 'the line is an empty object';
  return `missing "text" (nor ${alternatives}): ${has}`;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

async function* readJsonLines(
  ctx: Context,
  abs: string,
  rel: string,
  shown: string,
  rootName: string,
  explicit: boolean,
): AsyncGenerator<IngestItem> {
  const flags = explicit ? { explicit: true } : {};
  // Look at the first bytes before streaming: a binary file is not split into "lines".
  try {
    const handle = await open(abs, 'r');
    try {
      const sample = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(sample, 0, SNIFF_BYTES, 0);
      if (bytesRead === 0) {
        yield skip(shown, 'empty file', flags);
        return;
      }
      const binary = sniffBinary(sample.subarray(0, bytesRead));
      if (binary) {
        yield skip(shown, `binary file (${binary}), not read; convert it to text or HTML first`, flags);
        return;
      }
      if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
        yield skip(shown, 'JSON Lines in UTF-16: JSON Lines must be UTF-8; convert it with iconv', flags);
        return;
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
  } catch (error) {
    yield skip(shown, reasonOf(error), flags);
    return;
  }

  const max = ctx.options.maxFileBytes;
  const lineIds = new Map<string, number>();
  const fileId = uniqueId(ctx, rel, rootName);
  let n = 0;
  let documents = 0;
  let problems = 0;
  try {
    for await (let line of linesOf(abs)) {
      n++;
      if (n === 1 && line.startsWith('\ufeff')) line = line.slice(1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() === '') continue;
      const where = `${shown}:${n}`;
      if (line.length > max) {
        problems++;
        yield skip(where, `line too long (${mib(line.length)}; limit maxFileBytes = ${mib(max)})`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        problems++;
        yield skip(where, `invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems++;
        yield skip(where, `not a JSON object (found ${describeType(value)}); each line must be {"text": …}`);
        continue;
      }
      const o = value as Record<string, unknown>;
      const isString = (k: string) => typeof o[k] === 'string';
      const textField = JSONL_FIELDS.text.find((k) => isString(k) && (o[k] as string).trim() !== '') ?? JSONL_FIELDS.text.find(isString);
      if (textField === undefined) {
        problems++;
        yield skip(where, missingText(o));
        continue;
      }
      const text = o[textField] as string;
      if (text.trim() === '') {
        problems++;
        yield skip(where, `empty "${textField}"`);
        continue;
      }
      const ownId = typeof o.id === 'string' && o.id.trim() !== '' ? o.id.trim() : typeof o.id === 'number' && Number.isFinite(o.id) ? String(o.id) : null;
      if (ownId !== null) {
        const first = lineIds.get(ownId);
        if (first !== undefined) {
          problems++;
          yield skip(where, `duplicate id ${JSON.stringify(ownId)} (first used on line ${first})`);
          continue;
        }
        lineIds.set(ownId, n);
      }
      const id = uniqueId(ctx, `${fileId}#${ownId ?? n}`, '');
      const title = fieldOf(o, JSONL_FIELDS.title);
      const source = fieldOf(o, JSONL_FIELDS.source);
      const url = fieldOf(o, JSONL_FIELDS.url);
      const date = fieldOf(o, JSONL_FIELDS.date);
      const { document } = buildDocument(text, {
        id,
        path: fileId,
        format: o.format === 'html' || o.format === 'md' ? o.format : 'txt',
        ...(title !== undefined ? { title } : {}),
        ...(source !== undefined ? { source } : {}),
        ...(url !== undefined ? { url } : {}),
      });
      if (date !== undefined) document.published = normaliseDate(date);
      // The content a graph is built from, not the line: a story sent again under another id or at
      // another time of the same day is a copy (Reuters-21578 has 217), while a changed title, text,
      // outlet, address or day is a changed document.
      document.hash = sha256(JSON.stringify([document.title, document.text, document.source, document.url, document.published]));
      documents++;
      yield { kind: 'document', document: withOutlet(ctx, document), from: shown, line: n };
    }
  } catch (error) {
    yield skip(n > 0 ? `${shown}:${n + 1}` : shown, `read failed: ${reasonOf(error)}`, flags);
    return;
  }
  if (documents === 0 && problems === 0) yield skip(shown, 'no articles (only blank lines)', flags);
}
