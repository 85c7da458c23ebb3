/**
 * Claims a document makes, so the graph can show where documents disagree.
 *
 * Numeric claims: casualty and displacement figures ("at least 33 Turkish soldiers were killed",
 * "an airstrike that killed thirty-four Turkish soldiers", "dozens more soldiers were injured",
 * "displaced about 950,000 people"), each with what it counts, the figure as a value string (see
 * QUALIFIER_BOUND for which qualifiers stay in it), its numeric `amount` and its `bound`. Totals over a
 * period ("killed in February", "since December 2019") are kept apart from one attack's toll.
 *
 * Factual claims (extractFactualClaims, per document): where an attack happened, who carried it out
 * and on which day — the attack identified by a casualty claim in the same sentence, or by a definite
 * description ("the airstrike", "the casualties") of the story's lead event; the day of a statement
 * ("X said on Friday"); and whether two people met or spoke by phone. Values are the phrases as
 * written, lightly normalised ("the Behun area" → "Behun area"), with a comparison `key`.
 */
import { COUNTRIES } from '../lexicon/places.js';
import type { Claim, ClaimBound, EntityMention, Sentence } from '../types.js';
import type { SentenceState } from './relations/context.js';
import { countryName, countryOfDemonym, dict, isWord, pickNonOverlapping, tokenize, toUnits, type Unit } from './relations/tokens.js';

/** Casualty word (lower case) → property. */
const PROPERTY: Record<string, string> = dict({
  killed: 'killed', dead: 'killed', died: 'killed', martyred: 'killed', slain: 'killed', 'lost their lives': 'killed',
  killing: 'killed', injured: 'injured', wounded: 'injured', hurt: 'injured', wounding: 'injured', injuring: 'injured',
  displaced: 'displaced', uprooted: 'displaced', fled: 'displaced', evacuated: 'evacuated',
  arrested: 'arrested', detained: 'arrested', captured: 'captured', missing: 'missing', kidnapped: 'kidnapped', abducted: 'kidnapped',
});
/** Casualty gerunds: their count comes after them ("killing at least 120 people"). */
const GERUNDS = new Set(['killing', 'wounding', 'injuring']);
const UNITS: Record<string, number> = dict({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
});
const TENS: Record<string, number> = dict({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES: Record<string, number> = dict({ hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000 });
const VAGUE = new Set(['dozens', 'hundreds', 'thousands', 'scores', 'millions', 'tens']);
/**
 * Qualifiers of a figure → how it bounds the count, and the canonical wording kept in the value.
 *
 * Value policy: a qualifier stays in the value only when it EXCLUDES the figure ("more than 948,000",
 * "nearly one million": the count is not 948,000 nor one million, so these are different claims from the
 * bare figure). Approximations ("about", "some") and inclusive bounds ("at least", "up to") are dropped
 * from the value: they report the figure itself — "at least 33 killed" is how tolls are conventionally
 * reported as confirmed counts — and are kept in `qualifier` / `bound`.
 */
const QUALIFIER_BOUND: Record<string, [ClaimBound, string | undefined]> = dict({
  'at least': ['at-least', undefined], 'no fewer than': ['at-least', undefined], 'no less than': ['at-least', undefined],
  'more than': ['more-than', 'more than'], over: ['more-than', 'more than'], 'just over': ['more-than', 'more than'], 'upwards of': ['more-than', 'more than'],
  nearly: ['less-than', 'nearly'], almost: ['less-than', 'nearly'], 'close to': ['less-than', 'nearly'], 'just under': ['less-than', 'nearly'],
  'fewer than': ['less-than', 'fewer than'], 'less than': ['less-than', 'fewer than'],
  'up to': ['at-most', undefined], 'as many as': ['at-most', undefined], 'no more than': ['at-most', undefined],
  about: ['approximate', undefined], around: ['approximate', undefined], some: ['approximate', undefined], approximately: ['approximate', undefined],
  roughly: ['approximate', undefined], 'an estimated': ['approximate', undefined], estimated: ['approximate', undefined],
});
/** Longest first, so "just over" wins over "over". */
const QUALIFIERS = Object.keys(QUALIFIER_BOUND).sort((a, b) => b.split(' ').length - a.split(' ').length);
/** Every word of a qualifier ("at", "least", "more", "than", …). */
const QUALIFIER_WORDS = new Set(QUALIFIERS.flatMap((q) => q.split(' ')));
/** Words of a counted noun phrase we drop from its normalised subject. */
const DROP = new Set(['more', 'other', 'of', 'our', 'their', 'its', 'the', 'remaining', 'additional', 'further', 'another', 'such', 'also', 'those', 'them', 'whom', 'these', 'which', 'who']);
const HEAD_CLASS: Record<string, string> = dict({
  soldier: 'soldiers', soldiers: 'soldiers', troops: 'soldiers', troop: 'soldiers', servicemen: 'soldiers', personnel: 'soldiers', service: 'soldiers',
  civilian: 'civilians', civilians: 'civilians', people: 'people', persons: 'people', residents: 'people', person: 'people',
  children: 'children', child: 'children', police: 'police', policemen: 'police', officers: 'police', fighters: 'fighters',
  rebels: 'fighters', militants: 'fighters', jihadists: 'fighters', refugees: 'people', migrants: 'people',
});

/** Parses a number written in digits or words ("950,000", "3.6 million", "thirty-four", "a million"); undefined otherwise. */
export function parseNumber(words: readonly string[]): number | undefined {
  const ws = words.map((w) => w.toLowerCase().replace(/,/g, ''));
  if (!ws.length) return undefined;
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of ws) {
    if (/^\d+(\.\d+)?$/.test(w)) {
      current += Number(w);
      any = true;
    } else if (w === 'a' || w === 'an') {
      if (any) return undefined;
      if (!current) current = 1;
    } else if (w === 'half') current = current ? current * 0.5 : 0.5;
    else if (w in UNITS) (current += UNITS[w]!), (any = true);
    else if (w in TENS) (current += TENS[w]!), (any = true);
    else if (/^[a-z]+-[a-z]+$/.test(w) && w.split('-')[0]! in TENS && w.split('-')[1]! in UNITS) (current += TENS[w.split('-')[0]!]! + UNITS[w.split('-')[1]!]!), (any = true);
    else if (w in SCALES) {
      current = (current || 1) * SCALES[w]!;
      if (SCALES[w]! >= 1000) (total += current), (current = 0);
      any = true;
    } else if (w === 'and') continue;
    else return undefined;
  }
  return any ? Math.round(total + current) : undefined;
}

const NUMBER_WORD = /^(\d[\d,.]*|a|an|half|and|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|seven|eight|nine))$/;

interface Quantity {
  from: number;
  to: number; // unit indexes, inclusive, of the whole phrase (qualifier included)
  value: string;
  qualifier?: string;
  amount?: number;
  bound: ClaimBound;
}

/** 948000 → "948,000". */
export function formatCount(n: number): string {
  const [int, frac] = String(n).split('.');
  return int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/**
 * The value string of a figure: digits for counts ("33", "948,000"); figures written with a scale word
 * keep it, with "a" read as "one" ("nearly a million" → "nearly one million", "3.6 million"); the
 * qualifier when it excludes the figure (see QUALIFIER_BOUND).
 */
function figureValue(words: readonly string[], n: number, qualifier: string | undefined): { value: string; bound: ClaimBound } {
  const [bound, kept] = qualifier ? QUALIFIER_BOUND[qualifier]! : (['exact', undefined] as const);
  const ws = words.map((w) => w.toLowerCase());
  let figure: string;
  if (ws.some((w) => w === 'million' || w === 'billion')) {
    figure = ws.map((w, i) => ((w === 'a' || w === 'an') && ws[i - 1] !== 'half' ? 'one' : w)).join(' ');
  } else figure = formatCount(n);
  return { value: kept ? `${kept} ${figure}` : figure, bound };
}

/** A quantity phrase ending at unit index `end` (inclusive), walking left. */
function quantityEndingAt(U: readonly Unit[], end: number): Quantity | undefined {
  const last = U[end];
  if (!last) return undefined;
  if (VAGUE.has(last.l) || (last.l === 'of' && VAGUE.has(U[end - 1]?.l ?? ''))) {
    const at = last.l === 'of' ? end - 1 : end;
    const q = qualifierBefore(U, at);
    const bound: ClaimBound = q ? QUALIFIER_BOUND[q.text]![0] : 'approximate';
    return { from: q?.from ?? at, to: end, value: U[at]!.l === 'tens' ? 'tens of thousands' : U[at]!.l, bound, ...(q ? { qualifier: q.text } : {}) };
  }
  if (!NUMBER_WORD.test(last.l) || last.l === 'a' || last.l === 'an' || last.l === 'and' || last.l === 'half') return undefined;
  let from = end;
  while (from > 0 && NUMBER_WORD.test(U[from - 1]!.l)) from--;
  while (from < end && (U[from]!.l === 'and' || (U[from]!.l === 'a' && from + 1 <= end && U[from + 1]!.l !== 'half' && !(U[from + 1]!.l in SCALES)))) from++;
  // digits glued to digits ("950,0000") are a misprint whose reading is unsure: no figure
  for (let i = Math.max(from - 1, 0); i < Math.min(end + 1, U.length - 1); i++) {
    if (/^\d/.test(U[i]!.t) && /^\d/.test(U[i + 1]!.t) && U[i]!.end === U[i + 1]!.start) return undefined;
  }
  if (/^\d/.test(U[end + 1]?.t ?? '') && U[end + 1]!.start === last.end) return undefined;
  const words = U.slice(from, end + 1).map((x) => x.l);
  const n = parseNumber(words);
  if (n === undefined) return undefined;
  const q = qualifierBefore(U, from);
  const { value, bound } = figureValue(words, n, q?.text);
  return { from: q?.from ?? from, to: end, value, amount: n, bound, ...(q ? { qualifier: q.text } : {}) };
}

function qualifierBefore(U: readonly Unit[], at: number): { from: number; text: string } | undefined {
  for (const q of QUALIFIERS) {
    const ws = q.split(' ');
    const from = at - ws.length;
    if (from < 0) continue;
    if (ws.every((w, i) => U[from + i]!.l === w)) return { from, text: q };
  }
  return undefined;
}

/** Normalised subject of a counted noun phrase: demonyms kept, head noun classed ("turkish soldiers"). */
export function normalizeSubject(words: readonly string[]): string {
  const kept: string[] = [];
  for (const w of words) {
    const l = w.toLowerCase();
    if (DROP.has(l)) continue;
    if (countryOfDemonym(l) && /^\p{Lu}/u.test(w)) kept.push(l.replace(/s$/, '') === l ? l : l);
  }
  const content = words.filter((w) => !DROP.has(w.toLowerCase()));
  const head = content.length ? content[content.length - 1]!.toLowerCase() : '';
  if (!head) return '';
  const cls = HEAD_CLASS[head] ?? (countryOfDemonym(head) ? 'people' : head);
  return [...new Set(kept.filter((k) => k !== head)), cls].join(' ').trim();
}

/** Finds the numeric claims of one sentence. */
export function extractClaims(text: string, s: SentenceState): Claim[] {
  const U = s.tokens;
  const out: Claim[] = [];
  const used = new Set<number>();
  for (let i = 0; i < U.length; i++) {
    const w = U[i]!;
    const property = PROPERTY[w.l] ?? (w.l === 'toll' && U[i - 1]?.l === 'death' ? 'killed' : undefined);
    if (!property) continue;
    // a gerund takes its count after it ("killing at least 120 people"), never before
    const found = w.l === 'toll' ? tollFigure(U, i) : GERUNDS.has(w.l) ? countAfter(U, i) : (countBefore(U, i) ?? countAfter(U, i));
    if (!found || used.has(found.q.from)) continue;
    const claim = countClaim(text, s, U, i, property, found);
    if (!claim) continue;
    used.add(found.q.from);
    out.push(claim);
  }
  return out;
}

// One function per step (see nlp/index.ts, "Code shape").

interface FoundCount {
  q: Quantity;
  nounFrom: number;
  nounTo: number;
}

const PLACE_PREPOSITION = /^(in|across|throughout|near|around|inside|along|at|on)$/;

/** Verbs that raise a count's subject over "to": "are believed to have died", "were feared to have been killed". */
const RAISING = /^(believed|thought|feared|confirmed|known|said|reported|estimated|presumed|understood|expected|likely)$/;

/** The count left of the property word at `i`: "<qty> <noun phrase> (were|have been) (also) killed", "<qty> of our soldiers were martyred". */
function countBefore(U: readonly Unit[], i: number): FoundCount | undefined {
  const w = U[i]!;
  let k = i - 1;
  const skipAuxiliaries = () => {
    while (k >= 0 && /^(were|was|have|has|had|been|be|being|are|is|also|reportedly|allegedly|already|now|more|all|later|since|and|injured|wounded)$/.test(U[k]!.l) && U[k]!.l !== w.l) k--;
  };
  skipAuxiliaries();
  // "41 Britons are now confirmed to have died", "100,000 people are believed to have been killed"
  if (U[k]?.l === 'to' && RAISING.test(U[k - 1]?.l ?? '')) {
    k -= 2;
    skipAuxiliaries();
  }
  if (U[k]?.l === ',') {
    // skip a parenthetical ", including more than half a million children,"
    let p = k - 1;
    while (p >= 0 && U[p]!.l !== ',' && k - p < 14) p--;
    if (p >= 0 && U[p]!.l === ',' && U[p + 1]?.l === 'including') k = p - 1;
  }
  let n = k;
  while (n >= 0 && k - n < 5 && /^[\p{L}-]+$/u.test(U[n]!.t) && !NUMBER_WORD.test(U[n]!.l) && !VAGUE.has(U[n]!.l)) n--;
  if (!(n < k || VAGUE.has(U[k]?.l ?? '') || (U[k] && NUMBER_WORD.test(U[k]!.l)))) return undefined;
  const nounFrom = n + 1;
  let qEnd = n;
  if (U[qEnd]?.l === 'of' || U[qEnd]?.l === 'more') qEnd--; // "thirty-three of our soldiers", "dozens more"
  const q = quantityEndingAt(U, qEnd);
  // the head is the noun before a place phrase: "150,000 people across the region are feared dead"
  let nounTo = k;
  for (let p = nounFrom + 1; p <= k; p++) {
    if (PLACE_PREPOSITION.test(U[p]!.l)) {
      nounTo = p - 1;
      break;
    }
  }
  if (q && nounFrom <= k) return { q, nounFrom, nounTo };
  if (q && (VAGUE.has(U[k]?.l ?? '') || NUMBER_WORD.test(U[k]?.l ?? ''))) return { q, nounFrom: k + 1, nounTo: k };
  return undefined;
}

/** The quantity written from unit `from` on ("at least 120", "thirty-four"), with its last unit; undefined when none starts there. */
function quantityStartingAt(U: readonly Unit[], from: number): { q: Quantity; to: number } | undefined {
  let to = from;
  while (to < U.length && (NUMBER_WORD.test(U[to]!.l) || QUALIFIER_WORDS.has(U[to]!.l))) to++;
  to--;
  const q = to >= from ? quantityEndingAt(U, to) : undefined;
  return q && q.from >= from ? { q, to } : undefined;
}

/** The figure a death toll is given at, later in its clause: "the death toll … has risen to 296", "a death toll of 33". */
function tollFigure(U: readonly Unit[], i: number): FoundCount | undefined {
  for (let j = i + 1; j < U.length && j - i <= 15; j++) {
    const l = U[j]!.l;
    if (l === '.' || l === ';') return undefined;
    if (!/^(to|at|of|reached|hit|was|is|stood|stands|rose|climbed|passed|topped|exceeded)$/.test(l)) continue;
    const found = quantityStartingAt(U, j + 1);
    if (found) return { q: found.q, nounFrom: found.to + 1, nounTo: found.to };
  }
  return undefined;
}

/** The count right of the property word at `i`: "killed <qty> <noun phrase>", "displaced about 950,000 people". */
function countAfter(U: readonly Unit[], i: number): FoundCount | undefined {
  const found = quantityStartingAt(U, i + 1);
  if (!found) return undefined;
  const { q } = found;
  let j = found.to + 1;
  const nf = j;
  while (j < U.length && /^[\p{L}-]+$/u.test(U[j]!.t) && !/^(in|on|at|and|by|after|since|during|from|who|which|that|when|while|as|just|only|shortly|soon|barely|including)$/.test(U[j]!.l) && j - nf < 4) j++;
  return j > nf ? { q, nounFrom: nf, nounTo: j - 1 } : undefined;
}

/** The claim a count makes about the property word at `i`; undefined when its subject is not a plain noun phrase. */
function countClaim(text: string, s: SentenceState, U: readonly Unit[], i: number, property: string, found: FoundCount): Claim | undefined {
  const w = U[i]!;
  const words = U.slice(found.nounFrom, found.nounTo + 1).map((x) => x.t);
  const subject = words.length ? normalizeSubject(words) : 'people';
  if (!subject || !/^[\p{L} -]+$/u.test(subject)) return undefined;
  const start = U[found.q.from]!.start;
  const end = U[found.q.to]!.end;
  // a total over a period ("killed in Idlib in February", "so far this year") is another fact than one attack's toll
  const window = CASUALTY_PROPERTIES.has(property) ? (periodAfter(U, Math.max(i, found.nounTo)) ?? periodSince(U, found.q.from)) : undefined;
  const prop = window ? `${property} ${window}` : property;
  return {
    about: `${prop}: ${subject}`,
    property: prop,
    subject,
    value: found.q.value,
    surface: text.slice(start, end),
    ...(found.q.qualifier ? { qualifier: found.q.qualifier } : {}),
    ...(found.q.amount !== undefined ? { amount: found.q.amount } : {}),
    bound: found.q.bound,
    span: { start: Math.min(start, w.start, U[found.nounFrom]?.start ?? start), end: Math.max(end, w.end) },
    sentence: s.index,
  };
}

/** A period a count is totalled over, in the clause after unit `at`: "in February", "this year", "so far". */
function periodAfter(U: readonly Unit[], at: number): string | undefined {
  for (let j = at + 1; j < U.length && j - at <= 8; j++) {
    const l = U[j]!.l;
    if (/^(,|;|\.|:|and|but|as|while|which|who|when|after|said)$/.test(l)) return undefined;
    if (l === 'in' && MONTH.test(U[j + 1]?.l ?? '') && U[j + 1]!.t !== U[j + 1]!.l) {
      const year = /^\d{4}$/.test(U[j + 2]?.t ?? '') ? ` ${U[j + 2]!.t}` : '';
      return `in ${U[j + 1]!.t}${year}`;
    }
    if (/^(this|last)$/.test(l) && /^(week|month|year)$/.test(U[j + 1]?.l ?? '')) return `${l} ${U[j + 1]!.l}`;
    if (l === 'so' && U[j + 1]?.l === 'far') return 'so far';
  }
  return undefined;
}

/** A fronted "Since December (2019)," before unit `before`: the count is a running total. */
function periodSince(U: readonly Unit[], before: number): string | undefined {
  for (let j = 0; j < before; j++) {
    if (U[j]!.l !== 'since') continue;
    const m = U[j + 1];
    if (!m || !((MONTH.test(m.l) && m.t !== m.l) || /^\d{4}$/.test(m.t))) continue;
    const year = MONTH.test(m.l) && /^\d{4}$/.test(U[j + 2]?.t ?? '') ? ` ${U[j + 2]!.t}` : '';
    return `since ${m.t}${year}`;
  }
  return undefined;
}

export const isCountWord = (u: Unit): boolean => isWord(u) && (NUMBER_WORD.test(u.l) || VAGUE.has(u.l));

/* ------------------------------------------------------------------------------------------------
 * Factual claims: where an attack happened, who carried it out, on which day, on which day a
 * statement was made, and whether two people met or spoke by phone. Read per document after the
 * numeric claims, because an attack is identified by the casualties it caused.
 * --------------------------------------------------------------------------------------------- */

/** Nouns naming an attack or its outcome; "the airstrike", "the casualties" refer back to the story's event. */
const ATTACK_NOUN = /^(air ?strikes?|airstrikes?|strikes?|attacks?|bombings?|bombardments?|shelling|raids?|assaults?|fighting|clashes|casualties|explosions?|blasts?|ambush|massacre)$/;
const CASUALTY_PROPERTIES = new Set(['killed', 'injured']);
const PLACE_HEAD_FINE = new Set(['area', 'town', 'village', 'district', 'neighbourhood', 'neighborhood', 'city', 'suburb', 'camp', 'base', 'outskirts', 'countryside', 'mountain', 'mountains', 'valley', 'crossing', 'airport', 'port', 'hospital', 'market', 'school']);
const PLACE_HEAD_REGION = new Set(['province', 'region', 'governorate', 'state', 'county', 'prefecture', 'oblast']);
const DIRECTIONS = /^(north|south|east|west|northern|southern|eastern|western|central|north-?western|north-?eastern|south-?western|south-?eastern|northwest|northeast|southwest|southeast|northwestern|northeastern|southwestern|southeastern)$/;
/** Words that end the clause an event's modifiers can sit in. */
const CLAUSE_END = new Set([';', ':', 'as', 'while', 'when', 'whereas', 'although', 'though', 'because', 'but', 'which', 'who', 'where', 'said', 'says', 'according', 'with']);
const WEEKDAY = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const MONTH = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/;
const STATEMENT_CUES = new Set(['said', 'says', 'told', 'announced', 'stated', 'declared', 'added', 'insisted', 'warned', 'claimed', 'reported', 'confirmed', 'denied', 'tweeted', 'wrote']);
const INSTITUTION = new Set(['government', 'regime', 'forces', 'army', 'military', 'troops', 'air', 'force', 'jets', 'warplanes', 'aircraft', 'planes', 'drones', 'artillery', 'navy', 'militia', 'militias', 'fighters', 'rebels', 'coalition', 'allies', 'ally', 'its', 'their', 'and', 'backer', 'backers', 'units', 'govt', 'govt.', 'administration']);

export interface DocumentClaimInput {
  text: string;
  sentences: readonly Sentence[];
  /** Name, pronoun and description mentions of the document (pronouns / descriptions with `refersTo`). */
  mentions: readonly EntityMention[];
  /** The numeric claims already found; casualty claims identify the events. */
  numeric: readonly Claim[];
}

interface Sent {
  index: number;
  U: Unit[];
  /** Unit indexes inside quotation marks. */
  quoted: Set<number>;
}

/** @param own the sentence's mentions */
function sentenceUnits(text: string, s: Sentence, own: readonly EntityMention[]): Sent {
  const picked = pickNonOverlapping(own.filter((m) => m.start >= s.start && m.end <= s.end));
  const U = toUnits(tokenize(text, s.start, s.end, picked), picked);
  const quoted = new Set<number>();
  let open = false;
  U.forEach((u, i) => {
    if (/^["\u201c\u201d\u00ab\u00bb]$/.test(u.t)) open = u.t === '\u201c' ? true : u.t === '\u201d' ? false : !open;
    else if (open) quoted.add(i);
  });
  return { index: s.index, U, quoted };
}

/** The mention a unit stands for, following a pronoun / description to its name. */
function nameOf(m: EntityMention | undefined, byId: ReadonlyMap<string, EntityMention>): EntityMention | undefined {
  if (!m) return undefined;
  return m.refersTo ? (byId.get(m.refersTo) ?? m) : m;
}

const joinWords = (U: readonly Unit[], from: number, to: number): string => {
  let s = '';
  for (let i = from; i <= to; i++) {
    const u = U[i]!;
    if (u.t === '[' || u.t === ']') continue;
    const glue = i > from && (U[i - 1]!.end === u.start || /^['\u2019]s$/i.test(u.t) || u.t === ',');
    s += (glue || !s ? '' : ' ') + u.t;
  }
  return s.replace(/\s+/g, ' ').trim();
};

interface Place {
  value: string;
  key: string;
  rank: number;
  from: number;
  to: number;
}

/**
 * A place phrase starting at unit `i` (just after "in" / "near" / "at" / "between"):
 * "the Behun area" → "Behun area"; "Syria's Idlib province" → "Idlib province";
 * "an area between the towns A and B in C" → "between the towns A and B";
 * "between the town of A, located in D, and B town" → "between the town of A and B town".
 */
export function readPlace(U: readonly Unit[], i: number, viaBetween = false): Place | undefined {
  let k = i;
  while (U[k] && /^(the|a|an)$/.test(U[k]!.l)) k++;
  // "a district (located) between …", "an area between …"
  if (!viaBetween && U[k] && (PLACE_HEAD_FINE.has(U[k]!.l) || U[k]!.l === 'place') && U[k]!.t === U[k]!.l) {
    let b = k + 1;
    if (/^(located|situated|lying)$/.test(U[b]?.l ?? '')) b++;
    if (U[b]?.l === 'between') return readPlace(U, b + 1, true);
    if (U[b]?.l === 'of') k = b + 1; // "the town of X"
    else return undefined;
  }
  if (viaBetween || U[i - 1]?.l === 'between') {
    // A (, located in D,) and B
    const parts: string[] = [];
    const keys: string[] = [];
    let j = i;
    for (let side = 0; side < 2; side++) {
      const from = j;
      while (U[j] && !/^(and|,|\.|;|in|on|at|after|before|near)$/.test(U[j]!.l)) j++;
      if (j === from) return undefined;
      const words = U.slice(from, j);
      if (!words.some((u) => /\p{Lu}/u.test(u.t) && !/^(the|a|an)$/i.test(u.t))) return undefined;
      parts.push(joinWords(U, from, j - 1));
      keys.push(...words.filter((u) => /\p{Lu}/u.test(u.t)).map((u) => u.l));
      if (side === 0) {
        if (U[j]?.t === ',' && /^(located|situated|which|in|near)$/.test(U[j + 1]?.l ?? '')) {
          j++;
          while (U[j] && U[j]!.t !== ',' && U[j]!.t !== '.') j++;
          if (U[j]?.t === ',') j++;
        }
        if (U[j]?.l !== 'and') return undefined;
        j++;
      }
    }
    return { value: `between ${parts[0]} and ${parts[1]}`, key: `between:${[...new Set(keys)].sort().join('+')}`, rank: 3, from: i, to: j - 1 };
  }
  // "Syria's Idlib province": drop the possessive container
  if (U[k + 1] && /^['\u2019]s$/.test(U[k + 1]!.t) && (countryName(U[k]!.t) || U[k]!.m?.type === 'place')) k += 2;
  const from = k;
  let j = k;
  while (U[j] && (DIRECTIONS.test(U[j]!.l) || (/^\p{Lu}/u.test(U[j]!.t) && /^[\p{L}][\p{L}.'\u2019-]*$/u.test(U[j]!.t)) || U[j]!.m?.type === 'place')) j++;
  const nameTo = j;
  if (nameTo === from || !U.slice(from, nameTo).some((u) => /^\p{Lu}/u.test(u.t))) return undefined;
  if (U[j] && (PLACE_HEAD_FINE.has(U[j]!.l) || PLACE_HEAD_REGION.has(U[j]!.l))) j++;
  const head = j > nameTo ? U[j - 1]!.l : '';
  const name = U.slice(from, nameTo).filter((u) => !DIRECTIONS.test(u.l));
  if (!name.length) return undefined;
  const nameText = name.map((u) => u.l).join(' ');
  // A weekday, month or organisation is not a place
  if (name.some((u) => WEEKDAY.test(u.l) || MONTH.test(u.l) || u.m?.type === 'organization' || u.m?.type === 'person')) return undefined;
  // a demonym ("in Syrian and Russian bombings") is not a place
  if (!head && name.every((u) => countryOfDemonym(u.t))) return undefined;
  const isCountry = name.length === 1 && !!countryName(name[0]!.t);
  // a capitalised word is a place only when the recogniser says so, it is a country, or a place noun heads it ("the Tsunami" is not)
  if (!head && !isCountry && !name.some((u) => u.m?.type === 'place')) return undefined;
  const rank = PLACE_HEAD_FINE.has(head) ? 3 : isCountry ? 1 : 2;
  return { value: joinWords(U, from, j - 1), key: `place:${isCountry ? countryName(name[0]!.t)!.toLowerCase() : nameText}`, rank, from: i, to: j - 1 };
}

/** The country an actor phrase names (demonym, country, capital, mention of a place), lower case. */
function countriesOf(words: readonly Unit[]): string[] {
  const out = new Set<string>();
  for (const u of words) {
    const country = u.m ? countryName(u.t) : undefined;
    if (country) out.add(country.toLowerCase());
    for (const w of u.t.split(/\s+/)) {
      const c = countryOfDemonym(w) ?? countryName(w) ?? CAPITAL.get(w.toLowerCase());
      if (c && /^\p{Lu}/u.test(w)) out.add(c.toLowerCase());
    }
  }
  return [...out].sort();
}
const CAPITAL: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [name, capital] of COUNTRIES) m.set(capital.toLowerCase(), name);
  return m;
})();

interface Actor {
  value: string;
  key: string;
  mentions: string[];
}

/** An actor phrase from unit `from` to before `to` (exclusive): "the Damascus regime and its allies". */
function actorPhrase(U: readonly Unit[], from: number, to: number): Actor | undefined {
  let a = from;
  while (a < to && /^(the|a|an)$/.test(U[a]!.l)) a++;
  if (a >= to) return undefined;
  const words = U.slice(a, to);
  // an actor names a party: a mention, a demonym / country / capital, or a named group
  const countries = countriesOf(words);
  const ms = words.filter((u) => u.m).map((u) => u.m!.id);
  if (!countries.length && !ms.length) return undefined;
  const allies = words.some((u) => /^(allies|ally|backers?|partners?)$/.test(u.l)) && words.some((u) => /^(and|its|their)$/.test(u.l));
  const main = words.filter((u) => !/^(allies|ally|backers?|partners?|and|its|their)$/.test(u.l));
  // "Assad government ally Russia": the apposed name after "ally" is the actor
  const allyAt = words.findIndex((u) => /^(ally|backer|partner)$/.test(u.l));
  const key = allyAt > 0 && allyAt < words.length - 1 && !words.slice(allyAt + 1).some((u) => /^(and|its)$/.test(u.l))
    ? `country:${countriesOf(words.slice(allyAt + 1)).join('+') || words.slice(allyAt + 1).map((u) => u.l).join(' ')}`
    : `country:${countries.join('+') || main.map((u) => u.l).join(' ')}${allies ? '+allies' : ''}`;
  return { value: joinWords(U, a, to - 1), key, mentions: ms };
}

/** End (exclusive) of an actor phrase starting at `from`. */
function actorEnd(U: readonly Unit[], from: number): number {
  let j = from;
  while (U[j] && !/^(,|\.|;|:|\(|in|on|at|after|before|near|that|which|who|as|since|during|while|for|from|to|when|late|early|last|“|”|")$/.test(U[j]!.l) && j - from < 8) j++;
  return j;
}

/** Extracts the factual claims of one document (see the section comment). Pure and total. */
export function extractFactualClaims(input: DocumentClaimInput): Claim[] {
  const { text, sentences, mentions, numeric } = input;
  const byId = new Map(mentions.map((m) => [m.id, m]));
  const out: Claim[] = [];
  const casualty = numeric.filter((c) => CASUALTY_PROPERTIES.has(c.property)).sort((a, b) => a.sentence - b.sentence || a.span.start - b.span.start);
  const lead = casualty.find((c) => c.property === 'killed') ?? casualty[0];
  const bySentence = new Map<number, EntityMention[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence);
    if (list) list.push(m);
    else bySentence.set(m.sentence, [m]);
  }
  for (const s of sentences) {
    const st = sentenceUnits(text, s, bySentence.get(s.index) ?? []);
    if (!st.U.length) continue;
    // the event the sentence reports: its own casualty claim, or the story's event named by a definite description
    const own = casualty.find((c) => c.sentence === s.index);
    const anchor = own ? ownAnchor(st.U, own) : lead && lead.sentence < s.index ? describedAnchor(st, lead) : undefined;
    if (anchor) out.push(...eventFacts(s, st, anchor.event, anchor.at, own !== undefined));
    out.push(...statementDays(text, s, st, byId), ...contactForms(s, st, byId));
  }
  return out;
}

// One function per step (see nlp/index.ts, "Code shape").

/** Where a sentence's own casualty claim is anchored: its property word, else its first unit. */
function ownAnchor(U: readonly Unit[], own: Claim): { event: Claim; at: number } | undefined {
  let at = U.findIndex((u) => u.start >= own.span.start && u.end <= own.span.end && PROPERTY[u.l] !== undefined);
  if (at < 0) at = U.findIndex((u) => u.start >= own.span.start);
  return at >= 0 ? { event: own, at } : undefined;
}

/** The story's lead event named by a definite description later on ("the attack", "the air strikes"). */
function describedAnchor(st: Sent, lead: Claim): { event: Claim; at: number } | undefined {
  const U = st.U;
  for (let i = 0; i + 1 < U.length; i++) {
    if (U[i]!.l !== 'the' || st.quoted.has(i)) continue;
    const n = U[i + 1]!.l === 'air' && /^strikes?$/.test(U[i + 2]?.l ?? '') ? i + 2 : i + 1;
    if (ATTACK_NOUN.test(U[n]!.l) && !(U[n + 1]?.l === 'of' || U[n + 1]?.l === 'on' || U[n + 1]?.l === 'against')) return { event: lead, at: n };
  }
  return undefined;
}

/** Location, day and perpetrator of `event`, read from the clause after its anchor at `anchorAt`. */
function eventFacts(s: Sentence, st: Sent, event: Claim, anchorAt: number, own: boolean): Claim[] {
  const U = st.U;
  const out: Claim[] = [];
  const push = (c: Omit<Claim, 'sentence' | 'span'> & { from: number; to: number }) => {
    const { from, to, ...rest } = c;
    out.push({ ...rest, span: { start: U[from]!.start, end: U[to]!.end }, sentence: s.index });
  };
  const eventKey = event.about;
  // location and day: prepositional phrases after the anchor, in its clause
  let best: Place | undefined;
  let day: { value: string; at: number } | undefined;
  let perp: (Actor & { from: number; to: number }) | undefined;
  for (let j = anchorAt + 1; j < U.length; j++) {
    const u = U[j]!;
    if (CLAUSE_END.has(u.l)) break;
    if (u.t === ',' && !(U[j + 1] && /^(located|situated)$/.test(U[j + 1]!.l))) {
      // a comma ends the clause unless a place or actor phrase continues
      if (!/^(in|on|and)$/.test(U[j + 1]?.l ?? '')) break;
      continue;
    }
    if (/^(in|near|at|between|outside)$/.test(u.l) && !st.quoted.has(j)) {
      const p = readPlace(U, j + 1, u.l === 'between');
      if (p) {
        if (!best || p.rank > best.rank) best = p;
        j = p.to;
        continue;
      }
    }
    if (!day && WEEKDAY.test(u.l)) day = { value: u.t[0]!.toUpperCase() + u.l.slice(1), at: j };
    if (!perp && (u.l === 'by' || (u.l === 'on' && U[j - 1]?.l === 'blamed'))) {
      const a = j + 1;
      // "by a Syrian government airstrike": the modifier of the attack noun is its author
      let end = actorEnd(U, a);
      const attackAt = U.slice(a, end).findIndex((x) => ATTACK_NOUN.test(x.l));
      if (attackAt >= 0) {
        end = a + attackAt;
        if (U[end - 1]?.l === 'air') end--;
      }
      const act = actorPhrase(U, a, end);
      if (act) perp = { ...act, from: a, to: end - 1 };
    }
  }
  perp ??= perpetratorBefore(U);
  const negatedSentence = U.some((u) => /^(denied|deny|denies|not|never)$/.test(u.l));
  const subject = event.subject;
  if (best) push({ about: `location: ${eventKey}`, property: 'location', subject, value: best.value, surface: joinWords(U, best.from, best.to), event: eventKey, key: best.key, rank: best.rank, from: best.from, to: best.to });
  if (day && own) push({ about: `day: ${eventKey}`, property: 'day', subject, value: day.value, surface: U[day.at]!.t, event: eventKey, key: day.value.toLowerCase(), from: day.at, to: day.at });
  if (perp && !negatedSentence) push({ about: `perpetrator: ${eventKey}`, property: 'perpetrator', subject, value: perp.value, surface: perp.value, event: eventKey, key: perp.key, actors: perp.mentions, from: perp.from, to: perp.to });
  return out;
}

/** "<actor> fired / launched / carried out … strikes" before the anchor's clause. */
function perpetratorBefore(U: readonly Unit[]): (Actor & { from: number; to: number }) | undefined {
  for (let j = 1; j < U.length; j++) {
    if (!/^(fired|launched|conducted|carried)$/.test(U[j]!.l)) continue;
    if (!U.slice(j + 1, j + 5).some((x) => ATTACK_NOUN.test(x.l) || /^(rockets?|missiles?|shells?|mortars?|artillery|drones?)$/.test(x.l))) continue;
    let a = j;
    while (a > 0 && (INSTITUTION.has(U[a - 1]!.l) || countriesOf([U[a - 1]!]).length || U[a - 1]!.m)) a--;
    const act = a < j ? actorPhrase(U, a, j) : undefined;
    return act ? { ...act, from: a, to: j - 1 } : undefined;
  }
  return undefined;
}

const PERSONISH = (m: EntityMention | undefined) => !!m && (m.type === 'person' || m.type === 'organization');

/** "X said (on) Friday", "X told <recipient> Friday", "On Friday, X said …", "X on Friday said". */
function statementDays(text: string, s: Sentence, st: Sent, byId: ReadonlyMap<string, EntityMention>): Claim[] {
  const U = st.U;
  const out: Claim[] = [];
  for (let c = 0; c < U.length; c++) {
    if (!STATEMENT_CUES.has(U[c]!.l) || st.quoted.has(c)) continue;
    const claim = statementDay(text, s, U, c, byId);
    if (claim) out.push(claim);
  }
  return out;
}

/** The statement-day claim of the cue at `c`, when a speaker and a weekday go with it. */
function statementDay(text: string, s: Sentence, U: readonly Unit[], c: number, byId: ReadonlyMap<string, EntityMention>): Claim | undefined {
  let dayAt = dayAfterCue(U, c);
  const found = statementSpeaker(U, c, byId);
  if (!found) return undefined;
  const { speaker, at: speakerAt } = found;
  if (dayAt < 0) dayAt = dayBeforeSpeaker(U, c, speakerAt);
  if (dayAt < 0) return undefined;
  // what was said: after the cue (skipping recipient, day, "that") or, for a fronted quote, before the speaker
  let from = Math.max(c, dayAt) + 1;
  while (U[from] && /^(that|,|:|morning|afternoon|evening|night)$/.test(U[from]!.l)) from++;
  let content = from < U.length - 1 ? text.slice(U[from]!.start, U[U.length - 1]!.end) : '';
  if (content.split(/\s+/).length < 3 && speakerAt > 1) content = text.slice(U[0]!.start, U[Math.max(0, speakerAt - 1)]!.end);
  const day = U[dayAt]!.t[0]!.toUpperCase() + U[dayAt]!.l.slice(1);
  return {
    about: `statement day: ${speaker.text.toLowerCase()}`,
    property: 'statement day',
    subject: speaker.text,
    value: day,
    surface: U[dayAt]!.t,
    actors: [speaker.id],
    content: content.replace(/\s+/g, ' ').trim(),
    key: day.toLowerCase(),
    span: { start: Math.min(U[dayAt]!.start, U[c]!.start), end: Math.max(U[dayAt]!.end, U[c]!.end) },
    sentence: s.index,
  };
}

/** A weekday after the cue at `c`: "said (on) Friday", "told CNN Friday", "told reporters on Friday"; -1 when none. */
function dayAfterCue(U: readonly Unit[], c: number): number {
  let j = c + 1;
  if (U[c]!.l === 'told') {
    const r = j;
    while (U[j] && j - r < 4 && (U[j]!.m || /^\p{Lu}/u.test(U[j]!.t) || /^(reporters|journalists|broadcaster|television|radio|the|a|an|state|news|agency|channel|newspaper|daily|parliament|lawmakers)$/.test(U[j]!.l)) && !WEEKDAY.test(U[j]!.l)) j++;
  }
  while (U[j] && /^(on|late|early|last)$/.test(U[j]!.l)) j++;
  return U[j] && WEEKDAY.test(U[j]!.l) ? j : -1;
}

/** The speaker: a person or organisation right before the cue at `c` (through an apposition / parenthesis). */
function statementSpeaker(U: readonly Unit[], c: number, byId: ReadonlyMap<string, EntityMention>): { speaker: EntityMention; at: number } | undefined {
  let speaker: EntityMention | undefined;
  let speakerAt = -1;
  for (let k = c - 1; k >= 0 && c - k <= 12; k--) {
    const u = U[k]!;
    if (u.m && PERSONISH(u.m)) {
      const named = nameOf(u.m, byId);
      if (!speaker || (named?.type === 'person' && speaker.type !== 'person')) (speaker = named), (speakerAt = k);
      if (speaker?.type === 'person') break;
      continue;
    }
    if (u.t === ',' && U[k - 1] && WEEKDAY.test(U[k - 1]!.l)) break;
    if (/^(said|told|that|which|and|but|while)$/.test(u.l) || (u.t === '.' && k < c - 1)) break;
  }
  return speaker ? { speaker, at: speakerAt } : undefined;
}

/** A weekday before the speaker at `speakerAt`: "On Thursday, X said", "X on Thursday said"; -1 when none. */
function dayBeforeSpeaker(U: readonly Unit[], c: number, speakerAt: number): number {
  for (let k = speakerAt - 1; k >= 0 && speakerAt - k <= 12; k--) {
    if (WEEKDAY.test(U[k]!.l) && /^(on|late|early)$/.test(U[k - 1]?.l ?? '') && (k - 1 === 0 || /^(but|and|then|also|,)$/.test(U[k - 2]?.l ?? '')) && U[k + 1]?.t === ',') return k;
  }
  if (U[c - 1] && WEEKDAY.test(U[c - 1]!.l) && U[c - 2]?.l === 'on') return c - 1;
  return -1;
}

/** Phone calls and meetings between two named people: "A spoke by phone to B", "in a phone call with B, A …", "A met (with) B". */
function contactForms(s: Sentence, st: Sent, byId: ReadonlyMap<string, EntityMention>): Claim[] {
  const U = st.U;
  const out: Claim[] = [];
  for (let i = 0; i < U.length; i++) {
    if (st.quoted.has(i)) continue;
    const l = U[i]!.l;
    let value: string | undefined;
    let after = i + 1; // where the other party's phrase starts
    if ((l === 'phone' || l === 'telephone') && /^(call|calls|conversation|conversations|talks)$/.test(U[i + 1]?.l ?? '')) (value = 'phone call'), (after = i + 2);
    else if (l === 'video' && /^(call|conference|link)$/.test(U[i + 1]?.l ?? '')) (value = 'video call'), (after = i + 2);
    else if (l === 'by' && /^(phone|telephone)$/.test(U[i + 1]?.l ?? '')) (value = 'phone call'), (after = i + 2);
    else if (/^(phoned|telephoned)$/.test(l)) (value = 'phone call'), (after = i + 1);
    // "met" / "meets" report a meeting; "meet" is intended or modal ("would meet", "happy to meet")
    else if (/^(met|meets)$/.test(l) && !/^(not|never|to)$/.test(U[i - 1]?.l ?? '')) (value = 'meeting'), (after = i + 1);
    else if (l === 'meeting' && U[i + 1]?.l === 'with') (value = 'meeting'), (after = i + 1);
    if (!value) continue;
    const claim = contactClaim(s, U, i, value, after, byId);
    if (claim) out.push(claim);
  }
  return out;
}

/** A contact claim from its cue at `i` ("met", "phone call", …), when both parties are named people. */
function contactClaim(s: Sentence, U: readonly Unit[], i: number, value: string, after: number, byId: ReadonlyMap<string, EntityMention>): Claim | undefined {
  const other = otherParty(U, after, byId);
  if (!other) return undefined;
  const first = firstParty(U, i, other.at, byId);
  if (!first || first.id === other.m.id || first.text === other.m.text) return undefined;
  const [a, b] = [first, other.m];
  return {
    about: `contact: ${a.text.toLowerCase()} & ${b.text.toLowerCase()}`,
    property: 'contact',
    subject: `${a.text} & ${b.text}`,
    value,
    surface: joinWords(U, i, after - 1),
    actors: [a.id, b.id],
    key: value,
    span: { start: U[i]!.start, end: U[after - 1]!.end },
    sentence: s.index,
  };
}

/** The other party of a contact: the first person after the cue ("with" / "to" / a title in between). */
function otherParty(U: readonly Unit[], after: number, byId: ReadonlyMap<string, EntityMention>): { m: EntityMention; at: number } | undefined {
  let other: { m: EntityMention; at: number } | undefined;
  for (let j = after; j < U.length && j - after < 7; j++) {
    const u = U[j]!;
    if (u.m?.type === 'person') {
      other = { m: nameOf(u.m, byId)!, at: j };
      break;
    }
    // only "with" / "to", determiners and a title may stand between the cue and the person
    if (!(/^(with|to|the|his|her|their|its|counterpart|minister|president|secretary|general|chancellor|leader|premier|envoy|foreign|prime|vice|deputy|chief|king|queen|prince|mr|mrs|ms|dr)$/.test(u.l) || (u.m ? u.m.type === 'place' : /^\p{Lu}/u.test(u.t)))) break;
  }
  return other;
}

/** The first party of a contact: the person heading the clause before the cue at `i`, or after "In a phone call with B, A …" (B at `otherAt`). */
function firstParty(U: readonly Unit[], i: number, otherAt: number, byId: ReadonlyMap<string, EntityMention>): EntityMention | undefined {
  let first: EntityMention | undefined;
  for (let k = i - 1; k >= 0 && i - k <= 8; k--) {
    const u = U[k]!;
    if (u.m?.type === 'person') {
      // the person must head the clause, not end a relative clause ("councillors who back X met Y")
      let b = k - 1;
      while (b >= 0 && (/^(the|mr|mrs|ms|dr|minister|president|secretary|general|chancellor|leader|premier|envoy|foreign|prime|vice|deputy|chief)$/.test(U[b]!.l) || (!U[b]!.m && /^\p{Lu}/u.test(U[b]!.t)) || U[b]!.m?.type === 'place' || U[b]!.m?.type === 'organization')) b--;
      if (b < 0 || /^(,|;|and|but|then|when|after|as|also|later|earlier|["\u201c\u201d])$/.test(U[b]!.l)) first = nameOf(u.m, byId);
      break;
    }
    if (/^(,|;|that|which|who|and)$/.test(u.l)) break;
  }
  if (!first && /^(in|during|after)$/.test(U[i - 1]?.l === 'a' ? (U[i - 2]?.l ?? '') : (U[i - 1]?.l ?? ''))) {
    const comma = U.findIndex((u, k) => k > otherAt && u.t === ',');
    if (comma > 0) for (let k = comma + 1; k < U.length && k - comma < 6; k++) if (U[k]!.m?.type === 'person') (first = nameOf(U[k]!.m, byId)), (k = U.length);
  }
  return first;
}

