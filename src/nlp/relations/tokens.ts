/**
 * Light tokenisation for the relation, attribution and claim patterns: words and punctuation with
 * exact offsets, split at mention boundaries, then mention-covered tokens merged into one unit.
 * No compromise parse: these stages read word shapes and lexicons only, which keeps them cheap.
 */
import type { EntityMention } from '../../types.js';
import { COUNTRIES } from '../../lexicon/places.js';

/** A token or an entity mention treated as one unit. */
export interface Unit {
  start: number;
  end: number;
  /** Surface text. */
  t: string;
  /** Lower case, curly apostrophes straightened. */
  l: string;
  /**
   * The mention this unit is, when it is one. Every unit has the field (undefined for a plain token),
   * so tokens and mention units share one object shape and the pattern code reading them stays
   * monomorphic.
   */
  m?: EntityMention | undefined;
}

const WORD = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:[-.'\u2019][\p{L}\p{N}]+)*|['\u2019][sS]\b|n['\u2019]t\b|\S/gu;

/** `WORD` anchored where it is tried, and the white space between words (what `WORD` skips). */
const WORD_AT = new RegExp(WORD.source, 'uy');
const SPACE_AT = /\s+/uy;

/** Splits `text[start, end)` into tokens with absolute offsets; mention boundaries always fall between tokens. */
export function tokenize(text: string, start: number, end: number, mentions: readonly EntityMention[] = []): Unit[] {
  // Called for every sentence by two stages, so written to allocate little: no match objects (the
  // leftmost match of `WORD` starts at the first character that is not white space, since `\S` is one
  // of its alternatives, so an anchored test there finds the same match), no regular expression per
  // token, a lower-case form copied only where it differs.
  let cuts: Set<number> | undefined;
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    (cuts ??= new Set()).add(m.start).add(m.end);
  }
  const out: Unit[] = [];
  const slice = text.slice(start, end);
  const len = slice.length;
  let p = 0;
  while (p < len) {
    SPACE_AT.lastIndex = p;
    if (SPACE_AT.test(slice)) p = SPACE_AT.lastIndex;
    if (p >= len) break;
    WORD_AT.lastIndex = p;
    if (!WORD_AT.test(slice)) break; // not reached: a character that is not white space matches `\S`
    const q = WORD_AT.lastIndex;
    const n = q - p;
    let s = start + p;
    const e = start + q;
    p = q;
    // a negation attached to a word: split it off ("didn't" → "did" "n't")
    if (n > 3 && endsWithNt(slice, q)) {
      push(out, text, s, e - 3);
      push(out, text, e - 3, e);
      continue;
    }
    // possessive attached to a word: split it off ("Turkey's" → "Turkey" "'s")
    const wordEnd = n > 2 && endsWithPossessive(slice, q) ? e - 2 : e;
    if (cuts) {
      for (let i = s + 1; i < wordEnd; i++) {
        if (cuts.has(i)) {
          push(out, text, s, i);
          s = i;
        }
      }
    }
    push(out, text, s, wordEnd);
    if (wordEnd < e) push(out, text, wordEnd, e);
  }
  return out;
}

const isApostrophe = (c: number): boolean => c === 39 || c === 0x2019;

/** The word of `w` ending at `end` ends as `/n['\u2019]t$/i` matches. */
function endsWithNt(w: string, end: number): boolean {
  const a = w.charCodeAt(end - 3);
  const t = w.charCodeAt(end - 1);
  return (a === 110 || a === 78) && isApostrophe(w.charCodeAt(end - 2)) && (t === 116 || t === 84);
}

/** The word of `w` ending at `end` ends as `/['\u2019][sS]$/` matches. */
function endsWithPossessive(w: string, end: number): boolean {
  const c = w.charCodeAt(end - 1);
  return (c === 115 || c === 83) && isApostrophe(w.charCodeAt(end - 2));
}

/** Lower case with curly apostrophes straightened. */
function lowerForm(t: string): string {
  const l = t.toLowerCase();
  return l.includes('\u2019') ? l.replace(/\u2019/g, "'") : l;
}

function push(out: Unit[], text: string, s: number, e: number): void {
  if (e <= s) return;
  const t = text.slice(s, e);
  out.push({ start: s, end: e, t, l: lowerForm(t), m: undefined });
}

/** Merges the tokens covered by each mention into one unit carrying it. Mentions must not overlap. */
export function toUnits(tokens: Unit[], mentions: readonly EntityMention[]): Unit[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Unit[] = [];
  let mi = 0;
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    while (mi < sorted.length && sorted[mi]!.end <= tok.start) mi++;
    const m = sorted[mi];
    if (m && m.start <= tok.start && tok.end <= m.end) {
      let j = i;
      while (j < tokens.length && tokens[j]!.end <= m.end) j++;
      out.push({ start: m.start, end: m.end, t: m.text, l: lowerForm(m.text), m });
      i = j;
      mi++;
    } else {
      out.push(tok);
      i++;
    }
  }
  return out;
}

/** A lookup table without a prototype, so words like "constructor" are not found in it. */
export function dict<T>(entries: Record<string, T>): Record<string, T> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/* ------------------------------------------------------------ word classes */

const COUNTRY_OF_DEMONYM: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [name, , demonyms] of COUNTRIES) for (const d of demonyms) m.set(d.toLowerCase(), name);
  return m;
})();
const COUNTRY_NAMES: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [name, , , aliases] of COUNTRIES) {
    m.set(name.toLowerCase(), name);
    for (const a of aliases) m.set(a.toLowerCase(), name);
  }
  return m;
})();

/** The country a demonym names ("Turkish" → "Turkey"), or undefined. The one switch point for the lexicon. */
export function countryOfDemonym(word: string): string | undefined {
  return COUNTRY_OF_DEMONYM.get(word.toLowerCase().replace(/-$/, ''));
}

/** The canonical country name when `name` is a country or one of its other names. */
export function countryName(name: string): string | undefined {
  return COUNTRY_NAMES.get(name.toLowerCase());
}

export const isCap = (u: Unit | undefined): boolean => !!u && /^\p{Lu}/u.test(u.t);
export const isWord = (u: Unit | undefined): boolean => !!u && /^[\p{L}\p{N}]/u.test(u.t);
export const isQuote = (u: Unit | undefined): boolean => !!u && /^["\u201c\u201d\u2018\u2019'`\u00ab\u00bb]$/.test(u.t);
export const isNumberWord = (u: Unit | undefined): boolean => !!u && /^\d/.test(u.t);

export const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those', 'that', 'all', 'some', 'any', 'both', 'each', 'several', 'many', 'other']);
export const AUX = new Set([
  'has', 'have', 'had', 'having', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'will', 'shall', 'did', 'does', 'do',
  'also', 'already', 'again', 'then', 'now', 'still', 'just', 'even', 'further', 'first', 'later', 'since', 'once', 'meanwhile',
  'reportedly', 'allegedly', 'apparently', 'publicly', 'repeatedly', 'jointly', 'separately', 'similarly',
]);
export const MODAL_HEDGE = new Set(['could', 'would', 'may', 'might', 'should', 'can', 'must', 'ought']);
/** Verbs that make what follows intended or conditional ("vowed to respond"). */
export const HEDGE_VERBS = new Set([
  'vow', 'vowed', 'vows', 'vowing', 'threaten', 'threatened', 'threatens', 'threatening', 'pledge', 'pledged', 'pledges',
  'promise', 'promised', 'promises', 'plan', 'plans', 'planned', 'planning', 'want', 'wants', 'wanted', 'intend', 'intends',
  'intended', 'seek', 'seeks', 'sought', 'seeking', 'try', 'tries', 'tried', 'trying', 'hope', 'hopes', 'hoped', 'aim', 'aims',
  'aimed', 'expect', 'expected', 'likely', 'ready', 'prepared', 'preparing', 'set', 'going', 'able', 'considering', 'mulling',
  'urge', 'urged', 'urging', 'asked', 'ask', 'called', 'call', 'wish', 'wishes', 'offered', 'offer', 'offers', 'agreed', 'agree', 'decided',
]);
/** Verbs before "to" that keep what follows factual ("continue to attack"). */
export const CONTROL_FACTUAL = new Set(['continue', 'continues', 'continued', 'continuing', 'began', 'begin', 'begins', 'started', 'start', 'starts', 'keep', 'keeps', 'kept', 'managed', 'moved', 'went', 'used', 'came']);
export const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'without']);
export const NEGATING_VERBS = new Set(['refused', 'refuse', 'refuses', 'declined', 'decline', 'declines', 'failed', 'fail', 'fails', 'denied', 'deny', 'denies', 'stopped']);
export const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'tomorrow']);
export const TIME_WORDS = new Set([...WEEKDAYS, 'on', 'late', 'early', 'last', 'this', 'morning', 'evening', 'night', 'afternoon', 'week', 'month', 'year', 'earlier', 'overnight', 'recently', 'previously']);

/** Whether the unit is an adverb we may step over between a subject and its verb. */
export function isAdverb(u: Unit | undefined): boolean {
  return !!u && !u.m && /^[a-z]+ly$/.test(u.l) && !['only', 'family', 'ally', 'rally', 'italy', 'july', 'supply', 'apply', 'reply', 'fly'].includes(u.l);
}

/** Longest-first, non-overlapping mentions for building units. */
export function pickNonOverlapping(ms: readonly EntityMention[]): EntityMention[] {
  const sorted = [...ms].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const out: EntityMention[] = [];
  for (const m of sorted) if (!out.some((o) => o.start < m.end && m.start < o.end)) out.push(m);
  return out.sort((a, b) => a.start - b.start);
}
