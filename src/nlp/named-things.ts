/**
 * Named things that are not people, organisations or places in the recogniser's sense but carry
 * relations in news: agreements ("the Adana Agreement on Combating Terrorism", "the Sochi deal",
 * "the Russian-Turkish memorandum"), roads ("the M5 motorway", "Highway 1"), wars and conflicts
 * ("the Syrian conflict", "the Iraq war") and military operations ("Operation Peace Spring").
 *
 * Runs after the name recogniser on the same text: a found thing replaces the name mentions it
 * overlaps (the recogniser often calls "Adana Interstate Agreement" an organisation and the words
 * after it another), except names wholly inside its modifier ("Sochi" in "the Sochi deal"), which
 * stay. Agreements, wars and operations are typed `event`; roads `place`. Pure and total.
 */
import type { EntityMention, EntityType, Sentence } from '../types.js';
import { countryName, countryOfDemonym } from './relations/tokens.js';

interface Thing {
  start: number;
  end: number;
  type: EntityType;
  /** Where the head word starts: names ending before it are modifiers and are kept. */
  head: number;
}

const AGREEMENT_HEADS = 'Agreements?|Accords?|Treat(?:y|ies)|Memorandum|Pact|Protocol|Conventions?|Deal|Charter|Declaration|Truce|Ceasefire|Armistice';
const AGREEMENT_HEADS_LOWER = 'agreements?|accords?|treat(?:y|ies)|memorandum|pact|protocol|deal|truce|ceasefire|armistice';
/** Lower-case words that may sit between an agreement's name and its head ("the Iran nuclear deal"). */
const AGREEMENT_MODIFIERS = 'nuclear|peace|trade|free-trade|ceasefire|de-escalation|migration|migrant|refugee|energy|security|gas|grain|border|arms|climate|power-sharing|normalisation|normalization';
const CAP = "\\p{Lu}(?:[\\p{L}\\p{N}'’-]|\\.(?=\\p{L}))*";
const CONNECT = "(?:of|on|for|against)(?:\\s+the)?";
const ROAD_HEADS = 'highway|motorway|road|freeway|expressway|ring road|autobahn|autoroute|turnpike';
/** Short words a title-case headline leaves in lower case. */
const HEADLINE_LOWER = new Set(['with', 'from', 'into', 'over', 'than', 'that', 'this', 'upon', 'onto', 'after', 'about', 'amid', 'says', 'said']);
const NOT_A_NAME = new Set(['The', 'A', 'An', 'This', 'That', 'These', 'Those', 'Its', 'Their', 'His', 'Her', 'Our', 'New', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);

const RE = {
  // "the Adana Interstate Agreement on Combating Terrorism", "the Treaty of Lisbon", "the Paris Agreement"
  capitalHead: new RegExp(`(?<![\\p{L}\\p{N}])((?:${CAP}\\s+){0,4}?)(${AGREEMENT_HEADS})((?:\\s+${CONNECT}\\s+${CAP}(?:\\s+(?:and\\s+)?${CAP}){0,3})?)(?![\\p{L}\\p{N}])`, 'gu'),
  // "the Sochi deal", "the Iran nuclear deal", "the Russian-Turkish memorandum", "the EU-Turkey agreement"
  lowerHead: new RegExp(`\\b(the)\\s+(${CAP}(?:\\s+${CAP}){0,2})\\s+(?:(?:${AGREEMENT_MODIFIERS})\\s+)?(${AGREEMENT_HEADS_LOWER})(?![\\p{L}\\p{N}])`, 'gu'),
  // "the M5 motorway", "the A1 road", "the M5, a highway", "Highway 1", "Interstate 95", "Route 66"
  roadCode: new RegExp(`(?<![\\p{L}\\p{N}])([A-Z]{1,2}-?\\d{1,3})(?:\\s+(${ROAD_HEADS})\\b|,\\s+(?:a|the)\\s+(?:[a-z-]+\\s+){0,2}(?:${ROAD_HEADS})\\b)`, 'g'),
  roadNumber: /(?<![\p{L}\p{N}])((?:Highway|Interstate|Route|Motorway)\s+\d{1,3})(?![\p{L}\p{N}])/gu,
  // "the Syrian conflict", "the Syrian civil war", "the Iraq war", "the Gulf War", "World War II"
  conflict: new RegExp(`\\b(?:the)\\s+(${CAP}(?:\\s+${CAP})?)\\s+((?:civil\\s+)?(?:war|conflict|uprising|revolution)|(?:Civil\\s+)?War)(?![\\p{L}\\p{N}])`, 'gu'),
  worldWar: /(?<![\p{L}\p{N}])(World\s+War\s+(?:I{1,2}|One|Two|1|2))(?![\p{L}\p{N}])/gu,
  // "Operation Peace Spring"
  operation: new RegExp(`(?<![\\p{L}\\p{N}])(Operation\\s+${CAP}(?:\\s+${CAP}){0,2})(?![\\p{L}\\p{N}])`, 'gu'),
};

/** Whether a capitalised word can name something ("Adana", "Sochi", "Russian-Turkish"), not a sentence opener or a date. */
function nameWord(w: string): boolean {
  return !NOT_A_NAME.has(w) && /^\p{Lu}/u.test(w);
}

/** A war's name must be a country, a demonym or a region-like proper name ("Gulf"). */
function conflictName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.some((w) => NOT_A_NAME.has(w))) return false;
  return words.length === 1 ? !!(countryOfDemonym(name) || countryName(name) || /^\p{Lu}\p{Ll}+$/u.test(name)) : !!(countryName(name) || countryOfDemonym(words[0]!));
}

/** Finds named things in `text[start, end)`. */
function findInSpan(text: string, start: number, end: number): Thing[] {
  const slice = text.slice(start, end);
  const out: Thing[] = [];
  const at = (i: number) => start + i;
  // a headline in title case ("Turkey Signs Deal With Russia") capitalises every word: no names to read there
  const words = slice.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  const titleCase = words.length > 3 && !words.some((w) => /^\p{Ll}{4,}$/u.test(w) && !HEADLINE_LOWER.has(w));
  for (const m of titleCase ? [] : slice.matchAll(RE.capitalHead)) {
    const before = (m[1] ?? '').trim();
    const words = before ? before.split(/\s+/) : [];
    while (words.length && NOT_A_NAME.has(words[0]!)) words.shift();
    let after = m[3] ?? '';
    if (after && NOT_A_NAME.has(/\p{Lu}[\p{L}\p{N}'’.-]*/u.exec(after)?.[0] ?? '')) after = ''; // "the Paris Agreement on Monday"
    if (!words.length && !after) continue; // a bare "Agreement" opens a sentence or is a common noun
    const tail = slice.slice((m.index ?? 0) + m[0].length);
    if (/^\s+\p{Lu}/u.test(tail) && !after) continue; // "North Atlantic Treaty Organization": an organisation's name
    const lead = m[0].indexOf(words.length ? words[0]! : m[2]!);
    const s = at((m.index ?? 0) + lead);
    const e = at((m.index ?? 0) + (m[1] ?? '').length + m[2]!.length + after.length);
    out.push({ start: s, end: e, type: 'event', head: at((m.index ?? 0) + (m[1] ?? '').length) });
  }
  for (const m of slice.matchAll(RE.lowerHead)) {
    const name = m[2]!;
    const words = name.split(/\s+/);
    if (!words.every(nameWord)) continue;
    const s = at((m.index ?? 0) + m[0].indexOf(name, m[1]!.length));
    const e = at((m.index ?? 0) + m[0].length);
    out.push({ start: s, end: e, type: 'event', head: e - m[3]!.length });
  }
  for (const m of slice.matchAll(RE.roadCode)) {
    const s = at(m.index ?? 0);
    out.push({ start: s, end: s + m[1]!.length, type: 'place', head: s });
  }
  for (const m of slice.matchAll(RE.roadNumber)) {
    const s = at(m.index ?? 0);
    out.push({ start: s, end: s + m[1]!.length, type: 'place', head: s });
  }
  for (const m of slice.matchAll(RE.conflict)) {
    if (!conflictName(m[1]!)) continue;
    const s = at((m.index ?? 0) + m[0].indexOf(m[1]!));
    const e = at((m.index ?? 0) + m[0].length);
    out.push({ start: s, end: e, type: 'event', head: e - m[2]!.length });
  }
  for (const re of [RE.worldWar, RE.operation]) {
    for (const m of slice.matchAll(re)) {
      const s = at(m.index ?? 0);
      out.push({ start: s, end: s + m[1]!.length, type: 'event', head: s });
    }
  }
  return out;
}

/**
 * Adds named agreements, roads, wars and operations to the recogniser's mentions; returns a new
 * list sorted by position, with ids after the input's. A road code seen once as a road ("the M5
 * motorway") is a road wherever else the document writes it ("the M5").
 */
export function addNamedThings(text: string, sentences: readonly Sentence[], mentions: readonly EntityMention[]): EntityMention[] {
  try {
    return addNamedThingsStrict(text, sentences, mentions);
  } catch {
    return [...mentions]; // extraction is total
  }
}

/** As addNamedThings, but lets a pattern bug throw (for tests). */
export function addNamedThingsStrict(text: string, sentences: readonly Sentence[], mentions: readonly EntityMention[]): EntityMention[] {
  const found: (Thing & { sentence: number })[] = [];
  for (const s of sentences) for (const t of findInSpan(text, s.start, s.end)) found.push({ ...t, sentence: s.index });
  // road codes: every other occurrence of a code established as a road
  const codes = new Set(found.filter((t) => t.type === 'place').map((t) => text.slice(t.start, t.end)).filter((c) => /^[A-Z]{1,2}-?\d/.test(c)));
  for (const code of codes) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}-])${code}(?![\\p{L}\\p{N}-])`, 'gu');
    for (const m of text.matchAll(re)) {
      const st = m.index ?? 0;
      const s = sentences.find((x) => x.start <= st && st < x.end);
      if (s) found.push({ start: st, end: st + code.length, type: 'place', head: st, sentence: s.index });
    }
  }
  // longest first, no overlaps among the things themselves
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const things: typeof found = [];
  for (const t of found) if (!things.some((o) => o.start < t.end && t.start < o.end)) things.push(t);
  if (!things.length) return [...mentions];

  const kept = mentions.filter((m) => !things.some((t) => m.start < t.end && t.start < m.end && !(t.start <= m.start && m.end <= t.head && m.end < t.end) && !(m.start === t.start && m.end === t.end && m.type === t.type)));
  const have = new Set(kept.map((m) => `${m.start}:${m.end}`));
  let next = 1 + Math.max(-1, ...mentions.map((m) => Number(/^m(\d+)$/.exec(m.id)?.[1] ?? -1)));
  const added: EntityMention[] = [];
  for (const t of things) {
    if (have.has(`${t.start}:${t.end}`)) continue;
    added.push({ id: `m${next++}`, start: t.start, end: t.end, text: text.slice(t.start, t.end), type: t.type, sentence: t.sentence, kind: 'name' });
  }
  // a dropped mention may have been the expansion of an acronym: the acronym keeps no dangling link
  const ids = new Set(kept.map((m) => m.id));
  const out = kept.map((m) => (m.expands && !ids.has(m.expands) ? (({ expands: _, ...rest }) => rest)(m) : m));
  return [...out, ...added].sort((a, b) => a.start - b.start || b.end - a.end);
}
