/**
 * Name analysis for entity resolution: normalisation (case, accents, transliteration, possessives),
 * title stripping ("Turkish Foreign Minister Mevlut Cavusoglu" → "Mevlut Cavusoglu" + role
 * "foreign minister"), person-name keys (given names + surname, particles such as al-/bin/van dropped),
 * organisation / place keys (leading "the", corporate suffixes, British/American spellings) and acronyms.
 * Pure functions over strings; the lexicons are read once at module load.
 */
import { COMPANY_SECTOR_WORDS, ORGANIZATION_WORDS, ORGANIZATIONS } from '../lexicon/organizations.js';
import { WORLD_LEADERS } from '../lexicon/people.js';
import { COUNTRIES, FORMER_STATES, REGIONS } from '../lexicon/places.js';
import { HONORIFIC_WORDS, TITLE_MODIFIER_WORDS, TITLE_WORDS } from '../lexicon/titles.js';
import type { EntityType } from '../types.js';

/** Normalises a name for comparison: accents, transliteration, case, quotes, possessive, punctuation. */
export function normalizeName(name: string): string {
  return memo(normalizeCache, name, normalizeUncached);
}

function normalizeUncached(name: string): string {
  return foldCase(name)
    .replace(/['\u2019](?:s)?$/u, '')
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Slug for stable node keys: `recep-tayyip-erdogan`. */
export function slugify(name: string): string {
  return normalizeName(name).replace(/\s+/g, '-') || 'unnamed';
}

const FOLD: Record<string, string> = { ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th', ð: 'd', ŀ: 'l' };

/** Lower case without diacritics, with the letters NFKD does not decompose folded too (ı, ø, ß, ł…). */
export function foldCase(s: string): string {
  return memo(foldCache, s, foldUncached);
}

/** Memoised results (bounded: cleared when large) — names repeat a lot across a corpus. */
function memo<T>(cache: Map<string, T>, key: string, f: (k: string) => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size > 200_000) cache.clear();
    v = f(key);
    cache.set(key, v);
  }
  return v;
}
const foldCache = new Map<string, string>();
const normalizeCache = new Map<string, string>();
const personAnalysisCache = new Map<string, NameAnalysis>();
const otherAnalysisCache = new Map<string, NameAnalysis>();
const orgKeyCache = new Map<string, string>();
const plainOrgKeyCache = new Map<string, string>();
const lexCache = new Map<string, LexiconHit | null>();

function foldUncached(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc\u02bb`\u00b4]/g, "'")
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .toLowerCase()
    .replace(/[ıøæœßđłþðŀ]/g, (c) => FOLD[c] ?? c);
}

/* ------------------------------------------------------------------ lexicon lookups */

const HONORIFICS = new Set(HONORIFIC_WORDS);
const TITLES = new Set([...TITLE_WORDS, ...TITLE_MODIFIER_WORDS, ...HONORIFIC_WORDS]);
/** Title words that state a role by themselves ("minister", "chief", "spokeswoman"). */
const ROLE_HEADS = new Set(TITLE_WORDS);
const ORG_WORDS = new Set(ORGANIZATION_WORDS);
const SECTOR_WORDS = new Set(COMPANY_SECTOR_WORDS);
/** Given-name short forms whose long form does not start with them. */
const NICKNAMES: Record<string, string[]> = {
  bill: ['william'], billy: ['william'], will: ['william'], bob: ['robert'], bobby: ['robert'], rob: ['robert'],
  jim: ['james'], jimmy: ['james'], mike: ['michael'], mick: ['michael'], tony: ['anthony', 'antonio'],
  dick: ['richard'], rick: ['richard'], ted: ['edward', 'theodore'], ed: ['edward'], jack: ['john'],
  johnny: ['john'], peggy: ['margaret'], maggie: ['margaret'], liz: ['elizabeth'], beth: ['elizabeth'],
  betty: ['elizabeth', 'bettie'], bettie: ['betty', 'elizabeth'], kate: ['katherine', 'catherine', 'kathryn'],
  katie: ['katherine', 'catherine', 'kathryn'], kathy: ['katherine', 'kathryn'], cathy: ['catherine'],
  sue: ['susan'], hank: ['henry'], harry: ['henry', 'harold'], chuck: ['charles'], charlie: ['charles'],
  steve: ['steven', 'stephen'], joe: ['joseph'], jerry: ['gerald', 'gerardo', 'jerome'], larry: ['lawrence'],
  sandy: ['alexander', 'sandra'], mo: ['maurice', 'mohammed'], sasha: ['alexander', 'alexandra'],
  alexis: ['alexandros', 'alexander'], nick: ['nicholas'], tom: ['thomas'], tommy: ['thomas'], dave: ['david'],
  dan: ['daniel'], danny: ['daniel'], don: ['donald'], ron: ['ronald'], pat: ['patrick', 'patricia'],
  vlad: ['vladimir'], misha: ['mikhail'], dima: ['dmitry'], sergey: ['sergei'], sergei: ['sergey'],
};
/** Particles inside names that are not a given name or surname of their own. */
const PARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'at', 'az', 'bin', 'ibn', 'bint', 'ben', 'van', 'von', 'de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'y', 'e', 'zu', 'st']);
const PARTICLE_PREFIX = /^(?:al|el|ad|as|ash|at|az|an|ar|ul)-(?=\p{L}{2})/u;

/** True for a word that joins a surname rather than being one ("le" of "Le Pen", "von", "da", "bin"). */
export const isNameParticle = (token: string): boolean => PARTICLES.has(token);
/** Particles that are also given names ("Ben", "Al"); "van" and "de" open surnames ("Van Nistelrooy", "De Gaulle"). */
const GIVEN_PARTICLES = new Set(['ben', 'al']);
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'esq', 'obe', 'mbe', 'kbe', 'qc', 'kc']);
/** Suffixes that tell a father from a son: kept in the key, never merged across. */
const GENERATIONS = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
/** Words that may start a name span at the beginning of a sentence but are not part of the name. */
const LEADING_STOP = new Set(['the', 'a', 'an', 'in', 'at', 'on', 'of', 'from', 'to', 'by', 'for', 'with', 'and', 'but', 'as', 'about', 'after', 'before', 'since', 'during', 'when', 'while', 'if', 'into', 'over', 'under', 'via', 'per', 'like', 'near', 'says', 'said', 'told']);
const STOP = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'at', 'to', 'a', 'an', 'de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'del', 'los', 'las', 'el', 'al', 'y', 'et', 'und', 'der', 'die', 'das', 've', '&']);
const CORPORATE = new Set(['inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'plc', 'co', 'gmbh', 'ag', 'sa', 'nv', 'bv', 'spa', 'llp', 'lp']);
const PLACE_GENERIC = new Set(['province', 'region', 'governorate']);
const SPELLING: Record<string, string> = {
  defence: 'defense', centre: 'center', organisation: 'organization', programme: 'program', labour: 'labor',
  theatre: 'theater', honour: 'honor', harbour: 'harbor', councillor: 'councilor', favour: 'favor',
};
/** Abbreviations that open a place's name, with one reading there ("Mt Cook" = "Mount Cook"; not "FT" alone). */
const OPENING_ABBREVIATIONS: Record<string, string> = { mt: 'mount', ft: 'fort' };
/** Country aliases that name a part or a predecessor of the country, not the country itself. */
const COUNTRY_ALIAS_EXCLUDED = new Set(['england', 'scotland', 'wales', 'northern ireland', 'soviet union', 'ussr', 'zaire', 'byelorussia', 'car']);

/** Countries, capitals and well-known regions and cities, by folded name. */
const KNOWN_PLACES = new Set<string>([
  ...COUNTRIES.flatMap(([name, capital, , aliases]) => [name, capital, ...aliases]).map((x) => normalizeName(x)),
  ...REGIONS.map((x) => normalizeName(x)),
]);

/** A lexicon entry resolved by name: its id, canonical name, type and whether a form is an acronym. */
export interface LexiconHit {
  id: string;
  canonical: string;
  type: EntityType;
  /** The form matched is an acronym / short name rather than a full name. */
  short: boolean;
}

const lexiconByKey = new Map<string, LexiconHit>();
const countryToken = new Map<string, string>(); // folded country name or demonym → key token (`turkey`, `united_states`)
const qualifierWords = new Set<string>(); // folded: country names, demonyms, lexicon acronyms (single words)
const countryKeys = new Set<string>(); // org keys of country names and their aliases

function addLexicon(key: string, hit: LexiconHit): void {
  if (key && !lexiconByKey.has(key)) lexiconByKey.set(key, hit);
}

for (const [name, , demonyms, aliases] of COUNTRIES) {
  const id = `country:${normalizeName(name).replace(/\s+/g, '_')}`;
  const hit: LexiconHit = { id, canonical: name, type: 'place', short: false };
  const tok = normalizeName(name).replace(/\s+/g, '_');
  for (const form of [name, ...aliases]) {
    const folded = normalizeName(form);
    if (COUNTRY_ALIAS_EXCLUDED.has(folded)) continue;
    const short = isAcronymSurface(form);
    const key = short ? acronymKey(form) : orgKey(form, false);
    addLexicon(short ? `acr:${key}` : key, { ...hit, short });
    if (!short) countryKeys.add(key);
    if (short) qualifierWords.add(acronymKey(form));
    else {
      if (!folded.includes(' ')) qualifierWords.add(folded);
      countryToken.set(folded, tok);
      qualifierWords.add(tok);
    }
  }
  for (const d of demonyms) {
    const f = normalizeName(d);
    qualifierWords.add(f);
    countryToken.set(f, tok);
  }
}
for (const [name, aliases] of FORMER_STATES) {
  const hit: LexiconHit = { id: `country:${normalizeName(name).replace(/\s+/g, '_')}`, canonical: name, type: 'place', short: false };
  for (const form of [name, ...aliases]) {
    const short = isAcronymSurface(form);
    addLexicon(short ? `acr:${acronymKey(form)}` : orgKey(form, false), { ...hit, short });
  }
}
for (const [i, [type, names, shorts]] of ORGANIZATIONS.entries()) {
  const canonical = names[0] ?? shorts[0] ?? '';
  const id = `org:${i}`;
  for (const n of names) addLexicon(orgKey(n, false), { id, canonical, type, short: false });
  for (const s of shorts) {
    if (isAcronymSurface(s)) {
      addLexicon(`acr:${acronymKey(s)}`, { id, canonical, type, short: true });
      qualifierWords.add(acronymKey(s));
    } else addLexicon(orgKey(s, false), { id, canonical, type, short: true });
  }
}

/** Looks a surface name up in the organisations and countries lexicons. */
export function lookupLexicon(surface: string): LexiconHit | undefined {
  return memo(lexCache, surface, lookupUncached) ?? undefined;
}

function lookupUncached(surface: string): LexiconHit | null {
  return lookupLexiconRaw(surface) ?? null;
}

function lookupLexiconRaw(surface: string): LexiconHit | undefined {
  if (looksLikeAcronym(surface)) {
    const hit = lexiconByKey.get(`acr:${acronymKey(surface)}`);
    if (hit) return hit;
  }
  return lexiconByKey.get(orgKey(surface, false));
}

/** True for a country name or one of its alternative names ("Turkey", "Türkiye", "United States"). */
export function isCountryName(surface: string): boolean {
  return countryKeys.has(orgKey(surface, false));
}

/** True for a country's demonym ("Turkish", "Syrians"). */
export function isDemonym(surface: string): boolean {
  const f = normalizeName(surface);
  return countryToken.has(f) && !countryKeys.has(f);
}

/* ------------------------------------------------------------------ acronyms */

/** "NATO", "U.S.", "AT&T": two or more capitals (dots and digits allowed), nothing lower case. */
export function isAcronymSurface(s: string): boolean {
  const t = s.trim();
  return /^[A-Z](?:[A-Z0-9&]|\.(?=[A-Z0-9]))+\.?$/.test(t) && /[A-Z].*[A-Z]/.test(t) && t.length <= 12;
}

/** An acronym written as one capitalised word ("Nato", "Unicef") counts when the lexicon knows it. */
export function looksLikeAcronym(s: string): boolean {
  if (isAcronymSurface(s)) return true;
  const t = s.trim();
  return /^[A-Z][a-z]{2,6}$/.test(t) && lexiconByKey.get(`acr:${t.toLowerCase()}`) !== undefined;
}

/** "U.S." → "us", "NATO" → "nato". */
export function acronymKey(s: string): string {
  return foldCase(s).replace(/[^a-z0-9&]/g, '');
}

/**
 * The initials a name can be abbreviated to: every word's ("sofhr"), and the content words' only
 * ("sohr": of / for / the / al… skipped). Hyphenated words give one initial per part too ("Co-operation").
 */
export function initialsOf(name: string): string[] {
  const words = foldCase(name).replace(/['\u2019]s\b/g, '').split(/[^a-z0-9&]+/).filter(Boolean);
  if (words.length < 2) return [];
  // a name of initials already ("S and P", "A & P") is no acronym's expansion: its letters spell nothing else
  if (words.every((w) => w.length === 1 || STOP.has(w))) return [];
  const all = words.map((w) => w[0]).join('');
  const content = words.filter((w) => !STOP.has(w)).map((w) => w[0]).join('');
  return [...new Set([content, all])].filter((x) => x.length >= 2);
}

/* ------------------------------------------------------------------ words and titles */

interface Word {
  /** As written, possessive and surrounding punctuation removed (an initial keeps its dot: "W."). */
  raw: string;
  /** Folded to lower case, no accents, no final dot. */
  low: string;
  /** Written with a possessive ("Turkey's"). */
  poss: boolean;
}

function splitWords(surface: string): Word[] {
  const out: Word[] = [];
  for (const piece of surface.replace(/\b(\p{Lu}\p{Ll}{1,4})\.(?=\p{Lu}\p{Ll})/gu, '$1. ').split(/[\s\u00a0]+/)) {
    let raw = piece.replace(/^[^\p{L}\p{N}]+/u, '');
    let poss = false;
    raw = raw.replace(/[^\p{L}\p{N}.'\u2019]+$/u, '');
    if (/['\u2019]s?$/u.test(raw)) {
      raw = raw.replace(/['\u2019]s?$/u, '');
      poss = true;
    }
    raw = /^\p{L}\.$/u.test(raw) || /^\p{Lu}\p{Ll}{0,3}\.$/u.test(raw) || /\p{L}\.\p{L}/u.test(raw) ? raw : raw.replace(/\.+$/, '');
    if (!/[\p{L}\p{N}]/u.test(raw)) continue;
    out.push({ raw, low: foldCase(raw).replace(/\.$/, ''), poss });
  }
  return out;
}

const hasUpper = (s: string): boolean => /\p{Lu}/u.test(s);
const isLowerWord = (w: Word): boolean => !hasUpper(w.raw) && /\p{L}/u.test(w.raw) && !PARTICLES.has(w.low) && !PARTICLE_PREFIX.test(w.low);

function isQualifier(w: Word): boolean {
  return w.poss || qualifierWords.has(w.low) || isAcronymSurface(w.raw);
}

/** Role titles long enough that a one-letter slip in them cannot be a name ("Secertary", "Minster", "Represenative"). */
const LONG_TITLES = TITLE_WORDS.filter((t) => t.length >= 8 && /^[a-z]+$/.test(t));
const misspeltTitles = new Map<string, string | undefined>();

/** The title a word misspells by one slip (a letter added, dropped, changed or two swapped), if any. */
function misspeltTitle(low: string): string | undefined {
  if (low.length < 7 || !/^[a-z]+$/.test(low) || TITLES.has(low)) return undefined;
  let t = misspeltTitles.get(low);
  if (t === undefined && !misspeltTitles.has(low)) {
    t = LONG_TITLES.find((x) => x[0] === low[0] && oneSlip(low, x));
    misspeltTitles.set(low, t);
  }
  return t;
}
const isMisspeltTitle = (low: string): boolean => misspeltTitle(low) !== undefined;

/** A title word, written whole, without its hyphen or hyphenated from title words ("Vice-Chairman"). */
function isTitleWord(low: string): boolean {
  if (TITLES.has(low)) return true;
  if (!low.includes('-')) return false;
  return TITLES.has(low.replace(/-/g, '')) || low.split('-').every((p) => TITLES.has(p));
}

/** One insertion, deletion or substitution, or two neighbouring letters swapped ("Secertary" / "Secretary"). */
function oneSlip(a: string, b: string): boolean {
  if (withinOneEdit(a, b)) return true;
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The analysis of one name mention's surface. */
export interface NameAnalysis {
  /** The name without leading "the", titles (persons), possessive and trailing junk, as written. */
  clean: string;
  /** Lower-case, accent-free tokens of `clean`. */
  tokens: string[];
  /** The role stated by the stripped title ("foreign minister"), when there was one. */
  role?: string;
  /** True when the whole surface was a title ("President") and no name is left. */
  titleOnly: boolean;
}

/**
 * Splits a mention's surface into the name proper and its leading title. Titles are stripped for
 * persons only ("General Motors" keeps its "General"); the last word is never taken for a title.
 */
export function analyzeName(surface: string, type: EntityType): NameAnalysis {
  const personal = type === 'person';
  return personal ? memo(personAnalysisCache, surface, analyzePerson) : memo(otherAnalysisCache, surface, analyzeOther);
}

function analyzePerson(surface: string): NameAnalysis {
  return analyzeUncached(surface, true);
}
function analyzeOther(surface: string): NameAnalysis {
  return analyzeUncached(surface, false);
}

/** A nickname quoted inside a person's name ("Vincent "The Chin" Gigante", "Charles 'Lucky' Luciano"). */
const QUOTED_NICKNAME = /\s(?:"|“|‘|'|``)\s*(?:the\s+)?\p{Lu}[^"“”‘’'`]{0,40}?\s*(?:"|”|’|'|'')\s/gu;

function analyzeUncached(surface: string, personal: boolean): NameAnalysis {
  // the name without the nickname quoted inside it: "Vincent Gigante"
  let words = splitWords(personal ? surface.replace(QUOTED_NICKNAME, ' ') : surface);
  // Leading stop words ("The", "In" at a sentence start) and lower-case junk before the name.
  let lead = 0;
  // Lower-case words are junk only before a capitalised name ("hire Maurice Cheeks"); an all lower-case
  // span is a generic group the recogniser meant ("government forces").
  const capitalised = words.some((w) => hasUpper(w.raw));
  while (lead < words.length - 1) {
    const w = words[lead]!;
    if (LEADING_STOP.has(w.low) || (capitalised && isLowerWord(w))) lead++;
    else break;
  }
  words = words.slice(lead);
  let role: string | undefined;
  let titleOnly = false;
  if (personal && words.length) {
    if (words.every((w) => TITLES.has(w.low) || isLowerWord(w) || isQualifier(w))) {
      titleOnly = words.some((w) => TITLES.has(w.low));
    }
    let lastDrop = -1;
    for (let i = 0; i < words.length - 1; i++) {
      const w = words[i]!;
      if (isTitleWord(w.low) || isLowerWord(w) || (i + 2 < words.length && isMisspeltTitle(w.low))) lastDrop = i;
      else if (!isQualifier(w)) break;
    }
    if (lastDrop >= 0) {
      const roleWords = words
        .slice(0, lastDrop + 1)
        .flatMap((w) => (TITLES.has(w.low) ? [w.low] : isTitleWord(w.low) ? w.low.split('-') : [misspeltTitle(w.low) ?? '']))
        .filter((low) => low !== '' && !HONORIFICS.has(low));
      if (roleWords.length) role = roleWords.join(' ');
      words = words.slice(lastDrop + 1);
    }
    // Trailing junk after the name ("Ellen DeGeneres as host"): cut at the first lower-case word.
    const cut = words.findIndex((w, i) => i > 0 && isLowerWord(w));
    if (cut > 0) words = words.slice(0, cut);
  }
  const clean = words.map((w) => w.raw).join(' ');
  return { clean, tokens: words.map((w) => w.low), role, titleOnly };
}

/* ------------------------------------------------------------------ keys */

/** A person's name reduced for matching: given names (with initials) and surname. */
export interface PersonKey {
  given: string[];
  surname: string;
  /** `jr`, `sr`, `ii`… or '' (kept apart: father and son). */
  suffix: string;
  /** `given… surname`, the key of the full name. */
  key: string;
}

/** Person key from the analysed tokens: particles, suffixes (Jr, III) and inner punctuation dropped. */
export function personKeyOf(tokens: string[]): PersonKey | undefined {
  const parts: string[] = [];
  let suffix = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const s = t.replace(PARTICLE_PREFIX, '').replace(/['\u2019.\-]/g, '');
    if (parts.length && GENERATIONS.has(s)) suffix = s;
    // "Ben Thatcher", "Al Gore": a given name that is also a particle, when it opens a name of two words
    const given = i === 0 && tokens.length === 2 && GIVEN_PARTICLES.has(t);
    if (!s || (PARTICLES.has(t) && !given) || (parts.length && NAME_SUFFIXES.has(s))) continue;
    if (!/\p{L}/u.test(s)) continue;
    parts.push(s);
  }
  const surname = parts[parts.length - 1];
  if (!surname) return undefined;
  const given = parts.slice(0, -1);
  return { given, surname, suffix, key: suffix ? `${parts.join(' ')} ${suffix}` : parts.join(' ') };
}

/**
 * Key of an organisation or place name: folded, leading "the" and stop words dropped, possessives,
 * corporate suffixes ("Corp."), "news agency" and generic "province"/"region" dropped (the first two
 * not when what is left is a known place: "Japan Inc."), British spellings Americanised,
 * letter-by-letter acronyms joined ("U.S." → "us"), a leading demonym or country written as the
 * country ("Russia's Defence Ministry" = "Russian Defense Ministry").
 */
export function orgKey(surface: string, mapCountries = true): string {
  return mapCountries ? memo(orgKeyCache, surface, orgKeyMapped) : memo(plainOrgKeyCache, surface, orgKeyPlain);
}

function orgKeyMapped(surface: string): string {
  return orgKeyUncached(surface, true);
}
function orgKeyPlain(surface: string): string {
  return orgKeyUncached(surface, false);
}

function orgKeyUncached(surface: string, mapCountries: boolean): string {
  let toks = foldCase(surface)
    .replace(/['\u2019]s\b/g, '')
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean);
  // join letter-by-letter acronyms: "u s" → "us"
  const joined: string[] = [];
  let run = false;
  for (const t of toks) {
    const single = t.length === 1 && /^[a-z]$/.test(t);
    if (single && run && joined.length) joined[joined.length - 1] += t;
    else joined.push(t);
    run = single;
  }
  toks = joined.map((t) => SPELLING[t] ?? t);
  while (toks.length > 1 && LEADING_STOP.has(toks[0]!)) toks.shift();
  if (toks.length > 1 && OPENING_ABBREVIATIONS[toks[0]!]) toks[0] = OPENING_ABBREVIATIONS[toks[0]!]!;
  const named = toks;
  toks = [...toks];
  while (toks.length > 1 && CORPORATE.has(toks[toks.length - 1]!)) toks.pop();
  if (toks.length > 1 && /^(?:com|net|org)$/.test(toks[toks.length - 1]!) && /\.(?:com|net|org)\b/i.test(surface)) toks.pop();
  if (toks.length > 2 && toks[toks.length - 2] === 'news' && (toks[toks.length - 1] === 'agency' || toks[toks.length - 1] === 'service')) toks.splice(-2, 2);
  if (toks.length === 2 && toks[1] === 'agency') toks.pop();
  // An organisation named after a place keeps that ending: "Japan Inc." is not Japan, nor the
  // "Islamic Republic of Iran News Agency" Iran.
  if (toks.length < named.length && KNOWN_PLACES.has(toks.join(' '))) toks = named;
  if (toks.length > 1 && PLACE_GENERIC.has(toks[toks.length - 1]!)) toks.pop();
  if (mapCountries && toks.length > 1) {
    const c = countryToken.get(toks[0]!);
    if (c) toks[0] = c;
  }
  return toks.join(' ');
}

/** True for a key token that may qualify an organisation's name: a country, demonym or known acronym. */
export function isQualifierToken(token: string): boolean {
  return qualifierWords.has(token);
}

/** True when `acronym` abbreviates `name`: its letters are the initials of the name's (content) words. */
export function acronymMatches(acronym: string, name: string): boolean {
  const a = acronymKey(acronym);
  if (a.length < 2) return false;
  if (initialsOf(name).includes(a)) return true;
  // Looser: the letters are the initials of an ordered choice of words that starts with the first word
  // ("Hayat Tahrir al-Sham" → HTS; "Organisation du traité de l'Atlantique nord" → OTAN).
  const words = foldCase(name).split(/[^a-z0-9&]+/).filter(Boolean);
  if (!words.length || words[0]![0] !== a[0]) return false;
  let j = 0;
  for (const w of words) if (j < a.length && w[0] === a[j]) j++;
  return j === a.length && a.length >= Math.min(3, words.filter((w) => !STOP.has(w)).length);
}

/** True when a given name may be written as the other: equal, a nickname, or a clipped form (Fred → Frederick). */
export function givenMatches(short: string, long: string): boolean {
  if (short === long) return true;
  if (NICKNAMES[short]?.includes(long)) return true;
  if (short.length >= 3 && long.length - short.length >= 3 && long.startsWith(short)) return true;
  return short.length >= 6 && long.length >= 6 && short[0] === long[0] && withinOneEdit(short, long);
}

/** True when one insertion, deletion or substitution turns `a` into `b` ("Jermayne" / "Jerymayne"). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** True when a word names an organisation's kind ("police", "ministry", "party"). */
export function isOrganizationWord(token: string): boolean {
  return ORG_WORDS.has(token);
}

/** True for a name of several words that ends in a corporate suffix ("Ferrotherm Co.", "Holland BV"). */
export function endsInCorporateSuffix(surface: string): boolean {
  const words = foldCase(surface).split(/[^\p{L}\p{N}&]+/u).filter(Boolean);
  return words.length > 1 && CORPORATE.has(words[words.length - 1]!);
}

/** The words of a name that are not corporate suffixes ("Bank of Japan Ltd" → 3, "Corp Ltd" → 0). */
export function nameWordCount(surface: string): number {
  let n = 0;
  for (const w of surface.split(' ')) if (w && !CORPORATE.has(foldCase(w).replace(/[.,]/g, ''))) n++;
  return n;
}

/** True for a word that says a company's line of business ("electronics" in "Samsung Electronics"). */
export function isCompanySectorWord(token: string): boolean {
  return SECTOR_WORDS.has(token);
}

/** True when the role contains a word that is a role on its own ("chief", not only "national"). */
export function hasRoleHead(role: string | undefined): boolean {
  return role !== undefined && role.split(' ').some((w) => ROLE_HEADS.has(w) && !HONORIFICS.has(w));
}

/** Lower-case words that may sit inside a name ("Bank of America", "Hayat Tahrir al-Sham"). */
const CONNECTORS = new Set([...STOP, ...PARTICLES, 'to', 'sans', 'without', 'upon', 'n', 'y', 'e', 'von', 'zu', 'da', 'dos']);

/**
 * When a recognised span swallowed words around the name ("Sixers hire Maurice Cheeks", "Colts beat
 * Chiefs", "Brooklyn mother of 13 Zurana Horton"): the part after the last lower-case word that cannot
 * belong to a name, else undefined. The last words are the name's head, which is what the span names.
 */
export function junkTail(surface: string): string | undefined {
  const words = surface.split(/[\s\u00a0]+/).filter(Boolean);
  let last = -1;
  for (let i = 1; i < words.length - 1; i++) {
    const w = words[i]!;
    const low = foldCase(w).replace(/[^a-z0-9&-]/g, '');
    if (/\p{Lu}/u.test(w) || !/\p{L}/u.test(w)) continue;
    if (CONNECTORS.has(low) || PARTICLE_PREFIX.test(low)) continue;
    if (TITLES.has(low)) continue;
    last = i;
  }
  if (last < 0) return undefined;
  const tail = words.slice(last + 1);
  while (tail.length && !/\p{Lu}/u.test(tail[0]!)) tail.shift();
  return tail.length ? tail.join(' ') : undefined;
}

/* ------------------------------------------------------------------ state institutions */

/** Country of a capital ("damascus" → "syria") or of a leader's surname ("assad" → "syria"). */
const stateOf = new Map<string, string>();
for (const [name, capital] of COUNTRIES) {
  const tok = normalizeName(name).replace(/\s+/g, '_');
  const cap = normalizeName(capital);
  if (cap && !stateOf.has(cap)) stateOf.set(cap, tok);
}
for (const [name, , of] of WORLD_LEADERS) {
  const country = countryToken.get(normalizeName(of));
  const pk = personKeyOf(normalizeName(name).split(' '));
  if (country && pk && !stateOf.has(pk.surname)) stateOf.set(pk.surname, country);
}
const GOVERNMENT_HEADS = new Set(['government', 'govt', 'regime', 'authorities', 'administration', 'cabinet']);
// the aircraft of a state's military act for it: "Syrian military aircraft", "Russian warplanes"
const MILITARY_HEADS = new Set(['army', 'military', 'forces', 'troops', 'soldiers', 'units', 'personnel', 'aircraft', 'warplanes', 'jets', 'drones']);
const MILITARY_MODIFIERS = new Set(['government', 'govt', 'regime', 'military', 'armed', 'army', 'security', 'ground', 'state']);

/** A name's case-folded words without possessive 's and without a leading "the" or particles. */
function qualifierTokens(surface: string): string[] {
  const toks = foldCase(surface)
    .replace(/['\u2019]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (toks.length && (toks[0] === 'the' || PARTICLES.has(toks[0]!))) toks.shift();
  return toks;
}

/**
 * The country a name is, or is qualified by: "Syria", "Damascus", "Syrian army", "Turkish-backed
 * rebels", "the United States" → its key token (`syria`, `turkey`, `united_states`); else undefined.
 * Used to tell which country a story is about.
 */
export function countryOf(surface: string): string | undefined {
  const toks = qualifierTokens(surface);
  if (!toks.length) return undefined;
  const whole = toks.join(' ');
  const direct = countryToken.get(whole) ?? (toks.length === 1 ? stateOf.get(whole) : undefined);
  if (direct) return direct;
  for (let n = Math.min(3, toks.length - 1); n >= 1; n--) {
    const c = countryToken.get(toks.slice(0, n).join(' '));
    if (c) return c;
  }
  return undefined;
}

/**
 * Key of a state institution named by its country, capital or leader: "Syrian government", "Damascus
 * regime", "Assad regime" → `gov:syria`; "Syrian army", "Syrian troops", "Syrian government forces" →
 * `mil:syria`. Air forces, navies, police, rebels and "opposition forces" are not the state's military.
 */
export function institutionKey(surface: string): string | undefined {
  const toks = qualifierTokens(surface);
  if (toks.length < 2) return undefined;
  // qualifier: one or two words naming the state ("syrian", "united states", "bashar al assad")
  let country: string | undefined;
  let q = 0;
  for (let n = Math.min(3, toks.length - 1); n >= 1 && !country; n--) {
    const words = toks.slice(0, n).filter((t) => !PARTICLES.has(t));
    const last = words[words.length - 1];
    country = countryToken.get(words.join(' ')) ?? (words.length <= 2 && last ? stateOf.get(last) : undefined);
    if (country) q = n;
  }
  if (!country) {
    // "government forces", "regime troops": the state's military, which state to be found in context
    const head = toks[toks.length - 1]!;
    const mods = toks.slice(0, -1);
    const byState = mods.some((m) => m === 'government' || m === 'govt' || m === 'regime');
    return byState && MILITARY_HEADS.has(head) && mods.every((m) => MILITARY_MODIFIERS.has(m)) ? 'mil:?' : undefined;
  }
  const rest = toks.slice(q);
  const head = rest[rest.length - 1]!;
  const mods = rest.slice(0, -1);
  if (GOVERNMENT_HEADS.has(head) && mods.length === 0) return `gov:${country}`;
  if (MILITARY_HEADS.has(head) && mods.every((m) => MILITARY_MODIFIERS.has(m))) {
    if ((head === 'units' || head === 'personnel') && !mods.length) return undefined;
    return `mil:${country}`;
  }
  return undefined;
}

/** True for a country, capital or well-known region / city name ("Washington", "Idlib"). */
export function isKnownPlace(surface: string): boolean {
  return KNOWN_PLACES.has(normalizeName(surface));
}

/* ------------------------------------------------------------------ armed groups described, not named */

/** Heads that on their own describe non-state armed groups ("rebels", "militants"). */
const INSURGENT_HEADS = new Set(['rebels', 'militants', 'insurgents', 'guerrillas', 'guerillas']);
/** Heads that do so after an insurgent modifier ("rebel groups", "opposition forces", "armed groups"). */
const INSURGENT_GROUP_HEADS = new Set(['groups', 'forces', 'fighters', 'factions', 'militias', 'units']);
const INSURGENT_MODIFIERS = new Set(['rebel', 'opposition', 'armed', 'militant', 'insurgent', 'guerrilla']);
/** Modifiers that say nothing about which group it is. */
const GENERIC_MODIFIERS = new Set([...INSURGENT_MODIFIERS, 'illegal', 'foreign', 'foreign-backed', 'foreign-sponsored', 'the', 'other', 'various', 'several', 'local', 'some']);

/**
 * A common-noun description of non-state armed opponents ("rebels", "the rebel groups", "opposition
 * forces", "Turkish-backed rebels", "Takfiri militants"): `bare` when nothing in it says which group
 * (such descriptions of one conflict are one entity), `qualified` when a nationality, sponsor or
 * name narrows it down; undefined for anything else (state forces, named organisations).
 */
export function describedGroup(surface: string): 'bare' | 'qualified' | undefined {
  const toks = foldCase(surface)
    .replace(/['\u2019]s\b/g, '')
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);
  if (!toks.length) return undefined;
  const head = toks[toks.length - 1]!;
  const mods = toks.slice(0, -1);
  const insurgent = INSURGENT_HEADS.has(head) || (INSURGENT_GROUP_HEADS.has(head) && mods.some((m) => INSURGENT_MODIFIERS.has(m)));
  if (!insurgent) return undefined;
  if (mods.some((m) => m === 'government' || m === 'govt' || m === 'regime' || m === 'pro-government')) return undefined;
  return mods.every((m) => GENERIC_MODIFIERS.has(m)) ? 'bare' : 'qualified';
}
