/**
 * Attribution: who said what. Finds a reporting cue ("said", "told", "according to", "wrote", …),
 * the speaker's noun phrase beside it and the content it introduces, in the three orders news uses:
 * "X said (that) C", "C, X said" / "“C,” X added", "C, said X", and "according to X, C" / "C, according to X".
 */
import type { Attribution, EntityMention } from '../types.js';
import { inflect } from './events.js';
import type { DocContext, SentenceState } from './relations/context.js';
import { AUX, DETERMINERS, isAdverb, isCap, isQuote, isWord, type Unit } from './relations/tokens.js';

const CUE_LEMMAS = [
  'say', 'tell', 'add', 'report', 'announce', 'note', 'state', 'claim', 'insist', 'warn', 'argue', 'explain', 'acknowledge',
  'suggest', 'tweet', 'write', 'declare', 'respond', 'reply', 'recall', 'reveal', 'confirm', 'deny', 'emphasize', 'emphasise',
  'stress', 'believe', 'think', 'predict', 'conclude', 'ask', 'admit', 'allege', 'assert', 'contend', 'maintain', 'complain',
  'comment', 'testify', 'concede', 'boast', 'vow', 'promise', 'pledge', 'estimate', 'indicate', 'observe', 'remark', 'caution',
  'fear', 'hope', 'worry', 'agree', 'disclose', 'recount', 'quip', 'joke', 'muse', 'counter', 'retort', 'proclaim', 'charge',
  'accuse', 'urge', 'announce', 'clarify', 'highlight', 'underline', 'reiterate', 'repeat', 'describe', 'lament', 'conclude',
];
/** Surface form → lemma for reporting verbs. */
export const CUE_FORMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const l of CUE_LEMMAS) for (const f of inflect(l)) if (!m.has(f)) m.set(f, l);
  for (const bad of ['state', 'states', 'report', 'reports', 'note', 'notes', 'claim', 'claims', 'charge', 'charges', 'estimate', 'estimates', 'counter', 'hope', 'fear', 'fears', 'hopes', 'comment', 'comments', 'tweet', 'tweets', 'worry', 'reply', 'remark', 'remarks', 'vow', 'vows', 'promise', 'promises', 'pledge', 'pledges', 'repeat', 'caution', 'maintain', 'observe'])
    m.delete(bad); // mostly nouns in news
  return m;
})();
/** Cues that only report when their speaker comes right before them (weak verbs). */
const WEAK = new Set(['add', 'report', 'note', 'state', 'claim', 'warn', 'suggest', 'believe', 'think', 'ask', 'fear', 'hope', 'worry', 'agree', 'indicate', 'observe', 'describe', 'charge', 'accuse', 'urge', 'respond', 'reply', 'maintain', 'highlight', 'underline', 'conclude', 'estimate', 'confirm', 'deny', 'admit', 'recall', 'reveal', 'explain', 'predict', 'promise', 'vow', 'pledge', 'lament', 'repeat', 'reiterate']);
const BOUNDARY = new Set([',', ';', ':', '.', '(', ')', '--', '\u2013', '\u2014', 'that', 'which', 'who', 'whom', 'whose', 'and', 'but', 'because', 'when', 'while', 'if', 'as', 'after', 'before', 'since', 'although', 'though', 'where', 'than', 'so', 'or']);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);
const TIME_TAIL = /^(on|in|at|late|early|last|this|yesterday|today|friday|monday|tuesday|wednesday|thursday|saturday|sunday|morning|evening|night|a|an|the|statement|interview|news|conference|briefing|told|to|reporters|journalists|by|via|email|phone|tweet|post|press|release|televised|address|speech|after|before|during|earlier|later|week|month|year|[,.”"’]|\d+)$/;

interface NP {
  from: number;
  to: number; // inclusive unit indexes
  mention?: EntityMention;
}

/** Finds the attributions of one sentence. */
export function extractAttributions(ctx: DocContext, s: SentenceState): Attribution[] {
  const U = s.units;
  const out: Attribution[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  for (let c = 0; c < U.length; c++) {
    const u = U[c]!;
    if (u.m) continue;
    let cueEnd = c;
    let lemma = CUE_FORMS.get(u.l);
    if (u.l === 'according' && U[c + 1]?.l === 'to') {
      lemma = 'according to';
      cueEnd = c + 1;
    }
    if (!lemma) continue;
    let a: Attribution | undefined;
    if (lemma === 'according to') a = according(s, c, cueEnd);
    else a = speakerFirst(ctx, s, c, lemma) ?? speakerAfter(s, c, lemma);
    if (a && free(a.content.start, a.content.end) && free(a.subject.start, a.subject.end)) {
      out.push(a);
      taken.push([a.content.start, a.content.end], [a.subject.start, a.subject.end]);
    }
  }
  return out;
}

/** NP ending at unit index `end` (inclusive), walking left. */
function npLeft(U: readonly Unit[], end: number): NP | undefined {
  let k = end;
  let mention: EntityMention | undefined;
  let n = 0;
  if (U[k]?.m || PRONOUNS.has(U[k]?.l ?? '')) {
    mention = U[k]!.m;
    if (!U[k]!.m && PRONOUNS.has(U[k]!.l)) return { from: k, to: end };
  } else if (!isWord(U[k]) || BOUNDARY.has(U[k]!.l) || AUX.has(U[k]!.l) || /ing$|ed$/.test(U[k]!.l)) return undefined;
  while (k >= 0 && n < 8) {
    const x = U[k]!;
    if (x.m) mention ??= x.m;
    else if (!(isWord(x) || x.l === "'s" || x.l === '-' || x.l === '.') || BOUNDARY.has(x.l) || AUX.has(x.l) || PRONOUNS.has(x.l)) break;
    else if (CUE_FORMS.has(x.l) && !x.m) break;
    else if (/^[a-z]+ed$/.test(x.t) && !/^(united|red|armed)$/.test(x.l)) break; // a verb: the agency cited X as saying
    k--;
    n++;
  }
  const from = k + 1;
  if (from > end) return undefined;
  const np = U.slice(from, end + 1);
  const named = np.some((x) => x.m || isCap(x));
  const headed = DETERMINERS.has(np[0]!.l) || /^(two|three|four|several|many|some|officials?|sources?|analysts?|experts?|critics?|aides?|people|residents|witnesses)$/.test(np[0]!.l);
  if (!named && !headed) return undefined;
  return { from, to: end, mention };
}

/** NP starting at unit index `start`, walking right. */
function npRight(U: readonly Unit[], start: number): NP | undefined {
  let k = start;
  let mention: EntityMention | undefined;
  while (k < U.length && k < start + 8) {
    const x = U[k]!;
    if (x.m) mention ??= x.m;
    else if (!(isWord(x) || x.l === "'s" || x.l === '-') || (BOUNDARY.has(x.l) && x.l !== 'of') || (AUX.has(x.l) && k > start)) break;
    k++;
  }
  if (k === start) return undefined;
  const np = U.slice(start, k);
  if (!np.some((x) => x.m || isCap(x) || PRONOUNS.has(x.l)) && !DETERMINERS.has(np[0]!.l)) return undefined;
  return { from: start, to: k - 1, mention };
}

function span(U: readonly Unit[], from: number, to: number) {
  return { start: U[from]!.start, end: U[to]!.end };
}

/** Content from unit `from` to the end of the sentence, trailing punctuation excluded. */
function contentToEnd(U: readonly Unit[], from: number): { start: number; end: number } | undefined {
  let to = U.length - 1;
  while (to >= from && !isWord(U[to]) && !isQuote(U[to])) to--;
  if (to - from < 1) return undefined;
  return span(U, from, to);
}

function make(s: SentenceState, U: readonly Unit[], np: NP, c0: number, c1: number, content: { start: number; end: number }): Attribution {
  return {
    kind: 'attribution',
    subject: { ...span(U, np.from, np.to), ...(np.mention ? { mention: np.mention.id } : {}) },
    cue: span(U, c0, c1),
    content,
    sentence: s.index,
  };
}

/** "X said (that) C" or "C, X said". */
function speakerFirst(ctx: DocContext, s: SentenceState, c: number, lemma: string): Attribution | undefined {
  void ctx;
  const U = s.units;
  let k = c - 1;
  let c0 = c;
  // "was quoted as saying", "has also said", "told reporters"
  while (k >= 0 && (AUX.has(U[k]!.l) || isAdverb(U[k]) || ['quoted', 'as', 'not', "n't"].includes(U[k]!.l))) k--;
  if (k < c - 1 && U[k + 1]!.l !== 'as') c0 = c; // keep the cue itself
  const np = npLeft(U, k);
  if (!np) return undefined;
  const before = U[np.from - 1];
  const startsClause = !before || before.l === ',' || isQuote(before) || before.l === '--' || before.l === '\u2014' || before.l === '\u2013' || before.l === ':';
  if (!startsClause && !(before && /^(and|but|as|while|then)$/.test(before.l))) return undefined;
  // after the cue: "C" or tail
  let j = c + 1;
  if (lemma === 'tell' || lemma === 'ask' || lemma === 'warn' || lemma === 'urge') {
    // told Al Jazeera / told reporters (that)
    while (j < U.length && (U[j]!.m || /^(reporters|journalists|the|a|an|an?|broadcaster|newspaper|agency|television|tv|news|radio|audience|crowd|supporters|lawmakers|him|her|them|us|me)$/.test(U[j]!.l) || (isCap(U[j]) && !isQuote(U[j])))) j++;
  }
  let tailOnly = true;
  for (let x = j; x < U.length; x++) if (!TIME_TAIL.test(U[x]!.l) && !U[x]!.m && isWord(U[x])) tailOnly = false;
  if (!tailOnly) {
    while (U[j] && /^(that|:|,)$/.test(U[j]!.l)) j++;
    const content = contentToEnd(U, j);
    if (!content) return undefined;
    if (WEAK.has(lemma) && !(U[c + 1]?.l === 'that' || U[c + 1]?.l === ':' || U[c + 1]?.l === ',' || isQuote(U[c + 1]) || lemma === 'add' || lemma === 'report' || lemma === 'note' || lemma === 'claim' || lemma === 'warn' || lemma === 'explain' || lemma === 'insist' || lemma === 'confirm' || lemma === 'reveal' || lemma === 'predict' || lemma === 'believe' || lemma === 'think' || lemma === 'suggest')) return undefined;
    return make(s, U, np, c0, c, content);
  }
  // "C, X said." — content is what precedes the speaker
  let end = np.from - 1;
  while (end >= 0 && (!isWord(U[end]) && !isQuote(U[end]) || U[end]!.l === ',')) end--;
  if (end < 1) return undefined;
  let from = 0;
  if (U[from] && /^(but|and|however)$/.test(U[from]!.l)) from++;
  return make(s, U, np, c0, c, span(U, from, end));
}

/** "C, said X" (speaker after the cue). */
function speakerAfter(s: SentenceState, c: number, lemma: string): Attribution | undefined {
  const U = s.units;
  const before = U[c - 1];
  if (!before || !(before.l === ',' || isQuote(before))) return undefined;
  if (WEAK.has(lemma) && lemma !== 'add' && lemma !== 'report' && lemma !== 'note') return undefined;
  const np = npRight(U, c + 1);
  if (!np) return undefined;
  let end = c - 1;
  while (end >= 0 && (!isWord(U[end]) && !isQuote(U[end]) || U[end]!.l === ',')) end--;
  if (end < 1) return undefined;
  return make(s, U, np, c, c, span(U, 0, end));
}

/** "according to X, C" or "C, according to X". */
function according(s: SentenceState, c: number, cueEnd: number): Attribution | undefined {
  const U = s.units;
  const np = npRight(U, cueEnd + 1);
  if (!np) return undefined;
  if (c <= 1) {
    let j = np.to + 1;
    while (U[j] && U[j]!.l === ',') j++;
    const content = contentToEnd(U, j);
    return content ? make(s, U, np, c, cueEnd, content) : undefined;
  }
  let end = c - 1;
  while (end >= 0 && (!isWord(U[end]) && !isQuote(U[end]) || U[end]!.l === ',')) end--;
  if (end < 1) return undefined;
  return make(s, U, np, c, cueEnd, span(U, 0, end));
}
