/**
 * Gazetteer lookups for the tagger's features: one word's category (country, city, demonym, first
 * name, organisation… from our lexicons and compromise's lexicon) and multi-word matches
 * (`united nations`, `new york`, `recep tayyip erdogan`) marked B-/I- per token.
 */
import { ORGANIZATIONS as LEXICON_ORGANIZATIONS } from '../../lexicon/organizations.js';
import { COUNTRIES, REGIONS } from '../../lexicon/places.js';
import { WORLD_LEADERS } from '../../lexicon/people.js';
import { nlp } from '../compromise.js';
import { ORGANIZATIONS } from './organizations.js';
import { tokenize } from './tokenize.js';

/** compromise lexicon tag → the coarse category the tagger sees. */
const TAG_CATEGORY: Record<string, string> = {
  MaleName: 'first',
  FemaleName: 'first',
  FirstName: 'first',
  LastName: 'last',
  Person: 'person',
  Actor: 'actor',
  City: 'city',
  Country: 'country',
  Place: 'place',
  Region: 'place',
  Organization: 'org',
  SportsTeam: 'team',
  Demonym: 'demonym',
  WeekDay: 'date',
  Month: 'date',
  Date: 'date',
  Duration: 'date',
  Honorific: 'honorific',
  Abbreviation: 'abbr',
  Currency: 'unit',
  Unit: 'unit',
  Cardinal: 'num',
  Ordinal: 'num',
  TextValue: 'num',
  Gerund: 'verb',
  PastTense: 'verb',
  PresentTense: 'verb',
  Infinitive: 'verb',
  Participle: 'verb',
  Modal: 'verb',
  Copula: 'verb',
  Adjective: 'adj',
  Comparative: 'adj',
  Superlative: 'adj',
  Plural: 'noun',
  Singular: 'noun',
  Noun: 'noun',
  Uncountable: 'noun',
  Adverb: 'adv',
  Preposition: 'func',
  Conjunction: 'func',
  Determiner: 'func',
  Pronoun: 'func',
  QuestionWord: 'func',
  Expression: 'expr',
};

// most specific first: a word tagged both Plural and Demonym is a demonym
const PRIORITY = [
  'Country', 'City', 'Region', 'Place', 'Organization', 'SportsTeam', 'Demonym', 'MaleName', 'FemaleName', 'FirstName',
  'LastName', 'Person', 'Honorific', 'Actor', 'WeekDay', 'Month', 'Date', 'Duration', 'Currency', 'Unit', 'Cardinal',
  'Ordinal', 'TextValue', 'Abbreviation', 'Modal', 'Copula', 'Gerund', 'PastTense', 'PresentTense', 'Infinitive',
  'Participle', 'Comparative', 'Superlative', 'Adjective', 'Adverb', 'Preposition', 'Conjunction', 'Determiner',
  'Pronoun', 'QuestionWord', 'Expression', 'Plural', 'Singular', 'Uncountable', 'Noun',
];

function categoryOf(tags: string | string[]): string {
  const list = Array.isArray(tags) ? tags : String(tags).split(',');
  for (const p of PRIORITY) if (list.includes(p)) return TAG_CATEGORY[p] ?? '';
  return '';
}

interface MultiEntry {
  tokens: string[];
  cat: string;
}

let single: Map<string, string> | null = null;
let multi: Map<string, MultiEntry[]> | null = null;

function addMulti(name: string, cat: string): void {
  const tokens = tokenize(name.toLowerCase()).map((t) => t.text);
  if (tokens.length < 2) {
    const w = tokens[0];
    if (w && !single!.has(w)) single!.set(w, cat);
    return;
  }
  const first = tokens[0] as string;
  let list = multi!.get(first);
  if (!list) multi!.set(first, (list = []));
  if (!list.some((e) => e.tokens.join(' ') === tokens.join(' '))) list.push({ tokens, cat });
}

function build(): void {
  single = new Map();
  multi = new Map();
  // ours first: they win over compromise's categories
  for (const [name, capital, demonyms, aliases] of COUNTRIES) {
    addMulti(name, 'country');
    for (const a of aliases) addMulti(a, 'country');
    addMulti(capital, 'city');
    for (const d of demonyms) addMulti(d, 'demonym');
  }
  for (const r of REGIONS) addMulti(r, 'place');
  for (const [name] of ORGANIZATIONS) addMulti(name, 'org');
  // the resolver's lexicon of organisations too: its full names of more than one word ("National Football League")
  for (const [type, names] of LEXICON_ORGANIZATIONS) for (const name of names) if (type === 'organization' && name.includes(' ')) addMulti(name, 'org');
  for (const [, acronym] of ORGANIZATIONS) if (acronym) addMulti(acronym, 'org');
  for (const [name] of WORLD_LEADERS) {
    addMulti(name, 'person');
    const parts = name.split(' ');
    const last = parts[parts.length - 1]?.toLowerCase();
    if (parts.length > 1 && last && !single.has(last)) single.set(last, 'last');
  }
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  for (const [word, tags] of Object.entries(lexicon)) {
    const cat = categoryOf(tags);
    if (!cat) continue;
    if (word.includes(' ')) {
      if (['org', 'city', 'country', 'place', 'person', 'team', 'first', 'last'].includes(cat)) addMulti(word, cat);
    } else if (!single.has(word)) single.set(word, cat);
  }
  for (const list of multi.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
}

/** The lexicon category of one lower-cased word (`country`, `first`, `verb`…), or ''. */
export function lookupWord(lower: string): string {
  if (!single) build();
  return single!.get(lower) ?? '';
}

/** Per token, `B-cat` / `I-cat` for the longest multi-word gazetteer match it is part of, else ''. */
export function lookupGazetteer(lowers: readonly string[]): string[] {
  if (!multi) build();
  const out: string[] = new Array<string>(lowers.length).fill('');
  for (let i = 0; i < lowers.length; i++) {
    const list = multi!.get(lowers[i] as string);
    if (!list) continue;
    for (const e of list) {
      const n = e.tokens.length;
      if (i + n > lowers.length) continue;
      let ok = true;
      for (let k = 1; k < n; k++) {
        if (lowers[i + k] !== e.tokens[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      out[i] = 'B-' + e.cat;
      for (let k = 1; k < n; k++) out[i + k] = 'I-' + e.cat;
      i += n - 1;
      break;
    }
  }
  return out;
}

let nicknames: Set<string> | null = null;

/**
 * Whether a lower-cased word is what a known team is called by alone ("saints" of "New Orleans Saints",
 * "chiefs", "yankees", "sox"): the plural last word of the lexicon's team names, and its one-word ones.
 * Words a team shares with a place, a people, a person or a sport ("City", "Dallas", "Indians", "Athletics")
 * are not.
 */
export function isTeamNickname(lower: string): boolean {
  if (!multi) build();
  if (!nicknames) {
    nicknames = new Set();
    const add = (word: string | undefined) => {
      if (!word || (word.length < 4 && word !== 'sox') || !/(?:s|sox)$/.test(word) || word === 'athletics') return;
      // "FC Dallas", "Texas Rangers" … "Cleveland Indians": a place's or a people's name is not the team's
      if (['city', 'country', 'place', 'demonym', 'first', 'last', 'person', 'org'].includes(single!.get(word) ?? '')) return;
      nicknames!.add(word);
    };
    for (const list of multi!.values()) for (const e of list) if (e.cat === 'team') add(e.tokens[e.tokens.length - 1]);
    for (const [word, cat] of single!) if (cat === 'team') add(word);
  }
  return nicknames.has(lower);
}
