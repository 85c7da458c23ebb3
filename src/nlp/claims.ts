/**
 * Numeric claims: casualty and displacement figures ("at least 33 Turkish soldiers were killed",
 * "an airstrike that killed thirty-four Turkish soldiers", "dozens more soldiers were injured",
 * "displaced about 950,000 people"), each with what it counts and its qualifier, so the graph can
 * show where documents disagree.
 */
import type { Claim } from '../types.js';
import type { SentenceState } from './relations/context.js';
import { countryOfDemonym, isWord, type Unit, dict } from './relations/tokens.js';

/** Casualty word (lower case) → property. */
const PROPERTY: Record<string, string> = dict({
  killed: 'killed', dead: 'killed', died: 'killed', martyred: 'killed', slain: 'killed', 'lost their lives': 'killed',
  injured: 'injured', wounded: 'injured', hurt: 'injured',
  displaced: 'displaced', uprooted: 'displaced', evacuated: 'evacuated',
  arrested: 'arrested', detained: 'arrested', captured: 'captured', missing: 'missing', kidnapped: 'kidnapped', abducted: 'kidnapped',
});
const UNITS: Record<string, number> = dict({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
});
const TENS: Record<string, number> = dict({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES: Record<string, number> = dict({ hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000 });
const VAGUE = new Set(['dozens', 'hundreds', 'thousands', 'scores', 'millions', 'tens']);
const QUALIFIERS = ['at least', 'more than', 'over', 'nearly', 'almost', 'about', 'around', 'some', 'up to', 'fewer than', 'less than', 'approximately', 'roughly', 'an estimated', 'as many as', 'close to', 'just over', 'just under', 'upwards of'];
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
}

/** A quantity phrase ending at unit index `end` (inclusive), walking left. */
function quantityEndingAt(U: readonly Unit[], end: number): Quantity | undefined {
  const last = U[end];
  if (!last) return undefined;
  if (VAGUE.has(last.l) || (last.l === 'of' && VAGUE.has(U[end - 1]?.l ?? ''))) {
    const at = last.l === 'of' ? end - 1 : end;
    const q = qualifierBefore(U, at);
    return { from: q?.from ?? at, to: end, value: U[at]!.l === 'tens' ? 'tens of thousands' : U[at]!.l, ...(q ? { qualifier: q.text } : {}) };
  }
  if (!NUMBER_WORD.test(last.l) || last.l === 'a' || last.l === 'an' || last.l === 'and' || last.l === 'half') return undefined;
  let from = end;
  while (from > 0 && NUMBER_WORD.test(U[from - 1]!.l)) from--;
  while (from < end && (U[from]!.l === 'and' || (U[from]!.l === 'a' && from + 1 <= end && U[from + 1]!.l !== 'half' && !(U[from + 1]!.l in SCALES)))) from++;
  const n = parseNumber(U.slice(from, end + 1).map((x) => x.l));
  if (n === undefined) return undefined;
  const q = qualifierBefore(U, from);
  return { from: q?.from ?? from, to: end, value: String(n), ...(q ? { qualifier: q.text } : {}) };
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
    const property = PROPERTY[w.l];
    if (!property) continue;
    // left: "<qty> <noun phrase> (were|have been) (also) killed", "<qty> of our soldiers were martyred"
    let k = i - 1;
    while (k >= 0 && /^(were|was|have|has|had|been|be|being|are|is|also|reportedly|allegedly|already|now|more|all|later|since|and|injured|wounded)$/.test(U[k]!.l) && U[k]!.l !== w.l) k--;
    if (U[k]?.l === ',') {
      // skip a parenthetical ", including more than half a million children,"
      let p = k - 1;
      while (p >= 0 && U[p]!.l !== ',' && k - p < 14) p--;
      if (p >= 0 && U[p]!.l === ',' && U[p + 1]?.l === 'including') k = p - 1;
    }
    let found: { q: Quantity; nounFrom: number; nounTo: number } | undefined;
    let n = k;
    while (n >= 0 && k - n < 5 && /^[\p{L}-]+$/u.test(U[n]!.t) && !NUMBER_WORD.test(U[n]!.l) && !VAGUE.has(U[n]!.l)) n--;
    if (n < k || VAGUE.has(U[k]?.l ?? '') || (U[k] && NUMBER_WORD.test(U[k]!.l))) {
      const nounFrom = n + 1;
      let qEnd = n;
      if (U[qEnd]?.l === 'of' || U[qEnd]?.l === 'more') qEnd--; // "thirty-three of our soldiers", "dozens more"
      const q = quantityEndingAt(U, qEnd);
      if (q && nounFrom <= k) found = { q, nounFrom, nounTo: k };
      else if (q && (VAGUE.has(U[k]?.l ?? '') || NUMBER_WORD.test(U[k]?.l ?? ''))) found = { q, nounFrom: k + 1, nounTo: k };
    }
    // right: "killed <qty> <noun phrase>", "displaced about 950,000 people"
    if (!found) {
      let j = i + 1;
      let qTo = j;
      while (qTo < U.length && (NUMBER_WORD.test(U[qTo]!.l) || QUALIFIERS.some((q) => q.split(' ').includes(U[qTo]!.l)))) qTo++;
      qTo--;
      const q = qTo >= j ? quantityEndingAt(U, qTo) : undefined;
      if (q && q.from >= j) {
        j = qTo + 1;
        const nf = j;
        while (j < U.length && /^[\p{L}-]+$/u.test(U[j]!.t) && !/^(in|on|at|and|by|after|since|during|from|who|which|that|when|while|as)$/.test(U[j]!.l) && j - nf < 4) j++;
        if (j > nf) found = { q, nounFrom: nf, nounTo: j - 1 };
      }
    }
    if (!found || used.has(found.q.from)) continue;
    const words = U.slice(found.nounFrom, found.nounTo + 1).map((x) => x.t);
    const subject = words.length ? normalizeSubject(words) : 'people';
    if (!subject || !/^[\p{L} -]+$/u.test(subject)) continue;
    used.add(found.q.from);
    const start = U[found.q.from]!.start;
    const end = U[found.q.to]!.end;
    out.push({
      about: `${property}: ${subject}`,
      property,
      subject,
      value: found.q.value,
      surface: text.slice(start, end),
      ...(found.q.qualifier ? { qualifier: found.q.qualifier } : {}),
      span: { start: Math.min(start, w.start, U[found.nounFrom]?.start ?? start), end: Math.max(end, w.end) },
      sentence: s.index,
    });
  }
  return out;
}

export const isCountWord = (u: Unit): boolean => isWord(u) && (NUMBER_WORD.test(u.l) || VAGUE.has(u.l));
