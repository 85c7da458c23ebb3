/**
 * Role relations from noun phrases: titles before a name ("Turkish Foreign Minister Mevlut
 * Cavusoglu" → foreign minister of Turkey), appositions ("Rahmi Dogan, governor of Hatay"),
 * possessives ("Erdogan's top press aide, Fahrettin Altun"), membership and alliance ("NATO ally
 * Turkey", "Turkey, a member of NATO", "the Syrian regime and its backer Russia", "Turkey-backed
 * rebels").
 */
import { TITLES, WORLD_LEADERS } from '../../lexicon/people.js';
import { COUNTRIES } from '../../lexicon/places.js';
import type { EventFamily } from '../../types.js';
import type { DocContext, SentenceState } from './context.js';
import { countryName, countryOfDemonym, isCap, type Unit, dict } from './tokens.js';

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\u2019']/g, "'").replace(/\s+/g, ' ').trim();
/** Well-known office holders by folded full name: their role and whose it is. */
const KNOWN_ROLES: Map<string, { role: string; of: string }> = (() => {
  const m = new Map<string, { role: string; of: string }>();
  for (const [name, role, of] of WORLD_LEADERS) m.set(fold(name), { role, of });
  return m;
})();
const roleWords = (r: string): string[] => r.replace(/-/g, ' ').split(' ');

/**
 * "Secretary General Antonio Guterres" with no owner in the text: when the person is a well-known
 * office holder whose lexicon role has the same head as the title written, the owner is the
 * lexicon's (a mention on the title words carrying `canonical`, as demonyms do).
 */
function lexiconOwner(ctx: DocContext, s: SentenceState, name: string, title: string, span: { start: number; end: number }): Unit | undefined {
  const known = KNOWN_ROLES.get(fold(name));
  if (!known) return undefined;
  const written = roleWords(title);
  const lex = roleWords(known.role);
  if (written[written.length - 1] !== lex[lex.length - 1] || !written.every((w) => lex.includes(w) || STRIP.has(w))) return undefined;
  const country = countryName(known.of);
  const m = ctx.add(span.start, span.end, country ? 'place' : 'organization', 'name', s.index, { canonical: country ?? known.of });
  ctx.implicit.add(m.id);
  return { start: m.start, end: m.end, t: m.text, l: m.text.toLowerCase(), m };
}

const TITLE_WORDS = new Set<string>();
for (const t of [...TITLES, 'aide', 'press aide', 'communications director', 'director of communications', 'national security advisor', 'spokesperson']) {
  for (const w of t.split(/\s+/)) if (!/\.$/.test(w) && !['of', 'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'lord', 'lady', 'madam', 'dr', 'doctor', 'prof', 'professor', 'monsieur', 'herr', 'analyst', 'economist', 'correspondent', 'reporter', 'editor', 'activist', 'officer', 'detective'].includes(w)) TITLE_WORDS.add(w);
}
/** Titles written with "of" ("secretary of state", "chief of staff"). */
const OF_TITLES = new Set(TITLES.filter((t) => / of /.test(t)));
/** Words that head a role ("minister" in "foreign minister"). */
const TITLE_HEADS = new Set([
  'president', 'minister', 'premier', 'chancellor', 'secretary', 'secretary-general', 'general', 'chief', 'chairman', 'chairwoman',
  'director', 'director-general', 'executive', 'governor', 'mayor', 'ambassador', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'king',
  'queen', 'prince', 'emir', 'sultan', 'leader', 'commander', 'head', 'aide', 'adviser', 'advisor', 'ceo', 'founder', 'speaker',
  'commissioner', 'prosecutor', 'senator', 'representative', 'lawmaker', 'diplomat', 'negotiator', 'official', 'deputy', 'admiral', 'marshal',
]);
const ROLE_MODIFIERS = new Set(['presidential', 'foreign', 'defence', 'defense', 'interior', 'national', 'security', 'press', 'communications', 'deputy', 'vice', 'acting', 'interim', 'prime', 'senior', 'top', 'local', 'chief', 'state', 'military', 'ruling', 'party', 'opposition', 'health', 'finance', 'trade', 'energy', 'justice', 'supreme', 'special', 'army', 'police']);
/** Fields a role may be "of" ("director of communications" = communications director). */
const DEPARTMENTS = new Set(['communications', 'defence', 'defense', 'finance', 'health', 'justice', 'interior', 'trade', 'energy', 'security', 'press']);
const STRIP = new Set(['top', 'senior', 'local', 'new', 'current', 'veteran', 'longtime', 'powerful', 'then']);
const ALLY_NOUNS: Record<string, string> = dict({ ally: 'ally of', allies: 'ally of', member: 'member of', members: 'member of', partner: 'ally of', backer: 'back', backers: 'back', supporter: 'back', supporters: 'back', sponsor: 'back', sponsors: 'back', patron: 'back' });
/** The event family of an ally-noun relation: backing is support, the rest (ally of, member of) a role. */
const allyFlags = (rel: string): { family: EventFamily } => ({ family: rel === 'back' ? 'support' : 'role' });
const PLACE_ROLES = new Set(['governor', 'mayor']);
/** Words after which a title is said of the clause's subject ("served as president", "became chairman"), not of a name that follows. */
const PREDICATIVE = new Set(['as', 'is', 'was', 'are', 'were', 'be', 'been', 'being', 'become', 'becomes', 'became', 'becoming', 'remain', 'remains', 'remained', 'named', 'appointed', 'elected', 'made']);
const PLACE_NOUNS = new Set(['province', 'region', 'city', 'town', 'state', 'district', 'county', 'village', 'governorate', 'department', 'ministry']);

/** Whether a lower-case word can be part of a title ("foreign", "minister"). */
export function isTitleWord(l: string): boolean {
  return TITLE_WORDS.has(l) || ROLE_MODIFIERS.has(l);
}

/** An owner for a role: the mention unit, or a demonym word turned into a country mention. */
function ownerAt(ctx: DocContext, s: SentenceState, u: Unit | undefined): Unit | undefined {
  if (!u) return undefined;
  if (u.m) return u;
  const country = isCap(u) ? countryOfDemonym(u.t) : undefined;
  if (!country) return undefined;
  const m = ctx.add(u.start, u.end, 'place', 'name', s.index, { canonical: country });
  return { ...u, m };
}

const isPerson = (u: Unit | undefined): boolean => !!u?.m && u.m.type === 'person';

/** Roles that command a country's armed forces. */
const HEAD_ROLES = new Set(['president', 'prime minister', 'leader', 'supreme leader', 'king', 'emir', 'sultan', 'chancellor', 'premier', 'dictator', 'ruler']);
const ARMED_HEADS = new Set(['forces', 'troops', 'army', 'military', 'soldiers']);
const DEMONYM_OF: Map<string, string> = new Map(COUNTRIES.map(([name, , demonyms]) => [name, demonyms[0] ?? name]));

/** The country a person leads, from the roles stated in this document or the lexicon of office holders. */
function countryLed(ctx: DocContext, person: Unit): string | undefined {
  for (const r of ctx.relations) {
    if (r.subject.mention !== person.m!.id || r.family !== 'role' || !HEAD_ROLES.has(r.predicate.replace(/ of$/, ''))) continue;
    const o = ctx.mentions.find((m) => m.id === r.object.mention);
    const c = o && (countryName(o.canonical ?? o.text));
    if (c) return c;
  }
  const known = KNOWN_ROLES.get(fold(person.m!.text));
  return known && HEAD_ROLES.has(known.role) ? countryName(known.of) : undefined;
}

/**
 * "President X's forces", "X's regime troops": a leader's armed forces are the country's ("Syrian
 * forces"), a group mention the leader commands.
 */
function leaderForces(ctx: DocContext, s: SentenceState, pi: number): void {
  const U = s.units;
  if (U[pi + 1]?.l !== "'s") return;
  let k = pi + 2;
  if (/^(regime|government|security|armed|elite|loyalist)$/.test(U[k]?.l ?? '') && ARMED_HEADS.has(U[k + 1]?.l ?? '')) k++;
  const head = U[k];
  if (!head || head.m || !ARMED_HEADS.has(head.l)) return;
  const country = countryLed(ctx, U[pi]!);
  if (!country) return;
  const person = U[pi]!;
  const m = ctx.add(person.start, head.end, 'organization', 'name', s.index, { group: true, canonical: `${DEMONYM_OF.get(country)} ${head.l}` });
  ctx.relate(person, { start: m.start, end: m.end, t: m.text, l: m.text.toLowerCase(), m }, 'command', `'s ${head.t}`, s.index, { family: 'other' });
}

/** Finds role and alliance relations in one sentence. */
export function extractRoles(ctx: DocContext, s: SentenceState): void {
  const U = s.units;
  for (let i = 0; i < U.length; i++) {
    const u = U[i]!;
    if (isPerson(u)) {
      titleBefore(ctx, s, i);
      titleInside(ctx, s, i);
      apposition(ctx, s, i);
      leaderForces(ctx, s, i);
    }
    if (u.m) alliance(ctx, s, i);
    // "Turkey-backed opposition forces", "Russian-backed government forces"
    if (/^-?(backed|supported|sponsored|armed|funded|allied)$/.test(U[i + 1]?.l ?? '') || /^[\p{L}]+-(backed|supported|sponsored|funded)$/u.test(u.l)) backedBy(ctx, s, i);
  }
}

/** "Turkey-backed opposition forces", "Russian-backed government forces": the owner backs what follows. */
function backedBy(ctx: DocContext, s: SentenceState, i: number): void {
  const U = s.units;
  const u = U[i]!;
  let owner: Unit | undefined;
  let nextIdx = i + 2;
  if (/-/.test(u.l) && !u.m) {
    const word = u.t.split('-')[0]!;
    const country = countryOfDemonym(word);
    if (country) owner = { ...u, end: u.start + word.length, t: word, m: ctx.add(u.start, u.start + word.length, 'place', 'name', s.index, { canonical: country }) };
    nextIdx = i + 1;
  } else owner = ownerAt(ctx, s, u);
  const target = U[nextIdx];
  if (owner && target?.m && target.m.type !== 'person') ctx.relate(owner, target, 'back', U[i + 1]?.t.replace(/^-/, '') ?? 'backed', s.index, { family: 'support' });
}

/** "Turkish Foreign Minister X", "NATO chief X", "Erdogan's top press aide, X" */
function titleBefore(ctx: DocContext, s: SentenceState, pi: number): void {
  const U = s.units;
  let k = pi - 1;
  if (U[k]?.l === ',') k--; // "Erdogan's top press aide, Fahrettin Altun"
  const words: string[] = [];
  const surface: Unit[] = [];
  let to: Unit | undefined;
  // "Syria's Ambassador to the United Nations Bashar al-Jaafari"
  if (U[k]?.m && U[k]!.m!.type !== 'person' && (U[k - 1]?.l === 'to' || (U[k - 1]?.l === 'the' && U[k - 2]?.l === 'to'))) {
    to = U[k];
    k -= U[k - 1]?.l === 'to' ? 2 : 3;
  }
  const collect = () => {
    while (k >= 0 && !U[k]!.m && (TITLE_WORDS.has(U[k]!.l) || ROLE_MODIFIERS.has(U[k]!.l))) {
      words.unshift(U[k]!.l);
      surface.unshift(U[k]!);
      k--;
    }
  };
  collect();
  // "director of communications X" is a communications director: one name for the role
  if (words.length === 1 && DEPARTMENTS.has(words[0]!) && U[k]?.l === 'of' && TITLE_HEADS.has(U[k - 1]?.l ?? '') && !U[k - 1]!.m) {
    const field = words.pop()!;
    surface.unshift(U[k]!);
    k--;
    collect();
    words.splice(words.length - 1, 0, field);
  } else if (words.length === 1 && U[k]?.l === 'of' && U[k - 1] && !U[k - 1]!.m && OF_TITLES.has(`${U[k - 1]!.l} of ${words[0]}`)) {
    // a title the lexicon writes with "of" ("Secretary of State", "Head of State"): one role, as written
    const phrase = `${U[k - 1]!.l} of ${words.pop()!}`;
    surface.unshift(U[k]!);
    surface.unshift(U[k - 1]!);
    k -= 2;
    collect();
    words.push(phrase);
  }
  if (words[0] === 'under' && words[1] !== 'secretary') words.shift(), surface.shift(); // "the Fed under Chairman Volcker"
  if (!words.length || !(TITLE_HEADS.has(words[words.length - 1]!) || OF_TITLES.has(words[words.length - 1]!))) return;
  if (words.length === 1 && words[0] === 'general') return; // "General Petroleum Corp.", "General Motors"
  if (U[pi - 1]?.l === ',' && !(U[k]?.l === "'s" || U[k]?.m || countryOfDemonym(U[k]?.t ?? ''))) return;
  // "… his second term as US President, Tony Blair has said": after "as" or a copula the title is
  // predicated of someone else; only an apposition ("Erdogan's top press aide, Fahrettin Altun") names the one after the comma
  if (U[pi - 1]?.l === ',') {
    const lead = U[k]?.l === "'s" ? k - 2 : U[k]?.m || countryOfDemonym(U[k]?.t ?? '') ? k - 1 : k;
    if (PREDICATIVE.has(U[lead]?.l ?? '')) return;
  }
  const role = words.filter((w) => !STRIP.has(w)).join(' ');
  // a past role is no relation: "former negotiator", "former Brexit negotiator"
  if (!role || /^(former|ex)$/.test(U[k]?.l ?? '') || (U[k]?.m && /^(former|ex)$/.test(U[k - 1]?.l ?? ''))) return;
  const person = U[pi]!;
  const verb = surface.map((x) => x.t).join(' ');
  if (to) ctx.relate(person, to, `${role} to`, verb, s.index, { family: 'role' });
  let owner: Unit | undefined;
  if (U[k]?.l === "'s") owner = ownerAt(ctx, s, U[k - 1]);
  else owner = ownerAt(ctx, s, U[k]);
  // "Turkish UN ambassador X": ambassador of Turkey, to the UN
  const diplomat = /^(ambassador|envoy|representative|delegate)$/.test(words[words.length - 1]!);
  if (diplomat && owner?.m?.type === 'organization' && U[k]?.l !== "'s") {
    const country = ownerAt(ctx, s, U[k - 1]);
    ctx.relate(person, owner, `${role} to`, verb, s.index, { family: 'role' });
    if (country?.m && (country.m.type === 'place' || country.m.canonical)) ctx.relate(person, country, `${role} of`, verb, s.index, { family: 'role' });
    if (!person.m!.role) person.m!.role = role;
    return;
  }
  if (owner && owner.m?.type !== 'person' || (owner && U[k]?.l === "'s")) ctx.relate(person, owner!, `${role} of`, verb, s.index, { family: 'role' });
  else if (!owner && !to && surface.length) {
    const lex = lexiconOwner(ctx, s, person.m!.text, role, { start: surface[0]!.start, end: surface[surface.length - 1]!.end });
    if (lex) ctx.relate(person, lex, `${role} of`, verb, s.index, { family: 'role' });
  }
  if (!person.m!.role) person.m!.role = role;
}

/** The name recogniser may keep the title inside the mention: "Turkish Foreign Minister Mevlut Cavusoglu". */
function titleInside(ctx: DocContext, s: SentenceState, pi: number): void {
  const U = s.units;
  const person = U[pi]!;
  const words = [...person.t.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu)];
  let demonym: RegExpMatchArray | undefined;
  const role: string[] = [];
  let n = 0;
  for (const w of words) {
    const l = w[0].toLowerCase();
    if (n === 0 && !demonym && countryOfDemonym(w[0])) demonym = w;
    else if (TITLE_WORDS.has(l) || ROLE_MODIFIERS.has(l)) role.push(l);
    else break;
    n++;
  }
  if (!role.length || n >= words.length || !TITLE_HEADS.has(role[role.length - 1]!)) return;
  const title = role.filter((w) => !STRIP.has(w)).join(' ');
  let owner: Unit | undefined;
  if (demonym) {
    const st = person.start + (demonym.index ?? 0);
    const m = ctx.add(st, st + demonym[0].length, 'place', 'name', s.index, { canonical: countryOfDemonym(demonym[0]) });
    owner = { start: m.start, end: m.end, t: m.text, l: m.text.toLowerCase(), m };
  } else if (U[pi - 1]?.l === "'s") owner = ownerAt(ctx, s, U[pi - 2]);
  else if (U[pi - 1]?.m && U[pi - 1]!.m!.type !== 'person') owner = U[pi - 1];
  else owner = ownerAt(ctx, s, U[pi - 1]);
  if (!owner) {
    const first = words[0]!;
    const last = words[n - 1]!;
    const nameAt = words[n]!.index ?? 0;
    owner = lexiconOwner(ctx, s, person.t.slice(nameAt), title, { start: person.start + (first.index ?? 0), end: person.start + (last.index ?? 0) + last[0].length });
  }
  if (owner) ctx.relate(person, owner, `${title} of`, role.join(' '), s.index, { family: 'role' });
  if (!person.m!.role) person.m!.role = title;
}

/** "X, (the) governor of (the Turkish province of) Hatay" */
function apposition(ctx: DocContext, s: SentenceState, pi: number): void {
  const U = s.units;
  if (U[pi + 1]?.l !== ',') return;
  let k = pi + 2;
  if (['the', 'a', 'an'].includes(U[k]?.l ?? '')) k++;
  const words: string[] = [];
  const first = k;
  while (k < U.length && !U[k]!.m && (TITLE_WORDS.has(U[k]!.l) || ROLE_MODIFIERS.has(U[k]!.l))) words.push(U[k++]!.l);
  if (!words.length || !TITLE_HEADS.has(words[words.length - 1]!)) return;
  const prep = U[k]?.l;
  if (prep !== 'of' && prep !== 'to' && prep !== 'for' && prep !== 'at') return;
  k++;
  while (k < U.length && !U[k]!.m && (['the', 'a', 'its'].includes(U[k]!.l) || (isCap(U[k]) && countryOfDemonym(U[k]!.t)) || PLACE_NOUNS.has(U[k]!.l) || U[k]!.l === 'of' || /^[a-z]+ern$/.test(U[k]!.l))) k++;
  let obj = U[k];
  if (obj && !obj.m && isCap(obj) && /^[\p{Lu}][\p{Ll}]+$/u.test(obj.t) && !countryOfDemonym(obj.t) && (PLACE_ROLES.has(words[words.length - 1]!)) && !isCap(U[k + 1])) {
    // "governor of Hatay" when the recogniser missed the place: the title says what it is
    obj = { ...obj, m: ctx.add(obj.start, obj.end, 'place', 'name', s.index) };
  }
  if (!obj?.m || U[k + 1]?.l === "'s" || obj.m.type === 'person') return;
  const role = words.filter((w) => !STRIP.has(w)).join(' ');
  ctx.relate(U[pi]!, obj, `${role} ${prep === 'to' ? 'to' : 'of'}`, U.slice(first, k).map((x) => x.t).join(' '), s.index, { family: 'role' });
  if (!U[pi]!.m!.role) U[pi]!.m!.role = role;
}

/** Membership and alliance: "NATO ally Turkey", "X and its backer Y", "Y, X's key ally", "Y, a member of X", "NATO, of which Turkey is a member". */
function alliance(ctx: DocContext, s: SentenceState, i: number): void {
  const U = s.units;
  const a = U[i]!;
  allyOwnerFirst(ctx, s, U, i, a);
  allyAndIts(ctx, s, U, i, a);
  if (allyApposition(ctx, s, U, i, a)) return;
  allyOfWhich(ctx, s, U, i, a);
}

// One function per pattern (see nlp/index.ts, "Code shape").

/** "NATO ally Turkey", "Damascus ally Moscow", "rebel supporter Ankara" (owner first). */
function allyOwnerFirst(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, a: Unit): void {
  const noun = U[i + 1]?.l ?? '';
  if (!(ALLY_NOUNS[noun] && U[i + 2]?.m && /^[\p{Lu}]/u.test(a.t))) return;
  ctx.relate(U[i + 2]!, a, ALLY_NOUNS[noun]!, U[i + 1]!.t, s.index, allyFlags(ALLY_NOUNS[noun]!));
}

/** "X and its (key) backer Y", "X and its Russian ally". */
function allyAndIts(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, a: Unit): void {
  if (!(U[i + 1]?.l === 'and' || U[i + 1]?.l === ',')) return;
  let k = i + 2;
  if (['its', 'their', 'his', 'her'].includes(U[k]?.l ?? '')) {
    k++;
    let demonym: Unit | undefined;
    while (k < U.length && !U[k]!.m && !ALLY_NOUNS[U[k]!.l] && /^[\p{L}-]+$/u.test(U[k]!.t) && k < i + 6) {
      if (isCap(U[k]) && countryOfDemonym(U[k]!.t)) demonym = U[k];
      k++;
    }
    const rel = ALLY_NOUNS[U[k]?.l ?? ''];
    if (rel) {
      const who = U[k + 1]?.m ? U[k + 1] : demonym ? ownerAt(ctx, s, demonym) : undefined;
      if (who) ctx.relate(who, a, rel, U[k]!.t, s.index, allyFlags(rel));
    }
  }
}

/** "Russia, Syria's key military ally", "Moscow, the main supporter of the Syrian regime", "Turkey, which is a key member of the NATO alliance"; true when it settled the unit (nothing else is tried then). */
function allyApposition(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, a: Unit): boolean {
  if (!(U[i + 1]?.l === ',' || /^(is|was|has|had|are|were)$/.test(U[i + 1]?.l ?? ''))) return false;
  const subjects = [a];
  let k = i + 2;
  if (U[i + 1]?.l === ',' && /^(which|who)$/.test(U[k]?.l ?? '')) k++;
  while (/^(is|was|are|were|has|have|had|been|be|also|long|now|still|itself)$/.test(U[k]?.l ?? '')) k++;
  // owner by possessive: "Syria's key military ally"
  if (U[k]?.m && U[k + 1]?.l === "'s") {
    const owner = U[k]!;
    k += 2;
    const st = k;
    while (k < U.length && !U[k]!.m && !ALLY_NOUNS[U[k]!.l] && /^[a-z-]+$/.test(U[k]!.l) && k < st + 3) k++;
    const rel = ALLY_NOUNS[U[k]?.l ?? ''];
    if (rel && /^(,|\.|and|$)/.test(U[k + 1]?.l ?? '')) for (const x of subjects) ctx.relate(x, owner, rel, U[k]!.t, s.index, allyFlags(rel));
    return true;
  }
  if (['the', 'a', 'an'].includes(U[k]?.l ?? '') || (U[i + 1]?.l === ',' && ALLY_NOUNS[U[k]?.l ?? ''] && U[k + 1]?.l === 'of')) {
    if (['the', 'a', 'an'].includes(U[k]!.l)) k++;
    // "Russia and Iran, sponsors of Damascus"
    const st = k;
    while (k < U.length && !U[k]!.m && !ALLY_NOUNS[U[k]!.l] && /^[a-z-]+$/.test(U[k]!.l) && k < st + 3) k++;
    const rel = ALLY_NOUNS[U[k]?.l ?? ''];
    if (!rel || U[k + 1]?.l !== 'of') return true;
    if (/s$/.test(U[k]!.l) && U[i - 1]?.l === 'and' && U[i - 2]?.m) subjects.unshift(U[i - 2]!); // "Russia and Iran, sponsors of Damascus"
    k += 2;
    if (['the', 'a', 'its'].includes(U[k]?.l ?? '')) k++;
    const owner = U[k]?.m ? U[k] : ownerAt(ctx, s, U[k]);
    if (owner && U[k + 1]?.l !== "'s") for (const x of subjects) ctx.relate(x, owner, rel, U.slice(st, k).map((y) => y.t).join(' '), s.index, allyFlags(rel));
  }
  return false;
}

/** "NATO, of which Turkey is a member". */
function allyOfWhich(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, a: Unit): void {
  if (!(U[i + 1]?.l === ',' && U[i + 2]?.l === 'of' && U[i + 3]?.l === 'which' && U[i + 4]?.m && /^(is|was|are)$/.test(U[i + 5]?.l ?? ''))) return;
  let k = i + 6;
  if (['a', 'an', 'the'].includes(U[k]?.l ?? '')) k++;
  while (k < U.length && /^[a-z-]+$/.test(U[k]!.l) && !ALLY_NOUNS[U[k]!.l] && k < i + 10) k++;
  const rel = ALLY_NOUNS[U[k]?.l ?? ''];
  if (rel) ctx.relate(U[i + 4]!, a, rel, U[k]!.t, s.index, allyFlags(rel));
}
