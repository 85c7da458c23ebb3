/**
 * Named-entity recognition: people, organisations and places with exact character spans.
 *
 * Tokens come from a fast regex tokenizer (ner/tokenize.ts); an averaged-perceptron tagger trained on
 * CoNLL-2003 (ner/, `npm run train:ner`) labels them with word-shape, affix, gazetteer, compromise
 * lexicon, casing-mode and document-level features, so headline-cased and all-caps text work too.
 * Rules then clean the spans (no titles, trailing punctuation or possessives inside a name), read the
 * title before a person's name as its `role`, link acronyms to the expansion before them, add
 * national institutions ("Syrian army", "Turkish government") as organisations, and drop page
 * furniture (share-button lists, "Related posts").
 */
import { COMPANY_SECTOR_WORDS, ORGANIZATION_WORDS } from '../lexicon/organizations.js';
import { HONORIFICS, PARTY_MEMBERS, TITLES, WORLD_LEADERS } from '../lexicon/people.js';
import type { EntityMention, EntityType, Sentence } from '../types.js';
import { computeDocInfo, featureEmitter } from './ner/features.js';
import { isTeamNickname, lookupGazetteer, lookupWord } from './ner/gazetteer.js';
import { loadNerModel } from './ner/model.js';
import { decodeWithModel, type History } from './ner/tagger.js';
import { tokenize, type Token } from './ner/tokenize.js';
import { splitParagraphs } from './sentences.js';
import { countryName, countryOfDemonym } from './relations/tokens.js';

export interface ExtractMentionsOptions {
  /** Also return CoNLL MISC names (nationalities, events, works) as type `other` (default false). */
  includeMisc?: boolean;
  /**
   * Add "Syrian army", "Turkish government"-style national institutions as organisations (default
   * false: relations/groups.ts finds group noun phrases; CoNLL-2003 does not count them as names).
   */
  institutions?: boolean;
}

const TYPE_OF: Record<string, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'place', MISC: 'other' };

const TITLE_SET = new Set(TITLES);
const HONORIFIC_SET = new Set(HONORIFICS);
const MAX_TITLE_WORDS = 4;

/** Nouns that, after a demonym, name a national institution: "Syrian army", "Turkish troops". */
const INSTITUTIONS: readonly string[] = [
  'government', 'regime', 'army', 'military', 'forces', 'troops', 'soldiers', 'authorities', 'police', 'navy',
  'air force', 'armed forces', 'security forces', 'government forces', 'military forces', 'security personnel',
  'ministry', 'foreign ministry', 'defence ministry', 'defense ministry', 'interior ministry', 'parliament',
  'embassy', 'coast guard', 'intelligence', 'cabinet', 'administration', 'presidency',
];
const INSTITUTION_WORDS = INSTITUTIONS.map((s) => s.split(' ')).sort((a, b) => b.length - a.length);
/** After a person's or a capital's name only these make an institution: "Assad regime", "Damascus government". */
const NAME_INSTITUTIONS = new Set(['regime', 'government', 'administration']);

/** Lines that are page furniture: nothing on them is an entity. */
const FURNITURE =
  /sharing button|\bshare (?:on|this)\b|leave a (?:reply|comment)|related (?:posts|articles|stories)|required fields are marked|email address will not be published|\bsign up for\b|\bsubscribe to\b|all rights reserved|click here|cookie/i;

/** Capitalised words that are never names on their own. */
const NEVER_ALONE = new Set(
  ('monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december today yesterday tomorrow share related reply comment comments posts ' +
    'advertisement read more update updated published click subscribe follow print email home news menu search ' +
    'login sign the a an i we you he she it they mr mrs ms dr utc gmt est edt pst cet christmas easter thanksgiving ' +
    'halloween').split(' '),
);

/** Compass points: alone they are a direction ("Aleppo (North)"), except as "the North" / "the West". */
const COMPASS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest']);

const LETTER_UPPER = /\p{Lu}/u;
const PUNCT_ONLY = /^[^\p{L}\p{N}]+$/u;



export interface RawSpan {
  first: number; // token index, inclusive
  last: number; // inclusive
  type: EntityType;
  /**
   * Typed by its position (a dateline): document-level votes leave it alone. Always present (false
   * by default), so every span has one object shape.
   */
  locked: boolean;
}

/** A span not typed by its position; every span is made here or copied, so all have one shape. */
const newSpan = (first: number, last: number, type: EntityType): RawSpan => ({ first, last, type, locked: false });

/**
 * Finds the named entities of a text, in text order.
 * @param sentences the text's sentences (`splitSentences`); a mention never crosses one
 * Total: odd or empty input gives an empty list.
 */
export function extractMentions(text: string, sentences: Sentence[], options: ExtractMentionsOptions = {}): EntityMention[] {
  const includeMisc = options.includeMisc ?? false;
  const institutions = options.institutions ?? false;
  if (!text || sentences.length === 0) return [];
  const toks: Token[][] = [];
  const words: string[][] = [];
  const units: Sentence[] = []; // the sentence each token list belongs to
  const prose: Sentence[] = []; // sentences that are not page furniture
  for (const s of sentences) {
    const start = Math.max(0, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    const furniture = FURNITURE.test(text.slice(start, end));
    const t = furniture ? [] : tokenize(text, start, end);
    if (!furniture) prose.push(s);
    for (const part of splitLines(text, t)) {
      toks.push(part);
      words.push(part.map((x) => x.text));
      units.push(s);
    }
  }
  const doc = computeDocInfo(words);
  const model = loadNerModel();
  const out: Omit<EntityMention, 'id'>[] = [];
  const history: History = new Map();
  const miscWords = new Map<string, number>(); // one-word names tagged MISC, by surface
  const locked = new Set<number>(); // starts of mentions typed by position (datelines)
  const press = new Set<string>(); // names read as a publication's beside a word for one (lower case)
  const ships = new Set<string>(); // names read as a ship's after a word for one (lower case)
  units.forEach((sentence, si) => {
    const w = words[si] as string[];
    if (w.length === 0) return;
    const t = toks[si] as Token[];
    const tags = decodeWithModel(w, featureEmitter(w, doc.modes[si] ?? 'N', doc), model, history, true);
    let spans = toSpans(tags);
    spans = spans.map((sp) => cleanSpan(sp, w)).filter((sp): sp is RawSpan => sp !== null);
    spans = applyGazetteer(spans, w).map((sp) => cleanSpan(sp, w)).filter((sp): sp is RawSpan => sp !== null);
    spans = mergeAdjacentPeople(spans, w);
    if ((doc.modes[si] ?? 'N') === 'N') spans = addPlaceRuns(addOrganisationRuns(spans, w), w);
    spans = mergeDemonymOrganisations(spans, w);
    spans = joinOrganisationParts(spans, w);
    if ((doc.modes[si] ?? 'N') === 'N') spans = joinBodyNames(spans, w);
    spans = joinLetterNames(spans, w);
    spans = fixNamedThings(spans, w);
    spans = typeDateline(spans, w);
    spans = typeTableTeams(spans, w);
    spans = addTeamNicknames(spans, w, doc.sport);
    spans = typeLeaderSurnames(typeRulerNames(spans, w), w);
    spans = typeAppositivePersons(typeTitledNames(splitTitledOrganisations(spans, w), w), w);
    spans = typeDefinedOrganisations(spans, w);
    spans = typePartyMembers(spans, w);
    spans = typeOfficeNames(spans, w);
    spans = typeSectorNames(spans, w);
    spans = typeCoordinatedPeople(spans, w);
    spans = splitToldOutlets(spans, w);
    spans = typePressNames(spans, w, press);
    spans = untypeVessels(spans, w, ships);
    if ((doc.modes[si] ?? 'N') === 'N') spans = joinQuotedNicknames(spans, w);
    spans = addGenerations(spans, w, t);
    if (institutions) spans = addInstitutions(spans, w);
    for (const sp of spans) {
      if (sp.type === 'other' && sp.first === sp.last) miscWords.set(w[sp.first] as string, (miscWords.get(w[sp.first] as string) ?? 0) + 1);
      if (sp.type === 'other' && !includeMisc) continue;
      if (!isPlausibleName(w, sp)) continue;
      const start = (t[sp.first] as Token).start;
      const end = (t[sp.last] as Token).end;
      if (sp.locked) locked.add(start);
      const m: Omit<EntityMention, 'id'> = {
        start,
        end,
        text: text.slice(start, end),
        type: sp.type,
        sentence: sentence.index,
        kind: 'name',
      };
      if (sp.type === 'person') {
        const role = roleBefore(w, sp.first) ?? roleAfter(w, sp.last);
        if (role) m.role = role;
      }
      out.push(m);
    }
  });
  addRepeats(text, out, prose);
  // a ship's name is the ship's in every sentence ("the aircraft carrier Carl Vinson" … "The Carl Vinson leads")
  if (ships.size > 0) for (let i = out.length - 1; i >= 0; i--) if (ships.has((out[i] as Omit<EntityMention, 'id'>).text.toLowerCase().replace(/\s+/g, ' '))) out.splice(i, 1);
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentions: EntityMention[] = [];
  let lastEnd = -1;
  for (const m of out) {
    if (m.start < lastEnd) continue;
    mentions.push(withId(m, `m${mentions.length}`));
    lastEnd = m.end;
  }
  harmoniseTypes(text, mentions, locked, press);
  harmoniseRows(text, mentions, locked);
  trimHeadlineNames(text, mentions);
  trimLeadHeadlineNames(text, mentions);
  dropGroupAdjectives(text, mentions, miscWords);
  dropNationalities(text, mentions, locked);
  linkAcronyms(text, mentions);
  return mentions;
}

/**
 * One name, found once, is found everywhere in its document: a name the tagger recognised in one
 * sentence is also a mention where the same words recur, capitalised the same way, and the tagger
 * missed them ("the streets of Saraqeb" … "re-entered Saraqeb"). Conservative: an occurrence is
 * left alone when it touches another capitalised word (it may be part of a longer name), or when a
 * one-word name opens its sentence (where capitals say nothing) — unless it is a person's, never written
 * in lower case.
 */
export function addRepeats(text: string, out: Omit<EntityMention, 'id'>[], prose: readonly Sentence[]): void {
  if (out.length === 0 || prose.length === 0) return;
  const types = new Map<string, Map<EntityType, number>>();
  for (const m of out) {
    if (m.kind !== 'name' || (m.type !== 'person' && m.type !== 'place' && m.type !== 'organization')) continue;
    if (m.text.length < 3 || !/^\p{Lu}/u.test(m.text) || /\n/.test(m.text)) continue;
    let v = types.get(m.text);
    if (!v) types.set(m.text, (v = new Map()));
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
  }
  if (types.size === 0) return;
  const surnames = surnamesOfFullNames(types);
  addSurnames(text, types, surnames);
  const taken = out.map((m) => [m.start, m.end] as const).sort((a, b) => a[0] - b[0]);
  /** Index of the first taken span that ends after `start` (spans do not overlap, so ends are sorted too). */
  const firstEndingAfter = (start: number) => {
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((taken[mid] as readonly [number, number])[1] <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const sentenceAt = (pos: number): Sentence | undefined => {
    let lo = 0;
    let hi = prose.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = prose[mid] as Sentence;
      if (pos < s.start) hi = mid - 1;
      else if (pos >= s.end) lo = mid + 1;
      else return s;
    }
    return undefined;
  };
  const added: Omit<EntityMention, 'id'>[] = [];
  for (const [name, votes] of types) {
    let type: EntityType = 'place';
    let best = -1;
    for (const [t, n] of votes) if (n > best) [type, best] = [t, n];
    const oneWord = !/\s/.test(name);
    // a person's one-word name, never written in lower case, is a name at a sentence's start too ("Comeaux
    // was serving life in prison"), where capitals alone say nothing
    const opensSentences =
      oneWord && votes.size === 1 && type === 'person' && surnames.has(name) && !NEVER_ALONE.has(name.toLowerCase()) && !writtenLower(text, name.toLowerCase());
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const end = at + name.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      const k = firstEndingAfter(at);
      if (k < taken.length && (taken[k] as readonly [number, number])[0] < end) continue;
      const sentence = sentenceAt(at);
      if (!sentence || end > sentence.end) continue;
      // touching another capitalised word: "Saraqeb Province", "New Saraqeb" (but in a headline in title case a
      // person's full name stands among capitalised words: "Lindsay Lohan Checks Into Rehab")
      const headline = type === 'person' && !oneWord && titleCaseLine(text, at);
      if (!headline && /\p{Lu}[\p{L}.'-]*[ \t]$/u.test(text.slice(Math.max(sentence.start, at - 30), at))) continue;
      if (!headline && /^[ \t]\p{Lu}/u.test(text.slice(end, end + 2))) continue;
      if (/^[-'’]\p{L}/u.test(text.slice(end, end + 2)) && !/^'s\b|^’s\b/u.test(text.slice(end, end + 3))) continue;
      if (/\p{Ll}-$/u.test(text.slice(Math.max(0, at - 2), at))) continue; // "the pre-Castro government"
      const before = text.slice(sentence.start, at);
      if (oneWord && !opensSentences && !/[\p{L}\p{N}]/u.test(before)) continue;
      added.push({ start: at, end, text: name, type, sentence: sentence.index, kind: 'name' });
      taken.splice(k, 0, [at, end]);
    }
  }
  out.push(...added);
}

/** Whether the line around `at` is a headline in title case: most of its words (three or more) capitalised. */
function titleCaseLine(text: string, at: number): boolean {
  const from = text.lastIndexOf('\n', at) + 1;
  const to = text.indexOf('\n', at);
  const words = text.slice(from, to < 0 ? text.length : to).match(/\p{L}[\p{L}'\u2019-]*/gu) ?? [];
  if (words.length < 3) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps * 4 >= words.length * 3;
}

/** Short words a title-case headline leaves in lower case. */
const HEADLINE_LOWER = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'as', 'vs', 'with', 'from', 'into', 'over', 'via', 'per', 'after', 'amid']);

/** Whether a line is in title case: three words or more, every one capitalised but short function words. */
function strictTitleCase(line: string): boolean {
  const words = line.match(/\p{L}[\p{L}'\u2019-]*/gu) ?? [];
  return words.length >= 3 && words.every((w) => /^\p{Lu}/u.test(w) || HEADLINE_LOWER.has(w));
}

/** A line that ends a sentence: a stop, maybe inside closing quotes or brackets. */
const SENTENCE_END_LINE = /[.!?]["'\u2019\u201d)]*\s*$/u;
/** A line that opens with a date, as under a headline: "September 17 , 2013", "on Dec 23 2012", "06/06/13". */
const DATE_LINE = /^\s*(?:(?:on|updated|published|posted)\s+)?(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b|\d{4}\s*-\s*\d{1,2}\s*-\s*\d{1,2}\b|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d)/i;
/** How many lines at most open a document before its first sentence (URL, date, kicker, headline). */
const MAX_LEAD_LINES = 5;

/**
 * The title-case headlines a document opens with: lines before its first line that ends a sentence,
 * none of them ending one, every word capitalised but short function words ("Microsoft Issues
 * Emergency Patch to Curb Password-Stealing Hackers"). As [start, end) offsets. Only the opening is
 * read, so a list or a table row full of names further down is never taken for a headline.
 */
function leadHeadlines(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let n = 0; n < MAX_LEAD_LINES && from < text.length; n++) {
    const nl = text.indexOf('\n', from);
    const to = nl < 0 ? text.length : nl;
    const line = text.slice(from, to);
    if (line.trim()) {
      if (SENTENCE_END_LINE.test(line)) break;
      // a wrapped first line of a story runs on into the next ("Coastal Corp and TransAmerican Natural" /
      // "Gas Corp have proposed …"): a headline stands alone, before a blank line or a line that is a
      // whole sentence or paragraph
      const nextEnd = nl < 0 ? -1 : text.indexOf('\n', nl + 1);
      const nextLine = nl < 0 ? '' : text.slice(nl + 1, nextEnd < 0 ? text.length : nextEnd);
      const dated = DATE_LINE.test(nextLine); // "September 17 , 2013 4 : 16 PM ET", "on Dec 23 2012"
      const alone = !nextLine.trim() || SENTENCE_END_LINE.test(nextLine) || nl < 0 || dated;
      if (/[,;]\s*$/.test(line) || (/^\s*\p{Ll}/u.test(nextLine) && !dated)) break;
      if (alone && strictTitleCase(line)) out.push([from, to]);
    }
    if (nl < 0) break;
    from = nl + 1;
  }
  return out;
}

/**
 * A name in a title-case headline the document opens with runs on over the capitalised words after it
 * ("Microsoft Issues Emergency Patch …" → "Microsoft Issues"): when the story never writes that whole
 * name but writes its first words as a name ("Microsoft"), the headline's name is cut back to them. Not a person's
 * given name and surname ("Lindsay Lohan Checks Out Of Rehab", when the story says "Lindsay" and "Lohan").
 */
function trimLeadHeadlineNames(text: string, mentions: EntityMention[]): void {
  const heads = leadHeadlines(text);
  if (heads.length === 0) return;
  const inHead = (m: EntityMention) => heads.some(([a, b]) => m.start >= a && m.start < b);
  const body = text.slice(heads[heads.length - 1]![1]).toLowerCase().replace(/\s+/g, ' ');
  let names: Set<string> | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.kind !== 'name' || m.type === 'other' || !inHead(m)) continue;
    const words = [...m.text.matchAll(/\S+/g)];
    if (words.length < 2 || body.includes(m.text.toLowerCase().replace(/\s+/g, ' '))) continue;
    if (m.type === 'person' && words.length === 2 && givenAndSurname(words[0]![0], words[1]![0])) continue;
    names ??= new Set(mentions.filter((x) => x.kind === 'name' && !inHead(x)).map((x) => x.text.replace(/\s+/g, ' ')));
    mentions[i] = cutToWrittenName(text, m, words, names, 1);
  }
}

/** A given name the lexicon knows and a word it knows as no other thing than a surname: a person's whole name ("Lindsay Lohan"). */
function givenAndSurname(first: string, second: string): boolean {
  const kind = lookupWord(second.toLowerCase());
  return lookupWord(first.toLowerCase()) === 'first' && (kind === '' || kind === 'last');
}

/**
 * The mention cut back to its longest run of first words (at least `min`) that is one of `names`, or
 * the mention itself when none is.
 */
function cutToWrittenName(text: string, m: EntityMention, words: RegExpMatchArray[], names: ReadonlySet<string>, min: number): EntityMention {
  for (let k = words.length - 1; k >= min; k--) {
    if (!names.has(words.slice(0, k).map((x) => x[0]).join(' '))) continue;
    const last = words[k - 1]!;
    const end = m.start + last.index! + last[0].length;
    return { ...m, end, text: text.slice(m.start, end) };
  }
  return m;
}

/**
 * A person's name in a title-case headline that runs on over the next capitalised words ("Director
 * Gary Ross Still in Negotiations …") is cut back to the person's name as the document writes it
 * elsewhere ("Gary Ross").
 */
function trimHeadlineNames(text: string, mentions: EntityMention[]): void {
  let names: Set<string> | undefined;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.type !== 'person' || m.kind !== 'name') continue;
    const words = [...m.text.matchAll(/\S+/g)];
    if (words.length < 3 || !titleCaseLine(text, m.start)) continue;
    names ??= new Set(mentions.filter((x) => x.type === 'person' && x.kind === 'name' && /\s/.test(x.text) && !titleCaseLine(text, x.start)).map((x) => x.text.replace(/\s+/g, ' ')));
    mentions[i] = cutToWrittenName(text, m, words, names, 2);
  }
}

const JUNIOR = /^(?:Jr|Sr)\.?$/;
const NUMERAL = /^(?:II|III|IV)$/;

/**
 * "Jr." and "Sr." after a name of two words or more are part of it, and make it a person's ("Arcade
 * Joseph Comeaux Jr.", "W. Mark Felt Sr.", "Martin Luther King, Jr."); so are II, III and IV after a
 * person's name. The full stop of "Jr ." written apart is left out.
 */
function addGenerations(spans: RawSpan[], w: readonly string[], t: readonly Token[]): RawSpan[] {
  return spans.map((sp) => {
    if (sp.last - sp.first < 1) return sp;
    if (JUNIOR.test(w[sp.last] as string)) return sp.type === 'person' ? sp : { ...sp, type: 'person' };
    let k = sp.last + 1;
    if (w[k] === ',' && JUNIOR.test(w[k + 1] ?? '')) k++;
    const next = w[k] ?? '';
    if (!JUNIOR.test(next) && !(sp.type === 'person' && NUMERAL.test(next))) return sp;
    if (spans.some((o) => o !== sp && o.first <= k && k <= o.last)) return sp;
    let last = k;
    if (!next.endsWith('.') && w[k + 1] === '.' && (t[k + 1] as Token).start === (t[k] as Token).end && JUNIOR.test(next)) last = k + 1;
    return { ...sp, last, type: 'person' };
  });
}

const GENERATION = /^(?:jr|sr|ii|iii|iv)\.?$/i;

/** A name's words without the generation that may end them ("Arcade Joseph Comeaux Jr." → "Arcade Joseph Comeaux"), two words kept at least; in place. */
function withoutGeneration(words: string[]): string[] {
  while (words.length > 2 && GENERATION.test(words[words.length - 1]!)) words.pop();
  return words;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the text writes `word` in lower case as a word of its own, addresses left out ("www.example.com/lindsay-lohan-checks-into-rehab"). */
function writtenLower(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (WORD_CHAR.test(text[at - 1] ?? '') || WORD_CHAR.test(text[at + word.length] ?? '')) continue;
    const line = text.lastIndexOf('\n', at) + 1;
    if (/^[ \t]*(?:https?|www)\b/i.test(text.slice(line, line + 16))) continue;
    const token = Math.max(text.lastIndexOf(' ', at), text.lastIndexOf('\n', at), text.lastIndexOf('\t', at)) + 1;
    if (/^(?:https?:\/\/|www\.)/i.test(text.slice(token, token + 8))) continue;
    return true;
  }
  return false;
}

/**
 * A person named in full is named by the surname alone further on ("Lindsay Lohan" … "Lohan bailed
 * on rehab"): the surname joins the names to repeat, as a person's, unless the document writes it in
 * lower case too ("Rice" / "rice"), names something else by it, or it is a place in the gazetteer.
 */
function addSurnames(text: string, types: Map<string, Map<EntityType, number>>, surnames: ReadonlySet<string>): void {
  for (const last of surnames) {
    if (types.has(last) || writtenLower(text, last.toLowerCase())) continue;
    types.set(last, new Map([['person', 1]]));
  }
}

/** The surnames of the full names found only as persons' ("Comeaux" of "Arcade Joseph Comeaux Jr"), where the lexicon does not know them as another kind of word. */
function surnamesOfFullNames(types: Map<string, Map<EntityType, number>>): Set<string> {
  const surnames = new Set<string>();
  for (const [name, votes] of types) {
    if (!votes.has('person') || votes.size > 1) continue;
    const words = withoutGeneration(name.split(/\s+/));
    if (words.length < 2 || !words.every((w) => /^\p{Lu}/u.test(w))) continue;
    const last = words[words.length - 1]!;
    if (!/^\p{Lu}\p{Ll}{2,}(?:[-'\u2019]\p{Lu}?\p{Ll}+)?$/u.test(last) || GENERATION.test(last)) continue;
    if (types.has(last) && (types.get(last)?.size !== 1 || !types.get(last)?.has('person'))) continue;
    const category = lookupWord(last.toLowerCase());
    if (category && category !== 'last' && category !== 'person' && category !== 'first') continue;
    surnames.add(last);
  }
  return surnames;
}

/**
 * A sentence's tokens cut at line breaks that end a line of their own — a headline, a dateline, a
 * table row, the end of a paragraph — but not at the breaks of hard-wrapped prose, where a name may
 * continue on the next line ("vice chairman Gerald\nClancy"). A line ends on its own when it is
 * closed by punctuation, when the next line is indented (a new paragraph of wire copy), or when it is
 * shorter than half the longest line of its paragraph (where the wrapping width would have let the
 * next word in) — unless the next line opens with a company's legal form ("AMR\nCorp"), which never
 * starts a name of its own.
 */
function splitLines(text: string, t: Token[]): Token[][] {
  const parts: Token[][] = [];
  let from = 0;
  let width = -1; // the longest line of the sentence's paragraph, measured when first needed
  for (let k = 1; k < t.length; k++) {
    const prev = t[k - 1] as Token;
    const next = t[k] as Token;
    const gap = text.slice(prev.end, next.start);
    const nl = gap.lastIndexOf('\n');
    if (nl < 0) continue;
    const lineStart = text.lastIndexOf('\n', prev.end - 1) + 1;
    const line = text.slice(lineStart, prev.end).trim();
    let own = /[.!?:;)\]"'\u201d]$/u.test(line) || /^[ \t]/.test(gap.slice(nl + 1));
    if (!own && !LEGAL_FORM.test(next.text)) {
      if (width < 0) width = paragraphWidth(text, prev.end);
      own = line.length < width / 2;
    }
    if (!own) continue;
    parts.push(t.slice(from, k));
    from = k;
  }
  parts.push(t.slice(from));
  return parts;
}

/** A company's legal form: what follows its name and starts no name of its own. */
const LEGAL_FORM = /^(?:inc|corp|corporation|co|ltd|limited|plc|llc|gmbh)\.?$/i;

/** The blank-line paragraphs of the last text asked about: [start, end, longest line without its indentation]. */
let widths: { text: string; paragraphs: [number, number, number][] } | undefined;

/** The length of the longest line (without its indentation) of the blank-line paragraph around `at`. */
function paragraphWidth(text: string, at: number): number {
  if (widths?.text !== text) {
    const paragraphs = splitParagraphs(text).map(([start, end]): [number, number, number] => {
      let longest = 0;
      for (const l of text.slice(start, end).split('\n')) longest = Math.max(longest, l.trim().length);
      return [start, end, longest];
    });
    widths = { text, paragraphs };
  }
  const ps = widths.paragraphs;
  let lo = 0;
  let hi = ps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ps[mid] as [number, number, number])[0] <= at) lo = mid;
    else hi = mid - 1;
  }
  return (ps[lo] as [number, number, number])[2];
}

/**
 * One name, one type per document: a surname of a person named in full is that person ("McGuire"
 * after "Mike McGuire"), and other repeated names take their majority type ("Apple" tagged once as
 * a place among organisation readings).
 */
function harmoniseTypes(text: string, mentions: EntityMention[], locked: ReadonlySet<number>, press: ReadonlySet<string>): void {
  const key = (m: EntityMention) => m.text.toLowerCase().replace(/\s+/g, ' ');
  const surnames = new Set<string>();
  for (const name of new Set(mentions.filter((m) => m.type === 'person').map(key))) {
    const parts = withoutGeneration(name.split(' ')); // "… Comeaux Jr."
    if (parts.length >= 2) surnames.add(parts[parts.length - 1] as string);
    // "Suu Kyi" after "Aung San Suu Kyi", "Du Plessis" after "Barend Du Plessis"; not a place's or
    // an organisation's name a mistagged span ends with ("Eduardo de Los Angeles", "Austin Rover Group")
    if (organisationEnding(parts[parts.length - 1] as string)) continue;
    for (let i = 1; i < parts.length - 1; i++) {
      const tail = parts.slice(i);
      if (!gazetteerTypeOf(tail)) surnames.add(tail.join(' '));
    }
  }
  // "Pirelli" in a document that names "Pirelli SpA", "Ericsson" after "LM Ericsson AB": the company,
  // whatever a lone "Pirelli" was tagged
  const companies = new Set<string>();
  for (const m of mentions) {
    if (m.type === 'other' || locked.has(m.start)) continue;
    const parts = key(m).split(' ');
    const tail = parts[parts.length - 1] as string;
    // a company named for its line of business too: "B.C. Resources" … "B.C. also said"
    if (parts.length < 2 || (!CORPORATE_SUFFIX.test(tail) && !(m.type === 'organization' && SECTOR_WORDS.has(tail)))) continue;
    // whatever the tagger said: "Krupp GmbH" is no person
    m.type = 'organization';
    companies.add(parts[0] as string);
    // later words too, but not a place the name carries ("Citicorp Investment Bank (Singapore) Ltd")
    for (const part of parts.slice(1, -1)) if (!PLACE_CATEGORIES.has(lookupWord(part))) companies.add(part);
  }
  // "Petofi 's board of directors", "shares of Ericsson": said only of companies
  const companyCued = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'person' || m.text.includes(' ')) continue;
    if (COMPANY_AFTER.test(text.slice(m.end, m.end + 40)) || COMPANY_BEFORE.test(text.slice(Math.max(0, m.start - 40), m.start))) companyCued.add(key(m));
  }
  // "the town of Urus-Martan", "Worthing , a town on England 's south coast": said only of places
  const placeCued = new Set<string>();
  for (const m of mentions) {
    if (m.type !== 'organization' && m.type !== 'place') continue;
    const words = m.text.split(/\s+/);
    if (words.length > 3 || ORG_WORD_SET.has(words[words.length - 1]!.toLowerCase())) continue;
    if (PLACE_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start)) || PLACE_AFTER.test(text.slice(m.end, m.end + 60))) placeCued.add(key(m));
  }
  const votes = new Map<string, Map<EntityType, number>>();
  for (const m of mentions) {
    if (locked.has(m.start)) continue;
    const k = key(m);
    let v = votes.get(k);
    if (!v) votes.set(k, (v = new Map()));
    v.set(m.type, (v.get(m.type) ?? 0) + 1);
  }
  for (const m of mentions) {
    const k = key(m);
    if (locked.has(m.start)) continue;
    if (surnames.has(k) && m.type !== 'other') {
      m.type = 'person';
      continue;
    }
    // a cue decides every reading of the name, not only those tagged as a person's; a publication's too
    // ("Zycie Warszawy daily said" … "Zycie Warszawy said")
    if (press.has(k) && m.type !== 'other') {
      m.type = 'organization';
      continue;
    }
    if (!k.includes(' ') && ((companies.has(k) && (m.type === 'person' || m.type === 'organization')) || (companyCued.has(k) && m.type !== 'other'))) {
      m.type = 'organization';
      continue;
    }
    if (placeCued.has(k) && (m.type === 'organization' || m.type === 'place')) {
      m.type = 'place';
      continue;
    }
    const v = votes.get(k);
    if (!v || v.size < 2) continue;
    let best: EntityType = m.type;
    let bestCount = v.get(m.type) ?? 0;
    for (const [t, c] of v) if (c > bestCount && t !== 'other') ((best = t), (bestCount = c));
    m.type = best;
  }
}

/** What opens a row of a results list before its name: nothing, or a rank ("2. ", "10) "). */
const ROW_OPENING = /(?:^|\n)[ \t]*(?:\d{1,3}[.)][ \t]*)?$/;
/** What follows a row's name: its country or club in brackets ("Ludmila Engquist ( Sweden ) 12.74"). */
const ROW_BRACKET = /^[ \t]*\(/;

/**
 * One column, one type: the names that open the rows of a results list, each followed by a bracket
 * ("1. Michelle Freeman ( Jamaica )", "2. Ludmila Engquist ( Sweden )"), are all athletes or all
 * teams, so three or more of them take their clear majority's type (two in three).
 */
function harmoniseRows(text: string, mentions: EntityMention[], locked: ReadonlySet<number>): void {
  const rows = mentions.filter(
    (m) =>
      (m.type === 'person' || m.type === 'organization') &&
      ROW_BRACKET.test(text.slice(m.end, m.end + 4)) &&
      ROW_OPENING.test(text.slice(Math.max(0, m.start - 8), m.start)),
  );
  if (rows.length < 3) return;
  const persons = rows.filter((m) => m.type === 'person').length;
  const type: EntityType | null = persons * 3 >= rows.length * 2 ? 'person' : (rows.length - persons) * 3 >= rows.length * 2 ? 'organization' : null;
  if (!type) return;
  for (const m of rows) if (!locked.has(m.start)) m.type = type;
}

/**
 * A party's member written before a person's name ("In 1984, Democrat Walter Mondale promised …") is a
 * word of affiliation, not the party: the tagger's organisation there becomes a name of no kind.
 */
function typePartyMembers(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  return spans.map((sp, k) => {
    const next = spans[k + 1];
    if (sp.first !== sp.last || sp.type !== 'organization' || !PARTY_MEMBER_SET.has((w[sp.first] as string).toLowerCase())) return sp;
    return next && next.type === 'person' && next.first === sp.last + 1 ? { ...sp, type: 'other' } : sp;
  });
}

/** Small words a quoted nickname may hold ("Hands of Stone"). */
const NICKNAME_LOWER = new Set(['of', 'the', 'and', 'da', 'de', 'el', 'la']);
const OPEN_QUOTE = new Set(['"', '“', "'", '‘', '``', '`']);
const CLOSE_QUOTE = new Set(['"', '”', "'", '’', "''", '`']);

/**
 * A person's name with a nickname quoted inside it ("Vincent "The Chin" Gigante", "Charles 'Lucky'
 * Luciano"), which the tagger reads as a first name, a work's title and a surname: one person, from the
 * given name (one the lexicon knows, with a title the tagger took in: "Gangster Charles") to the surname.
 */
export function joinQuotedNicknames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  let out = spans;
  for (let q = 1; q + 3 < w.length; q++) {
    if (!OPEN_QUOTE.has(w[q] as string) || !PROPER_WORD.test(w[q - 1] as string)) continue;
    let c = q + 1;
    while (c < w.length && c <= q + 4 && !CLOSE_QUOTE.has(w[c] as string)) c++;
    if (c === q + 1 || c > q + 4 || !CLOSE_QUOTE.has(w[c] ?? '')) continue;
    const nick = w.slice(q + 1, c);
    if (!/^\p{Lu}/u.test(nick[nick.length - 1] as string) || !nick.every((x, k) => /^\p{Lu}/u.test(x) || (k === 0 ? x === 'the' : NICKNAME_LOWER.has(x)))) continue;
    if (!PROPER_WORD.test(w[c + 1] ?? '') || NEVER_ALONE.has((w[c + 1] as string).toLowerCase())) continue;
    // the word before the quote is a given name the lexicon knows (after a full name, "Gary Ross 'Catching
    // Fire' Negotiations", the quote is a title; after a word, "an Americanised "Jimmy" Bond", a nickname alone)
    if (lookupWord((w[q - 1] as string).toLowerCase()) !== 'first') continue;
    const before = out.find((x) => x.first <= q - 1 && x.last >= q - 1);
    if (before && before.last > q - 1) continue;
    const first = before && (before.type === 'person' || before.type === 'other') && before.last - before.first <= 1 ? before.first : q - 1;
    const after = out.find((x) => x.first <= c + 1 && x.last >= c + 1);
    if (after && after.type !== 'person' && after.type !== 'other') continue;
    const last = after ? Math.max(after.last, c + 1) : c + 1;
    out = [...out.filter((x) => x.last < first || x.first > last), newSpan(first, last, 'person')].sort((a, b) => a.first - b.first);
    q = last;
  }
  return out;
}

/** Words for a team's people written after its name ("Chargers lineman", "Saints coach", "Colts fans"). */
const TEAM_PEOPLE = new Set([
  'coach', 'coaches', 'lineman', 'linemen', 'quarterback', 'linebacker', 'cornerback', 'receiver', 'running', 'tight',
  'defensive', 'offensive', 'wide', 'kicker', 'punter', 'pitcher', 'outfielder', 'infielder', 'catcher', 'shortstop',
  'striker', 'midfielder', 'defender', 'goalkeeper', 'manager', 'player', 'players', 'fans', 'teammate', 'teammates',
  'rookie', 'owner', 'qb', 'wr', 'rb',
]);

/**
 * A team called by its nickname alone ("The Saints placed Bush on injured reserve", "Chargers lineman
 * Jamal Williams") is an organisation, where the tagger found nothing there, read the word alone as
 * another kind of name or as a player's first name ("Chargers Jamal Williams"): in a story about sport,
 * or elsewhere before a word for its people ("Chargers lineman" in a story about a player's arrest). One
 * of its players ("Charger Vincent Jackson") is the player: the word is left out of the name.
 */
export function addTeamNicknames(spans: RawSpan[], w: readonly string[], sport: boolean): RawSpan[] {
  let out = spans;
  /** Whether `at` is a person's name opening at `i` with a plain personal name of two to `most` words after it. */
  const openedBy = (at: RawSpan, i: number, most: number): boolean =>
    at.type === 'person' && at.first === i && at.last >= i + 2 && at.last <= i + most && plainPersonalName(w.slice(i + 1, at.last + 1));
  for (let i = 0; i < w.length; i++) {
    const word = w[i] as string;
    if (!/^\p{Lu}(?:\p{Ll}+|\p{Lu}+)$|^\d\ders$/u.test(word)) continue;
    const lower = word.toLowerCase();
    const k = out.findIndex((x) => x.first <= i && x.last >= i);
    const at = out[k];
    // one of a team's players, before the player's name: "Charger Vincent Jackson", "Colt Reggie Wayne"
    // (not a word the lexicon knows otherwise: "Ray", "Brown", "King" open names)
    if (at && openedBy(at, i, 3) && ['', 'actor'].includes(lookupWord(lower)) && isTeamNickname(`${lower}s`)) {
      if (out === spans) out = spans.slice();
      out[k] = { ...at, first: i + 1 };
      continue;
    }
    if (!isTeamNickname(lower) || (!sport && !TEAM_PEOPLE.has(w[i + 1] ?? ''))) continue;
    // the nickname read as a player's first name ("Chargers Jamal Williams", "Jaguars Maurice Jones-Drew")
    if (at && openedBy(at, i, 4)) {
      if (out === spans) out = spans.slice();
      out.splice(k, 1, newSpan(i, i, 'organization'), { ...at, first: i + 1 });
      continue;
    }
    if (at && (at.first !== at.last || at.type === 'organization')) continue;
    if (out === spans) out = spans.slice();
    if (at) out[k] = { ...at, type: 'organization' };
    else {
      const after = out.findIndex((x) => x.first > i);
      out.splice(after < 0 ? out.length : after, 0, newSpan(i, i, 'organization'));
    }
  }
  return out;
}

const INTEGER = /^\d{1,3}$/;

/**
 * A results or standings line ("NEW YORK 74 59 .556", "Seattle 5 Texas 3"): names followed by scores
 * are teams, so a city there is an organisation. Countries stay places (national teams are written
 * with the country's name, which names the place too).
 */
function typeTableTeams(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const scored = spans.filter((s) => s.type !== 'person' && INTEGER.test(w[s.last + 1] ?? ''));
  if (scored.length === 0) return spans;
  let numbers = 0;
  let words = 0;
  for (const x of w) {
    if (/^[\d.,/-]+$/.test(x) && /\d/.test(x)) numbers++;
    else if (/\p{L}/u.test(x)) words++;
  }
  // mostly numbers (a table row), or two scored names ("Seattle 5 Texas 3")
  if (!(numbers >= 2 && numbers >= words) && scored.length < 2) return spans;
  const gz = lookupGazetteer(w.map((x) => x.toLowerCase()));
  for (const s of scored) {
    if (s.type !== 'place' && s.type !== 'other') continue;
    const country = gz[s.first] === 'B-country' && (gz[s.last + 1] ?? '') !== 'I-country';
    if (!country && lookupWord((w[s.first] as string).toLowerCase()) !== 'country') {
      s.type = 'organization';
      s.locked = true;
    }
  }
  return spans;
}

const DATE_TOKEN = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})$/;

/**
 * A dateline opens a wire story with the place it was filed from: "NEW YORK 1996-08-30",
 * "ARLINGTON , Texas 1996-08-31", "MOSCOW (Reuters)". Its names are places, whatever they look like.
 */
function typeDateline(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const first = spans[0];
  if (!first || first.first !== 0 || first.type === 'person') return spans;
  const after = (k: number) => w[k] ?? '';
  const isDate = (k: number) => DATE_TOKEN.test(after(k)) || (after(k) === '(' && /^(?:Reuters|AP|AFP|UPI)$/.test(after(k + 1)) && after(k + 2) === ')');
  if (isDate(first.last + 1)) {
    first.type = 'place';
    first.locked = true;
    return spans;
  }
  const second = spans[1];
  if (after(first.last + 1) === ',' && second && second.first === first.last + 2 && second.type !== 'person' && isDate(second.last + 1)) {
    first.type = 'place';
    second.type = 'place';
    first.locked = second.locked = true;
  }
  return spans;
}

/** Plural nouns for armed or political groups, after which a lone capitalised word is an adjective. */
const GROUP_NOUNS = /^\s+(?:militants|groups|fighters|rebels|insurgents|extremists|terrorists|gunmen|jihadists|factions|militias)\b/;

/**
 * "Takfiri militants", "Salafist groups": a one-word name written only before a plural group noun,
 * never named in full in the document and not mostly tagged an organisation ("Hamas militants"),
 * describes the group; it is not a person or an organisation of its own.
 */
function dropGroupAdjectives(text: string, mentions: EntityMention[], miscWords: ReadonlyMap<string, number>): void {
  const byKey = new Map<string, EntityMention[]>();
  for (const m of mentions) {
    if ((m.type !== 'person' && m.type !== 'organization') || /\s/.test(m.text)) continue;
    (byKey.get(m.text) ?? byKey.set(m.text, []).get(m.text)!).push(m);
  }
  const fullNames = mentions.filter((m) => m.type === 'person' && /\s/.test(m.text)).map((m) => m.text);
  for (const [name, list] of byKey) {
    if (!list.every((m) => GROUP_NOUNS.test(text.slice(m.end, m.end + 20)))) continue;
    if (fullNames.some((f) => f.endsWith(' ' + name))) continue;
    const orgs = list.filter((m) => m.type === 'organization').length;
    if (orgs > 0 && orgs >= list.length - orgs + (miscWords.get(name) ?? 0)) continue;
    for (const m of list) m.type = 'other';
  }
}

/** Words that follow a company known by a nationality's word ("American said"), not a nationality. */
const VERB_AFTER_NAME = /^(?:said|says|say|has|have|had|is|was|were|will|would|could|can|may|might|should|must|reported|reports|added|told|announced|expects|expected|plans|agreed|earned|posted|rose|fell)$/;

/**
 * A nationality the tagger called an organisation or a person — "West German officials", "West
 * German Finance Minister Gerhard Stoltenberg" — describes what follows it and names nothing: no
 * mention when a lower-case word or a title follows it.
 */
function dropNationalities(text: string, mentions: EntityMention[], locked: ReadonlySet<number>): void {
  const nationality = new Set<EntityMention>();
  for (const m of mentions) {
    if ((m.type !== 'organization' && m.type !== 'person') || locked.has(m.start)) continue;
    const name = m.text.replace(/\s+/g, ' ');
    if (!countryOfDemonym(name) && !countryOfDemonym(name.replace(/^(?:West|East|North|South) /, ''))) continue;
    const after = /^[ \t\n]+([\p{L}][\p{L}-]*)(?:[ \t\n]+([\p{L}][\p{L}-]*))?/u.exec(text.slice(m.end, m.end + 60));
    if (!after) continue;
    const [, next, then] = after as unknown as [string, string, string | undefined];
    if (INSTITUTION_WORDS.some((words) => words[0] === next.toLowerCase())) continue; // "Philippine government": an institution
    if (VERB_AFTER_NAME.test(next)) continue; // "American said": a company known by the word
    // "West German officials"; "West German Finance Minister Gerhard Stoltenberg"
    if (!/^\p{Lu}/u.test(next) || TITLE_SET.has(next.toLowerCase()) || (then !== undefined && TITLE_SET.has(then.toLowerCase()))) nationality.add(m);
  }
  if (!nationality.size) return;
  let k = 0;
  for (const m of mentions) if (!nationality.has(m)) mentions[k++] = m;
  mentions.length = k;
}

/** What precedes or follows only a place's name: "the town of …", "…, a village near …". */
const PLACE_KINDS = '(?:village|town|city|district|province|region|suburb|township|municipality|governorate)';
const PLACE_BEFORE = new RegExp(`\\b${PLACE_KINDS}\\s+of\\s+$`, 'i');
const PLACE_AFTER = new RegExp(`^\\s*,\\s+(?:a|an|the)\\s+(?:[a-z-]+\\s+){0,3}${PLACE_KINDS}\\b`);

/** What follows or precedes only a company's name. */
const COMPANY_AFTER =
  /^\s*(?:(?:['\u2019]s?\s+)?(?:shares|stock|board of directors|general manager|chief executive officer|subsidiary|printing house|plant|factory)|['\u2019]s\s+(?:(?:first|second|third|fourth)[- ]quarter\s+|(?:six|nine)[- ]month\s+|half[- ]year\s+|annual\s+|net\s+|pre-?tax\s+|operating\s+)?(?:output|profits?|earnings|revenues?|sales|turnover))\b/i;
const COMPANY_BEFORE =
  /\b(?:shares of|stake in|(?:chief executive|executive|operating|financial) officer of|general manager of|subsidiary of|unit of|takeover of|merger with|regulator|watchdog|carmaker|automaker|retailer|airline|insurer|brewer|chipmaker|conglomerate|consultancy|broadcaster|giant|(?:research|investment|brokerage|consulting|technology|internet|software|telecoms?|media|drinks|oil|mining|analyst) (?:firm|group|company|house))\s+$/i;

function toSpans(tags: readonly string[]): RawSpan[] {
  const spans: RawSpan[] = [];
  let cur: RawSpan | null = null;
  let curType = '';
  tags.forEach((tag, i) => {
    const type = tag.slice(2);
    if (tag === 'O' || tag.startsWith('B-') || !cur || curType !== type) {
      if (cur) spans.push(cur);
      cur = tag === 'O' ? null : newSpan(i, i, TYPE_OF[type] ?? 'other');
      curType = type;
    } else cur.last = i;
  });
  if (cur) spans.push(cur);
  return spans;
}

const GAZETTEER_TYPE: Record<string, EntityType> = {
  person: 'person',
  org: 'organization',
  country: 'place',
  city: 'place',
  place: 'place',
};

/**
 * Where the tagger found part of a multi-word name the gazetteer knows ("Syrian Observatory" +
 * "Human Rights" in "Syrian Observatory for Human Rights"; "Recep" + "Tayyip Erdogan"), the
 * gazetteer's span wins. A tagger span that matches the entry exactly keeps its own type (in a sports
 * table "New York" is a team), and one reaching beyond the entry is left alone.
 */
function applyGazetteer(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  if (spans.length === 0) return spans;
  const gz = lookupGazetteer(w.map((x) => x.toLowerCase()));
  let result = spans;
  for (let i = 0; i < gz.length; i++) {
    const tag = gz[i] as string;
    if (!tag.startsWith('B-')) continue;
    let j = i;
    while (j + 1 < gz.length && (gz[j + 1] as string).startsWith('I-')) j++;
    const type = GAZETTEER_TYPE[tag.slice(2)];
    if (!type || !LETTER_UPPER.test((w[i] as string)[0] ?? '') || !LETTER_UPPER.test(w[j] as string)) continue;
    const overlapping = result.filter((s) => s.last >= i && s.first <= j);
    if (overlapping.length === 0) continue;
    const over = overlapping[0] as RawSpan;
    // "Black Sea Fleet", "New York Stock Exchange": a place's name heading an organisation's
    if (overlapping.length === 1 && over.first === i && over.last > j && over.type === 'place' && endsLikeOrganisation(w, over)) over.type = 'organization';
    if (
      overlapping.length === 1 &&
      over.first === i &&
      over.last > j &&
      over.type !== 'person' &&
      j - i >= 1 &&
      ['first', ''].includes(lookupWord((w[j + 1] as string).toLowerCase())) &&
      !endsLikeOrganisation(w, over)
    ) {
      // "the United Nations Bashar al-Jaafari" tagged as one organisation: the entry, then a person
      const split = splitEntryAndPerson(result, w, i, j, type, over);
      result = split.spans;
      i = split.end;
      continue;
    }
    if (overlapping.some((s) => s.first < i || s.last > j)) continue;
    const only = overlapping[0] as RawSpan;
    if (overlapping.length === 1 && only.first === i && only.last === j) continue;
    result = result.filter((s) => !overlapping.includes(s));
    result.push(newSpan(i, j, type));
    result.sort((a, b) => a.first - b.first);
    i = j;
  }
  return result;
}

/** Whether a word is an organisation's head word or legal form ("Exchange", "Ltd"): the end of no person's name. */
function organisationEnding(word: string): boolean {
  const lower = word.toLowerCase();
  return ORG_WORD_SET.has(lower) || CORPORATE_SUFFIX.test(lower);
}

/** Whether a span ends like an organisation's name ("… Stock Exchange", "… Ltd"). */
function endsLikeOrganisation(w: readonly string[], sp: RawSpan): boolean {
  return organisationEnding(w[sp.last] as string);
}

/**
 * A gazetteer entry from `i` to `j` heading a longer span (`over`) that runs into a name: the entry,
 * then a person to the end of the capitalised run. A rare case, kept out of applyGazetteer
 * (see nlp/index.ts, "Code shape").
 */
function splitEntryAndPerson(spans: RawSpan[], w: readonly string[], i: number, j: number, type: RawSpan['type'], over: RawSpan): { spans: RawSpan[]; end: number } {
  let result = spans;
  let end = over.last;
  while (end + 1 < w.length && /^(?:\p{Lu}|(?:al|el|bin|ibn|abu|de|van|von|da|di|du|le|la)-?\p{Lu})/u.test(w[end + 1] as string)) {
    const other = result.find((s) => s.first <= end + 1 && s.last >= end + 1);
    if (other && other.type !== 'other') break;
    if (other) result = result.filter((s) => s !== other);
    end++;
  }
  result = result.filter((s) => s !== over);
  result.push(newSpan(i, j, type), newSpan(j + 1, end, 'person'));
  result.sort((a, b) => a.first - b.first);
  return { spans: result, end };
}

/**
 * "Recep" + "Tayyip Erdogan" tagged as two people with nothing between them are one person; so are a
 * given name and a surname opening with a particle that was tagged as an organisation or place.
 * (Exported for tests.)
 */
export function mergeAdjacentPeople(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    // also across a lower-case patronymic particle: "Ahmed bin Saeed al-Maktoum", "Salman bin Abdulaziz"
    const joined = prev && (prev.last + 1 === s.first || (prev.last + 2 === s.first && NAME_LINKS.has(w[prev.last + 1] as string)));
    if (prev && prev.type === 'person' && s.type === 'person' && joined) prev.last = s.last;
    // a given name and a surname that opens with a particle, which the tagger read as the start of
    // an organisation or place: "Marine | Le Pen", "Charles | De Gaulle", "Vincent | Van Gogh"
    else if (prev && prev.type === 'person' && prev.last + 1 === s.first && prev.last - prev.first < 2 && s.last - s.first >= 1 && s.last - s.first < 3 && SURNAME_PARTICLES.has(w[s.first] as string)) prev.last = s.last;
    else out.push({ ...s });
  }
  return out;
}

/** Capitalised particles that open a surname ("Le Pen", "De Gaulle", "Van Gogh", "Da Silva", "Di Maio"). */
const SURNAME_PARTICLES = new Set(['Le', 'La', 'De', 'Del', 'Della', 'Di', 'Da', 'Du', 'Dos', 'Das', 'Van', 'Von', 'Ter', 'Ten']);

/** Lower-case words inside Arabic and Hebrew names that join a given name to a father's ("bin", "ibn", "bint", "ben"). */
const NAME_LINKS = new Set(['bin', 'ibn', 'bint', 'ben']);

/** Trims punctuation, possessives and (for people) leading titles off a span; null when nothing is left. */
/** Reporting verbs as a title-case headline writes them after a speaker's name. */
const HEADLINE_VERB = /^(?:Says|Said|Tells|Told|Warns|Warned|Claims|Admits|Slams|Urges|Vows|Denies|Insists|Asks|Accuses|Blasts|Praises|Rejects|Defends|Responds|Explains|Reveals|Confirms|Announces|Adds|Thinks|Believes|Wants|Predicts)$/;

/** Titles that end no organisation's name, unlike "President" or "Secretary" ("Office of the President"). */
const HOLDER_ONLY_TITLES = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman', 'aide', 'adviser', 'advisor', 'quarterback', 'qb', 'wr',
  'rb', 'linebacker', 'cornerback', 'striker', 'midfielder', 'goalkeeper',
]);

const PARTY_MEMBER_SET = new Set(PARTY_MEMBERS);

function cleanSpan(sp: RawSpan, w: readonly string[]): RawSpan | null {
  let { first, last } = sp;
  const isJunkEdge = (x: string) => PUNCT_ONLY.test(x) || /^['’][sS]?$/.test(x);
  while (first <= last && isJunkEdge(w[first] as string)) first++;
  while (last >= first && isJunkEdge(w[last] as string)) last--;
  // "St. Louis-based" before a company's name: where it is based, not a name of its own (the place is read
  // from the modifier with the company it describes)
  if (last >= first && /-based$/i.test(w[last] as string)) {
    // a place's name running into the modifier ("St. Louis-based", "South San Francisco-based"): what is
    // left is part of the place's name, which "based in" reads with the modifier
    if (/^\p{Lu}/u.test(w[last] as string)) return null;
    last--;
    while (last >= first && isJunkEdge(w[last] as string)) last--;
  }
  // the same first words tagged on their own before the modifier ("St." or "South San" + "Francisco-based"):
  // an abbreviation alone, or a last word that makes a known place with the modifier's ("San Francisco")
  const based = /^(\p{Lu}[\p{L}.']*)-based$/u.exec(w[last + 1] ?? '');
  if (based) {
    if (w.slice(first, last + 1).every((x) => /^\p{Lu}\p{Ll}?\.$/u.test(x))) return null;
    if (/^B-(?:place|city|country)$/.test(lookupGazetteer([(w[last] as string).toLowerCase(), (based[1] as string).toLowerCase()])[0] ?? '')) return null;
  }
  // "The North Atlantic Treaty Organization" opening a sentence: the article is not part of the name
  // (but "The Hague", "The Oval", and a capitalised "The" mid-sentence are)
  if (first === 0 && first + 1 < last && /^the$/i.test(w[first] as string)) first++;
  if (sp.type === 'person') {
    // "President Recep Tayyip Erdogan" tagged whole: the title is a role, not part of the name
    while (first < last && TITLE_SET.has((w[first] as string).toLowerCase())) first++;
    // a party member's name after the party ("Democrat Walter Mondale", "Republican Sen. Lindsey Graham")
    while (first < last - 1 && PARTY_MEMBER_SET.has((w[first] as string).toLowerCase())) {
      first++;
      while (first < last && TITLE_SET.has((w[first] as string).toLowerCase())) first++;
    }
    // a title-case headline's verb after the name: "…, Lindsey Graham Says"
    while (last - first >= 2 && HEADLINE_VERB.test(w[last] as string)) last--;
    // a person's name ends on a capitalised word: "1914 - James Alfred Van Allen born ."
    while (last > first && /^\p{Ll}+$/u.test(w[last] as string)) last--;
  } else if (first < last) {
    // "NATO Secretary General Jens Stoltenberg": the title before a name is not part of the organisation
    let cut = last;
    while (cut > first && TITLE_SET.has((w[cut] as string).toLowerCase())) cut--;
    const next = w[last + 1] ?? '';
    if (cut < last && LETTER_UPPER.test(next[0] ?? '')) last = cut;
    // "the Chiefs QB situation", "the Fed chairman's remarks": a title no office is named after
    else if (cut === last - 1 && HOLDER_ONLY_TITLES.has((w[last] as string).toLowerCase())) last = cut;
  }
  if (first > last) return null;
  // a title alone ("Spokeswoman") or the start of one ("Rear" of "Rear Admiral") is not a name
  if (first === last && TITLE_SET.has((w[first] as string).toLowerCase())) return null;
  for (let k = 1; k <= 2 && last + k < w.length; k++) {
    if (TITLE_SET.has(w.slice(first, last + k + 1).join(' ').toLowerCase())) return null;
  }
  if (sp.type !== 'person') {
    // "U.S. Trade Representative Katherine Tai", "U.S. Commerce Secretary …": the span's last words
    // begin the title that follows it, so they are not part of the name ("U.S." is)
    for (let c = first + 1; c <= last; c++) {
      for (let k = 1; k <= 2 && last + k < w.length; k++) {
        if (TITLE_SET.has(w.slice(c, last + k + 1).join(' ').toLowerCase())) return newSpan(first, c - 1, gazetteerTypeOf(w.slice(first, c)) ?? sp.type);
      }
    }
  }
  return newSpan(first, last, sp.type);
}

/** The type of words that are exactly a country's name or a gazetteer entry ("U.S." → place), else undefined. */
function gazetteerTypeOf(words: readonly string[]): EntityType | undefined {
  if (countryName(words.join(' '))) return 'place';
  const gz = lookupGazetteer(words.map((x) => x.toLowerCase()));
  if (!gz[0]?.startsWith('B-') || !gz.slice(1).every((t) => t.startsWith('I-'))) return undefined;
  return GAZETTEER_TYPE[gz[0].slice(2)];
}

/** "Peabody and Co", "Sachs & Co Inc": one name, "and Co" and a legal form at most. */
function isPartnershipTail(w: readonly string[], sp: RawSpan): boolean {
  const n = sp.last - sp.first + 1;
  if (n !== 3 && n !== 4) return false;
  const word = (k: number) => (w[sp.first + k] ?? '').toLowerCase();
  return /^\p{Lu}/u.test(w[sp.first] ?? '') && (word(1) === 'and' || word(1) === '&') && /^co\.?$/.test(word(2)) && (n === 3 || LEGAL_FORM.test(word(3)));
}

/** True when every word of a span is a company's legal form ("Corp", "Co Ltd"): no name, the rest of one. */
function isLegalFormsOnly(w: readonly string[], sp: RawSpan): boolean {
  for (let i = sp.first; i <= sp.last; i++) if (!LEGAL_FORM.test(w[i] as string)) return false;
  return true;
}

/** A pronoun with a verb run into it ("I'm", "We’re", "It's"): never a name. */
const CONTRACTION = /^(?:i|you|we|they|he|she|it|that|there|let)['’](?:m|s|re|ve|ll|d)$/i;

export function isPlausibleName(w: readonly string[], sp: RawSpan): boolean {
  if (isLegalFormsOnly(w, sp)) return false; // "Corp" of "AMR\nCorp" cut at a line break
  if (sp.first === sp.last && CONTRACTION.test(w[sp.first] as string)) return false;
  let hasUpper = false;
  for (let i = sp.first; i <= sp.last; i++) if (LETTER_UPPER.test(w[i] as string)) hasUpper = true;
  if (!hasUpper) return false; // "github", "twitter": names are capitalised
  if (sp.first === sp.last && NEVER_ALONE.has((w[sp.first] as string).toLowerCase().replace(/\.$/, ''))) return false;
  if (sp.first === sp.last && COMPASS.has((w[sp.first] as string).toLowerCase()) && (w[sp.first - 1] ?? '').toLowerCase() !== 'the') return false;
  // a month's short name before a day is a date: "Jan 05 , 2011", "Dec. 3"
  if (sp.first === sp.last && MONTH_SHORT.test(w[sp.first] as string) && /^\d{1,2}(?:st|nd|rd|th)?,?$/.test(w[sp.last + 1] ?? '')) return false;
  return true;
}

const MONTH_SHORT = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;

/** Longest title phrase ending at token `end` (inclusive), as [start, phrase], or null. */
function titleEndingAt(w: readonly string[], end: number): [number, string] | null {
  for (let n = Math.min(MAX_TITLE_WORDS, end + 1); n >= 1; n--) {
    const phrase = w.slice(end - n + 1, end + 1).join(' ').toLowerCase();
    if (TITLE_SET.has(phrase)) return [end - n + 1, phrase];
  }
  return null;
}

/**
 * A mention with its id, built field by field in one order (the order its JSON has always had).
 * Not `{ ...m, id }`: V8 clones objects of mixed shapes (with and without `role`) into a new hidden
 * class per object, which left nearly every name mention with a map of its own and made each
 * property read on them megamorphic in every later stage.
 */
function withId(m: Omit<EntityMention, 'id'>, id: string): EntityMention {
  return m.role === undefined
    ? { start: m.start, end: m.end, text: m.text, type: m.type, sentence: m.sentence, kind: m.kind, id }
    : { start: m.start, end: m.end, text: m.text, type: m.type, sentence: m.sentence, kind: m.kind, role: m.role, id };
}

/** The role stated before a person's name: "Turkish Foreign Minister Mevlut Cavusoglu" → "foreign minister". */
function roleBefore(w: readonly string[], first: number): string | undefined {
  let end = first - 1;
  let role: string | undefined;
  // "Secretary General" may follow "NATO": stop at the first non-title word
  while (end >= 0) {
    const hit = titleEndingAt(w, end);
    if (!hit) break;
    const [start, phrase] = hit;
    if (!HONORIFIC_SET.has(phrase)) role = role ? `${phrase} ${role}` : phrase;
    end = start - 1;
  }
  return role;
}

/** The role in an apposition after a name: "Rahmi Dogan, governor of Hatay" → "governor". */
function roleAfter(w: readonly string[], last: number): string | undefined {
  if (w[last + 1] !== ',') return undefined;
  let i = last + 2;
  if (/^(?:the|a|an|its|his|her|their)$/i.test(w[i] ?? '')) i++;
  // skip one modifier ("Turkish", "deputy", "chief") when a title follows
  for (let skip = 0; skip <= 1; skip++) {
    for (let n = MAX_TITLE_WORDS; n >= 1; n--) {
      const phrase = w.slice(i + skip, i + skip + n).join(' ').toLowerCase();
      if (w.length >= i + skip + n && TITLE_SET.has(phrase) && !HONORIFIC_SET.has(phrase)) return phrase;
    }
  }
  return undefined;
}

/** "Russian" + "Foreign Ministry" tagged apart (CoNLL's convention) is one organisation for the graph. */
function mergeDemonymOrganisations(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (
      prev &&
      s.type === 'organization' &&
      prev.first === prev.last &&
      prev.last + 1 === s.first &&
      lookupWord((w[prev.first] as string).toLowerCase()) === 'demonym' &&
      // "Turkish UN ambassador", "Polish SPC group": a nationality before an acronym qualifies what follows
      !(s.first === s.last && /^(?:\p{Lu}\.?){2,}$/u.test(w[s.first] as string))
    ) {
      prev.last = s.last;
      prev.type = 'organization';
    } else if (
      prev &&
      prev.type !== 'person' &&
      prev.last + 1 === s.first &&
      s.first === s.last &&
      s.type === 'person' &&
      ['noun', ''].includes(lookupWord((w[s.first] as string).toLowerCase()))
    ) {
      // "Black Sea" + "Fleet": one word glued to a place or organisation is not a person; it ends that name
      prev.last = s.last;
      prev.type = 'organization';
    } else out.push({ ...s });
  }
  return out;
}

/** Last words of the names of agreements and laws: such names are not organisations ("Lusaka Agreement"). */
const AGREEMENT_WORDS = new Set(['agreement', 'agreements', 'accord', 'accords', 'treaty', 'pact', 'convention', 'protocol', 'memorandum', 'charter', 'act']);
/** Media nouns after a broadcaster's name and channel number ("Rossiya 24 television"). */
const MEDIA_NOUNS = new Set(['television', 'tv', 'channel', 'radio', 'news', 'network', 'broadcaster']);
/** Nouns whose "of" introduces a place's name ("the village of al-Nayrab"). */
const PLACE_NOUNS = new Set(['village', 'town', 'city', 'district', 'province', 'region', 'neighbourhood', 'neighborhood', 'suburb', 'port', 'island', 'township', 'municipality', 'governorate']);

/**
 * Span repairs for names the tagger splits or mistypes, each a pattern of its own:
 * an organisation followed directly by a one-word MISC ("CNN" + "Turk") is one organisation; a
 * broadcaster's name takes its channel number ("Rossiya 24 television"); a name the tagger split
 * before "Agreement" ("Interstate" + "Agreement") is one; names ending in "Agreement",
 * "Treaty"… are not organisations and continue over "on …" ("Agreement on Combating Terrorism"); a
 * name after "the village of" is a place.
 */
function fixNamedThings(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (
      prev &&
      (prev.type === 'organization' || prev.type === 'other') &&
      prev.last + 1 === s.first &&
      s.type === 'other' &&
      AGREEMENT_WORDS.has((w[s.last] as string).toLowerCase())
    ) {
      // "Interstate" + "Agreement" split by the tagger: one agreement's name
      prev.last = s.last;
      prev.type = 'other';
      continue;
    }
    if (prev && prev.type === 'organization' && prev.last + 1 === s.first && s.type === 'other' && s.first === s.last && /^\p{Lu}\p{Ll}/u.test(w[s.first] as string)) {
      prev.last = s.last;
      continue;
    }
    if (
      prev &&
      prev.type === 'other' &&
      AGREEMENT_WORDS.has((w[prev.last] as string).toLowerCase()) &&
      prev.last + 2 === s.first &&
      /^(?:on|of|for)$/.test(w[prev.last + 1] as string)
    ) {
      prev.last = s.last;
      continue;
    }
    const cur = { ...s };
    if (cur.type === 'organization' && cur.last > cur.first && AGREEMENT_WORDS.has((w[cur.last] as string).toLowerCase())) cur.type = 'other';
    // "Treaty of Baden", "Convention on Cluster Munitions"
    if (cur.type !== 'person' && cur.last > cur.first + 1 && AGREEMENT_WORDS.has((w[cur.first] as string).toLowerCase()) && /^(?:of|on)$/.test(w[cur.first + 1] as string)) cur.type = 'other';
    if (
      (cur.type !== 'person' || cur.first === cur.last) &&
      /^\d{1,3}$/.test(w[cur.last + 1] ?? '') &&
      MEDIA_NOUNS.has((w[cur.last + 2] ?? '').toLowerCase())
    ) {
      cur.last++;
      cur.type = 'organization';
    }
    if (
      (cur.type === 'other' || cur.type === 'organization') &&
      cur.first === cur.last &&
      cur.first >= 2 &&
      w[cur.first - 1] === 'of' &&
      PLACE_NOUNS.has((w[cur.first - 2] as string).toLowerCase()) &&
      lookupWord((w[cur.first] as string).toLowerCase()) !== 'demonym'
    ) {
      cur.type = 'place';
    }
    out.push(cur);
  }
  return out;
}

const ORG_WORD_SET = new Set([...ORGANIZATION_WORDS, 'exchange', 'airlines', 'airways', 'bancorp']);
const CORPORATE_SUFFIX = /^(?:inc|corp|co|ltd|plc|llc|ag|ab|asa|oy|oyj|sa|spa|nv|bv|gmbh|group|holdings|bancorp|bancshares)\.?$/i;
/** Lexicon categories of words that are names in their own right ("Ford", "London"). */
const NAME_CATEGORIES = new Set(['org', 'city', 'country', 'place', 'person', 'team', 'first', 'last', 'demonym']);
/** A word the lexicon knows as a name: two such pieces around "and" are two names ("Toyota and Ford Motor Co"). */
const isKnownName = (lower: string): boolean => NAME_CATEGORIES.has(lookupWord(lower));
/** Connecting words an organisation's name may continue over ("Gold Fields of South Africa Ltd"). */
const ORG_CONNECTORS = new Set(['of', 'for', 'and', 'on', '&']);
/** Words for features of the land or sea that take the name of a place after "of" ("Gulf of Aden", "Isle of Man"). */
const PLACE_FEATURES = new Set(['gulf', 'bay', 'sea', 'strait', 'straits', 'isle', 'island', 'islands', 'cape', 'lake', 'mount', 'gulfs', 'bight', 'sound', 'port']);

/**
 * An organisation's name tagged in pieces: a name glued to an organisation ("Jones" + "Medical
 * Industries Inc", "Hong Kong" + "Standard") is one organisation when the organisation part ends in a
 * corporate suffix or an organisation word; an organisation or place span ending in "of" / "for" continues
 * over the name after it ("Gold Fields of" + "South Africa Ltd", "Gulf of" + "Aden"), else loses the connector.
 */
function joinOrganisationParts(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const lower = (i: number) => (w[i] ?? '').toLowerCase();
  const orgEnd = (i: number) => ORG_WORD_SET.has(lower(i).replace(/\.$/, ''));
  const out: RawSpan[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    // "Standard and Poor" + "'s" + "Corp", "McDonald" + "'s" + "Corp": a company whose name is a possessive
    if (prev && prev.type !== 'other' && prev.last + 2 === s.first && /^['’][sS]$/.test(w[prev.last + 1] ?? '') && isLegalFormsOnly(w, s)) {
      prev.last = s.last;
      prev.type = 'organization';
      continue;
    }
    // "Kidder" + "," + "Peabody and Co Inc": a partnership's name with a comma in it ("X, Y and Co")
    if (prev && prev.type !== 'other' && prev.first === prev.last && prev.last + 2 === s.first && w[prev.last + 1] === ',' && isPartnershipTail(w, s)) {
      prev.last = s.last;
      prev.type = 'organization';
      continue;
    }
    // places too: "Gulf of" + "Aden", "Trinidad and" + "Tobago" (a name never ends in "of")
    if (prev && (prev.type === 'organization' || prev.type === 'place') && prev.last + 1 === s.first && ORG_CONNECTORS.has(lower(prev.last))) {
      // "Gold Fields of" + "South Africa Ltd"; not "Kia Motor Corp of" + "South Korea"
      if (!CORPORATE_SUFFIX.test(lower(prev.last - 1))) {
        prev.last = s.last;
        continue;
      }
    }
    // a feature of the land or sea named after a place, tagged in two with "of" left out between them:
    // "Gulf" + "of" + "Aden", "Strait" + "of" + "Hormuz"
    if (prev && prev.type === 'place' && s.type === 'place' && prev.last + 2 === s.first && lower(prev.last + 1) === 'of' && PLACE_FEATURES.has(lower(prev.last))) {
      prev.last = s.last;
      continue;
    }
    // the span keeps a trailing connector until the next one is seen (it may continue over it); it is
    // dropped at the end. The checks below read the span without it.
    const cur = { ...s };
    let end = cur.last;
    while ((cur.type === 'organization' || cur.type === 'place') && end > cur.first && ORG_CONNECTORS.has(lower(end))) end--;
    const lastWord = lower(end);
    if (
      prev &&
      prev.last + 1 === cur.first &&
      cur.type === 'organization' &&
      (prev.type === 'person' || prev.type === 'place' || (prev.type === 'organization' && cur.first === end) || (prev.type === 'other' && companyNameWord(prev))) &&
      (CORPORATE_SUFFIX.test(lastWord) || orgEnd(end))
    ) {
      prev.last = cur.last;
      prev.type = 'organization';
      continue;
    }
    if (
      prev &&
      prev.type === 'organization' &&
      cur.type === 'organization' &&
      prev.last + 2 === cur.first &&
      lower(prev.last + 1) === 'and' &&
      orgEnd(end) &&
      !orgEnd(prev.last) &&
      !CORPORATE_SUFFIX.test(lower(prev.last)) &&
      !isKnownName(lower(prev.last)) &&
      !w.slice(cur.first, end).some((x) => isKnownName(x.toLowerCase()))
    ) {
      // "State Law" + "and" + "Order Restoration Council": one name with "and" in it
      prev.last = cur.last;
      continue;
    }
    out.push(cur);
  }
  for (const s of out) {
    while ((s.type === 'organization' || s.type === 'place') && s.last > s.first && ORG_CONNECTORS.has(lower(s.last))) s.last--;
  }
  return out;

  /** An untyped word that can open a company's name ("Dow" of "Dow" + "Chemical Co"): no people's or language's adjective. */
  function companyNameWord(sp: RawSpan): boolean {
    if (sp.first !== sp.last) return false;
    const word = w[sp.first] as string;
    return /^\p{Lu}\p{L}*$/u.test(word) && lookupWord(word.toLowerCase()) === '' && !countryOfDemonym(word);
  }
}

/** Bodies that may be named after what they deal with: "Council on Foreign Relations", "Panel on Climate Change". */
const ON_BODIES = new Set([
  'council', 'committee', 'subcommittee', 'commission', 'conference', 'panel', 'institute', 'center', 'centre', 'office',
  'force', 'coalition', 'forum', 'caucus', 'network', 'project', 'initiative', 'board', 'agency', 'bureau', 'alliance',
  'group', 'foundation', 'association', 'secretariat',
]);
/** Words a body's subject may continue over inside it ("Committee on Oversight and Government Reform"). */
const ON_CONNECTORS = new Set(['and', '&', 'of', 'the', 'for']);

/**
 * A body named after its subject, which the tagger ends at the body's word: "Council" + "on Foreign
 * Relations", "House Committee" + "on Oversight and Government Reform", "Center" + "on Budget and Policy
 * Priorities". The organisation runs on over "on" and the capitalised words after it (with "and", "of",
 * "the", "for" between them), taking in what the tagger made of them. Not when those words are only names
 * in their own right ("the Security Council on Syria", "the committee on Trump") or a day or month.
 */
export function joinBodyNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  if (!w.includes('on')) return spans;
  const lower = (i: number) => (w[i] ?? '').toLowerCase();
  let list = spans;
  // a body's word the tagger left out, after "the" ("the Center on Budget and Policy Priorities")
  const added = new Set<RawSpan>();
  for (let i = 1; i + 2 < w.length; i++) {
    if (w[i + 1] !== 'on' || lower(i - 1) !== 'the' || !/^\p{Lu}\p{Ll}/u.test(w[i] as string) || !ON_BODIES.has(lower(i))) continue;
    if (list.some((x) => x.first <= i && x.last >= i)) continue;
    const sp = newSpan(i, i, 'organization');
    added.add(sp);
    list = [...list, sp].sort((x, y) => x.first - y.first);
  }
  const out: RawSpan[] = [];
  for (let k = 0; k < list.length; k++) {
    const sp = list[k] as RawSpan;
    const end = bodySubjectEnd(sp, w);
    let last = end;
    let j = k + 1;
    while (end >= 0 && j < list.length && (list[j] as RawSpan).first <= end) last = Math.max(last, (list[j++] as RawSpan).last);
    // a person's full name or a named body in the subject is a name of its own ("the Joint Economic Committee on the
    // Justice Department investigation")
    const inner = list.slice(k + 1, j);
    if (end < 0 || inner.some((x) => (x.type === 'person' && x.last > x.first) || (x.type === 'organization' && ORG_WORD_SET.has(lower(x.last))))) {
      if (!added.has(sp)) out.push(sp);
      continue;
    }
    out.push({ ...sp, last, type: 'organization' });
    k = j - 1;
  }
  return out;
}

/**
 * Where the subject of a body's name ends (the last token of "on Foreign Relations" after "Council"), or
 * -1 when the span is not a body's name followed by "on" and a subject that is not only names in their own
 * right or a day. The body's word alone may have been read as another kind of name ("Council" as MISC).
 */
function bodySubjectEnd(sp: RawSpan, w: readonly string[]): number {
  if (sp.type !== 'organization' && (sp.type !== 'other' || sp.first !== sp.last)) return -1;
  if (!ON_BODIES.has((w[sp.last] ?? '').toLowerCase()) || w[sp.last + 1] !== 'on') return -1;
  let end = -1;
  let plain = 0;
  for (let i = sp.last + 2; i < w.length; i++) {
    const word = w[i] as string;
    const lower = word.toLowerCase();
    // "and the" starts another name ("the Center on Budget and Policy Priorities and the Council …")
    if (lower === 'the' && (w[i - 1] ?? '').toLowerCase() === 'and') break;
    if (ON_CONNECTORS.has(lower) && (i > sp.last + 2 || lower === 'the')) continue;
    if (!/^\p{Lu}[\p{L}'’-]*$/u.test(word) || NEVER_ALONE.has(lower) || (/^\p{Lu}+$/u.test(word) && word.length > 1 && word.length < 5)) break;
    end = i;
    if (!isKnownName(lower)) plain++;
  }
  return plain > 0 ? end : -1;
}

/**
 * Initials joined by "and" / "&" written apart ("S and P" for Standard & Poor's, "AT and T", "P & G"),
 * which the tagger reads as letters of their own: one organisation, when the tagger found either side.
 */
export function joinLetterNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const letters = (i: number) => /^[A-Z]{1,2}$/.test(w[i] ?? '');
  let out = spans;
  for (let i = 0; i + 2 < w.length; i++) {
    if (!letters(i) || !letters(i + 2) || (w[i + 1] !== 'and' && w[i + 1] !== '&')) continue;
    // not a run of letters ("A, B and C", "S and P A ratings")
    if (letters(i - 1) || w[i - 1] === ',' || letters(i + 3)) continue;
    const touching = out.filter((sp) => sp.first <= i + 2 && sp.last >= i);
    if (!touching.length || touching.some((sp) => sp.first < i || sp.last > i + 2)) continue;
    out = [...out.filter((sp) => !touching.includes(sp)), newSpan(i, i + 2, 'organization')].sort((a, b) => a.first - b.first);
  }
  return out;
}

/** Head words that end an organisation's name and almost nothing else ("Foreign Ministry", "Flour Mills Assn"). */
const ORG_RUN_HEADS = new Set(
  ('ministry commission committee council agency association assn corp corporation inc ltd plc co company bank ' +
    'university institute foundation federation union party authority bureau organisation organization fund ' +
    'exchange airlines airways holdings society tribunal').split(' '),
);

/**
 * A run of two or more capitalised words the tagger left untagged that ends in an organisation's head
 * word ("Foreign Ministry", "Commodity Credit Corp", "Taiwan Flour Mills Assn") is an organisation.
 * Ordinary sentences only (in headlines every word is capitalised).
 */
function addOrganisationRuns(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const tagged = new Set<number>();
  for (const sp of spans) for (let k = sp.first; k <= sp.last; k++) tagged.add(k);
  const added: RawSpan[] = [];
  let i = 0;
  while (i < w.length) {
    if (tagged.has(i) || !/^\p{Lu}\p{Ll}/u.test(w[i] as string)) {
      i++;
      continue;
    }
    let j = i;
    // a role title ends the run: "Foreign Ministry | Spokeswoman Maria Zakharova"
    while (j + 1 < w.length && !tagged.has(j + 1) && /^\p{Lu}/u.test(w[j + 1] as string) && !TITLE_SET.has((w[j + 1] as string).toLowerCase())) j++;
    const head = (w[j] as string).toLowerCase().replace(/\.$/, '');
    if (j > i && ORG_RUN_HEADS.has(head) && !TITLE_SET.has((w[i] as string).toLowerCase())) added.push(newSpan(i, j, 'organization'));
    i = j + 1;
  }
  if (added.length === 0) return spans;
  return [...spans, ...added].sort((a, b) => a.first - b.first);
}

/** Kinds of place a name stands before, in lower case: "the Kosevo stadium", "the al-Ram checkpoint". */
const PLACE_HEADS = new Set(['village', 'town', 'city', 'district', 'province', 'region', 'stadium', 'church', 'mosque', 'checkpoint', 'camp', 'prison', 'airport', 'suburb', 'neighbourhood', 'neighborhood', 'valley', 'river']);
/** Lexicon categories of a word that names no place before a kind of place ("Kurdish region", "Olympic stadium"). */
const NOT_PLACE_NAME = new Set(['demonym', 'org', 'team', 'first', 'func']);

/**
 * Capitalised words the tagger missed, right before a kind of place written in lower case, in an
 * ordinary sentence, are that place's name: "the Kosevo stadium", "in al-Daih village", "the Saint-Bernard
 * church". Not at the start of a sentence, not a demonym or a title ("Kurdish region", "Catholic church").
 */
function addPlaceRuns(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const tagged = new Set<number>();
  for (const sp of spans) for (let k = sp.first; k <= sp.last; k++) tagged.add(k);
  const added: RawSpan[] = [];
  for (let j = 1; j + 1 < w.length; j++) {
    if (!PLACE_HEADS.has(w[j + 1] as string) || tagged.has(j)) continue;
    let i = j;
    while (i > 1 && i > j - 2 && !tagged.has(i - 1) && /^\p{Lu}\p{Ll}/u.test(w[i - 1] as string)) i--;
    const words = w.slice(i, j + 1);
    if (!words.every((x) => /^(?:\p{Lu}[\p{L}'’-]*|al-\p{Lu}[\p{L}'’-]*)$/u.test(x))) continue;
    if (words.some((x) => NOT_PLACE_NAME.has(lookupWord(x.toLowerCase())) || TITLE_SET.has(x.toLowerCase()) || MONTH_SHORT.test(x))) continue;
    added.push(newSpan(i, j, 'place'));
  }
  if (added.length === 0) return spans;
  return [...spans, ...added].sort((a, b) => a.first - b.first);
}

/** World leaders' surnames ("erdogan", "assad" from "Bashar al-Assad"). */
const LEADER_SURNAMES = new Set(
  WORLD_LEADERS.map(([name]) => (name.split(' ').pop() ?? '').toLowerCase().replace(/^(?:al|el)-/, '')).filter((x) => x.length > 3),
);
const PLACE_CATEGORIES = new Set(['country', 'city', 'place']);

/**
 * A one-word name the tagger calls an organisation or MISC that is a world leader's surname is that
 * person ("Erdogan Warns Russia" in a title-case headline, where casing tells the tagger little);
 * a one-word "person" after "the" that the lexicon does not know as a name is an organisation.
 */
function typeLeaderSurnames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  for (const sp of spans) {
    // "the Observatory said": a lone capitalised word after "the" that no lexicon knows as a name is
    // not a person (people's names take no article)
    if (
      sp.type === 'person' &&
      sp.first === sp.last &&
      sp.first > 0 &&
      w[sp.first - 1] === 'the' &&
      /^\p{Lu}\p{Ll}+$/u.test(w[sp.first] as string) &&
      !NAME_CATEGORIES.has(lookupWord((w[sp.first] as string).toLowerCase()))
    ) {
      sp.type = 'organization';
      continue;
    }
    if (sp.first !== sp.last || (sp.type !== 'organization' && sp.type !== 'other')) continue;
    const lower = (w[sp.first] as string).toLowerCase();
    if (LEADER_SURNAMES.has(lower) && !PLACE_CATEGORIES.has(lookupWord(lower))) sp.type = 'person';
  }
  return spans;
}

/**
 * Titles held only by people, after which a name is its holder's ("Turkish ambassador Feridun
 * Sinirlioglu"); not "general", "king" or "prince", which open names too ("General Automation Iberica",
 * "King Soopers Supermarkets").
 */
const PERSON_TITLES = new Set([
  'ambassador', 'envoy', 'consul', 'diplomat', 'minister', 'president', 'premier', 'chancellor', 'secretary', 'governor', 'mayor',
  'senator', 'congressman', 'congresswoman', 'lawmaker', 'colonel', 'admiral', 'lieutenant', 'sergeant', 'prosecutor', 'judge', 'emir',
  'sultan', 'sheikh', 'negotiator', 'counsellor', 'counselor',
  ...HOLDER_ONLY_TITLES,
]);

/** A word of a person's name as news writes it: capitalised, letters only ("Sultanoğlu", "O'Neill", "Abu-Hamad"). */
const PROPER_WORD = /^\p{Lu}\p{Ll}+(?:['’-]\p{Lu}?\p{Ll}+)?$/u;
/** Lexicon categories of words that are no part of a person's name. */
const NOT_PERSONAL = new Set(['org', 'country', 'city', 'place', 'demonym', 'team']);

/**
 * Whether words the tagger called an organisation read as a person's name: plain capitalised words,
 * none an organisation's head word or legal form, none a word the lexicon knows as an organisation, a
 * team or a place, and together no gazetteer entry.
 */
function plainPersonalName(words: readonly string[]): boolean {
  if (!words.every((x) => PROPER_WORD.test(x)) || organisationEnding(words[words.length - 1] as string)) return false;
  return !words.some((x) => ORG_WORD_SET.has(x.toLowerCase()) || NOT_PERSONAL.has(lookupWord(x.toLowerCase()))) && !gazetteerTypeOf(words);
}

/**
 * An organisation's name run on over a title only people hold and its holder's name, tagged as one
 * organisation ("Chiefs WR Terrance Copper", "Foreign Ministry Spokeswoman Maria Zakharova"): the
 * organisation, then the person. The holder's name is two to four plain capitalised words that no
 * lexicon knows as an organisation or a place.
 */
function splitTitledOrganisations(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  return spans.flatMap((sp) => {
    if (sp.type !== 'organization' || sp.locked) return [sp];
    // the first title only people hold, two words or more before the span's end
    let c = sp.first + 1;
    while (c < sp.last - 1 && !PERSON_TITLES.has((w[c] as string).toLowerCase())) c++;
    if (c >= sp.last - 1 || sp.last - c > 4 || !plainPersonalName(w.slice(c + 1, sp.last + 1))) return [sp];
    return [newSpan(sp.first, c - 1, gazetteerTypeOf(w.slice(sp.first, c)) ?? 'organization'), newSpan(c + 1, sp.last, 'person')];
  });
}

/**
 * A name the tagger calls an organisation right after a title only people hold is that person: "Turkish UN
 * ambassador Ayşe Cihan Sultanoğlu", "spokesman Feridun Sinirlioglu" — when its two to four words are
 * plain capitalised words that neither the gazetteer nor the lexicon of organisations knows.
 */
function typeTitledNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  for (const sp of spans) {
    if (sp.type !== 'organization' || sp.first === 0 || sp.locked) continue;
    if (!PERSON_TITLES.has((w[sp.first - 1] as string).toLowerCase())) continue;
    const words = w.slice(sp.first, sp.last + 1);
    if (words.length >= 2 && words.length <= 4 && plainPersonalName(words)) sp.type = 'person';
  }
  return spans;
}

/** Nouns only a person is, heading an apposition after a name (", an elected member of parliament"). */
const PERSON_NOUNS = new Set([
  'member', 'politician', 'activist', 'actor', 'actress', 'singer', 'writer', 'author', 'novelist', 'poet', 'journalist',
  'lawyer', 'student', 'businessman', 'businesswoman', 'farmer', 'resident', 'man', 'woman', 'boy', 'girl', 'mother',
  'father', 'son', 'daughter', 'wife', 'husband', 'widow', 'brother', 'sister', 'veteran', 'candidate', 'dissident',
  'opponent', 'critic', 'victim', 'witness', 'suspect', 'lecturer', 'scientist', 'historian', 'player', 'teacher',
]);

/**
 * A two- or three-word name the tagger calls an organisation, followed by an apposition only a person
 * fits, is a person: "Hla Than , an elected member of parliament", "Faik Nerweyi , 45 ,", "Mishi Saran ,
 * a former spokesman". Plain capitalised words no lexicon knows as an organisation or a place.
 */
function typeAppositivePersons(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  for (const sp of spans) {
    if (sp.type !== 'organization' || sp.locked || w[sp.last + 1] !== ',') continue;
    const words = w.slice(sp.first, sp.last + 1);
    if (words.length < 2 || words.length > 3 || !plainPersonalName(words)) continue;
    let person = /^\d{1,2}$/.test(w[sp.last + 2] ?? '') && w[sp.last + 3] === ','; // an age
    if (!person && /^(?:a|an|the)$/i.test(w[sp.last + 2] ?? '')) {
      for (let i = sp.last + 3; i < Math.min(w.length, sp.last + 7); i++) {
        const x = (w[i] as string).toLowerCase();
        if (PERSON_NOUNS.has(x) || TITLE_SET.has(x)) person = !HONORIFIC_SET.has(x);
        if (person || !/^\p{Ll}[\p{Ll}-]*$/u.test(w[i] as string)) break;
      }
    }
    if (person) sp.type = 'person';
  }
  return spans;
}

/**
 * A one-word name the tagger calls MISC right before "regime" / "government" / "administration" is a
 * ruler's or a party's name ("the Assad regime", "the Likud government"), not a nationality or an
 * event: an organisation when the lexicon knows it as one, else (most often) the ruler, a person. Adjectives stay MISC
 * ("the Communist regime", "the Iranian government").
 */
function typeRulerNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  for (const sp of spans) {
    if (sp.type !== 'other' || sp.first !== sp.last || sp.first === 0) continue;
    const word = w[sp.first] as string;
    if (!NAME_INSTITUTIONS.has((w[sp.last + 1] ?? '').toLowerCase())) continue;
    if (!/^\p{Lu}\p{Ll}+$/u.test(word) || /(?:ist|ian|ese|ish|ic|an)$/.test(word)) continue;
    const cat = lookupWord(word.toLowerCase());
    if (cat === 'demonym' || cat === 'adj') continue;
    sp.type = cat === 'org' || cat === 'team' ? 'organization' : 'person';
  }
  return spans;
}

/** Adds "Syrian army"-style institutions, replacing the demonym (MISC) or name span they start with. */
function addInstitutions(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const lowers = w.map((x) => x.toLowerCase());
  const byFirst = new Map(spans.map((s) => [s.first, s]));
  const result: RawSpan[] = [];
  const covered = new Set<number>();
  for (let i = 0; i < w.length; i++) {
    const sp = byFirst.get(i);
    const isDemonym =
      LETTER_UPPER.test((w[i] as string)[0] ?? '') && lookupWord(lowers[i] as string) === 'demonym' && (!sp || sp.last === i);
    const head = isDemonym ? i : sp && (sp.type === 'person' || sp.type === 'place') ? sp.last : -1;
    if (head < 0) continue;
    for (const inst of INSTITUTION_WORDS) {
      if (!isDemonym && !(inst.length === 1 && NAME_INSTITUTIONS.has(inst[0] as string))) continue;
      let ok = head + inst.length < w.length;
      for (let k = 0; ok && k < inst.length; k++) if (lowers[head + 1 + k] !== inst[k]) ok = false;
      if (!ok) continue;
      const first = sp ? sp.first : i;
      const last = head + inst.length;
      result.push(newSpan(first, last, 'organization'));
      for (let k = first; k <= last; k++) covered.add(k);
      break;
    }
  }
  if (result.length === 0) return spans;
  for (const s of spans) if (!covered.has(s.first) && !covered.has(s.last)) result.push(s);
  return result.sort((a, b) => a.first - b.first);
}

/** Words that end the names of a state's offices ("Interior Ministry", "Central Election Commission"). */
const STATE_OFFICE_WORDS = ['ministry', 'agency', 'committee', 'commission', 'department', 'bureau', 'directorate', 'authority', 'tribunal'];
/** Head words only a body of a state or an institution ends its name with: "Western Naval Command", "Eastern Command". */
const OFFICE_HEADS = new Set([...STATE_OFFICE_WORDS, 'command', 'secretariat', 'inspectorate']);

/**
 * A name the tagger left untyped (a "miscellaneous" name) of two words or more that ends in a word only
 * an office of a state or an institution ends with ("the Western Naval Command", "the Central Election
 * Commission"), or is followed by one the tagger left out, is that organisation.
 */
function typeOfficeNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  return spans.map((sp, k) => {
    if (sp.type !== 'other') return sp;
    // the head word left out after the name ("Western Naval" + "Command")
    const next = w[sp.last + 1] ?? '';
    const last = /^\p{Lu}\p{Ll}/u.test(next) && OFFICE_HEADS.has(next.toLowerCase()) && spans[k + 1]?.first !== sp.last + 1 ? sp.last + 1 : sp.last;
    return last > sp.first && OFFICE_HEADS.has((w[last] as string).toLowerCase()) ? { ...sp, last, type: 'organization' } : sp;
  });
}

const SECTOR_WORDS = new Set(COMPANY_SECTOR_WORDS);
/**
 * Organisation words that end no place's name ("High Court", "Interior Ministry"); not "bank", "union", "front",
 * "center" or "federation", which do ("West Bank", "Soviet Union", "Western Front", "Rockefeller Center", "Russian
 * Federation").
 */
const BODY_HEADS = new Set([
  ...STATE_OFFICE_WORDS, 'court', 'police', 'council', 'parliament', 'senate', 'assembly', 'party', 'army', 'navy',
  'government', 'association', 'institute', 'university', 'corporation', 'company', 'league', 'legislature',
]);

/**
 * A name read as a person's or a place's whose last word says a line of business is a company: "Daniels
 * Pharmaceuticals", "Johnson Controls", "Chittagong Cement", "Gulf Oil"; one whose last word names a body is
 * that body ("the High Court", "Texas Supreme Court"). Not when it opens with a given name ("David Steel",
 * "Danielle Steel"): a person's surname may be such a word.
 */
function typeSectorNames(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  return spans.map((sp) => {
    if ((sp.type !== 'person' && sp.type !== 'place') || sp.locked || sp.last === sp.first) return sp;
    const last = w[sp.last] as string;
    if (!/^\p{Lu}\p{Ll}/u.test(last)) return sp;
    const head = last.toLowerCase();
    if (!SECTOR_WORDS.has(head) && !BODY_HEADS.has(head)) return sp;
    if (lookupWord((w[sp.first] as string).toLowerCase()) === 'first') return sp;
    return { ...sp, type: 'organization' };
  });
}

/**
 * Names joined by "and" are alike: a name of two or three words no lexicon knows, typed as an organisation or a
 * place, beside a person's name that opens with a given name is a person's too ("opposition leaders Zenon Poznyak
 * and Sergei Naumchik"). Not a name with an organisation's or a place's word in it, or one the gazetteer knows.
 */
function typeCoordinatedPeople(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  // a given name and a surname, not a possessor ("Richard Strauss's Ariadne auf Naxos") nor a title ("The Leonard Cohen Story")
  const person = (sp: RawSpan | undefined) =>
    sp !== undefined &&
    sp.type === 'person' &&
    sp.last > sp.first &&
    lookupWord((w[sp.first] as string).toLowerCase()) === 'first' &&
    ['', 'last'].includes(lookupWord((w[sp.last] as string).toLowerCase())) &&
    !/^['\u2019]s$/.test(w[sp.last + 1] ?? '');
  const unknownName = (sp: RawSpan) => {
    const n = sp.last - sp.first + 1;
    if ((sp.type !== 'organization' && sp.type !== 'place') || sp.locked || n < 2 || n > 3) return false;
    const words = w.slice(sp.first, sp.last + 1);
    return words.every((x) => /^\p{Lu}\p{Ll}+$/u.test(x) && lookupWord(x.toLowerCase()) === '') && !gazetteerTypeOf(words) && !countryOfDemonym(words[0] as string);
  };
  for (let i = 0; i < spans.length; i++) {
    const sp = spans[i] as RawSpan;
    if (!unknownName(sp)) continue;
    const next = spans[i + 1];
    const prev = spans[i - 1];
    const joinedNext = next !== undefined && next.first === sp.last + 2 && w[sp.last + 1] === 'and';
    const joinedPrev = prev !== undefined && sp.first === prev.last + 2 && w[sp.first - 1] === 'and';
    if ((joinedNext && person(next)) || (joinedPrev && person(prev))) sp.type = 'person';
  }
  return spans;
}

/** Wire services, after which a told name is another's: "told Reuters Kampelman was doing well". */
const WIRE_SERVICES = new Set(['reuters', 'ap', 'afp', 'upi', 'xinhua', 'tass', 'bloomberg']);
/** Broadcasters whose name runs on into their programmes and channels ("BBC News", "BBC Radio 4"). */
const BROADCASTERS = new Set(['bbc', 'cnn', 'nbc', 'cbs', 'abc', 'itv', 'rte']);

/**
 * Whoever was told, run into the name after it: "told Reuters Kampelman was doing well", "told Reuters Japan is
 * likely to approve", "told the BBC Michael Howard has always been in favour". The outlet is a name of its own;
 * what follows is read again by itself (a person's after a given name, a place's if the gazetteer knows it). A
 * broadcaster keeps the words that name its channels ("told BBC News", "told BBC Radio Five Live"): it is split only
 * before a given name.
 */
function splitToldOutlets(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  const out: RawSpan[] = [];
  for (const sp of spans) {
    const first = (w[sp.first] as string).toLowerCase();
    const told = w[sp.first - 1] === 'told' || (w[sp.first - 1] === 'the' && w[sp.first - 2] === 'told');
    const rest = w.slice(sp.first + 1, sp.last + 1);
    const given = rest.length >= 2 && lookupWord((rest[0] as string).toLowerCase()) === 'first';
    const outlet = WIRE_SERVICES.has(first) || (BROADCASTERS.has(first) && given);
    if (sp.last === sp.first || !told || sp.locked || !outlet || !rest.every((x) => /^\p{Lu}[\p{L}.'-]*$/u.test(x))) {
      out.push(sp);
      continue;
    }
    out.push({ ...sp, last: sp.first, type: 'organization' });
    const single = rest.length === 1 && PLACE_CATEGORIES.has(lookupWord((rest[0] as string).toLowerCase())) ? 'place' : undefined;
    const type: EntityType = given ? 'person' : (gazetteerTypeOf(rest) ?? single ?? (rest.length === 1 ? 'other' : 'person'));
    out.push(newSpan(sp.first + 1, sp.last, type));
  }
  return out;
}

/** Words for a ship, after which a name is the ship's ("the aircraft carrier Carl Vinson", "the tanker Exxon Valdez"). */
const VESSEL_WORDS = new Set([
  'warship', 'warships', 'frigate', 'frigates', 'destroyer', 'destroyers', 'cruiser', 'cruisers', 'submarine', 'submarines',
  'battleship', 'battleships', 'ship', 'ships', 'vessel', 'vessels', 'tanker', 'tankers', 'freighter', 'freighters', 'ferry',
  'ferries', 'liner', 'liners', 'yacht', 'yachts', 'trawler', 'trawlers', 'gunboat', 'gunboats', 'corvette', 'corvettes',
]);

/**
 * A name right after a word for a ship is the ship's, no person, organisation or place: "the aircraft carrier Carl
 * Vinson", "the carriers Vinson and Enterprise", "the ferry Estonia", "the cruise liner Queen Mary". "Carrier" counts
 * only as an aircraft carrier ("the carrier Lufthansa" is an airline). The names run on over "and" and commas. A
 * known place's name stays: "the tanker Iran seized" is more often a clause than a ship. Each ship's name is added
 * to `ships`, so no other sentence of the story makes a person of it.
 */
function untypeVessels(spans: RawSpan[], w: readonly string[], ships: Set<string>): RawSpan[] {
  const vessel = (i: number) => {
    const word = w[i] ?? '';
    return VESSEL_WORDS.has(word) || ((word === 'carrier' || word === 'carriers') && w[i - 1] === 'aircraft');
  };
  let list = false; // the previous span was a ship's, and "and" or a comma joins this one to it
  let prev: RawSpan | undefined;
  for (const sp of spans) {
    const joined = list && prev !== undefined && sp.first - prev.last === 2 && (w[prev.last + 1] === 'and' || w[prev.last + 1] === ',');
    list = false;
    if (sp.locked) {
      prev = sp;
      continue;
    }
    // not a known place's name: "the tanker Iran seized" is more often a clause than a ship
    if ((vessel(sp.first - 1) || joined) && gazetteerTypeOf(w.slice(sp.first, sp.last + 1)) !== 'place') {
      sp.type = 'other';
      ships.add(w.slice(sp.first, sp.last + 1).join(' ').toLowerCase());
      list = true;
    }
    prev = sp;
  }
  return spans;
}

/** Words for a publication that stand beside its name ("Zycie Warszawy daily", "the weekly Der Spiegel"). */
const PRESS_WORDS = new Set(['newspaper', 'daily', 'weekly', 'magazine', 'tabloid', 'paper']);

/**
 * A name beside a word for a publication is the publication: "Zycie Warszawy daily said", "the Hong Kong
 * Standard newspaper", "the daily Al-Ahram", "the weekly Der Spiegel". Not a known place's ("a Cairo daily",
 * "the Moscow newspaper"), which says where the paper is; not a day's; not one before a word for a publication that
 * has a name of its own after it ("the Yugoslav news agency Tanjug"). Each name so read is added to `press`, so
 * its other readings in the document follow.
 */
function typePressNames(spans: RawSpan[], w: readonly string[], press: Set<string>): RawSpan[] {
  const pressWord = (i: number) => {
    const word = w[i] ?? '';
    return word === word.toLowerCase() && (PRESS_WORDS.has(word) || (word === 'news' && w[i + 1] === 'agency'));
  };
  // "the Yugoslav news agency Tanjug": a name after the word is the publication's, and this one says whose
  const named = (i: number) => /^\p{Lu}/u.test(w[i] ?? '');
  return spans.map((sp) => {
    if (sp.locked) return sp;
    const after = pressWord(sp.last + 1) && w[sp.last + 1] !== 'paper' && !named(sp.last + (w[sp.last + 1] === 'news' ? 3 : 2));
    const before = pressWord(sp.first - 1) && sp.first >= 2;
    if (!after && !before) return sp;
    const words = w.slice(sp.first, sp.last + 1);
    const lowerFirst = (words[0] as string).toLowerCase();
    const known = lookupWord(lowerFirst);
    if (known === 'date' || known === 'month' || known === 'demonym' || countryOfDemonym(words.join(' '))) return sp;
    if (gazetteerTypeOf(words) === 'place' || (words.length === 1 && PLACE_CATEGORIES.has(known))) return sp;
    press.add(words.join(' ').toLowerCase());
    return sp.type === 'organization' ? sp : { ...sp, type: 'organization' };
  });
}

/**
 * A name the tagger left untyped (a "miscellaneous" name), defined by an organisation's acronym in
 * brackets and headed by an organisation word, is that organisation: "Suu Kyi's National League for
 * Democracy ( NLD )", "the Moro National Liberation Front ( MNLF )". Not "Global Depositary Receipts
 * ( GDRs )", whose words name no body.
 */
function typeDefinedOrganisations(spans: RawSpan[], w: readonly string[]): RawSpan[] {
  for (let i = 0; i + 1 < spans.length; i++) {
    const sp = spans[i] as RawSpan;
    const next = spans[i + 1] as RawSpan;
    if (sp.type !== 'other' || next.type !== 'organization' || next.first !== next.last) continue;
    if (w[sp.last + 1] !== '(' || next.first !== sp.last + 2 || w[next.last + 1] !== ')') continue;
    const words = w.slice(sp.first, sp.last + 1);
    if (!words.some((x) => ORG_WORD_SET.has(x.toLowerCase()))) continue;
    if (initialsMatch(w[next.first] as string, words.join(' '))) sp.type = 'organization';
  }
  return spans;
}

/** "North Atlantic Treaty Organization (NATO)": the acronym mention `expands` to the name before it. */
function linkAcronyms(text: string, mentions: EntityMention[]): void {
  for (let i = 1; i < mentions.length; i++) {
    const m = mentions[i] as EntityMention;
    const prev = mentions[i - 1] as EntityMention;
    if (!/^[\p{Lu}\p{N}&.-]{2,10}$/u.test(m.text)) continue;
    const between = text.slice(prev.end, m.start);
    if (!/^\s*\(\s*$/.test(between) || text[m.end] !== ')') continue;
    if (!initialsMatch(m.text, prev.text) || cutShort(m.text, prev.text, text.slice(Math.max(0, prev.start - 40), prev.start))) continue;
    m.expands = prev.id;
    m.type = prev.type;
  }
}

/**
 * "London Stock Exchange (LSE)" recognised as "London" and "Stock Exchange": the acronym is the
 * initials of the word written just before the name and the name's, so the name is cut short and the
 * acronym is not its own (linked, it would join every city's exchange through "Stock Exchange").
 */
export function cutShort(acronym: string, name: string, before: string): boolean {
  const letters = acronym.replace(/[^\p{L}]/gu, '').toUpperCase();
  const words = name.split(/[\s-]+/).filter((x) => LETTER_UPPER.test(x[0] ?? ''));
  const previous = /(\p{Lu}[\p{L}.'’-]*)\s+$/u.exec(before)?.[1];
  if (!previous) return false;
  return letters === [previous, ...words].map((x) => x[0]!.toUpperCase()).join('');
}

function initialsMatch(acronym: string, name: string): boolean {
  const letters = acronym.replace(/[^\p{L}]/gu, '').toUpperCase();
  const initials = name
    .split(/[\s-]+/)
    .map((x) => x[0] ?? '')
    .join('')
    .toUpperCase();
  const significant = name
    .split(/[\s-]+/)
    .filter((x) => LETTER_UPPER.test(x[0] ?? ''))
    .map((x) => x[0])
    .join('')
    .toUpperCase();
  if (letters === initials || letters === significant) return true;
  // acronyms from another language (OSDH, the French one of the Syrian Observatory for Human Rights)
  // or skipping words: most of their letters are initials of the name
  const pool = [...significant];
  let shared = 0;
  for (const ch of letters) {
    const k = pool.indexOf(ch);
    if (k >= 0) {
      shared++;
      pool.splice(k, 1);
    }
  }
  return shared >= 2 && shared >= 0.6 * letters.length && Math.abs(letters.length - significant.length) <= 2;
}
