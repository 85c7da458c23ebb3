/**
 * Relations carried by noun phrases rather than verbs: where places are ("Syria's Idlib province",
 * "the Turkish province of Hatay", "Saraqeb, a key Idlib crossroads town", "Al-Bara in Idlib",
 * "Hatay, bordering Syria") and who attacks whom in nominalised events ("Russian bombardment of
 * Idlib", "Syrian and Russian bombings in the province of Idlib").
 */
import type { DocContext, SentenceState } from './context.js';
import { basedModifierEnd } from '../coref.js';
import { countryName, countryOfDemonym, dict, isAdverb, isCap, type Unit } from './tokens.js';

/** Nouns for a kind of place ("the province of X", "X's Idlib province"). */
export const AREA = new Set(['province', 'region', 'city', 'town', 'village', 'district', 'county', 'state', 'governorate', 'area', 'capital', 'port', 'enclave', 'territory', 'neighbourhood', 'neighborhood', 'suburb', 'municipality', 'island', 'countryside']);
const ATTACK_PREDICATE: Record<string, string> = dict({
  bombardment: 'bomb', bombardments: 'bomb', bombing: 'bomb', bombings: 'bomb', strike: 'strike', strikes: 'strike',
  airstrike: 'strike', airstrikes: 'strike', attack: 'attack', attacks: 'attack', shelling: 'shell', offensive: 'attack',
  assault: 'attack', invasion: 'invade', raid: 'raid', raids: 'raid', incursion: 'attack', occupation: 'occupy', siege: 'besiege',
});

/** Nouns of a two-sided event read as "X predicate Y" ("clashes between X and Y"). */
const BETWEEN = dict<string>({ clashes: 'clash with', clash: 'clash with', fighting: 'clash with', battles: 'clash with', hostilities: 'clash with', war: 'clash with', talks: 'hold talks with', negotiations: 'hold talks with', meeting: 'hold talks with', consultations: 'hold talks with' });

const isPlace = (u: Unit | undefined): boolean => !!u?.m && u.m.type === 'place';

/** A demonym word as a country mention unit (created on demand), or the unit when it is a place mention. */
function countryUnit(ctx: DocContext, s: SentenceState, u: Unit | undefined): Unit | undefined {
  if (!u) return undefined;
  if (u.m) return u.m.type === 'place' || u.m.canonical ? u : undefined;
  if (!isCap(u)) return undefined;
  const country = countryOfDemonym(u.t);
  if (!country) return undefined;
  return { ...u, m: ctx.add(u.start, u.end, 'place', 'name', s.index, { canonical: country }) };
}

/**
 * Where a place descriptor leads to a name: "(the) (northwestern) towns of X" or "X's (west-central)
 * province of Y" starting at `q`; returns the index of the named place, or -1.
 */
export function placeAfterDescriptor(U: readonly Unit[], q: number): number {
  if (U[q]?.m && U[q + 1]?.l === "'s") q += 2;
  else if (/^(the|a|an)$/.test(U[q]?.l ?? '')) q++;
  const isArea = (u: Unit | undefined) => !!u && !u.m && (AREA.has(u.l) || AREA.has(u.l.replace(/(?<=[^s])s$|(?<=[sx]|ch|sh)es$/, '')) || AREA.has(u.l.replace(/ies$/, 'y')));
  let k = q;
  while (k < q + 4 && !isArea(U[k]) && !U[k]?.m && /^[a-z][a-z-]*$/.test(U[k]?.t ?? '') && !/^(of|in|and|or|the|a|an|on|at|by|to|for)$/.test(U[k]!.l)) k++;
  if (!isArea(U[k]) || U[k + 1]?.l !== 'of') return -1;
  const at = U[k + 2]?.l === 'the' ? k + 3 : k + 2;
  return isPlace(U[at]) && U[at + 1]?.l !== "'s" ? at : -1;
}

const skipAdj = (U: readonly Unit[], k: number, max = 3): number => {
  let n = 0;
  while (k < U.length && n < max && !U[k]!.m && /^[a-z][a-z-]*$/.test(U[k]!.t) && !AREA.has(U[k]!.l) && !/^(of|in|and|or|the|a|an|on|at|by|to|for)$/.test(U[k]!.l)) k++, n++;
  return k;
};

/**
 * "the London-based monitor" (resolved to the organisation named earlier), "a Paris-based rights group,
 * Reporters Without Borders," and "the Geneva-based WHO": the organisation or person is based in the place.
 */
function basedIn(ctx: DocContext, s: SentenceState): void {
  const T = s.tokens;
  const own = ctx.inSentence(s.index);
  for (let j = 0; j < T.length; j++) {
    const after = basedModifierEnd(T, j, own);
    if (after === j) continue;
    const t = T[j]!;
    // the place: a name mention before "-based", else the capitalised word (not a sentence-initial "Faith-based")
    let place = own.find((m) => m.kind === 'name' && m.start === t.start && m.type === 'place');
    if (!place && own.some((m) => m.kind === 'name' && m.start === t.start)) continue; // "Google-based": an organisation
    if (!place) {
      const word = t.t.slice(0, -'-based'.length);
      const country = countryName(word) ?? countryOfDemonym(word);
      if (j === 0 && !country) continue; // "Faith-based groups"
      if (!country && NOT_PLACES.has(word.toLowerCase())) continue; // "Windows-based"
      // the words of the place's name before it: "Santa Monica-based", "St. Louis-based" (not a name of their own)
      let from = j;
      const named = (k: number) => own.some((m) => m.start <= T[k]!.start && T[k]!.start < m.end);
      for (;;) {
        const prev = T[from - 1];
        if (prev && isCap(prev) && !/^(the|a|an)$/.test(prev.l) && /^\p{L}+$/u.test(prev.t) && !named(from - 1)) from--;
        else if (prev?.t === '.' && /^\p{Lu}\p{Ll}?$/u.test(T[from - 2]?.t ?? '') && T[from - 2]!.end === prev.start && !named(from - 2)) from -= 2;
        else break;
      }
      if (from === 0 && from < j && !country) continue; // a capitalised run opening the sentence may be anything
      // the name as written ("Britain"; merging knows it is the United Kingdom), a demonym as its country ("Swiss-based")
      const whole = from < j;
      place = ctx.add(T[from]!.start, t.start + word.length, 'place', 'name', s.index, whole ? {} : { canonical: countryName(word) ? word : (country ?? word) });
      ctx.implicit.add(place.id);
    }
    const where: Unit = { start: place.start, end: place.end, t: place.text, l: place.text.toLowerCase(), m: place };
    // the based entity: a mention unit spanning the modifier ("the Britain-based monitor" resolved), or the name after the noun phrase
    const U = s.units;
    let i = U.findIndex((u) => u.end > t.start);
    if (i < 0) continue;
    const host = U[i]!;
    if (host.m && host.m !== place && host.start <= t.start && T[after - 1]!.end <= host.end) {
      if (host.m.type !== 'place' && host.m.kind !== 'name') ctx.relate(host, where, 'based in', `${t.t}`, s.index, { family: 'other' });
      continue;
    }
    while (i < U.length && U[i]!.end <= T[after - 1]!.end) i++;
    let k = i;
    while (k < U.length && k < i + 3 && !U[k]!.m && /^[a-z][a-z-]*$/.test(U[k]!.t) && !/^(of|in|and|or|the|a|an|on|at|by|to|for|with|that|which|who|said|says|is|was|has|had)$/.test(U[k]!.l)) k++;
    // "Maria Lopez, a Madrid-based lawyer, said": an apposition after the name
    const det = U.findIndex((u) => u.end > t.start) - 1;
    const named = U[det - 2];
    if (k > i && /^(a|an|the)$/.test(U[det]?.l ?? '') && U[det - 1]?.l === ',' && named?.m && named.m.type !== 'place' && /^(,|\.|said|says)$/.test(U[k]?.l ?? '')) {
      ctx.relate(named, where, 'based in', t.t, s.index, { family: 'other' });
      continue;
    }
    // "Moscow-based US lawyer Jamie Firestone": a country name there modifies the noun, the person follows
    let modified = false;
    if (k === i && U[k]?.m && countryName(U[k]!.m!.text)) {
      k++;
      const st = k;
      while (k < U.length && k < st + 2 && !U[k]!.m && /^[a-z][a-z-]*$/.test(U[k]!.t)) k++;
      if (k === st || !U[k]?.m) continue;
      modified = true;
    }
    if (k === i && !modified && U[k]?.m?.type !== 'organization') continue; // a head noun, or an organisation named at once ("the Geneva-based WHO")
    let target = U[k];
    if (!target?.m && U[k]?.l === ',' && U[k + 1]?.m && /^(,|\.|\(|said|says)$/.test(U[k + 2]?.l ?? '')) target = U[k + 1]; // apposition
    if (!target?.m || target.m.type === 'place' || U[k + 1]?.l === "'s") continue;
    ctx.relate(target, where, 'based in', t.t, s.index, { family: 'other' });
  }
}

/** Capitalised words before "-based" that are platforms or creeds, not places. */
const NOT_PLACES = new Set(['windows', 'linux', 'unix', 'android', 'java', 'web', 'internet', 'cloud', 'mac', 'pc', 'intel', 'arm', 'christian', 'muslim', 'moslem', 'islamic', 'catholic', 'jewish', 'bible', 'faith', 'evidence', 'science']);

const BACKED = new Set(['backed', 'supported', 'sponsored', 'funded', 'armed']);

/**
 * A subject noun phrase with a parenthetical backer: "Houthi rebels, backed by Iran, …", "French
 * proposals, often backed by Germany, …" (a demonym phrase stands for its country). Only at the start
 * of the sentence, where the parenthetical cannot attach to an object.
 */
function backedSubject(ctx: DocContext, s: SentenceState): void {
  const U = s.units;
  let a = 0;
  while (/^(but|and|yet|the|["\u201c\u201d'])$/.test(U[a]?.l ?? '')) a++;
  let subject: Unit | undefined;
  let k = a;
  if (U[k]?.m && U[k]!.m!.type !== 'person') subject = U[k++];
  else {
    // "<Demonym> noun(s)": the country
    const c = countryUnit(ctx, s, U[k]);
    if (!c || c.m?.type !== 'place') return;
    k++;
    const st = k;
    while (k < U.length && k < st + 3 && !U[k]!.m && /^[a-z][a-z-]*$/.test(U[k]!.t) && !/^(of|in|and|or|the|a|an|on|at|by|to|for|with)$/.test(U[k]!.l)) k++;
    if (k === st) return;
    subject = c;
  }
  if (U[k]?.l !== ',') return;
  k++;
  if (U[k] && !U[k]!.m && (isAdverb(U[k]!) || /^(often|also|long|once|still|partly|mostly)$/.test(U[k]!.l))) k++; // "often", "largely", "reportedly"
  if (!BACKED.has(U[k]?.l ?? '') || U[k + 1]?.l !== 'by') return;
  const verb = U[k]!.t;
  k += 2;
  if (U[k]?.l === 'the') k++;
  const backers: Unit[] = [];
  while (U[k]?.m && U[k]!.m!.type !== 'person' || (U[k]?.m && backers.length === 0)) {
    backers.push(U[k]!);
    if (!/^(and|,)$/.test(U[k + 1]?.l ?? '') || !U[k + 2]?.m) break;
    k += 2;
  }
  if (!backers.length || U[k + 1]?.l === "'s") return;
  for (const b of backers) ctx.relate(b, subject!, 'back', `${verb} by`, s.index, { family: 'support' });
}

/**
 * Finds place containment, borders and nominal attacks in one sentence: relations read off noun
 * phrases rather than verbs. One function per pattern, each tried at every unit (see nlp/index.ts,
 * "Code shape").
 */
export function extractNominal(ctx: DocContext, s: SentenceState): void {
  if (s.tokens.some((t) => /-based$/.test(t.l))) basedIn(ctx, s);
  if (s.tokens.some((t) => BACKED.has(t.l))) backedSubject(ctx, s);
  const U = s.units;
  for (let i = 0; i < U.length; i++) {
    const u = U[i]!;
    demonymArea(ctx, s, U, i, u);
    if (isPlace(u)) possessiveArea(ctx, s, U, i, u);
    appositionArea(ctx, s, U, i, u);
    if (isPlace(u)) placeListIn(ctx, s, U, i, u);
    const between = BETWEEN[u.l];
    if (between && !u.m && U[i + 1]?.l === 'between') betweenPair(ctx, s, U, i, u, between);
    const pred = ATTACK_PREDICATE[u.l];
    if (pred && !u.m) attackNoun(ctx, s, U, i, u, pred);
  }
}

/** "the (northwestern) Syrian province of Idlib", "Turkish Hatay". */
function demonymArea(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit): void {
  const demonymCountry = !u.m && isCap(u) ? countryOfDemonym(u.t) : undefined;
  if (!demonymCountry && !u.m?.canonical) return;
  const k = skipAdj(U, i + 1);
  if (AREA.has(U[k]?.l ?? '') && U[k + 1]?.l === 'of' && isPlace(U[k + 2])) {
    const c = countryUnit(ctx, s, u);
    if (c) ctx.relate(U[k + 2]!, c, 'located in', `${u.t} ${U[k]!.t} of`, s.index, { family: 'other' });
  } else if (isPlace(U[i + 1]) && !U[i + 1]!.m!.canonical) {
    // "Turkish Hatay"
    const c = countryUnit(ctx, s, u);
    if (c && c.m!.canonical !== U[i + 1]!.m!.text) ctx.relate(U[i + 1]!, c, 'located in', u.t, s.index, { family: 'other' });
  }
}

/** "Syria's Idlib province", "Syria's west-central province of Hama" (u is a place). */
function possessiveArea(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit): void {
  if (U[i + 1]?.l !== "'s") return;
  const k = skipAdj(U, i + 2);
  if (isPlace(U[k]) && AREA.has(U[k + 1]?.l ?? '')) ctx.relate(U[k]!, u, 'located in', `'s ${U[k + 1]!.t}`, s.index, { family: 'other' });
  else if (AREA.has(U[k]?.l ?? '') && U[k + 1]?.l === 'of' && isPlace(U[k + 2])) ctx.relate(U[k + 2]!, u, 'located in', `'s ${U[k]!.t} of`, s.index, { family: 'other' });
}

/** "Saraqeb, a key Idlib crossroads town" (the apposition says it is a place, whatever the recogniser thought). */
function appositionArea(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit): void {
  if (!(u.m && u.m.type !== 'person' || (u.m && AREA.has(U[i + 1 + 0]?.l ?? '') === false && U[i + 1]?.l === ','))) return;
  if (U[i + 1]?.l === ',' && /^(a|an|the)$/.test(U[i + 2]?.l ?? '')) {
    let k = skipAdj(U, i + 3, 2);
    if (isPlace(U[k])) {
      const where = U[k]!;
      k = skipAdj(U, k + 1, 2);
      if (AREA.has(U[k]?.l ?? '') && /^(town|city|village|district|region|province|area|port|capital|suburb|neighbourhood|neighborhood)$/.test(U[k]!.l)) ctx.relate(u, where, 'located in', U[k]!.t, s.index, { family: 'other' });
    }
  }
}

/** "the towns Baluon and Al-Bara in Idlib", "al-Bara, located in the Zawiya Mountain", "Hatay, which borders Syria" (u is a place). */
function placeListIn(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit): void {
  let k = i + 1;
  const members = [u];
  const areaBefore = AREA.has(U[i - 1]?.l.replace(/s$/, '') ?? '') || (U[i - 1]?.l === 'of' && AREA.has(U[i - 2]?.l ?? ''));
  while (/^(and|,)$/.test(U[k]?.l ?? '') && isPlace(U[k + 1]) && U[k + 2]?.l !== ',') members.push(U[k + 1]!), (k += 2);
  if (U[k]?.l === ',' && U[k + 1]?.l === 'located') k++;
  const located = U[k]?.l === 'located';
  if (U[k]?.l === 'located') k++;
  if (U[k]?.l === 'in' && (areaBefore || located)) {
    let q = k + 1;
    if (/^(the|northern|southern|eastern|western|northwestern|northeastern|southwestern|southeastern|central|north|south|east|west)$/.test(U[q]?.l ?? '')) q++;
    if (/^(northern|southern|eastern|western|northwestern|northeastern|southwestern|southeastern|central)$/.test(U[q]?.l ?? '')) q++;
    if (isPlace(U[q]) && U[q + 1]?.l !== "'s") for (const m of members) ctx.relate(m, U[q]!, 'located in', 'in', s.index, { family: 'other' });
  }
  // "Hatay -- bordering Syria", "Hatay, which borders Syria"
  let b = i + 1;
  while (/^(,|-|--|\u2013|\u2014|which|that)$/.test(U[b]?.l ?? '') && b < i + 4) b++;
  if (/^(bordering|borders|bordered)$/.test(U[b]?.l ?? '') && isPlace(U[b + 1])) ctx.relate(u, U[b + 1]!, 'border', U[b]!.t, s.index, { family: 'other' });
}

/** "hostilities between Turkey and Syrian forces", "talks between Russians and Turks" (u is the noun, followed by "between"). */
function betweenPair(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit, between: string): void {
  let k = i + 2;
  if (U[k]?.l === 'the') k++;
  const a = countryUnit(ctx, s, U[k]) ?? (U[k]?.m ? U[k] : undefined);
  let q = k + 1;
  if (U[q]?.l === 'and') q++;
  if (U[q]?.l === 'the') q++;
  if (/^[\p{L}]+-(backed|led|supported)$/u.test(U[q]?.t ?? '') || /^-(backed|led|supported)$/.test(U[q + 1]?.l ?? '')) q += U[q + 1]?.l.startsWith('-') ? 2 : 1;
  const b = countryUnit(ctx, s, U[q]) ?? (U[q]?.m ? U[q] : undefined);
  if (a && b && U[k + 1]?.l === 'and') {
    ctx.relate(a, b, between, `${u.t} between`, s.index, { family: between === 'clash with' ? 'attack' : 'consult' });
    if (between === 'hold talks with') ctx.relate(b, a, between, `${u.t} between`, s.index, { family: 'consult' }); // talks go both ways
  }
}

/** "Russian bombardment of Idlib", "Syrian and Russian bombings in the province of Idlib", "Russia's offensive on Idlib" (u is the attack noun). */
function attackNoun(ctx: DocContext, s: SentenceState, U: readonly Unit[], i: number, u: Unit, pred: string): void {
  let k = i - 1;
  if (U[k]?.l === 'air') k--;
  const agents: Unit[] = [];
  for (;;) {
    const x = U[k];
    if (x?.l === "'s" && U[k - 1]?.m && U[k - 1]!.m!.type !== 'person') {
      agents.push(U[k - 1]!);
      k -= 2;
    } else if (x && !x.m && isCap(x) && countryOfDemonym(x.t)) {
      agents.push(countryUnit(ctx, s, x)!);
      k--;
    } else if (x?.m && x.m.type === 'organization' && !agents.length && !/^(of|in|on|at|from|against|to|by|for|with|into)$/.test(U[k - 1]?.l ?? '')) {
      // an organisation as the noun's modifier: "the Syrian government offensive in Idlib", "a NATO strike on X"
      // (not a place: "the Idlib offensive" is where it happens, not who wages it)
      agents.push(x);
      k--;
    } else break;
    if (U[k]?.l === 'and' || U[k]?.l === ',') k--;
    else break;
  }
  if (!agents.length) return;
  let q = i + 1;
  if (!/^(of|on|against|in)$/.test(U[q]?.l ?? '')) return;
  q++;
  if (U[q]?.l === 'the') q++;
  if (AREA.has(U[q]?.l ?? '') && U[q + 1]?.l === 'of') q += 2;
  const target = U[q];
  if (!target?.m || U[q + 1]?.l === "'s") return;
  for (const a of agents) ctx.relate(a, target, pred, `${u.t} ${U[i + 1]!.t}`, s.index, { family: 'attack' });
}
