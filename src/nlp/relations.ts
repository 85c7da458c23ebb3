/**
 * Relations, attributions and claims between the entity mentions of one document.
 *
 * Shallow and lexicon-driven: each sentence is tokenised (no compromise parse — see the speed
 * budget, issue 7), mentions become single units, and verbs from the event lexicon (events.ts) are
 * read with their subject to the left (skipping auxiliaries, negation, hedges, time phrases,
 * appositions and relative clauses; coordinated subjects; "which"/"who" relatives) and their object
 * to the right (prepositional objects, nominal heads "attacks by X", coordination "X and its backer
 * Y"); passives ("were killed … by X") swap the two. Roles come from noun phrases (roles.ts),
 * pronouns and descriptions from coref.ts, attributions from attribution.ts, numeric claims from
 * claims.ts. Pure and total.
 */
import type { Attribution, Claim, EntityMention, RelationMention, Sentence } from '../types.js';
import { extractAttributions } from './attribution.js';
import { extractClaims, isCountWord } from './claims.js';
import { resolveReferences } from './coref.js';
import { AID_NOUNS, COERCION_NOUNS, LIGHT_NOUNS, VERB_FORMS, type VerbEntry } from './events.js';
import { DocContext, type SentenceState } from './relations/context.js';
import { findGroups } from './relations/groups.js';
import { extractNominal, placeAfterDescriptor } from './relations/nominal.js';
import { extractRoles, isTitleWord } from './relations/roles.js';
import {
  AUX, CONTROL_FACTUAL, DETERMINERS, HEDGE_VERBS, isAdverb, isQuote, MODAL_HEDGE, NEGATING_VERBS, NEGATORS, TIME_WORDS,
  pickNonOverlapping, toUnits, tokenize, type Unit, dict,
} from './relations/tokens.js';

export interface RelationExtraction {
  /** The input mentions plus any pronoun / description mentions resolved within the document. */
  mentions: EntityMention[];
  relations: RelationMention[];
  attributions: Attribution[];
  claims: Claim[];
}

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'got', 'gets']);
const AGENT_NOUNS = new Set(['military', 'army', 'forces', 'troops', 'government', 'jets', 'warplanes', 'aircraft', 'artillery', 'drones', 'navy', 'police', 'soldiers', 'authorities', 'regime', 'ministry']);
/** The nouns each kind of light verb takes into its predicate (VerbEntry.nouns). */
const LIGHT_NOUN_SETS = { attack: LIGHT_NOUNS, coercion: COERCION_NOUNS, aid: AID_NOUNS } as const;
const STAND = new Set(['stood', 'stand', 'stands', 'remain', 'remains', 'remained', 'seemed', 'seems', 'appeared', 'appears']);
/** People a country or organisation acts through, written after its name ("EU leaders", "NATO officials"). */
const LEADER_NOUNS = new Set(['leaders', 'leader', 'leadership', 'officials', 'ministers', 'diplomats', 'negotiators', 'lawmakers']);
const ALLY = new Set(['ally', 'allies', 'backer', 'backers', 'supporter', 'supporters', 'sponsor', 'sponsors', 'partner', 'partners', 'patron']);
const OBJ_STOP = new Set([',', '.', ';', ':', '(', ')', '--', 'alongside', 'behind', 'beside', '\u2013', '\u2014', '?', '!', 'that', 'which', 'who', 'whom', 'whose', 'when', 'after', 'before', 'while', 'as', 'because', 'since', 'but', 'and', 'or', 'if', 'in', 'at', 'for', 'from', 'to', 'with', 'on', 'into', 'over', 'during', 'amid', 'despite', 'under', 'against', 'about', 'through', 'across', 'near', 'until', 'via', 'than', 'where', 'said', 'says', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'could']);
/** Nouns in an object phrase that stand for an action of the entity after "by"/"of" ("strikes by X", "positions of X"). */
const ATTACK_NOUNS = /^(air ?strikes?|airstrikes?|strikes?|attacks?|bombings?|bombardments?|shelling|raids?|assaults?|offensives?|operations?|campaign|fire|missiles?|rockets?|drones?|jets|planes|aircraft)$/;
/** One preposition per symmetric verb, so "spoke to" and "spoke with" make one edge. */
const CANONICAL_PREP: Record<string, string> = dict({ 'speak to': 'with', 'talk with': 'to', 'meet with': 'with', 'confer with': 'with' });
/** Words that may follow an object noun phrase (anything else lower-case continues the phrase). */
const FOLLOWS_OBJECT = new Set(['to', 'as', 'over', 'out', 'up', 'down', 'off', 'back', 'about', 'of', 'because', 'unless', 'until', 'following', 'too', 'instead', 'next', 'would', 'will', 'could', 'should', 'might', 'must', 'can', 'may', 'did', 'does', 'do', 'be', 'not', 'either', 'alone', 'directly', 'personally', 'publicly', 'privately', 'together', 'jointly', 'firmly', 'strongly', 'whose', 'whom', 'whereby', 'nor', 'yet', 'so', 'via', 'per', 'within', 'without', 'across', 'among', 'toward', 'towards', 'around', 'upon', 'beyond', 'along', 'alongside', 'throughout', 'including', 'here', 'there', 'all', 'both', 'each', 'itself', 'themselves', 'himself', 'herself',
  // place heads: "Idlib province" is Idlib
  'province', 'region', 'city', 'town', 'village', 'area', 'district', 'countryside', 'state', 'governorate', 'county']);
/** Aspect verbs before a gerund that keep it factual ("keeps violating") or deny it ("stopped attacking"). */
const ASPECT_GERUND = new Set(['keep', 'keeps', 'kept', 'continue', 'continues', 'continued', 'began', 'begin', 'begins', 'started', 'start', 'starts', 'resumed', 'resume', 'resumes']);
const STOP_GERUND = new Set(['stop', 'stops', 'stopped', 'ceased', 'quit', 'quits', 'halted']);
/** Participles whose parties follow "between" ("signed between X and Y"). */
const PARTIES_BETWEEN = new Set(['signed', 'concluded', 'agreed', 'reached', 'negotiated', 'inked']);
/** Participles that bring equipment into a noun phrase ("warships equipped with …"). */
const EQUIPPED = new Set(['equipped', 'armed', 'loaded', 'laden', 'fitted']);
/** Nouns for what an attack is aimed at, read through to the place after "in" ("targets in X"). */
const TARGET_NOUNS = new Set(['targets', 'target', 'positions', 'position', 'sites', 'bases', 'facilities', 'installations', 'depots', 'posts', 'outposts', 'strongholds', 'locations', 'areas', 'infrastructure']);
/** Verbs whose object may be an event ("convened an emergency meeting") and the nouns that head such events. */
const EVENT_HOSTS = new Set(['chair', 'convene', 'host', 'hold', 'attend', 'organize', 'organise', 'lead', 'call', 'boycott', 'join']);
const EVENT_HEADS = new Set(['meeting', 'summit', 'conference', 'session', 'talks', 'congress', 'convention', 'rally', 'forum', 'referendum', 'election', 'vote', 'hearing', 'ceremony']);
/** Verbs that take a subject clause after "that" ("demanded that X end …"). */
const THAT_VERBS = new Set(['demand', 'urge', 'insist', 'ask', 'request', 'order', 'warn']);

/** Extracts relations, attributions and claims. Pure and total. */
export function extractRelations(text: string, sentences: Sentence[], mentions: EntityMention[]): RelationExtraction {
  try {
    return extractRelationsStrict(text, sentences, mentions);
  } catch {
    // Extraction is total: a pattern bug on odd text must not lose the document.
    return { mentions, relations: [], attributions: [], claims: [] };
  }
}

/** As extractRelations, but lets a pattern bug throw (for tests). */
export function extractRelationsStrict(text: string, sentences: Sentence[], input: EntityMention[]): RelationExtraction {
  const ctx = new DocContext(text, input, sentences);
  // pass 1: tokens, group mentions
  const states = sentenceStates(ctx, text, sentences, input);
  // pass 2: roles (they record titles the description resolver uses), then references
  for (const s of states) {
    unitsOf(ctx, s);
    if (s.units.some((u) => u.m)) extractRoles(ctx, s);
  }
  resolveReferences(ctx, states);
  for (const s of states) unitsOf(ctx, s);

  // pass 3: attributions, first-person plural in quotes, relations, claims
  const attributions: Attribution[] = [];
  const claims: Claim[] = [];
  for (const s of states) extractFromSentence(ctx, text, s, attributions, claims);
  markAssertions(ctx.relations, claims, attributions);

  const allMentions = [...ctx.mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  const relations = ctx.relations.sort((a, b) => a.sentence - b.sentence || a.subject.start - b.subject.start || a.object.start - b.object.start);
  return { mentions: allMentions, relations, attributions, claims };
}

// One function per pass (see nlp/index.ts, "Code shape").

/** Pass 1: each sentence's tokens, and the group mentions ("Turkish soldiers") found in them. */
function sentenceStates(ctx: DocContext, text: string, sentences: Sentence[], input: EntityMention[]): SentenceState[] {
  const bySentence = new Map<number, EntityMention[]>();
  for (const m of input) (bySentence.get(m.sentence) ?? bySentence.set(m.sentence, []).get(m.sentence)!).push(m);
  const states: SentenceState[] = [];
  for (const s of sentences) {
    const own = bySentence.get(s.index) ?? [];
    const tokens = tokenize(text, s.start, s.end, own);
    const covered = (a: number, b: number) => own.find((m) => m.start <= a && b <= m.end);
    for (const g of findGroups(tokens, covered)) ctx.add(g.start, g.end, g.type, 'name', s.index, { group: true });
    states.push({ index: s.index, start: s.start, end: s.end, tokens, units: [] });
  }
  return states;
}

/** A sentence's units from its tokens and the document's current mentions in it. */
function unitsOf(ctx: DocContext, s: SentenceState): void {
  s.units = toUnits(s.tokens, pickNonOverlapping(ctx.inSentence(s.index).filter((m) => !ctx.implicit.has(m.id))));
}

/** Pass 3 for one sentence: attributions, "we" in quotes, nominal and verb relations, claims. */
function extractFromSentence(ctx: DocContext, text: string, s: SentenceState, attributions: Attribution[], claims: Claim[]): void {
  const found = extractAttributions(ctx, s);
  attributions.push(...found);
  if (found.length && resolveWe(ctx, s, found)) unitsOf(ctx, s);
  const mentionCount = s.units.filter((u) => u.m).length;
  if (mentionCount >= 1) extractNominal(ctx, s);
  if (mentionCount >= 2 || (mentionCount === 1 && s.tokens.some((t) => EVENT_HEADS.has(t.l)))) extractVerbRelations(ctx, s);
  if (mentionCount >= 2) frontedParticiple(ctx, s);
  if (s.tokens.some(isCountWord)) claims.push(...extractClaims(text, s));
}

/** Who asserted what: relations and claims inside reported speech get the speaker. */
function markAssertions(relations: readonly RelationMention[], claims: readonly Claim[], attributions: readonly Attribution[]): void {
  for (const r of relations) {
    const a = attributions.find((x) => x.sentence === r.sentence && x.subject.mention && x.content.start <= r.subject.start && r.object.end <= x.content.end);
    if (a?.subject.mention && a.subject.mention !== r.subject.mention) r.assertedBy = a.subject.mention;
  }
  for (const c of claims) {
    const a = attributions.find((x) => x.sentence === c.sentence && x.subject.mention && x.content.start <= c.span.start && c.span.end <= x.content.end);
    if (a?.subject.mention) c.assertedBy = a.subject.mention;
  }
}

/** "We"/"our" inside a quoted content stands for the speaker (or the speaker's organisation). */
function resolveWe(ctx: DocContext, s: SentenceState, found: readonly Attribution[]): boolean {
  let added = false;
  for (const a of found) {
    const speaker = a.subject.mention ? ctx.mentions.find((m) => m.id === a.subject.mention) : undefined;
    if (!speaker || speaker.type === 'person') continue;
    for (const t of s.tokens) {
      if (t.start < a.content.start || t.end > a.content.end) continue;
      if (t.l !== 'we' && t.l !== 'our' && t.l !== 'us') continue;
      if (ctx.at(t.start, t.end)) continue;
      ctx.add(t.start, t.end, speaker.type, 'pronoun', s.index, { refersTo: speaker.refersTo ?? speaker.id });
      added = true;
    }
  }
  return added;
}

interface Left {
  subjects: Unit[];
  negated: boolean;
  hedged: boolean;
  passive: boolean;
}

/** Reads leftwards from a verb: auxiliaries, negation, hedges, then the subject(s). */
interface Previous {
  subjects: Unit[];
  /** Where the previous verb's phrase ends (its object, or the verb). */
  end: number;
  /** The previous verb's index and inflection. */
  verb: number;
  form: VerbForm;
}

type VerbForm = 'base' | 's' | 'past' | 'ing';

/** The inflection of a verb form of `lemma`: "connects" s, "passes" s, "retook" past. */
function formOf(form: string, lemma: string): VerbForm {
  if (/ing$/.test(form) && form !== lemma) return 'ing';
  if (form === lemma) return 'base';
  if (form === `${lemma}s` || form === `${lemma}es` || (/ies$/.test(form) && form.slice(0, -3) === lemma.slice(0, -1))) return 's';
  return 'past';
}

/** Words that end a verb phrase: after them a later "and VERB" belongs to another clause. */
const CLAUSE_BREAK = /^(,|;|:|\(|\)|that|which|who|whom|whose|where|when|while|because|since|after|before|as|if|but|said|says|say|is|are|was|were|has|have|had|will|would)$/;

function readLeft(U: readonly Unit[], i: number, previous: Previous | undefined): Left | undefined {
  let k = i - 1;
  let negated = false;
  let hedged = false;
  let passive = false;
  let sawTo = false;
  let control = false;
  let steps = 0;
  for (; k >= 0 && steps < 10; k--, steps++) {
    const x = U[k]!;
    if (x.m) break;
    const l = x.l;
    if (NEGATORS.has(l)) negated = true;
    else if (MODAL_HEDGE.has(l)) hedged = true;
    else if (l === 'to' && !sawTo) sawTo = true;
    else if (sawTo && !control && HEDGE_VERBS.has(l)) (hedged = true), (control = true);
    else if (sawTo && !control && CONTROL_FACTUAL.has(l)) control = true;
    else if (sawTo && !control && NEGATING_VERBS.has(l)) (negated = true), (control = true);
    // aspect before a gerund: "keeps violating", "continued attacking"; "stopped attacking" is not an attack
    else if (k === i - 1 && /ing$/.test(U[i]!.l) && ASPECT_GERUND.has(l)) continue;
    else if (k === i - 1 && /ing$/.test(U[i]!.l) && STOP_GERUND.has(l)) negated = true;
    else if (BE.has(l)) passive = true;
    // "stood ready to help", "remained prepared to act": a copula before the hedge
    else if (sawTo && control && STAND.has(l)) continue;
    else if (AUX.has(l) || isAdverb(x) || TIME_WORDS.has(l) || isQuote(x)) continue;
    else break;
  }
  if (sawTo && !control) hedged = true;
  const x = U[k];
  const done = (subjects: Unit[]): Left | undefined => (subjects.length ? { subjects, negated, hedged, passive } : undefined);
  if (!x) return undefined;
  if (x.m) {
    // "Osman Erk, deputy general-manager of Yapi Kredi Bankasi told Reuters" (no comma after the apposition),
    // "Senator William Proxmire of Wisconsin accused"
    const person = personBehind(U, k);
    if (person) return done(person);
    if (/^(in|at|on|from|of|with|for|to|by|near|across|over|into|inside|outside|against|under|between|among|toward|towards|around|throughout)$/.test(U[k - 1]?.l ?? '')) return undefined; // "delegates … in Indianapolis elected X"
    return done(coordinatedLeft(U, k));
  }
  // "Turkey's military retaliated"
  if (AGENT_NOUNS.has(x.l) && U[k - 1]?.l === "'s" && U[k - 2]?.m) return done([U[k - 2]!]);
  if (AGENT_NOUNS.has(x.l) && U[k - 2]?.l === "'s" && U[k - 3]?.m && /^[a-z-]+$/.test(U[k - 1]!.l)) return done([U[k - 3]!]);
  // "EU leaders agreed to impose …", "NATO officials condemned …": the body acts through its people
  if (LEADER_NOUNS.has(x.l) && U[k - 1]?.m && U[k - 1]!.m!.type !== 'person' && U[k - 1]!.m!.type !== 'event') return done([U[k - 1]!]);
  // relative clause: "X, which has …", "rebel groups, some of which are supported by Ankara"
  if (/^(which|who|that)$/.test(x.l)) {
    let p = k - 1;
    if (U[p]?.l === 'of' && /^(some|many|most|all|several|one|both)$/.test(U[p - 1]?.l ?? '')) p -= 2;
    if (U[p]?.l === ',') p--;
    if (U[p]?.m) return done(coordinatedLeft(U, p));
    // after an apposition: "the M5, a highway that connects …", "Hatay, a province which borders …"
    let q = p;
    while (q > p - 4 && q >= 0 && !U[q]!.m && /^[a-z][a-z-]*$/.test(U[q]!.t) && !/^(a|an|the)$/.test(U[q]!.l) && !OBJ_STOP.has(U[q]!.l)) q--;
    if (q < p && /^(a|an|the)$/.test(U[q]?.l ?? '') && U[q - 1]?.l === ',' && U[q - 2]?.m && U[q - 2]!.m!.type !== 'person') return done([U[q - 2]!]);
    return undefined;
  }
  // apposition or parenthetical before the verb
  if (x.l === ',' && !/ing$/.test(U[i]!.l)) {
    let p = k - 1;
    while (p >= 0 && U[p]!.l !== ',' && k - p < 16) p--;
    if (p < 0 || U[p]!.l !== ',') return undefined;
    const seg = U.slice(p + 1, k);
    if (seg.length === 1 && seg[0]!.m) return done([seg[0]!]);
    const first = seg[0];
    if (first && (/^(which|who|whose|of|a|an|the|its|his|her|their|including|whom|where|one|now|already|long|some|many|most|several|all|both|each|none)$/.test(first.l) || seg.some((y) => y.l === "'s")) && U[p - 1]?.m) {
      // "Sergey Frolov, chief economist at Amtorg Trading Corp, an agent for …, told", "William Proxmire of
      // Wisconsin, whose staff prepared the report, accused": the person, not the body or the place
      const person = personBehind(U, p - 1);
      if (person) return done(person);
      // "In a filing with the Securities and Exchange Commission, the group, led by …": a fronted phrase's object
      const before = DETERMINERS.has(U[p - 2]?.l ?? '') ? U[p - 3] : U[p - 2];
      if (FRONTED_PREPOSITIONS.has(before?.l ?? '')) return undefined;
      return done(coordinatedLeft(U, p - 1));
    }
    // "John Smith, chairman of Acme Corp, criticised Boeing": the name the role is said of
    if (U[p - 1]?.m && roleOf(U, p + 1) === k - 1) return done([U[p - 1]!]);
    // an age: "Barnier, 73, replaces Attal"
    if (seg.length === 1 && /^\d{1,3}$/.test(first!.l) && U[p - 1]?.m?.type === 'person') return done([U[p - 1]!]);
    return undefined;
  }
  // coordinated verb phrase: "spoke to X and condemned Y"
  if ((x.l === 'and' || x.l === 'but') && previous && (previous.end === k - 1 || (previous.end === k - 2 && U[k - 1]!.l === ','))) return done(previous.subjects);
  // …also when the first verb's object was not a name, if the two verbs agree in form and nothing
  // between them opens another clause: "connects Syria's main cities and passes through X"
  if (x.l === 'and' && previous && k === i - 1 && previous.verb < k && k - previous.verb <= 9) {
    const between = U.slice(previous.verb + 1, k);
    const entries = VERB_FORMS.get(U[i]!.l);
    if (entries && formOf(U[i]!.l, entries[0]!.lemma) === previous.form && previous.form !== 'base' && !between.some((y) => CLAUSE_BREAK.test(y.l) || isQuote(y) || VERB_FORMS.has(y.l))) return done(previous.subjects);
  }
  return undefined;
}

/** Past participles not ending in "-ed" that follow a noun in a reduced relative ("phones made by …"). */
const IRREGULAR_PARTICIPLES = new Set(['made', 'built', 'sold', 'run', 'held', 'known', 'given', 'taken', 'seen', 'shown', 'written', 'driven', 'flown', 'bought', 'brought', 'sent', 'led', 'paid', 'won', 'lost', 'hit', 'shot', 'struck', 'thrown', 'set']);

/** Whether a past participle and its preposition start at `k` ("produced by", "launched from"). */
function participlePhraseAt(U: readonly Unit[], k: number): boolean {
  const word = U[k]?.l ?? '';
  if (!/^(by|from|in|at|on|with)$/.test(U[k + 1]?.l ?? '')) return false;
  const forms = VERB_FORMS.get(word);
  return (forms !== undefined && isParticiple(word, forms[0]!.lemma)) || /^[a-z]{3,}ed$/.test(word) || IRREGULAR_PARTICIPLES.has(word);
}

/** Prepositions that open a phrase put before a clause's subject ("In a filing with the SEC, the group, …"). */
const FRONTED_PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'with', 'for', 'to', 'by', 'near', 'into', 'against', 'under', 'between', 'among', 'after', 'before', 'during']);

/** "William Proxmire of Wisconsin": for the place's or body's mention at `q`, the index of the person it says where from. */
function personOf(U: readonly Unit[], q: number): number | undefined {
  const m = U[q]?.m;
  if (!m || (m.type !== 'place' && m.type !== 'organization') || U[q - 1]?.l !== 'of' || U[q - 2]?.m?.type !== 'person') return undefined;
  return q - 2;
}

/**
 * The person a body's or a place's mention at `q` is said of, when it ends a role apposition ("Sergey Frolov,
 * chief economist at Amtorg") or says where the person is from ("William Proxmire of Wisconsin"); else undefined.
 */
function personBehind(U: readonly Unit[], q: number): Unit[] | undefined {
  const holder = roleHolder(U, q);
  if (holder !== undefined) return [U[holder]!];
  const person = personOf(U, q);
  return person === undefined ? undefined : coordinatedLeft(U, person);
}

/** Prepositions that tie a role to the body it is held in ("chairman of", "economist at", "spokesman for"). */
const ROLE_PREPOSITIONS = new Set(['of', 'at', 'for', 'with']);

/**
 * Where a role phrase that starts at `j` ends: lower-case words with a title among them, a preposition, and a
 * mention ("chairman of Acme Corp", "deputy general-manager of Yapi Kredi Bankasi"); the index of that mention, or -1.
 */
function roleOf(U: readonly Unit[], j: number): number {
  let titled = false;
  let q = j;
  for (; q < U.length && q - j < 6; q++) {
    const y = U[q]!;
    if (y.m || !/^[a-z][a-z-]*$/.test(y.t)) break;
    if (ROLE_PREPOSITIONS.has(y.l)) break;
    if (y.l.split('-').some(isTitleWord)) titled = true;
  }
  return titled && q > j && ROLE_PREPOSITIONS.has(U[q]?.l ?? '') && U[q + 1]?.m ? q + 1 : -1;
}

/**
 * The person a role apposition ending in the mention at `q` is said of: "Sergey Frolov , chief economist at
 * [Amtorg Trading Corp]" gives Sergey Frolov's index. Undefined when the mention is no such apposition's.
 */
function roleHolder(U: readonly Unit[], q: number): number | undefined {
  for (let c = q - 2; c >= 1 && q - c <= 7; c--) {
    if (U[c]!.l !== ',') continue;
    return U[c - 1]?.m?.type === 'person' && roleOf(U, c + 1) === q ? c - 1 : undefined;
  }
  return undefined;
}

/** The mention at `k` and those coordinated before it ("Jihadists and Turkish-backed rebels", "the regime and its backer Russia"). */
function coordinatedLeft(U: readonly Unit[], k: number): Unit[] {
  const out = [U[k]!];
  let p = k;
  for (;;) {
    // "X and its backer Y"
    if (ALLY.has(U[p - 1]?.l ?? '') && /^(its|their)$/.test(U[p - 2]?.l ?? '') && /^(and|,)$/.test(U[p - 3]?.l ?? '') && U[p - 4]?.m) {
      out.unshift(U[p - 4]!);
      p -= 4;
      continue;
    }
    if (/^(and|,)$/.test(U[p - 1]?.l ?? '') && U[p - 2]?.m) {
      // "In Ankara, Erdogan said": commas list only when an "and" closes the list
      if (U[p - 1]!.l === ',' && out.length === 1) break;
      out.unshift(U[p - 2]!);
      p -= 2;
      continue;
    }
    break;
  }
  return out;
}

/** The mention at `j` and those coordinated after it; "our NATO ally Turkey" reads as Turkey. */
function coordinatedRight(U: readonly Unit[], j: number): { objects: Unit[]; end: number } {
  const objects: Unit[] = [];
  let p = j;
  const head = (q: number): number => {
    // "Syria's west-central province of Hama": the place the descriptor names
    const place = placeAfterDescriptor(U, q);
    if (place > q) return place;
    // "NATO ally Turkey": the head is the last name
    if (ALLY.has(U[q + 1]?.l ?? '') && U[q + 2]?.m) return q + 2;
    if (ALLY.has(U[q + 1]?.l ?? '') && U[q + 2]?.l === ',' && U[q + 3]?.m) return q + 3;
    // "Turkish Foreign Minister Mevlut Cavusoglu", "Russia's President Putin": the person
    let r = q + 1;
    if (U[r]?.l === "'s") r++;
    const st = r;
    while (r < U.length && r < st + 4 && ((!U[r]!.m && isTitleWord(U[r]!.l)) || (U[r]!.m?.type === 'organization' && !U[r]!.m!.refersTo && r === st))) r++;
    if (r > st && U[r]?.l === ',' && U[r + 1]?.m?.type === 'person') r++;
    if (r > st && U[r]?.m?.type === 'person') return r;
    return q;
  };
  p = head(p);
  objects.push(U[p]!);
  for (;;) {
    let q = p + 1;
    if (U[q]?.l === ',' && U[q + 1]?.l === 'and') q++;
    if (!/^(and|,|or)$/.test(U[q]?.l ?? '') && !(U[q]?.l === 'as' && U[q + 1]?.l === 'well' && U[q + 2]?.l === 'as')) break;
    q += U[q]!.l === 'as' ? 3 : 1;
    if (/^(its|their)$/.test(U[q]?.l ?? '') && ALLY.has(U[q + 1]?.l ?? '')) q += 2;
    if (DETERMINERS.has(U[q]?.l ?? '') && U[q + 1]?.m) q++;
    // "…, the northwestern towns of Kafr Nabl and Zahraa as well as the coastal city of Latakia"
    if (!U[q]?.m) {
      const place = placeAfterDescriptor(U, q);
      if (place < 0) break;
      q = place;
    }
    // "the National People's Congress, China's parliament": an apposition of its possessor, not another object
    const h = head(q);
    if (h === q && /^['\u2019]s$/.test(U[q + 1]?.l ?? '') && U[q - 1]?.l === ',') break;
    p = h;
    objects.push(U[p]!);
  }
  return { objects, end: p };
}

/** Reads rightwards from `j` for the object of `entry`; returns the objects and the preposition used. */
function readObject(U: readonly Unit[], j: number, entry: VerbEntry): { objects: Unit[]; prep?: string; noun?: string; toFollows: boolean; end: number } | undefined {
  const direct = entry.direct !== false;
  let prep: string | undefined;
  let noun: string | undefined; // a light verb's attack noun ("launched an offensive against")
  let sawNoun = false;
  let prevNoun = false; // the unit before was a noun-phrase word
  let endNoun: string | undefined;
  const start = j;
  for (let steps = 0; j < U.length && steps < 12; j++, steps++) {
    const x = U[j]!;
    if (x.m && /^(our|its|their|his|her)$/.test(x.l) && U[j + 1] && !OBJ_STOP.has(U[j + 1]!.l)) continue; // possessive determiner
    if (x.m) {
      if (!(prep || direct)) return undefined;
      if (entry.light === true && !noun) return undefined;
      const withNoun = noun && entry.light ? { noun } : {};
      const place = placeAfterDescriptor(U, j);
      if (place > j) {
        // "struck Syria's province of Hama": the province, not the country
        const { objects, end } = coordinatedRight(U, j);
        return { objects, ...(prep ? { prep } : {}), ...withNoun, toFollows: false, end };
      }
      if (U[j + 1]?.l === "'s" && !ATTACK_NOUNS.test(U[j + 2]?.l ?? '') && prep === undefined && !direct) return undefined;
      // "told London's Evening Standard": only blame and criticism are aimed at the possessor ("blamed Turkey's non-commitment")
      if (U[j + 1]?.l === "'s" && !/^(criticise|accuse|reject|demand|threaten|attack)$/.test(entry.family) && !ATTACK_NOUNS.test(U[j + 2]?.l ?? '')) return undefined;
      const { objects, end } = coordinatedRight(U, j);
      // "told a Wolfsburg meeting", "sign the Department of Justice consent decree": the name only modifies the object
      const after = U[end + 1];
      // "told a U.S.-USSR business meeting", "complied with a U.S.-Japanese pact": the first word of a compound
      if (after && after.start === U[end]!.end && /^[-\u2010\u2011]/.test(after.t)) return undefined;
      if (after && !after.m && /^[a-z][a-z-]*$/.test(after.t) && !FOLLOWS_OBJECT.has(after.l) && !OBJ_STOP.has(after.l) && !AUX.has(after.l) && !TIME_WORDS.has(after.l) && !NEGATORS.has(after.l) && !isAdverb(after) && !(THAT_VERBS.has(entry.lemma) && VERB_FORMS.has(after.l))) return undefined;
      if (prep === 'for' && !endNoun) return undefined; // "call for X" asks for a thing, not of an actor
      return { objects, ...(prep ? { prep: endNoun ? `${prep} ${endNoun} to` : prep } : {}), ...withNoun, toFollows: U[end + 1]?.l === 'to', end };
    }
    const l = x.l;
    if (!/^[\p{L}\d]/u.test(x.t) || /^(of|by|in|to|for)$/.test(l)) prevNoun = false;
    const lightNoun = entry.light ? LIGHT_NOUN_SETS[entry.nouns ?? 'attack'][l] : undefined;
    if (!prep && lightNoun) noun = `${U[j - 1]?.l === 'air' ? 'air ' : ''}${lightNoun}`;
    if (!prep && entry.preps?.includes(l)) {
      prep = l;
      sawNoun = false;
      continue;
    }
    if ((l === 'of' || l === 'by') && sawNoun) continue;
    // "sent two warships equipped with Kalibr missiles to X": the equipment is not the object
    if (sawNoun && EQUIPPED.has(l) && U[j + 1]?.l === 'with') {
      j += 2;
      while (j < U.length && j < start + 14 && !OBJ_STOP.has(U[j]!.l)) j++;
      j--;
      continue;
    }
    // "fired at targets in X", "struck positions in X": the attack is on X
    if (l === 'in' && sawNoun && entry.family === 'attack' && (prep || direct) && TARGET_NOUNS.has(U[j - 1]!.l)) continue;
    // "call for an (immediate) end to this offensive by X"
    if (l === 'to' && prep === 'for' && /^(end|halt|stop|cessation)$/.test(U[j - 1]?.l ?? '')) {
      endNoun = 'end'; // "an end / a halt / a stop / the cessation to": one predicate
      continue;
    }
    if (l === 'that' && j === start && THAT_VERBS.has(entry.lemma)) continue;
    if (!prep && entry.preps && !direct && (l === 'with' || l === 'by' || l === 'phone' || l === 'telephone' || l === 'again' || l === 'back')) continue;
    if (OBJ_STOP.has(l)) return undefined;
    // a determiner right after a noun opens another phrase: "attacked the way the war was sold"
    if (DETERMINERS.has(l) && prevNoun && !/^(all|both|each)$/.test(l)) return undefined;
    prevNoun = false;
    if (isQuote(x) || DETERMINERS.has(l) || isAdverb(x)) continue;
    if (/^[\p{Ll}\d][\p{L}\d-]*$/u.test(x.t)) {
      sawNoun = prevNoun = true;
      continue;
    }
    if (/^\p{Lu}/u.test(x.t) && !x.m) {
      // a capitalised word that is not a mention: keep going only inside a noun phrase ("Kalibr cruise missiles")
      sawNoun = prevNoun = true;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Searches right of a passive verb for its agent: "by X", "(strikes) blamed on X", "attributed to X". */
function readAgent(U: readonly Unit[], i: number): Unit[] | undefined {
  // "the agreement was signed between X and Y": both parties
  if (U[i + 1]?.l === 'between' && PARTIES_BETWEEN.has(U[i]!.l)) {
    const q = U[i + 2]?.l === 'the' && U[i + 3]?.m ? i + 3 : i + 2;
    if (U[q]?.m) {
      const { objects } = coordinatedRight(U, q);
      if (objects.length > 1) return objects;
    }
  }
  for (let j = i + 1; j < U.length && j < i + 22; j++) {
    const l = U[j]!.l;
    if (l === ';' || l === ':' || l === 'said' || l === 'says' || U[j]!.l === '\u201c') return undefined;
    const by = l === 'by' || ((l === 'on' && /^(blamed)$/.test(U[j - 1]?.l ?? '')) || (l === 'to' && /^(attributed)$/.test(U[j - 1]?.l ?? '')));
    if (!by) continue;
    let q = j + 1;
    while (q < U.length && q < j + 4 && !U[q]!.m && (DETERMINERS.has(U[q]!.l) || /^[a-z-]+$/.test(U[q]!.l)) && !OBJ_STOP.has(U[q]!.l)) q++;
    if (U[q]?.m && /^['\u2019]s?$/.test(U[q + 1]?.l ?? '')) {
      // a possessor is not the agent: "by one of UKIP's two London Assembly members, Damien Hockney" is
      // Hockney's doing (an apposition names the agent), "by Russia's allies" no name's; "by Ulster's Kevin
      // Maggs" is the person's
      if (U[q + 2]?.m?.type === 'person' && U[q + 2]!.m!.kind === 'name') return [U[q + 2]!];
      let k = q + 2;
      while (k < U.length && k < q + 8 && U[k]!.l !== ',' && !OBJ_STOP.has(U[k]!.l)) k++;
      return U[k]?.l === ',' && U[k + 1]?.m?.type === 'person' && U[k + 1]!.m!.kind === 'name' ? [U[k + 1]!] : undefined;
    }
    if (U[q]?.m) return coordinatedRight(U, q).objects;
    if (l === 'by') return undefined; // "by shelling": an agent that is not a name
  }
  return undefined;
}

function isParticiple(form: string, lemma: string): boolean {
  return form !== lemma && !/ing$/.test(form) && !(form === `${lemma}s` || form === `${lemma}es` || /ies$/.test(form));
}

/** Verb-mediated relations of one sentence. */
function extractVerbRelations(ctx: DocContext, s: SentenceState): void {
  const U = s.units;
  let previous: Previous | undefined;
  for (let i = 0; i < U.length; i++) {
    const u = U[i]!;
    if (u.m) continue;
    const entries = VERB_FORMS.get(u.l);
    if (!entries) continue;
    if (/^\p{Lu}/u.test(u.t) && i > 0 && !isQuote(U[i - 1])) continue; // a capitalised word mid-sentence is a name or a title
    const prevL = U[i - 1]?.l ?? '';
    const form = u.l;
    const lemma = entries[0]!.lemma;
    // a noun: "the attacks", "of strikes"; but "that" + "connects" / "killed" is a relative pronoun and its verb
    const relativeThat = prevL === 'that' && /^(s|past)$/.test(formOf(form, lemma)) && !/^(of|on|against|in|by)$/.test(U[i + 1]?.l ?? '');
    if ((DETERMINERS.has(prevL) && !relativeThat) || /^(of|in|by|for|with|from|on|against)$/.test(prevL)) continue;
    // (a plural noun before a participle too: "Symbian phones produced by Sony", "the rebel attacks launched from Idlib")
    const nominal = /s$/.test(form) && form !== lemma && (/^(on|by|of|in|against|at|from|and|,|\.)$/.test(U[i + 1]?.l ?? '') || participlePhraseAt(U, i + 1));
    if (/^(spokesman|spokeswoman|spokesperson|minister|ministers|secretary|chief|director|official|officials|committee|chairman|adviser|advisor|head|correspondent|editor|officer|manager)$/.test(U[i + 1]?.t ?? '')) continue; // "finance spokesman", "press secretary"; a capitalised title after a verb belongs to its object ("urged Secretary General X")
    if (nominal) continue;
    const left = readLeft(U, i, previous);
    if (!left) continue;
    if (!previous || i > previous.end) previous = { subjects: left.subjects, end: i, verb: i, form: formOf(form, lemma) };
    const flags = { negated: left.negated, hedged: left.hedged };
    const participle = isParticiple(form, lemma);
    const reduced = participle && (U[i + 1]?.l === 'by' || (U[i + 1]?.l === 'between' && PARTIES_BETWEEN.has(form))) && U[i - 1]?.m;
    if ((left.passive && participle) || reduced) {
      const agents = readAgent(U, i);
      if (agents) {
        passiveRelations(ctx, s, i, entries, left, agents, flags);
        continue;
      }
      if (!(reduced && !left.passive)) continue;
    }
    // "chaired an emergency security meeting": the meeting becomes an event mention
    if (EVENT_HOSTS.has(lemma) && hostedEvent(ctx, s, i, lemma, left, flags)) continue;
    previous = activeRelations(ctx, s, i, entries, left, flags, form) ?? previous;
  }
}

// One function per case (see nlp/index.ts, "Code shape").

type Flags = { negated: boolean; hedged: boolean };

/** "X was attacked by Y", "the deal signed between X and Y": the agents act on the subjects. */
function passiveRelations(ctx: DocContext, s: SentenceState, i: number, all: readonly VerbEntry[], left: Left, agents: Unit[], flags: Flags): void {
  const U = s.units;
  const entries = all.filter((e) => e.direct !== false);
  const e = entries[0];
  if (!e) return;
  const particle = e.particle && U[i + 1]?.l === e.particle ? ` ${e.particle}` : '';
  const plain = particle ? e : (entries.find((x) => !x.particle) ?? e);
  const predicate = particle ? `${plain.lemma}${particle}` : plain.lemma;
  for (const a of agents) for (const p of left.subjects) ctx.relate(a, p, predicate, verbSurface(U, i, left), s.index, { ...flags, family: plain.family });
}

/** "chaired an emergency security meeting": the meeting becomes an event mention; false when no event noun follows. */
function hostedEvent(ctx: DocContext, s: SentenceState, i: number, lemma: string, left: Left, flags: Flags): boolean {
  const U = s.units;
  let j = i + 1;
  if (/^(a|an|the|its|his|her|their)$/.test(U[j]?.l ?? '')) j++;
  const from = j;
  while (j < U.length && j < from + 4 && !U[j]!.m && /^[a-z][a-z-]*$/.test(U[j]!.t) && !EVENT_HEADS.has(U[j]!.l) && !OBJ_STOP.has(U[j]!.l)) j++;
  if (j <= from || !EVENT_HEADS.has(U[j]?.l ?? '')) return false;
  const m = ctx.add(U[from]!.start, U[j]!.end, 'event', 'name', s.index);
  const unit: Unit = { start: m.start, end: m.end, t: m.text, l: m.text.toLowerCase(), m };
  for (const sub of left.subjects) ctx.relate(sub, unit, lemma, U[i]!.t, s.index, flags);
  return true;
}

/** The active verb at `i` with the first of its entries whose object reads; the phrase it ends, for the next verb's subject. */
function activeRelations(ctx: DocContext, s: SentenceState, i: number, entries: readonly VerbEntry[], left: Left, flags: Flags, form: string): Previous | undefined {
  const U = s.units;
  for (const e of entries) {
    let j = i + 1;
    let particle = '';
    if (e.particle) {
      if (U[j]?.l !== e.particle) continue;
      particle = ` ${e.particle}`;
      j++;
    }
    const obj = readObject(U, j, e);
    if (!obj) continue;
    let predicate = `${e.lemma}${particle}${obj.noun ? ` ${obj.noun}` : ''}${obj.prep ? ` ${CANONICAL_PREP[`${e.lemma} ${obj.prep}`] ?? obj.prep}` : ''}`;
    let family = e.family;
    if (e.lemma === 'call' && !obj.prep && obj.toFollows) (predicate = 'call on'), (family = 'demand'); // "called X to stop"
    for (const sub of left.subjects) for (const o of obj.objects) ctx.relate(sub, o, predicate, U.slice(i, j).map((x) => x.t).join(' ') + (obj.prep ? ` ${obj.prep}` : ''), s.index, { ...flags, family });
    return { subjects: left.subjects, end: isQuote(U[obj.end + 1]) ? obj.end + 1 : obj.end, verb: i, form: formOf(form, e.lemma) };
  }
  return undefined;
}

/** Fronted participles of speaking and what the main-clause subject does to their object. */
const FRONTED: Record<string, Record<string, string>> = dict({
  speaking: dict({ at: 'speak at', to: 'speak with', with: 'speak with', before: 'speak at' }),
  addressing: dict({ '': 'address' }),
  visiting: dict({ '': 'visit' }),
});

/**
 * A fronted participle clause: "Speaking at the Munich Security Conference, X said …" → X speak at
 * the conference; "Addressing parliament, X …" → X address parliament. Only at the start of the
 * sentence, with a name right after the participle (and its preposition) and the main clause's
 * subject a name right after the comma.
 */
function frontedParticiple(ctx: DocContext, s: SentenceState): void {
  const U = s.units;
  let i = 0;
  while (isQuote(U[i])) i++;
  const preps = FRONTED[U[i]?.l ?? ''];
  if (!preps) return;
  let k = i + 1;
  let prep = '';
  if (U[k] && !U[k]!.m && preps[U[k]!.l]) prep = U[k++]!.l;
  const predicate = preps[prep];
  if (!predicate) return;
  if (U[k]?.l === 'the') k++;
  const object = U[k];
  if (!object?.m || (object.m.type === 'person' && prep === 'at')) return;
  if (U[k + 1] && /^\p{Lu}/u.test(U[k + 1]!.t)) return; // "the New York Chamber of Commerce": only part of a name was recognised
  // the rest of the participle clause, up to its comma
  let c = k + 1;
  while (c < U.length && c < k + 12 && U[c]!.l !== ',' && !isQuote(U[c])) c++;
  if (U[c]?.l !== ',') return;
  c++;
  while (c < U.length && !U[c]!.m && isTitleWord(U[c]!.l)) c++; // "…, Pope Francis met"
  const subject = U[c];
  if (!subject?.m || (!VERB_FORMS.has(U[c + 1]?.l ?? '') && !/^(said|says|told|added|warned|insisted|argued|noted)$/.test(U[c + 1]?.l ?? ''))) return;
  ctx.relate(subject, object, predicate, `${U[i]!.t}${prep ? ` ${prep}` : ''}`, s.index, { family: predicate === 'speak at' || predicate === 'address' ? 'statement' : 'consult' });
}

function verbSurface(U: readonly Unit[], i: number, left: Left): string {
  void left;
  let k = i - 1;
  while (k >= 0 && (BE.has(U[k]!.l) || AUX.has(U[k]!.l) || NEGATORS.has(U[k]!.l))) k--;
  const by = U[i + 1]?.l === 'by' ? ' by' : '';
  return U.slice(k + 1, i + 1).map((x) => x.t).join(' ') + by;
}
