/**
 * Sentence splitting with exact offsets into the text, without a parse (fast: a few regex scans).
 * - `.`, `!`, `?` (with closing quotes or brackets after them) end a sentence when the next word
 *   starts like a sentence; titles (`Mr.`, `Gen.`) and initials (`J.`) never end one; other
 *   abbreviations (`U.S.`, `Feb.`, `Inc.`) only before a typical sentence opener (`The`, `He`…).
 * - A blank line always ends a sentence; a single line break ends one too (titles, headings, lists,
 *   one-sentence-per-line text) unless the paragraph is hard-wrapped prose (Reuters-style: most
 *   lines long and not ending in punctuation), where it is just a space.
 */
import type { Sentence } from '../types.js';
import { ABBREVIATIONS } from './ner/tokenize.js';

/** Abbreviations after which a sentence never ends (they precede a name or number). */
const NEVER_FINAL = new Set(
  'mr mrs ms dr prof sr st mt ft gen col lt sgt capt cmdr adm maj brig gov sen rep rev hon pres supt insp cpl pvt messrs mme mlle no nos vs e.g i.e'.split(' '),
);

/** Words that typically open a sentence: after an ambiguous abbreviation they signal a boundary. */
const OPENERS = new Set(
  ('the a an he she it they we i you his her its their our this that these those there here but and so yet ' +
    'in on at for after before when while if as by with from however meanwhile also some many most one two three ' +
    'what who why how where no not now then still last next earlier later according').split(' '),
);

const END_RE = /[.!?]+["'”’)\]]*(?=\s)|[.!?]+["'”’)\]]*$/g;

/** A line closed by a full stop (or ? !), then an indented line. */
const INDENTED_RE = /[.!?]["'”’)\]]*[ \t]*\n(?=[ \t]{2,}\S)/g;

/** The text's paragraphs, split on blank lines: [start, end) offsets, in order, covering the text. */
export function splitParagraphs(text: string): [number, number][] {
  const para = /\n[ \t\r\f\v\u00a0]*\n/g;
  let start = 0;
  const paragraphs: [number, number][] = [];
  let m: RegExpExecArray | null;
  while ((m = para.exec(text)) !== null) {
    paragraphs.push([start, m.index]);
    start = m.index + m[0].length;
  }
  paragraphs.push([start, text.length]);
  return paragraphs;
}

/** Splits text into sentences; offsets are exact, surrounding whitespace excluded. Total: '' → []. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  if (!text || !/\S/.test(text)) return out;
  const cuts = new Set<number>(); // offsets where a new sentence may start (after whitespace trim)
  // paragraphs: split on blank lines, then decide how single line breaks behave
  let m: RegExpExecArray | null;
  for (const [ps, pe] of splitParagraphs(text)) {
    cuts.add(ps);
    const body = text.slice(ps, pe);
    if (body.includes('\n') && !isHardWrapped(body)) {
      const wire = isWireCopy(body);
      let k = body.indexOf('\n');
      while (k >= 0) {
        if (!runsOn(body, k, wire)) cuts.add(ps + k + 1);
        k = body.indexOf('\n', k + 1);
      }
    }
    // a full stop at the end of a line before an indented one ends a paragraph of wire copy, even
    // after an abbreviation ("… Lehman Brothers Inc.\n    BP said")
    INDENTED_RE.lastIndex = 0;
    while ((m = INDENTED_RE.exec(body)) !== null) cuts.add(ps + m.index + m[0].length);
    END_RE.lastIndex = 0;
    while ((m = END_RE.exec(body)) !== null) {
      const endAt = m.index + m[0].length;
      if (isBoundary(body, m.index, m[0], endAt)) cuts.add(ps + endAt);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  sorted.push(text.length);
  for (let i = 0; i + 1 < sorted.length; i++) {
    let start = sorted[i] as number;
    let end = sorted[i + 1] as number;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ index: out.length, start, end });
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0xfeff;
}

/**
 * Wire copy: paragraphs opened by an indented line after a line that ends a sentence, wrapped lines
 * flush left — two such openings at least, and more than indented lines of other kinds (a table's
 * rows, a quoted block), so that a heading in other text is not run into the sentence after it.
 */
function isWireCopy(body: string): boolean {
  const lines = body.split('\n');
  let openings = 0;
  let others = 0;
  let flush = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!/^[ \t]{2,}\S/.test(line)) {
      if (/\S/.test(line) && openings > 0) flush = true;
      continue;
    }
    if (/[.!?]["'”’)\]]*[ \t\r]*$/.test(lines[i - 1] as string)) openings++; // (\r: text saved with CRLF line ends)
    else others++;
  }
  return flush && openings >= 2 && openings > others;
}

/** Words that end no sentence, heading or list item: a line ending on one runs on. */
const RUN_ON_END = /(?:^|[\s(])(?:a|an|the|of|to|and|or|nor|in|on|at|for|with|by|from|that|as|his|her|its|their|our|my|your|is|are|was|were|has|have|had)$/;
/** A line opening on a lower-case word (not "iPhone" or "eBay"). */
const LOWER_START = /^[ \t]*\p{Ll}+(?=[\s,;:.'’-]|$)/u;

/**
 * Whether the single line break at `k` is a space inside a sentence, in a paragraph not wrapped as a
 * whole (a short wire story whose lines mostly end sentences): the line ends on a comma or a word that
 * ends nothing ("… in the area, a\nBritish naval source said"), or it ends without a sentence's
 * punctuation and the next opens in lower case ("… said Iran had\nfired the missile").
 */
function runsOn(body: string, k: number, wire: boolean): boolean {
  const lineStart = body.lastIndexOf('\n', k - 1) + 1;
  const line = body.slice(lineStart, k).trimEnd();
  const next = body.slice(k + 1, k + 41);
  // an indented line opens a paragraph or a table's row ("    loans 33.93 billion vs 35.33 billion")
  if (!line.trim() || /^[ \t]{2,}/.test(next)) return false;
  if (/,$/.test(line) || RUN_ON_END.test(line)) return true;
  if (/[.!?:;]["'”’)\]]*$/.test(line)) return false;
  // in wire copy, where an indented line opens each paragraph, a line that is not indented goes on with the one before
  return LOWER_START.test(next) || (wire && /^\S/.test(next));
}

/** Prose wrapped at a fixed width: most lines long and running on without final punctuation. */
function isHardWrapped(body: string): boolean {
  const lines = body.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length < 3) return false;
  let runOn = 0;
  let longest = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i] as string;
    longest = Math.max(longest, l.length);
    if (l.length >= 40 && !/[.!?:"”’)]$/.test(l)) runOn++;
  }
  return longest <= 110 && runOn >= 0.5 * (lines.length - 1);
}

/** A name of one to four words and a verb of saying: what follows a quote its speaker closes. */
const SPEAKER_AFTER_QUOTE = /^\s*(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|replied|replies|shouted|exclaimed|wondered|recalled|continued)\b/u;

function isBoundary(body: string, at: number, mark: string, endAt: number): boolean {
  // what follows: skip spaces, look at the next word
  const rest = body.slice(endAt, endAt + 40);
  const next = /^\s*(["'“‘(\[]?)(\S*)/.exec(rest);
  const nextWord = next?.[2] ?? '';
  if (!nextWord) return true; // end of paragraph
  const c = nextWord[0] ?? '';
  if (/[\p{Ll}]/u.test(c)) return false; // "he asked." / "?" followed by lower case
  if (!/[\p{Lu}\p{N}"'“‘(\[]/u.test(c) && !next?.[1]) return false;
  // "“Who would have believed it?” Trump said": a quoted question or exclamation and its speaker
  if (/[?!]/.test(mark[0]!) && /["”’']$/.test(mark) && SPEAKER_AFTER_QUOTE.test(rest)) return false;
  if (mark[0] !== '.') return true;
  // the word before the period
  const before = /([\p{L}\p{M}\p{N}.'’&-]+)$/u.exec(body.slice(Math.max(0, at - 40), at))?.[1] ?? '';
  const lower = before.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (/^\p{Lu}$/u.test(before)) return false; // an initial: "John F. Kennedy"
  const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(before); // U.S. (the final period is `mark`)
  if (dotted || ABBREVIATIONS.has(lower)) {
    const w = nextWord.replace(/[^\p{L}]+$/u, '').toLowerCase();
    return OPENERS.has(w);
  }
  if (/^\p{N}+$/u.test(before) && /^\p{N}/u.test(c)) return false; // "1. 2." lists are rare; "3.5" never reaches here
  return true;
}
