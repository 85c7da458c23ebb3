/**
 * Attribution: who said what. Finds a reporting cue ("said", "told", "according to", "wrote", …),
 * the speaker's noun phrase beside it and the content it introduces, in the three orders news uses:
 * "X said (that) C", "C, X said" / "“C,” X added", "C, said X", and "according to X, C" / "C, according to X".
 */
import { HONORIFICS, PARTY_MEMBERS } from '../lexicon/people.js';
import type { Attribution, EntityMention } from '../types.js';
import { inflect } from './events.js';
import { lookupWord } from './ner/gazetteer.js';
import type { DocContext, SentenceState } from './relations/context.js';
import { isTitleWord } from './relations/roles.js';
import { AUX, countryOfDemonym, DETERMINERS, isAdverb, isCap, isQuote, isWord, pickNonOverlapping, toUnits, type Unit } from './relations/tokens.js';

/** Reporting verbs: the speaker may come before or after them ("X said C", "C, said X"). */
const REPORTING = [
  'say', 'tell', 'add', 'write', 'tweet', 'report', 'announce', 'explain', 'insist', 'claim', 'note', 'argue', 'acknowledge',
  'declare', 'state', 'reply', 'respond', 'recall', 'reveal', 'confirm', 'warn', 'suggest', 'ask', 'predict', 'conclude',
  'complain', 'admit', 'concede', 'estimate', 'quip', 'joke', 'testify', 'emphasize', 'emphasise', 'stress', 'assert',
  'contend', 'maintain', 'comment', 'observe', 'remark', 'retort', 'counter', 'reiterate', 'repeat', 'continue', 'post', 'write',
];
/** Verbs of saying, judging and wanting that report a stance when a named subject precedes them ("Christie endorsed Trump"). */
const BROAD = [
  'believe', 'think', 'feel', 'know', 'hope', 'fear', 'worry', 'expect', 'want', 'wish', 'plan', 'intend', 'agree', 'disagree',
  'call', 'describe', 'label', 'dub', 'show', 'find', 'indicate', 'suggest', 'urge', 'demand', 'propose', 'promise', 'vow',
  'pledge', 'threaten', 'praise', 'thank', 'criticize', 'criticise', 'condemn', 'denounce', 'blast', 'slam', 'attack', 'accuse',
  'blame', 'mock', 'dismiss', 'reject', 'deny', 'refuse', 'decline', 'defend', 'endorse', 'support', 'back', 'oppose', 'question',
  'challenge', 'applaud', 'welcome', 'celebrate', 'lament', 'discuss', 'address', 'mention', 'cite', 'point', 'remind', 'vow',
  'recommend', 'advise', 'encourage', 'insist', 'acknowledge', 'highlight', 'underline', 'emphasize', 'argue', 'allege',
  'charge', 'boast', 'brag', 'concede', 'admit', 'confess', 'disclose', 'signal', 'hint', 'predict', 'forecast', 'consider',
  'weigh', 'doubt', 'question', 'rule', 'release', 'issue', 'publish', 'announce', 'unveil', 'accept', 'embrace', 'consider',
  'favor', 'favour', 'prefer', 'like', 'love', 'hate', 'dislike', 'regret', 'apologize', 'apologise', 'thank', 'congratulate',
  'promise', 'seek', 'vote', 'sign', 'veto', 'fight', 'push', 'press', 'ask', 'tell', 'appear', 'claim',
];
/** Surface form → lemma for attribution cues. */
export const CUE_FORMS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const l of [...REPORTING, ...BROAD]) for (const f of inflect(l)) if (!m.has(f)) m.set(f, l);
  return m;
})();
const REPORTING_SET = new Set(REPORTING);
/** The plainest reporting verbs, read first: in "a woman asked for a photo and Clinton said, …" the saying is the attribution. */
const CORE = new Set(['say', 'tell', 'add', 'write', 'tweet', 'report', 'announce', 'state', 'claim', 'insist', 'explain', 'note', 'argue', 'declare']);
/** Forms that are mostly nouns in news: a cue only right after their speaker. */
const NOUNISH = new Set(['state', 'states', 'report', 'reports', 'note', 'notes', 'claim', 'claims', 'charge', 'charges', 'estimate', 'estimates', 'counter', 'hope', 'hopes', 'fear', 'fears', 'comment', 'comments', 'tweet', 'tweets', 'reply', 'remark', 'remarks', 'vow', 'vows', 'promise', 'promises', 'pledge', 'pledges', 'repeat', 'post', 'posts', 'call', 'calls', 'show', 'shows', 'plan', 'plans', 'wish', 'support', 'back', 'attack', 'attacks', 'fight', 'vote', 'votes', 'release', 'issue', 'issues', 'like', 'love', 'rule', 'point', 'press', 'push', 'sign', 'veto', 'find', 'signal', 'question', 'doubt', 'release', 'address', 'forecast', 'challenge']);
const BOUNDARY = new Set([',', ';', ':', '.', '(', ')', '--', '\u2013', '\u2014', 'that', 'which', 'who', 'whom', 'whose', 'and', 'but', 'because', 'when', 'while', 'if', 'as', 'after', 'before', 'since', 'although', 'though', 'where', 'than', 'so', 'or']);
/** Words that end a speaker phrase read leftwards (prepositions other than "of"/"for", sentence adverbs). */
const NP_BREAK = new Set(['at', 'in', 'on', 'by', 'with', 'from', 'to', 'into', 'after', 'before', 'during', 'despite', 'without', 'over', 'under', 'about', 'against', 'between', 'through', 'like', 'unlike', 'among', 'amid', 'upon', 'however', 'meanwhile', 'instead', 'also', 'then', 'now', 'not', 'is', 'was', 'are', 'were']);
const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);
const DAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)$/;
const TIME_TAIL = /^(on|in|at|late|early|last|this|yesterday|today|friday|monday|tuesday|wednesday|thursday|saturday|sunday|morning|evening|night|a|an|the|statement|interview|news|conference|briefing|told|to|reporters|journalists|by|via|email|phone|tweet|post|press|release|televised|address|speech|after|before|during|earlier|later|week|month|year|event|meeting|rally|hearing|forum|ceremony|gathering|session|summit|dinner|luncheon|breakfast|[,.”"’]|\d+)$/;

/** Whether the speaker's phrase holds a person's or an organisation's name. */
function namedSpeaker(U: readonly Unit[], a: Attribution): boolean {
  return U.some((x) => x.m && x.m.kind === 'name' && (x.m.type === 'person' || x.m.type === 'organization') && x.start >= a.subject.start && x.end <= a.subject.end);
}

/** Words after which a cue's form is a noun: numbers and words of quantity or quality. */
const BEFORE_NOUN = /^(\d[\d.,-]*|percentage|few|many|several|tough|hard|more|most|some|any|no|new|first|last|latest|final|full)$/;
/** Auxiliaries and modals: what follows a noun, never a verb ("the ruling could", "a report was"). */
const AUXILIARY = /^(is|are|was|were|has|have|had|will|would|could|should|may|might|must|can)$/;
/** Other words after a cue's form that make it a noun: "be" and prepositions other than those of phrasal verbs ("calls for", "calls on", "plans to", "rules against"). */
const AFTER_NOUN = /^(be|been|of|from|as|by|in|with|about|at)$/;

/** Whether the cue's form at unit `c` is used as a noun. */
function nounUse(U: readonly Unit[], c: number): boolean {
  const next = U[c + 1]?.l ?? '';
  const prev = U[c - 1]?.l ?? '';
  // "a 5-5 ruling", "the ruling", "the appeals court ruling could"
  if (/ing$/.test(U[c]!.l)) return /^(a|an|the)$/.test(prev) || /^\d/.test(prev) || AUXILIARY.test(next);
  if (AUXILIARY.test(next) || AFTER_NOUN.test(next)) return true;
  // a plural before another cue's verb is that verb's subject: "an analysis of campaign-finance reports shows …"
  if (/s$/.test(U[c]!.l) && CUE_FORMS.has(next) && /(?:[^s]s|ed)$|^(?:said|told|found|thought|felt|knew|wrote|shown)$/.test(next)) return true;
  return BEFORE_NOUN.test(prev);
}

/** The heads of a phrase that reports a finding: "a Quinnipiac University poll found …". */
const STUDY = /\b(study|studies|report|reports|poll|polls|survey|surveys|analysis|analyses|investigation|inquiry|review|audit|research|researchers|scientists|economists|experts|investigators|auditors|panel|commission|committee|jury|judge|court)\b/i;

/** Adverbs of time and frequency without -ly: "Cruz has long said", "Trump has often cited". */
const LONG_ADVERBS = new Set(['long', 'often', 'never', 'always', 'sometimes', 'ever', 'soon', 'once', 'twice', 'too']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am']);
const MODAL = /^(?:would|could|should|must|may|might|can|cannot|ca|wo|need|ought)$/;

interface NP {
  from: number;
  to: number; // inclusive unit indexes
  mention?: EntityMention;
}

/** What opens no speaker's phrase: a preposition or a question word ("In Yemen", "for his", "whether a leader of …", "To be sure"). */
const NOT_SPEAKER_START = /^(?:in|by|for|per|of|on|at|with|from|during|despite|to|into|about|after|before|whether|how|why|when|where|if)\b/i;
/**
 * What ends no speaker's phrase: a determiner waiting for its noun ("… became the", "assuming his"), or a
 * preposition waiting for its object ("contempt of Congress for", "took place despite").
 */
const NOT_SPEAKER_END = /(?:^|\s)(?:the|a|an|this|these|those)$|\s(?:his|her|their|its|my|our|your)$|^the same$|\s(?:for|of|with|despite|from|at|by|about|into|than|without)$/i;

/** A month's name alone, which is a date ("In April, the S.E.C. charged …"); not May, which is also a surname. */
const MONTH_ALONE = /^(?:january|february|march|april|june|july|august|september|october|november|december)$/i;
/** A conjunction alone, left of a coordinated verb ("But given that … everybody knows and loves"). */
const CONJUNCTION_ALONE = /^(?:but|and|or|so|yet)$/i;

/** Whether a speaker's span has the shape of a noun phrase. */
function speakerShaped(phrase: string): boolean {
  return !NOT_SPEAKER_START.test(phrase) && !NOT_SPEAKER_END.test(phrase) && !MONTH_ALONE.test(phrase) && !CONJUNCTION_ALONE.test(phrase);
}

/** A content that ends on an auxiliary within two words says nothing of its own: "as rich as he says he is", "as he claims to be", "What can I say?". */
function elliptical(content: string): boolean {
  if (/^["“'‘]/.test(content)) return false; // a quotation is what was said, however short: "“I would,” Melanie said"
  const words = content.replace(/[^\p{L}\p{N}'’\s-]/gu, ' ').trim().toLowerCase().split(/\s+/);
  const last = words[words.length - 1] ?? '';
  return words.length <= 2 && (AUXILIARY.test(last) || BE.has(last) || /^(?:do|does|did)$/.test(last));
}

/** Finds the attributions of one sentence. */
export function extractAttributions(ctx: DocContext, s: SentenceState): Attribution[] {
  const U = s.units;
  const out: Attribution[] = [];
  const taken: [number, number][] = [];
  let widened = false;
  // a headline in title case capitalises its verbs too ("Graham Says …", "Clinton Plan for Taxes")
  const titleCase = titleCased(U, 1);
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  // reporting verbs first: in "“I know this game,” Trump said" the saying frames the knowing.
  // Only cues outside quotations: in "“You say you …,” Merkley said" Merkley's saying frames the quote,
  // and a saying the speaker quotes inside it ("He says …") is not one the story reports
  const quoted = insideQuotes(U);
  const outside: number[] = [];
  for (let c = 0; c < U.length; c++) if (!quoted[c]) outside.push(c);
  for (const pass of [0, 1, 2]) {
    for (const c of outside) {
      const u = U[c]!;
      if (u.m) continue;
      let cueEnd = c;
      let lemma = CUE_FORMS.get(u.l);
      if (u.l === 'according' && U[c + 1]?.l === 'to') {
        lemma = 'according to';
        cueEnd = c + 1;
      }
      if (!lemma) continue;
      // a capitalised noun form right after a name is the rest of that name: "the United|States" cut at a line break
      if (NOUNISH.has(u.l) && isCap(u) && U[c - 1]?.m && U[c - 1]!.m!.kind === 'name' && !titleCase) continue;
      // a noun-like form used as a noun: before a verb or a preposition ("the appeals court ruling could",
      // "a Times report from", "claims as"), after a number or a quantity ("percentage points", "a 4-4 ruling", "few questions")
      if ((NOUNISH.has(u.l) || (NOUNISH.has(lemma) && !/ed$/.test(u.l)) || /ing$/.test(u.l)) && nounUse(U, c)) continue;
      // "continue" reports a saying as one goes on ("he continued, “…”") or goes on saying ("continues to insist"), not "prices continue to fall"
      if (lemma === 'continue' && !(/^[,:]$/.test(U[c + 1]?.l ?? '') || isQuote(U[c + 1]) || (U[c + 1]?.l === 'to' && CUE_FORMS.has(U[c + 2]?.l ?? '')))) continue;
      // after "of" a cue's form is a noun: "Secretary of State", "head of state", "a flood of reports"
      if (U[c - 1]?.l === 'of') continue;
      const reporting = lemma === 'according to' || REPORTING_SET.has(lemma);
      const rank = lemma === 'according to' || CORE.has(lemma) ? 0 : reporting ? 1 : 2;
      if (rank !== pass) continue;
      if (!free(u.start, u.end)) continue;
      let a: Attribution | undefined;
      if (lemma === 'according to') a = according(s, c, cueEnd);
      else a = speakerFirst(ctx, s, c, lemma) ?? speakerAfter(s, c, lemma);
      const speaker = a ? ctx.text.slice(a.subject.start, a.subject.end) : '';
      if (a && !reporting && /^(i|you|we|it|this|that|they)$/i.test(speaker)) a = undefined;
      if (a && (!speakerShaped(speaker) || elliptical(ctx.text.slice(a.content.start, a.content.end)))) a = undefined;
      // after "to" a phrase opening with a word in lower case (no determiner) is a verb's, no speaker: "threatened to make Kadzik
      // testify", "a plan to help Mr. Putin"
      if (a && lemma !== 'according to' && /^(?!(?:the|a|an|his|her|its|their|this|these|those)\b)\p{Ll}/u.test(speaker) && /\bto\s+$/i.test(ctx.text.slice(Math.max(0, a.subject.start - 4), a.subject.start))) a = undefined;
      // finding is a judgement when a clause follows or a study or someone named finds: "the study found …",
      // "Professor Justin Levitt found 31 incidents", not "he found a ghost town"
      if (a && lemma === 'find' && U[c + 1]?.l !== 'that' && !STUDY.test(speaker) && !namedSpeaker(U, a)) a = undefined;
      // "Clinton called her vote a mistake, but she noted that …": the content ends where a saying already read begins
      if (a && free(a.subject.start, a.subject.end) && !free(a.content.start, a.content.end)) a = cutBeforeTaken(U, a, taken);
      if (a && free(a.content.start, a.content.end) && free(a.subject.start, a.subject.end)) {
        widened = settleSpeaker(ctx, s, a) || widened;
        out.push(a);
        taken.push([a.content.start, a.content.end], [a.subject.start, a.subject.end]);
      }
    }
  }
  if (!out.length) {
    const h = headlineColon(s, ctx.text);
    if (h) out.push(h);
  }
  // a transcript's turn: "PENCE: Well, look, …"
  const turn = speakerLabel(ctx, s);
  if (turn && free(turn.subject.start, turn.subject.end) && !out.some((a) => a.cue.start === turn.cue.start)) out.push(turn);
  // a quotation signed after a dash frames whatever is said inside it
  const signed = quoteSignature(s);
  if (signed) out.push(signed);
  // a speaker's name widened to the whole name: the sentence's units carry the new span
  if (widened) {
    s.units = toUnits(s.tokens, pickNonOverlapping(ctx.inSentence(s.index).filter((m) => !ctx.implicit.has(m.id))));
    for (const a of out) if (a.subject.mention && ctx.folded.has(a.subject.mention)) a.subject.mention = ctx.folded.get(a.subject.mention)!;
  }
  return out.sort((a, b) => a.cue.start - b.cue.start);
}

/**
 * The attribution with its content cut short before the first span already taken inside it, at a clause
 * boundary (a comma or semicolon, and a conjunction after it); undefined when the content does not run
 * on past such a boundary into the taken span or too little is left.
 */
function cutBeforeTaken(U: readonly Unit[], a: Attribution, taken: readonly [number, number][]): Attribution | undefined {
  let x = Infinity;
  for (const [p, q] of taken) if (p < a.content.end && a.content.start < q) x = Math.min(x, p);
  if (x <= a.content.start) return undefined;
  let k = U.findIndex((u) => u.start >= x) - 1;
  if (k < 0) return undefined;
  while (k >= 0 && /^(and|but|or|while|whereas|yet)$/.test(U[k]!.l)) k--;
  if (!U[k] || !/^[,;]$/.test(U[k]!.l)) return undefined;
  k--;
  const from = U.findIndex((u) => u.start >= a.content.start);
  if (k - from < 1) return undefined;
  return { ...a, content: { start: a.content.start, end: U[k]!.end } };
}

/**
 * Per unit, whether it stands inside a quotation (“ … ” or a pair of straight double quotes), one opened
 * in the sentence or, when the sentence's first quotation mark closes one, before it ("… the moment,"
 * Brazile said.). A straight quote opens when it is written against the word after it and not the one
 * before, closes the other way round, before a comma or stop or written apart at the sentence's start,
 * and otherwise toggles.
 */
function insideQuotes(U: readonly Unit[]): boolean[] {
  const kind = (k: number): 'open' | 'close' | undefined => {
    const t = U[k]!.t;
    if (t === '\u201c') return 'open';
    if (t === '\u201d') return 'close';
    if (t !== '"') return undefined;
    const before = k > 0 && U[k - 1]!.end === U[k]!.start && U[k - 1]!.t !== '(';
    // against a word after it; a comma or stop after it closes ("… units ", Altun said")
    const next = k + 1 < U.length && U[k + 1]!.start === U[k]!.end ? U[k + 1]!.t : '';
    if (/^[,.;:!?)]/.test(next)) return 'close';
    const after = next !== '';
    // written apart at the sentence's start: the close of the last sentence's quotation ('… community. " A spokesman said')
    if (k === 0 && !after) return 'close';
    return after && !before ? 'open' : before && !after ? 'close' : undefined;
  };
  // a straight quote before a clitic is an apostrophe ('Kuwait"s Oil Minister', as wire copy writes it);
  // one between two words is a quotation mark all the same ('… Iranian-backed forces"said a spokesman')
  const apostrophe = (k: number) =>
    U[k]!.t === '"' && /\p{L}$/u.test(U[k - 1]?.t ?? '') && U[k - 1]!.end === U[k]!.start && /^(?:s|t|ll|re|ve|d|m)$/.test(U[k + 1]?.t ?? '') && U[k + 1]!.start === U[k]!.end;
  const marks = U.map((u, k) => ((u.t === '"' && !apostrophe(k)) || u.t === '\u201c' || u.t === '\u201d' ? (kind(k) ?? 'toggle') : undefined));
  const first = marks.find((x) => x !== undefined);
  let open = first === 'close';
  const inside: boolean[] = [];
  for (let k = 0; k < U.length; k++) {
    const mark = marks[k];
    if (mark === undefined) inside.push(open);
    else {
      inside.push(false);
      open = mark === 'open' ? true : mark === 'close' ? false : !open;
    }
  }
  return inside;
}

/* ------------------------------------------------------------ the speaker's entity */

const HONORIFIC = new Set(HONORIFICS.map((h) => h.replace(/\.$/, '')));
const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)$/;
/** Words after which a speaker phrase's head is over: "Steven Hannes of Touche Ross", "Koji Kidokoro, general manager". */
const HEAD_END = new Set([',', '(', 'of', 'for', 'who', 'which', 'from', 'at', 'in', 'with', 'on', '--', '\u2013', '\u2014']);

/** Prepositions that end a speaker phrase read leftwards (what follows them is their object). */
const PREPOSITION = new Set(['at', 'in', 'on', 'with', 'from', 'to', 'into', 'during', 'despite', 'without', 'over', 'under', 'about', 'against', 'between', 'through', 'among', 'amid', 'upon', 'by', 'near', 'inside', 'outside']);

/** A place, or a nationality ("U.S.", "West German"): before a noun it says where the speaker is from, not who speaks. */
function placeLike(m: EntityMention): boolean {
  if (m.type === 'place' || m.canonical) return true;
  return !!countryOfDemonym(m.text.split(/\s+/).pop() ?? '');
}

/**
 * A capitalised word that can continue a name next to a mention: not a title, an honorific, a date or
 * a function word; for a person, a word a name is made of (a given name, a surname, an unknown word).
 */
const PARTY_MEMBER = new Set(PARTY_MEMBERS);

function nameWord(u: Unit | undefined, person: boolean): boolean {
  if (!u || u.m || !isWord(u) || !isCap(u) || /-\p{Ll}/u.test(u.t)) return false; // not "Geneva-based"
  const l = u.l;
  if (HONORIFIC.has(l) || DETERMINERS.has(l) || BOUNDARY.has(l) || NP_BREAK.has(l) || PRONOUNS.has(l) || DAY.test(l) || MONTH.test(l) || CUE_FORMS.has(l)) return false;
  if (!person) return true;
  if (isTitleWord(l) || countryOfDemonym(l) || PARTY_MEMBER.has(l)) return false;
  const cat = lookupWord(l);
  return cat === '' || cat === 'first' || cat === 'last' || cat === 'person';
}

const fold = (t: string) => t.replace(/\s+/g, ' ').toLowerCase();

/**
 * The one longer name of the document a one-word mention is short for: a given name or surname of one
 * person named in full ("Koji" … "Koji Kidokoro"), the head of one organisation's name ("Ministry" …
 * "Finance Ministry"). Undefined when there is none; null when several names could be meant.
 */
function longerName(ctx: DocContext, m: EntityMention): EntityMention | null | undefined {
  const word = fold(m.text);
  if (/\s/.test(word) || (m.type !== 'person' && m.type !== 'organization')) return undefined;
  let found: EntityMention | undefined;
  const names = new Set<string>();
  for (const x of ctx.mentions) {
    if (x === m || x.kind !== 'name' || x.type !== m.type || x.group || x.canonical) continue;
    const parts = fold(x.text).split(' ');
    if (parts.length < 2) continue;
    const fits = m.type === 'person' ? parts[0] === word || parts[parts.length - 1] === word : parts[parts.length - 1] === word;
    if (!fits) continue;
    names.add(parts.join(' '));
    if (!found || Math.abs(x.start - m.start) < Math.abs(found.start - m.start)) found = x;
  }
  return names.size > 1 ? null : found;
}

/**
 * Makes the speaker's mention the speaker, or none: one conjunct of several speakers and a place or
 * nationality describing the speaker are no source; a name cut short inside the speaker phrase
 * ("Koji" of "Koji Kidokoro", "Ministry" of "Finance Ministry") is widened to the whole name; a
 * one-word name the document gives in full elsewhere stands for that. Returns whether a mention was widened.
 */
function settleSpeaker(ctx: DocContext, s: SentenceState, a: Attribution): boolean {
  const id = a.subject.mention;
  if (!id) return false;
  const U = s.units;
  const inSpan = (k: number) => k >= 0 && k < U.length && U[k]!.start >= a.subject.start && U[k]!.end <= a.subject.end;
  let i = U.findIndex((u, k) => u.m?.id === id && inSpan(k));
  if (i < 0) return false;
  // the head of a phrase is its last name: "said AOL chief executive Jonathan Miller" is Miller, not AOL
  if (a.subject.start > a.cue.start) {
    for (let j = i + 1; inSpan(j) && !HEAD_END.has(U[j]!.l) && !isQuote(U[j]); j++) if (U[j]!.m && U[j + 1]?.l !== "'s") i = j;
    if (U[i]!.m!.id !== id) a.subject.mention = U[i]!.m!.id;
  }
  const m = U[i]!.m!;
  if (m.kind !== 'name') return false;
  const drop = () => {
    delete a.subject.mention;
    return false;
  };
  let first = i;
  while (inSpan(first - 1)) first--;
  let headEnd = i;
  while (inSpan(headEnd + 1) && !HEAD_END.has(U[headEnd + 1]!.l) && !isQuote(U[headEnd + 1])) headEnd++;
  // the object of a preposition ends the phrase read leftwards, not the speaker: "U.S. officials with Shultz in Peking said",
  // "Cyprus' representative at U.N. Headquarters said" (a speaker after its cue, "according to X", is not read leftwards)
  // (only a name right after it: in "In a television interview yesterday prime minister Bob Hawke said" the phrase runs on to the speaker)
  // (a person after it is a title's holder: "Syria's Ambassador to the United Nations Bashar al-Jaafari said")
  if (a.subject.end <= a.cue.start && m.type !== 'person' && PREPOSITION.has(U[first - 1]?.l ?? '') && !U[first - 1]!.m && U.slice(first, i).every((x) => DETERMINERS.has(x.l) || isCap(x))) return drop();
  // one of several: "the governors of Sao Paulo, Rio de Janeiro and Minas Gerais told", "Neither Pennzoil nor Texaco has said"
  const conjunct = /^(and|or|nor|&)$/.test(U[i - 1]?.l ?? '') && (U[i - 2]?.m || isCap(U[i - 2]));
  if (conjunct && (first === i || U.slice(first, i - 1).every((x) => x.m || isCap(x) || /^(neither|either|both|,)$/.test(x.l)))) return drop();
  // a place or nationality before the speaker's noun: "U.S. officials said", "West German officials said"
  const next = U[i + 1];
  if (i < headEnd && next && isWord(next) && placeLike(m)) return drop();
  // a name cut short: widen it over the capitalised words beside it
  const person = m.type === 'person';
  let from = i;
  let to = i;
  // the other half of a name cut in two is a mention of the same kind right beside it: "Koji" "Kidokoro"
  const half = (u: Unit | undefined) => !!u?.m && u.m.kind === 'name' && u.m.type === m.type && (person || m.type === 'organization') && !u.m.group && !u.m.canonical;
  // "the Sunday Telegraph": after a determiner a day's name opens an organisation's name
  const dayName = (k: number) => !person && isCap(U[k]) && !U[k]!.m && DAY.test(U[k]!.l) && DETERMINERS.has(U[k - 1]?.l ?? '') && k - 1 >= first;
  // never over the end of a line that ends on its own: "… Lehman Brothers Inc.\n    BP earlier said"
  const joined = (k: number) => !lineEndsBetween(ctx.text, U[k]!.end, U[k + 1]!.start);
  // in a headline in title case every word is capitalised, so capitals say nothing: "Microsoft Rushes Emergency Fix To Address …"
  const headline = titleCased(U, 3);
  while (!headline && from - 1 >= first && joined(from - 1) && (nameWord(U[from - 1], person) || half(U[from - 1]) || dayName(from - 1))) from--;
  while (!headline && to + 1 <= headEnd && joined(to) && (nameWord(U[to + 1], person) || half(U[to + 1]))) to++;
  if (from < i || to > i) {
    const wide = ctx.widen(m, U[from]!.start, U[to]!.end);
    a.subject.mention = wide.id;
    return wide !== m;
  }
  const longer = longerName(ctx, m);
  if (longer === null && m.type === 'organization') return drop();
  if (longer) a.subject.mention = longer.id;
  return false;
}

/**
 * True when a line ends on its own between two words: a line break after a full stop, or before an
 * indented line (a new paragraph of wire copy). A name never runs on over such a break.
 */
function lineEndsBetween(text: string, end: number, start: number): boolean {
  const gap = text.slice(end, start);
  const nl = gap.lastIndexOf('\n');
  if (nl < 0) return false;
  return /[.!?:;]["'\u201d)]*$/u.test(text.slice(Math.max(0, end - 3), end)) || /^[ \t]/.test(gap.slice(nl + 1));
}

/** Whether the sentence is in title case: more than half of its words outside names (at least `min` of them) capitalised. */
function titleCased(U: readonly Unit[], min: number): boolean {
  const words = U.filter((x) => isWord(x) && !x.m);
  return words.length >= min && words.filter((x) => isCap(x)).length * 2 > words.length;
}

/** A cue's form used as a noun inside a phrase: after a determiner or before a possessive ("The state's campaign chairman", "the report's author"). */
function nounCue(U: readonly Unit[], k: number): boolean {
  return NOUNISH.has(U[k]!.l) && (DETERMINERS.has(U[k - 1]?.l ?? '') || U[k + 1]?.l === "'s");
}

/** NP ending at unit index `end` (inclusive), walking left. */
function npLeft(U: readonly Unit[], end: number): NP | undefined {
  let k = end;
  let mention: EntityMention | undefined;
  let n = 0;
  if (U[k]?.m || PRONOUNS.has(U[k]?.l ?? '')) {
    mention = U[k]!.m;
    if (!U[k]!.m && PRONOUNS.has(U[k]!.l)) return { from: k, to: end };
  } else if (!isWord(U[k]) || BOUNDARY.has(U[k]!.l) || AUX.has(U[k]!.l) || /^[a-z].*(ing|ed)$/.test(U[k]!.t) || DETERMINERS.has(U[k]!.l) || NP_BREAK.has(U[k]!.l)) return undefined;
  while (k >= 0 && n < 8) {
    const x = U[k]!;
    if (x.m) mention ??= x.m;
    else if (x.l === '.' && k > 0 && /^\p{Lu}[a-z]{0,3}$/u.test(U[k - 1]!.t) && !U[k - 1]!.m) {
      // the point of a title or an initial inside the name: "Mr. King", "Sen. Graham", "George W. Bush"
    } else if (x.l === "'" && !(k > 0 && isWord(U[k - 1]) && U[k - 1]!.end === x.start)) break; // a closing quote, not "the Smiths' lawyer"
    else if (!(isWord(x) || x.l === "'s" || x.l === "'" || x.l === '-' || x.l === '.') || BOUNDARY.has(x.l) || AUX.has(x.l) || PRONOUNS.has(x.l) || NP_BREAK.has(x.l)) break;
    else if (CUE_FORMS.has(x.l) && !x.m && U[k - 1]?.l !== 'of' && !(isCap(x) && U[k - 1]?.m) && !nounCue(U, k) && !(k === end && nounUse(U, k))) break; // (after "of" a noun: "Secretary of State"; after a name, the rest of it: "Battleground States")
    else if (/^[a-z]+ed$/.test(x.t) && !/^(united|red|armed)$/.test(x.l)) break; // a verb: the agency cited X as saying
    k--;
    n++;
  }
  const from = k + 1;
  if (from > end) return undefined;
  const np = U.slice(from, end + 1);
  const named = np.some((x) => x.m || isCap(x));
  const headed = DETERMINERS.has(np[0]!.l) || /^(\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|several|many|some|most|few|half|one|officials?|sources?|analysts?|experts?|critics?|aides?|people|residents|witnesses|voters|percent|majority|majorities|polls?|surveys?|supporters|democrats|republicans|americans|members|leaders|observers|activists|attorneys|lawyers|prosecutors|investigators|authorities|police|doctors|researchers|scientists|economists|diplomats|relatives|neighbou?rs|friends|spokes(?:man|woman|person|people)|advocates|opponents|proponents|organi[sz]ers|protesters|demonstrators|lawmakers|legislators|commanders|executives|traders|dealers|bankers|investors|strategists|historians|scholars|parents|citizens|residents|survivors|rescuers|medics|staff|family|families)$/.test(np[0]!.l);
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
  // one word is no content, but a name is: "Cruz has endorsed Trump."
  if (to - from < 1 && !(to === from && U[to]!.m?.kind === 'name')) return undefined;
  return span(U, from, to);
}

/** Words set off by commas after a speaker that are no part of it: "Baker, however, said", "Ankara, for its part, said". */
const ASIDE = /^(however|meanwhile|though|too|also|instead|moreover|furthermore|nevertheless|nonetheless|then|now|still|likewise|similarly|separately)$/;

function make(s: SentenceState, U: readonly Unit[], np: NP, c0: number, c1: number, content: { start: number; end: number }): Attribution {
  let to = np.to;
  if (to - 1 > np.from && ASIDE.test(U[to]!.l) && U[to - 1]!.l === ',') to -= 2;
  return {
    kind: 'attribution',
    subject: { ...span(U, np.from, to), ...(np.mention ? { mention: np.mention.id } : {}) },
    cue: span(U, c0, c1),
    content,
    sentence: s.index,
  };
}

/** "X said (that) C" or "C, X said". */
function speakerFirst(ctx: DocContext, s: SentenceState, c: number, lemma: string): Attribution | undefined {
  const U = s.units;
  let k = c - 1;
  let c0 = c;
  // "was quoted as saying", "has also said", "told reporters"
  while (k >= 0 && (AUX.has(U[k]!.l) || isAdverb(U[k]) || LONG_ADVERBS.has(U[k]!.l) || ['quoted', 'as', 'not', "n't"].includes(U[k]!.l))) k--;
  // a passive's subject undergoes the verb: "The agreement was signed", "He was told" (but "was quoted as saying")
  if (!/ing$/.test(U[c]!.l) && U.slice(k + 1, c).some((x) => BE.has(x.l))) return undefined;
  // a participle with its agent after it is a passive too: "a study released on Tuesday by a group of researchers shows …"
  if (reducedPassive(U, c)) return undefined;
  // after a modal only a saying is reported ("officials would not say"): "the rate would rise", "officials should release" are no stance
  if (MODAL.test(U[k]?.l ?? '')) {
    if (!REPORTING_SET.has(lemma)) return undefined;
    k--;
    while (k >= 0 && (AUX.has(U[k]!.l) || isAdverb(U[k]))) k--;
  }
  // "EU leaders on Thursday agreed", "Putin late Monday said": a day between the speaker and the cue
  if (k > 0 && DAY.test(U[k]!.l)) {
    k--;
    if (/^(on|late|early|last|this)$/.test(U[k]!.l)) k--;
    while (k >= 0 && (AUX.has(U[k]!.l) || isAdverb(U[k]))) k--;
  }
  // "Wells Fargo just this month announced", "the ministry last week said": a stretch of time between them
  if (k > 1 && /^(week|month|year|weekend|morning|afternoon|evening)$/.test(U[k]!.l) && /^(this|last|earlier|next)$/.test(U[k - 1]!.l)) {
    k -= 2;
    if (U[k]?.l === 'earlier') k--;
    while (k >= 0 && (AUX.has(U[k]!.l) || isAdverb(U[k]))) k--;
  }
  // "Sen. David Perdue (R-Ga.) said", "the Securities and Exchange Commission (SEC) said": a short
  // parenthesis between the speaker and the cue
  if (U[k]?.l === ')') {
    let open = k - 1;
    while (open >= 0 && k - open <= 6 && U[open]!.l !== '(' && U[open]!.l !== ')') open--;
    if (open > 0 && U[open]!.l === '(') k = open - 1;
  }
  if (k < c - 1 && U[k + 1]!.l !== 'as') c0 = c; // keep the cue itself
  const np = appositionOwner(U, npLeft(U, k)) || speakerBeforeCue(U, k, c);
  if (!np) return undefined;
  return attributionWithSpeaker(s, np, c0, c, lemma, () => nextSentence(ctx, s));
}

/** Words of time between a participle and its agent ("released on Tuesday by", "published last week by"). */
const PASSIVE_GAP = /^(?:on|in|at|last|this|earlier|late|early|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year|morning|evening|night|today|yesterday)$/;
/** How a saying travels, after "by": "announced on Friday by email" is no passive. */
const MEDIUM = /^(?:e-?mail|phone|telephone|video|videolink|letter|text|tweet|twitter|teleconference|satellite|fax|mail|radio|post)$/;

/** Whether the cue at `c` is a past participle followed by its agent: "released on Tuesday by researchers". */
function reducedPassive(U: readonly Unit[], c: number): boolean {
  if (!/ed$/.test(U[c]!.l)) return false;
  let j = c + 1;
  while (j < U.length && j - c <= 4 && PASSIVE_GAP.test(U[j]!.l)) j++;
  // (not a means: "Trump responded by using the example of Chicago")
  return U[j]?.l === 'by' && !MEDIUM.test(U[j + 1]?.l ?? '') && !/ing$/.test(U[j + 1]?.l ?? '');
}

/** The span of the sentence after `s`, without its closing punctuation, if it has words. */
function nextSentence(ctx: DocContext, s: SentenceState): NextSentence | undefined {
  const n = ctx.sentences[s.index + 1];
  if (!n) return undefined;
  const m = /[\s.!?;:]*$/.exec(ctx.text.slice(n.start, n.end));
  const end = n.end - (m ? m[0].length : 0);
  return end > n.start && /\p{L}/u.test(ctx.text.slice(n.start, end)) ? { start: n.start, end, quoted: /^["\u201c]/.test(ctx.text.slice(n.start, n.start + 1)) } : undefined;
}

/** The span of the sentence after a saying's, and whether it opens with a quotation mark. */
interface NextSentence {
  start: number;
  end: number;
  quoted: boolean;
}

/** Words that open a saying's circumstance after its cue: "said in a statement", "told reporters after the meeting". */
const CIRCUMSTANCE = /^(?:in|at|on|during|after|before|upon|while|when)$/;

/**
 * Whether the units from `j` to the sentence's end are only a saying's circumstance: a short phrase
 * opened by a preposition of place or time, without "that", a colon or a quotation ("in the letter",
 * "in a TV interview", "after the company announced interim results").
 */
function circumstanceOnly(U: readonly Unit[], j: number): boolean {
  // a day first: "Hollande said Friday as he entered the talks.", "Hollande said Friday."
  if (DAY.test(U[j]?.l ?? '')) {
    j++;
    if (j >= U.length || /^[.!?]$/.test(U[j]!.l)) return true;
    if (U[j]!.l !== 'as' && !CIRCUMSTANCE.test(U[j]!.l)) return false;
  } else if (!CIRCUMSTANCE.test(U[j]?.l ?? '')) return false;
  let words = 0;
  for (let k = j; k < U.length; k++) {
    const u = U[k]!;
    if (u.l === 'that' || u.l === ':' || isQuote(u)) return false;
    if (isWord(u) && ++words > 10) return false;
  }
  return true;
}

/**
 * "Roland Dumas, head of a parliamentary committee said": a description that opens lower case after a
 * comma and a name is that name's apposition; the named one speaks.
 */
function appositionOwner(U: readonly Unit[], np: NP | undefined): NP | undefined {
  if (!np || isCap(U[np.from]) || U[np.from - 1]?.l !== ',') return np;
  if (np.mention?.type === 'person') return np;
  // a title opens the description ("head of", "the chairman of"), not a clause ("this reeks of")
  // or an indefinite description ("Dan Rostenkowski, an Illinois Democrat said")
  const opener = DETERMINERS.has(U[np.from]!.l) ? U[np.from + 1] : U[np.from];
  if (!opener || (!/^(a|an)$/.test(U[np.from]!.l) && (opener.m || !isTitleWord(opener.l)))) return np;
  const owner = U[np.from - 2]?.m;
  if (!owner || (owner.type !== 'person' && owner.type !== 'organization')) return np;
  const name = npLeft(U, np.from - 2);
  if (!name || name.mention !== owner || (name.from > 0 && !BOUNDARY.has(U[name.from - 1]!.l) && !isQuote(U[name.from - 1]))) return np;
  return { from: name.from, to: np.to, mention: owner };
}

/**
 * The entity of a phrase and its apposition (units `from`..`to`): the phrase's own, unless that is only
 * a possessor — "Zorinsky's replacement, Republican David Karnes, has said" is Karnes.
 */
function appositionMention(U: readonly Unit[], head: NP, from: number, to: number): EntityMention | undefined {
  const named = U.slice(from, to).find((x) => x.m?.type === 'person')?.m;
  const possessor = !!head.mention && U.slice(head.from, head.to + 1).some((x, j, a) => x.m === head.mention && a[j + 1]?.l === "'s");
  // an apposition that is a person's name and title alone names the speaker a description stood for:
  // "Head of the ministry's Center for …, Rear Admiral Oleg Zhuravlev, said"
  const nameOnly = !!named && U.slice(from, to).every((x) => x.m === named || (!x.m && (isCap(x) || x.l === '.')));
  return (possessor && named) || (nameOnly && head.mention?.type !== 'person' && named) || (head.mention ?? named);
}

/**
 * The speaker when no noun phrase ends right before the cue: the sentence's subject ("…, then
 * says"), the phrase opening the sentence ("Marley Anderson, 21, a junior, said"), the speaker before
 * an apposition, or the subject of a participle ("…, calling him …").
 */
function speakerBeforeCue(U: readonly Unit[], k: number, c: number): NP | undefined {
  let np: NP | undefined;
  const coordinated = U[k]?.l === 'and' || U.slice(k + 1, c).some((x) => x.l === 'then');
  if (coordinated && (U[k]!.l === 'and' || U[k]!.l === ',')) {
    // "Kasich offered the man a job, then says …", "… survived prison and says …": the subject of the sentence
    if (U[0]?.m && U[0].m.type !== 'place') np = { from: 0, to: 0, mention: U[0].m };
    else {
      let to = 0;
      // (up to its first verb: "The minister met the ambassador on Monday and urged …" is the minister's)
      const verb = (u: Unit) => /ed$/.test(u.l) || AUX.has(u.l) || (/^[a-z]+$/.test(u.t) && lookupWord(u.l) === 'verb');
      while (to + 1 < k && (isCap(U[to + 1]) || DETERMINERS.has(U[to]!.l) || /^[a-z]+$/.test(U[to + 1]!.l) && to < 3) && !CUE_FORMS.has(U[to + 1]!.l) && !verb(U[to + 1]!)) to++;
      if (isCap(U[0]) && to < k) np = { from: 0, to };
    }
  }
  if (!np && U[k]?.l === ',') {
    // "Marley Anderson, 21, a junior from Las Vegas, said …": the phrase that opens the sentence
    // ("But Megan Hester, …, said", "Rep. Gregory W. Meeks (D-N.Y.), chairman of …, said", "Officials at Homeland Security Investigations, a division of …, said")
    const firstComma = U.findIndex((x) => x.l === ',');
    const head = firstComma > 0 && firstComma < k ? leadingPhrase(U, firstComma - 1) : undefined;
    if (head && head.from <= 1 && opensSentence(U, head.from) && (head.mention || isCap(U[head.to]))) {
      const mention = appositionMention(U, head, firstComma + 1, k);
      np = { from: head.from, to: k - 1, ...(mention ? { mention } : {}) };
    }
  }
  if (!np && U[k]?.l === ',') {
    // "Chris Cox, who runs the NRA's lobbying arm, says …": the speaker before the apposition
    let p = k - 1;
    while (p >= 0 && U[p]!.l !== ',' && !isQuote(U[p]) && k - p < 30) p--;
    const head = p >= 0 && U[p]!.l === ',' ? leadingPhrase(U, p - 1) : undefined;
    if (head && (opensSentence(U, head.from) || U[head.from - 1]!.l === ',' || isQuote(U[head.from - 1]))) {
      const mention = appositionMention(U, head, p + 1, k);
      np = { from: head.from, to: k - 1, ...(mention ? { mention } : {}) };
    }
  }
  if (!np && /ing$/.test(U[c]!.l) && U[k] && /^(,|--|\u2013|\u2014|-)$/.test(U[k]!.l)) {
    // "Trump went after Bush, calling him …": the subject of the sentence speaks
    const first = U.findIndex((x) => !!x.m);
    // (the subject's titles before it: "Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying …")
    if (first >= 0 && (first <= 2 || npLeft(U, first)?.from === 0) && first < k && (U[first]!.m!.type === 'person' || U[first]!.m!.type === 'organization')) {
      // the whole subject when it ends at the comma: "Senate Democratic leader Robert Byrd, pointing …" is Byrd
      const subject = npLeft(U, k - 1);
      np = subject && subject.from <= first && subject.mention && subject.mention.type !== 'place' ? subject : { from: first, to: first, mention: U[first]!.m! };
    }
  }
  if (!np && k >= 1 && k < 12 && U[k]?.l !== ',') np = openingSubject(U, k);
  return np;
}

/**
 * The whole stretch that opens the sentence and ends right before the cue, read as its subject when it
 * is a noun phrase with "and" or a preposition inside ("Experts on North Korea and nuclear
 * nonproliferation said", "Political observers in Virginia and around the country say"): capitalised
 * first, no verb, comma or quotation in it.
 */
function openingSubject(U: readonly Unit[], k: number): NP | undefined {
  if (!isCap(U[0]) || PREPOSITION.has(U[0]!.l) || DAY.test(U[0]!.l) || /^(but|and|if|when|while|as|after|before|because|although|though|so|then|now)$/.test(U[0]!.l)) return undefined;
  for (let x = 0; x <= k; x++) {
    const u = U[x]!;
    if (u.m) continue;
    if (!isWord(u) || isQuote(u) || AUX.has(u.l) || MODAL.test(u.l) || PRONOUNS.has(u.l) || CUE_FORMS.has(u.l) || /^[a-z]+(ed|ing)$/.test(u.t) || /^(that|which|who|whom|whose|than)$/.test(u.l)) return undefined;
  }
  if (!U.slice(0, k + 1).some((x) => x.l === 'and' || PREPOSITION.has(x.l) || x.l === 'of')) return undefined;
  const mention = U.slice(0, k + 1).find((x) => x.m && (x.m.type === 'person' || x.m.type === 'organization'))?.m;
  return { from: 0, to: k, ...(mention ? { mention } : {}) };
}

/** Prepositions that attach a name to the head of a speaker phrase: "Officials at Homeland Security Investigations". */
const ATTACH = new Set(['at', 'of', 'for', 'from', 'with', 'in', 'on']);

/**
 * The phrase ending at unit `end` read leftwards, over a short parenthesis at its end ("Gregory W. Meeks
 * (D-N.Y.)") and over one preposition that attaches a name to its head ("Officials at Homeland Security
 * Investigations"), when the phrase before the preposition opens the sentence or follows a comma.
 */
function leadingPhrase(U: readonly Unit[], end: number): NP | undefined {
  let e = end;
  if (U[e]?.l === ')') {
    let open = e - 1;
    while (open >= 0 && e - open <= 8 && U[open]!.l !== '(' && U[open]!.l !== ')') open--;
    if (open > 0 && U[open]!.l === '(') e = open - 1;
  }
  const head = npLeft(U, e);
  if (!head) return undefined;
  if (head.from >= 2 && ATTACH.has(U[head.from - 1]!.l)) {
    const outer = npLeft(U, head.from - 2);
    if (outer && (opensSentence(U, outer.from) || U[outer.from - 1]?.l === ',')) {
      const mention = outer.mention ?? head.mention;
      return { from: outer.from, to: end, ...(mention ? { mention } : {}) };
    }
  }
  return { ...head, to: end };
}

/** Whether unit `i` opens the sentence, or follows only a conjunction that opens it ("But Megan Hester, …"). */
function opensSentence(U: readonly Unit[], i: number): boolean {
  return i === 0 || (i === 1 && /^(but|and|yet|so|still|now)$/.test(U[0]!.l) && isCap(U[0]));
}

/** The attribution once its speaker is known: the content after the cue, or before the speaker ("C, X said"). */
function attributionWithSpeaker(s: SentenceState, np: NP, c0: number, c: number, lemma: string, next?: () => NextSentence | undefined): Attribution | undefined {
  const U = s.units;
  const before = U[np.from - 1];
  if (before && !before.m && /^[a-z]/.test(before.t) && !BOUNDARY.has(before.l) && !/^(then|now|also|later|earlier|recently|yesterday|today)$/.test(before.l) && NOUNISH.has(U[c]!.l) && U[c + 1]?.l !== 'that') return undefined;
  // (a noun-like form is a verb after a named speaker, before a clause, or after a study: "A new poll shows that …")
  if (NOUNISH.has(U[c]!.l) && !(np.mention || isCap(U[np.to]) || PRONOUNS.has(U[np.to]!.l) || U[c + 1]?.l === 'that' || STUDY.test(U[np.to]!.l))) return undefined;
  // after the cue: "C" or tail
  let j = c + 1;
  if (lemma === 'tell' || lemma === 'ask' || lemma === 'warn' || lemma === 'urge') {
    // told Al Jazeera / told reporters (that)
    // (a determiner after whoever was told opens what was said: "told Reuters the plan was dead")
    let told = false;
    while (j < U.length && (U[j]!.m || /^(reporters|journalists|the|a|an|an?|broadcaster|newspaper|agency|television|tv|news|radio|audience|crowd|supporters|lawmakers|him|her|them|us|me)$/.test(U[j]!.l) || (isCap(U[j]) && !isQuote(U[j])))) {
      if (told && /^(the|a|an)$/.test(U[j]!.l)) break;
      if (U[j]!.m || !/^(the|a|an)$/.test(U[j]!.l)) told = true;
      j++;
    }
    // whoever was told, then "that": "told a news conference that …", "told a meeting of bankers that …"
    for (let k = j; k < U.length && k - j <= 6; k++) {
      if (U[k]!.l === 'that') {
        // (not a relative clause: "told reporters after a summit that was held on a boat")
        if (k > j && !AUXILIARY.test(U[k + 1]?.l ?? '') && !BE.has(U[k + 1]?.l ?? '')) j = k;
        break;
      }
      // ("told so many lies that …" is a result, not what was said)
      if (!isWord(U[k]) || isQuote(U[k]) || CUE_FORMS.has(U[k]!.l) || /^(so|such)$/.test(U[k]!.l)) break;
    }
  }
  // "Limbaugh added:" closing its sentence: what is said is the next sentence
  if (U[j]?.l === ':' && j === U.length - 1 && REPORTING_SET.has(lemma)) {
    const said = next?.();
    return said ? make(s, U, np, c0, c, said) : undefined;
  }
  let tailOnly = true;
  for (let x = j; x < U.length; x++) if (!TIME_TAIL.test(U[x]!.l) && !U[x]!.m && isWord(U[x])) tailOnly = false;
  // "C, he said, and wrangling could be paralyzing": a clause of its own after the saying, which reports what came before
  if (U[j]?.l === ',' && /^(and|but)$/.test(U[j + 1]?.l ?? '') && np.from > 1 && U[np.from - 1]?.l === ',') tailOnly = true;
  // "“C,” X said, looking out on the crowd" / "“C,” X said to the nominee": after a quote that the
  // speaker follows, what comes after the cue is a circumstance, not the content — unless it is a
  // clause of its own ("that …", ": …", another quote).
  const quoteFirst = REPORTING_SET.has(lemma) && closesQuote(U, np.from - 1) && !(U[j] && (/^(that|:)$/.test(U[j]!.l) || isQuote(U[j])));
  // "James Dimon said in the letter." then "“Slavery was tragically ingrained …”": a saying that opens its
  // sentence and ends on its circumstance reports the quotation that follows it
  if (REPORTING_SET.has(lemma) && np.from === 0 && !quoteFirst && circumstanceOnly(U, j)) {
    const said = next?.();
    if (said?.quoted) return make(s, U, np, c0, c, said);
  }
  // (a stance has its object after it, a name too: "Cruz has endorsed Trump")
  const namedObject = !REPORTING_SET.has(lemma) && U[j]?.m?.kind === 'name';
  if ((!tailOnly || namedObject) && !quoteFirst) {
    // "Hollande said Friday as he entered the talks: “Let everyone know …”": a saying's circumstance, then what was said after a colon
    if (REPORTING_SET.has(lemma)) j = afterCircumstance(U, j);
    while (U[j] && /^(that|:|,)$/.test(U[j]!.l)) j++;
    const content = contentToEnd(U, j);
    if (!content) return undefined;
    return make(s, U, np, c0, c, content);
  }
  // "C, X said." — content is what precedes the speaker
  if (!REPORTING_SET.has(lemma)) return undefined;
  let end = np.from - 1;
  while (end >= 0 && (!isWord(U[end]) && !isQuote(U[end]) || U[end]!.l === ',')) end--;
  if (end < 1) return undefined;
  let from = 0;
  if (U[from] && /^(but|and|however)$/.test(U[from]!.l)) from++;
  return make(s, U, np, c0, c, span(U, from, end));
}

/**
 * Where what was said begins when a colon follows the cue at `j` after a circumstance, with a quotation
 * after it ("said Friday as he entered the talks: “…”", "told reporters in Brussels: “…”"): just
 * after the colon; else `j`. Not across "that", another quotation or another cue.
 */
function afterCircumstance(U: readonly Unit[], j: number): number {
  for (let k = j; k < U.length && k - j <= 12; k++) {
    const l = U[k]!.l;
    if (l === 'that' || isQuote(U[k]) || (k > j && CUE_FORMS.has(l))) return j; // (another saying: "… a great coup but he added: “…”")
    if (l === ':') return k > j && isQuote(U[k + 1]) ? k + 1 : j;
  }
  return j;
}

/**
 * Whether unit `i` (or the comma at `i` right after one) closes a quotation: one that opened earlier in
 * the sentence, or one that opened in a sentence before — a closing mark by its shape (”) or written
 * against the word or comma before it ("… investigated,” Warren told Stumpf").
 */
function closesQuote(U: readonly Unit[], i: number): boolean {
  if (U[i]?.l === ',') i--;
  if (!U[i] || !isQuote(U[i]) || i < 2) return false;
  // a quotation opens the sentence or a clause; one opened after a word is a title: 'on CBS's "Face the Nation," Ryan said'
  for (let k = i - 1; k >= 0; k--) if (isQuote(U[k])) return k === 0 || /^[,:;(]$/.test(U[k - 1]!.l) || isQuote(U[k - 1]) || opensSentence(U, k);
  return U[i]!.t === '\u201d' || (U[i]!.t === '"' && U[i]!.start === U[i - 1]!.end && (isWord(U[i - 1]) || /^[,.!?]$/.test(U[i - 1]!.l)));
}

/** A quotation signed after it: "“C.” ― Pamela Padilla", "“C” — John Smith, a voter". */
function quoteSignature(s: SentenceState): Attribution | undefined {
  const U = s.units;
  const dash = U.findIndex((x, i) => i > 1 && /^(\u2015|\u2014|\u2013|--)$/.test(x.t) && isQuote(U[i - 1]));
  if (dash < 0 || U.length - dash < 2) return undefined;
  let to = U.length - 1;
  while (to > dash && !isWord(U[to])) to--;
  if (to <= dash || to - dash > 10) return undefined;
  // the signature: a name (capitalised words, a mention), optionally followed by ", description"
  let nameEnd = dash + 1;
  while (nameEnd <= to && (U[nameEnd]!.m || isCap(U[nameEnd]) || (U[nameEnd]!.l === '.' && nameEnd > dash + 1))) nameEnd++;
  if (nameEnd === dash + 1 || (nameEnd <= to && U[nameEnd]!.l !== ',')) return undefined;
  const np: NP = { from: dash + 1, to: nameEnd - 1 };
  const mention = U.slice(dash + 1, nameEnd).find((x) => x.m)?.m;
  if (mention) np.mention = mention;
  let end = dash - 1;
  while (end > 0 && !isWord(U[end]) && !isQuote(U[end])) end--;
  if (end < 1) return undefined;
  return make(s, U, np, dash, dash, span(U, 0, end));
}

/** Headline style "Trump: Cruz Has 'To Come a Long Way'". */
export function headlineColon(s: SentenceState, text?: string): Attribution | undefined {
  const U = s.units;
  const colon = U.findIndex((x) => x.l === ':');
  if (colon < 1 || colon > 6 || U.length - colon < 4) return undefined;
  const np = U.slice(0, colon);
  if (!np.every((x) => isWord(x) || x.l === '.' || x.l === "'s" || x.l === '-')) return undefined;
  // the speaker is named ("Graham:", "Obama on Climate Change:"), a country speaking for its government ("Russia:")
  // or a study ("Poll:"), not a headline of its own ("The Latest:", "Little Relief for Refugees:", "Police Shooting:")
  // (an organisation's name the story does not name again is a headline in title case: "Little Relief for Refugees:", "Stealth Over Health:")
  const named = np.some((x) => x.m && (x.m.type === 'person' || (x.m.type === 'organization' && (!text || namedAgain(text, x.m)))));
  const country = np.length === 1 && np[0]!.m?.type === 'place' && lookupWord(np[0]!.m.text.toLowerCase()) === 'country';
  if (!named && !country && !(np.length === 1 && STUDY.test(np[0]!.t))) return undefined;
  if (np.some((x) => /^\p{Lu}{2,}$/u.test(x.t) && !x.m) || /^(update|watch|video|photos?|breaking|exclusive|live|note|editor|related|source|sources|read|listen|correction|read more|also)$/i.test(np[0]!.t)) return undefined;
  const content = contentToEnd(U, colon + 1);
  if (!content) return undefined;
  const mention = np.find((x) => x.m)?.m;
  return make(s, U, { from: 0, to: colon - 1, ...(mention ? { mention } : {}) }, colon, colon, content);
}

/** Whether the text names `m` again outside its own mention. */
function namedAgain(text: string, m: EntityMention): boolean {
  const first = text.indexOf(m.text);
  return first >= 0 && text.indexOf(m.text, first + 1) >= 0;
}

/**
 * A transcript's speaker label: a paragraph that opens (after a quotation mark, at most) with a name in
 * capitals and a colon — "PENCE: Well, look, …", "CHRIS WALLACE: …" — is that person's turn, when the
 * label is a person's name (the recogniser's, or the last words of a person the document names in
 * full) or the document reads as a transcript (two labels, each opening two paragraphs or more).
 */
export function speakerLabel(ctx: DocContext, s: SentenceState): Attribution | undefined {
  const U = s.units;
  const from = isQuote(U[0]) ? 1 : 0;
  const colon = U.findIndex((x, k) => k > from && x.l === ':');
  if (colon < 0 || colon - from > 3 || U.length - colon < 4) return undefined;
  const label = U.slice(from, colon);
  if (!label.every((x) => CAPS_LABEL.test(ctx.text.slice(x.start, x.end)) && (!x.m || x.m.type === 'person'))) return undefined;
  if (!/(^|\n)[ \t]*["\u201c]?[ \t]*$/.test(ctx.text.slice(0, U[from]!.start))) return undefined; // the paragraph's opening
  const words = ctx.text.slice(U[from]!.start, U[colon - 1]!.end).toLowerCase().split(/\s+/);
  const named = label.find((x) => x.m)?.m;
  const person =
    named ??
    ctx.mentions.find((m) => {
      if (m.kind !== 'name' || m.type !== 'person') return false;
      const parts = m.text.toLowerCase().split(/\s+/);
      return parts.length > words.length && parts.slice(-words.length).join(' ') === words.join(' ');
    });
  if (!person && !transcriptLabels(ctx).has(words.join(' '))) return undefined;
  const content = contentToEnd(U, colon + 1);
  if (!content) return undefined;
  return make(s, U, { from, to: colon - 1, ...(person ? { mention: person } : {}) }, colon, colon, content);
}

const CAPS_LABEL = /^\p{Lu}[\p{Lu}'\u2019.-]+$|^\p{Lu}[\p{Lu}'\u2019.-]*(?:\s+\p{Lu}[\p{Lu}'\u2019.-]*){1,2}$/u;
const LABEL_LINE = /^[ \t]*["\u201c]?[ \t]*(\p{Lu}[\p{Lu}'\u2019.-]+(?:[ \t]+\p{Lu}[\p{Lu}'\u2019.-]+){0,2})[ \t]*:/gmu;
/** Headings that open paragraphs in capitals without being anyone's turn. */
const NOT_SPEAKERS = /^(update|updated|note|editor'?s note|correction|clarification|related|watch|video|read more|breaking|source|sources|photo|photos|q|a)$/;
const labelsOf = new WeakMap<DocContext, Set<string>>();

/** The speaker labels of a transcript: capitalised labels that each open two paragraphs or more, when there are at least two of them. */
function transcriptLabels(ctx: DocContext): Set<string> {
  const known = labelsOf.get(ctx);
  if (known) return known;
  const counts = new Map<string, number>();
  for (const m of ctx.text.matchAll(LABEL_LINE)) {
    const l = m[1]!.toLowerCase().replace(/\u2019/g, "'");
    if (!NOT_SPEAKERS.test(l)) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const repeated = [...counts].filter(([, n]) => n >= 2).map(([l]) => l);
  const labels = new Set(repeated.length >= 2 ? repeated : []);
  labelsOf.set(ctx, labels);
  return labels;
}

/** "C, said X" (speaker after the cue). */
function speakerAfter(s: SentenceState, c: number, lemma: string): Attribution | undefined {
  const U = s.units;
  const before = U[c - 1];
  if (!before || !(before.l === ',' || isQuote(before))) return undefined;
  if (!REPORTING_SET.has(lemma) || NOUNISH.has(U[c]!.l)) return undefined;
  const np = npRight(U, c + 1);
  if (!np || (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|earlier|later|last|this|on|in)$/.test(U[np.from]!.l) && !U[np.from]!.m)) return undefined;
  const next = U[np.to + 1];
  if (next && !/^(,|\.|;|:|\(|--|\u2013|\u2014|!|\?)$/.test(next.l) && !isQuote(next) && !TIME_TAIL.test(next.l)) return undefined; // "said she turned out …" is not "C, said X"
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
