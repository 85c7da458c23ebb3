/**
 * The event taxonomy: predicate lemma → event family and quad class (verbal / material ×
 * cooperation / conflict), plus the verb lexicon the relation extractor reads (inflected forms,
 * prepositions that introduce the object, particles). Exported so the viewer and the query engine
 * colour and filter edges with the same mapping the extractor used. Pure data and lookups.
 */
import type { EventFamily, QuadClass } from '../types.js';

/** The quad class of each event family. */
export const FAMILY_QUAD: Readonly<Record<EventFamily, QuadClass>> = {
  statement: 'neutral',
  criticise: 'verbal-conflict',
  demand: 'verbal-conflict',
  threaten: 'verbal-conflict',
  attack: 'material-conflict',
  support: 'verbal-cooperation',
  consult: 'verbal-cooperation',
  aid: 'material-cooperation',
  accuse: 'verbal-conflict',
  reject: 'verbal-conflict',
  role: 'neutral',
  other: 'neutral',
};

/** One verb of the lexicon. */
export interface VerbEntry {
  /** Lemma without particle: `retaliate`. */
  lemma: string;
  family: EventFamily;
  /** Prepositions that introduce the object (`retaliate against`); the predicate becomes `lemma prep`. */
  preps?: readonly string[];
  /** Whether a bare noun phrase right after the verb is its object (`condemn X`). Default true when no preps. */
  direct?: boolean;
  /** Particle written after the verb and part of the predicate (`shoot down`, `hit back`). */
  particle?: string;
  /** A family for material verbs whose grammatical object is a place (`capture`, `seize`). */
  material?: boolean;
  /**
   * A light verb whose meaning is in its object noun (`launch an offensive against X`): the attack
   * noun goes into the predicate (`launch offensive against`) and the relation needs one. Verbs with
   * `light: 'optional'` take the noun when there is one (`fire missiles at` / `fire at`).
   */
  light?: true | 'optional';
  /** The nouns a light verb takes: attack nouns (LIGHT_NOUNS, the default), coercion (COERCION_NOUNS) or help (AID_NOUNS). */
  nouns?: 'attack' | 'coercion' | 'aid';
}

const dict = <T>(entries: Record<string, T>): Record<string, T> => Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));

/** Irregular forms: lemma → [past, past participle]. */
const IRREGULAR: Record<string, [string, string]> = dict({
  strike: ['struck', 'struck'],
  shoot: ['shot', 'shot'],
  hold: ['held', 'held'],
  meet: ['met', 'met'],
  speak: ['spoke', 'spoken'],
  tell: ['told', 'told'],
  say: ['said', 'said'],
  fight: ['fought', 'fought'],
  take: ['took', 'taken'],
  retake: ['retook', 'retaken'],
  lead: ['led', 'led'],
  hit: ['hit', 'hit'],
  send: ['sent', 'sent'],
  give: ['gave', 'given'],
  withdraw: ['withdrew', 'withdrawn'],
  break: ['broke', 'broken'],
  beat: ['beat', 'beaten'],
  bring: ['brought', 'brought'],
  seek: ['sought', 'sought'],
  stand: ['stood', 'stood'],
  win: ['won', 'won'],
  overrun: ['overran', 'overrun'],
  begin: ['began', 'begun'],
  write: ['wrote', 'written'],
  forbid: ['forbade', 'forbidden'],
  undertake: ['undertook', 'undertaken'],
  lose: ['lost', 'lost'],
  sell: ['sold', 'sold'],
  buy: ['bought', 'bought'],
  shake: ['shook', 'shaken'],
  set: ['set', 'set'],
  put: ['put', 'put'],
  cut: ['cut', 'cut'],
  blow: ['blew', 'blown'],
  pay: ['paid', 'paid'],
  flee: ['fled', 'fled'],
  drive: ['drove', 'driven'],
  arise: ['arose', 'arisen'],
  slay: ['slew', 'slain'],
  think: ['thought', 'thought'],
  feel: ['felt', 'felt'],
  know: ['knew', 'known'],
  find: ['found', 'found'],
  show: ['showed', 'shown'],
  forecast: ['forecast', 'forecast'],
  understand: ['understood', 'understood'],
  mean: ['meant', 'meant'],
});

/** Inflected forms of a (lower-case, single-word) verb lemma: base, 3rd person, past, participles, -ing. */
export function inflect(lemma: string): string[] {
  const forms = new Set<string>([lemma]);
  const irr = IRREGULAR[lemma];
  const cvc = /[^aeiou][aeiou][bdgmnprt]$/.test(lemma) && !/(en|er|on|it|et|al|el|ol)$/.test(lemma) && lemma.length <= 5;
  const stemEd = lemma.endsWith('e') ? lemma.slice(0, -1) : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'i' : cvc ? lemma + lemma.slice(-1) : lemma;
  forms.add(/(s|sh|ch|x|z|o)$/.test(lemma) ? lemma + 'es' : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ies' : lemma + 's');
  forms.add(lemma.endsWith('ie') ? lemma.slice(0, -2) + 'ying' : (lemma.endsWith('e') && !lemma.endsWith('ee') ? lemma.slice(0, -1) : cvc ? lemma + lemma.slice(-1) : lemma) + 'ing');
  if (irr) {
    forms.add(irr[0]);
    forms.add(irr[1]);
  } else {
    forms.add(/[^aeiou]y$/.test(lemma) ? stemEd + 'ed' : lemma.endsWith('e') ? lemma + 'd' : stemEd + 'ed');
  }
  return [...forms];
}

const V = (lemma: string, family: EventFamily, extra: Omit<VerbEntry, 'lemma' | 'family'> = {}): VerbEntry => ({ lemma, family, ...extra });

/**
 * The verb lexicon. Entries with `preps` and `direct: false` only relate to an object through one
 * of their prepositions; a lemma may appear several times with different particles.
 */
export const VERBS: readonly VerbEntry[] = [
  // criticise
  V('condemn', 'criticise'), V('criticize', 'criticise'), V('criticise', 'criticise'), V('denounce', 'criticise'),
  V('slam', 'criticise'), V('blast', 'criticise'), V('castigate', 'criticise'), V('rebuke', 'criticise'), V('censure', 'criticise'),
  V('deplore', 'criticise'), V('lambast', 'criticise'), V('decry', 'criticise'), V('chastise', 'criticise'), V('mock', 'criticise'),
  V('attack', 'attack'),
  // demand
  V('urge', 'demand'), V('demand', 'demand'), V('call', 'demand', { preps: ['on', 'upon'], direct: false }),
  V('call', 'demand', { preps: ['for'], direct: false }),
  V('press', 'demand'), V('ask', 'demand'), V('appeal', 'demand', { preps: ['to'], direct: false }), V('order', 'demand'),
  V('summon', 'demand'), V('request', 'demand'), V('implore', 'demand'), V('push', 'demand'),
  // threaten
  V('threaten', 'threaten'), V('warn', 'threaten'), V('sanction', 'threaten'), V('ultimatum', 'threaten'),
  V('impose', 'threaten', { preps: ['on', 'against'], direct: false, light: true, nouns: 'coercion' }),
  // attack / use force
  V('kill', 'attack'), V('counterattack', 'attack'), V('strike', 'attack'), V('bomb', 'attack'), V('shell', 'attack'), V('target', 'attack'),
  V('shoot', 'attack', { particle: 'down' }), V('down', 'attack'), V('intercept', 'attack'), V('destroy', 'attack'),
  V('invade', 'attack'), V('raid', 'attack'), V('assault', 'attack'), V('ambush', 'attack'), V('fight', 'attack'),
  V('clash', 'attack', { preps: ['with'], direct: false }), V('retaliate', 'attack', { preps: ['against'], direct: false }),
  V('hit', 'attack', { particle: 'back', preps: ['at'], direct: false }), V('hit', 'attack'),
  V('fire', 'attack', { preps: ['at', 'on', 'into', 'toward', 'towards'], direct: false, light: 'optional' }), V('capture', 'attack', { material: true }),
  V('recapture', 'attack', { material: true }), V('seize', 'attack', { material: true }), V('retake', 'attack', { material: true }),
  V('re-enter', 'attack', { material: true }), V('occupy', 'attack', { material: true }), V('besiege', 'attack'),
  V('shoot', 'attack', { preps: ['at'], direct: false }), V('wound', 'attack'), V('injure', 'attack'), V('execute', 'attack'),
  V('arrest', 'attack'), V('detain', 'attack'), V('abduct', 'attack'), V('kidnap', 'attack'), V('overrun', 'attack', { material: true }),
  V('wage', 'attack', { preps: ['against', 'on'], direct: false, light: 'optional' }),
  V('launch', 'attack', { preps: ['against', 'on', 'at', 'in', 'into'], direct: false, light: true }),
  V('carry', 'attack', { particle: 'out', preps: ['against', 'on', 'in', 'at'], direct: false, light: true }),
  V('conduct', 'attack', { preps: ['against', 'on', 'in'], direct: false, light: true }),
  V('mount', 'attack', { preps: ['against', 'on', 'in'], direct: false, light: true }),
  V('open', 'attack', { preps: ['on', 'at'], direct: false, light: true }), V('blockade', 'attack'), V('veto', 'reject'),
  V('expel', 'attack'), V('cut', 'attack'), V('block', 'reject'),
  // support / back
  V('support', 'support'), V('back', 'support'), V('endorse', 'support'), V('praise', 'support'), V('welcome', 'support'),
  V('defend', 'support'), V('sponsor', 'support'), V('stand', 'support', { preps: ['by', 'with'], direct: false }),
  V('side', 'support', { preps: ['with'], direct: false }), V('applaud', 'support'), V('thank', 'support'), V('congratulate', 'support'),
  V('ally', 'support', { preps: ['with'], direct: false }), V('recognize', 'support'), V('hail', 'support'),
  // consult / meet
  V('meet', 'consult', { preps: ['with'] }), V('speak', 'consult', { preps: ['with', 'to'], direct: false }),
  V('talk', 'consult', { preps: ['with', 'to'], direct: false }), V('phone', 'consult'), V('call', 'consult'),
  V('visit', 'consult'), V('host', 'consult'), V('negotiate', 'consult', { preps: ['with'], direct: false }),
  V('consult', 'consult', { preps: ['with'] }), V('confer', 'consult', { preps: ['with'], direct: false }),
  V('chair', 'consult'), V('convene', 'consult'), V('attend', 'consult'), V('organize', 'consult'), V('receive', 'consult'), V('invite', 'consult'),
  V('cooperate', 'consult', { preps: ['with'], direct: false }), V('operate', 'consult', { preps: ['alongside', 'with'], direct: false }),
  V('fight', 'consult', { preps: ['alongside'], direct: false }), V('work', 'consult', { preps: ['with', 'alongside'], direct: false }), V('agree', 'consult', { preps: ['with'], direct: false }),
  V('sign', 'consult'), V('join', 'consult'),
  // aid
  V('offer', 'aid', { preps: ['to'], direct: false, light: true, nouns: 'aid' }), V('provide', 'aid', { preps: ['to'], direct: false, light: true, nouns: 'aid' }),
  V('aid', 'aid'), V('help', 'aid'), V('arm', 'aid'), V('fund', 'aid'), V('finance', 'aid'), V('supply', 'aid'),
  V('assist', 'aid'), V('train', 'aid'), V('equip', 'aid'), V('protect', 'aid'), V('rescue', 'aid'), V('evacuate', 'aid'),
  V('send', 'aid', { preps: ['to'] }), V('deploy', 'attack', { preps: ['to'], direct: false }),
  // accuse
  V('accuse', 'accuse'), V('blame', 'accuse'), V('charge', 'accuse'), V('fault', 'accuse'), V('indict', 'accuse'),
  V('sue', 'accuse'), V('investigate', 'accuse'), V('hold', 'accuse', { particle: 'responsible' }),
  // reject
  V('reject', 'reject'), V('deny', 'reject'), V('refuse', 'reject'), V('dismiss', 'reject'), V('oppose', 'reject'),
  V('boycott', 'reject'), V('ban', 'reject'), V('snub', 'reject'), V('defy', 'reject'), V('violate', 'reject'),
  V('breach', 'reject'), V('suspend', 'reject'), V('expel', 'reject'),
  // statement / other
  V('tell', 'statement'), V('inform', 'statement'), V('notify', 'statement'), V('brief', 'statement'),
  V('thank', 'support'),
  V('lead', 'other'), V('command', 'other'), V('control', 'other'), V('govern', 'other'), V('represent', 'other'),
  V('replace', 'other'), V('elect', 'other'), V('appoint', 'other'), V('nominate', 'other'), V('succeed', 'other'),
  V('hire', 'other'), V('fire', 'other'), V('sack', 'other'), V('defeat', 'attack'), V('beat', 'attack'),
  V('enter', 'other'), V('leave', 'other'), V('acquire', 'other'), V('buy', 'other'), V('sell', 'other'),
  V('border', 'other'), V('connect', 'other'), V('link', 'other'),
  V('pass', 'other', { preps: ['through'], direct: false }), V('run', 'other', { preps: ['through'], direct: false }),
  V('intervene', 'other', { preps: ['in'], direct: false }), V('comply', 'other', { preps: ['with'], direct: false }),
];

/** Nouns a light verb takes into its predicate, in the singular ("launched air strikes on" → `launch air strike on`). */
export const LIGHT_NOUNS: Readonly<Record<string, string>> = dict({
  attack: 'attack', attacks: 'attack', strike: 'strike', strikes: 'strike', airstrike: 'airstrike', airstrikes: 'airstrike',
  offensive: 'offensive', offensives: 'offensive', counteroffensive: 'counteroffensive', operation: 'operation', operations: 'operation',
  raid: 'raid', raids: 'raid', assault: 'assault', assaults: 'assault', bombardment: 'bombardment', bombing: 'bombing', bombings: 'bombing',
  missile: 'missile', missiles: 'missile', rocket: 'rocket', rockets: 'rocket', shell: 'shell', shells: 'shell', mortar: 'mortar', mortars: 'mortar',
  war: 'war', campaign: 'campaign', counterattack: 'counterattack', counterattacks: 'counterattack', incursion: 'incursion', incursions: 'incursion',
  fire: 'fire', shelling: 'shelling', invasion: 'invasion', drone: 'drone', drones: 'drone',
});

/** Nouns of help a light verb like `offer` takes into its predicate ("offered assistance to X" → `offer assistance to`). */
export const AID_NOUNS: Readonly<Record<string, string>> = dict({
  aid: 'aid', assistance: 'assistance', help: 'help', support: 'support', relief: 'relief', loan: 'loan', loans: 'loan',
  credit: 'credit', credits: 'credit', funding: 'funding', weapons: 'weapon', arms: 'arms', asylum: 'asylum',
});

/** Nouns of coercion a light verb like `impose` takes into its predicate ("imposed sanctions on X" → `impose sanction on`). */
export const COERCION_NOUNS: Readonly<Record<string, string>> = dict({
  sanction: 'sanction', sanctions: 'sanction', embargo: 'embargo', embargoes: 'embargo', tariff: 'tariff', tariffs: 'tariff',
  blockade: 'blockade', restriction: 'restriction', restrictions: 'restriction', penalty: 'penalty', penalties: 'penalty',
});

/** Family of role predicates (`foreign minister of`) and the quad they carry. */
export const ROLE_FAMILY: EventFamily = 'role';

const FAMILY_BY_LEMMA: Map<string, EventFamily> = (() => {
  const m = new Map<string, EventFamily>();
  for (const v of VERBS) {
    const key = v.particle ? `${v.lemma} ${v.particle}` : v.lemma;
    if (!m.has(key)) m.set(key, v.family);
    for (const p of v.preps ?? []) if (!m.has(`${key} ${p}`)) m.set(`${key} ${p}`, v.family);
  }
  // Preference where a lemma sits in several families: the more specific reading first.
  m.set('attack', 'attack');
  m.set('call on', 'demand');
  m.set('call', 'consult');
  return m;
})();

/** British and American spellings of the same lemma: one predicate (`criticise` → `criticize`). */
const SPELLING = dict<string>({ criticise: 'criticize', recognise: 'recognize', apologise: 'apologize', emphasise: 'emphasize', organise: 'organize', authorise: 'authorize', mobilise: 'mobilize', destabilise: 'destabilize', legitimise: 'legitimize', defence: 'defense' });

/** A predicate with its first word in one spelling. */
export function canonicalPredicate(predicate: string): string {
  const [first, ...rest] = predicate.split(' ');
  const c = SPELLING[first ?? ''];
  return c ? [c, ...rest].join(' ') : predicate;
}

/** Event family of a predicate in lemma form (`retaliate against` → attack, `foreign minister of` → role). */
export function familyOf(predicate: string): EventFamily {
  const p = predicate.trim().toLowerCase();
  const direct = FAMILY_BY_LEMMA.get(p);
  if (direct) return direct;
  if (/ (of|to)$/.test(p)) return 'role';
  const first = p.split(' ')[0] ?? '';
  return FAMILY_BY_LEMMA.get(first) ?? 'other';
}

/** Quad class of a predicate in lemma form. */
export function quadOf(predicate: string): QuadClass {
  return FAMILY_QUAD[familyOf(predicate)];
}

/** Surface form (lower-case) → the lexicon entries it may be an inflection of. */
export const VERB_FORMS: ReadonlyMap<string, readonly VerbEntry[]> = (() => {
  const m = new Map<string, VerbEntry[]>();
  for (const v of VERBS) {
    for (const f of inflect(v.lemma)) {
      const list = m.get(f) ?? m.set(f, []).get(f)!;
      if (!list.includes(v)) list.push(v);
    }
  }
  return m;
})();
