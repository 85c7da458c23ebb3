/**
 * Cross-document entity resolution: merges the name mentions of all documents into entities.
 *
 * How (each step indexed by key, never all pairs, so it stays near-linear):
 *  1. Every name mention gets a key: a lexicon entry (NATO = OTAN = North Atlantic Treaty Organization,
 *     countries), a state institution (`gov:syria` for "Syrian government" / "Assad regime", `mil:syria`
 *     for "Syrian troops"), a full person name (`recep tayyip erdogan`, titles stripped), an
 *     organisation / place key, or — for one-word names — a per-document "short form" resolved later.
 *     The recogniser's type is corrected where the name says otherwise ("Interior Secretary Dirk
 *     Kempthorne" typed organisation is a person; "California Highway Patrol" typed person is not), and
 *     spans that swallowed a verb keep the name at their end ("Sixers hire Maurice Cheeks").
 *  2. Full person names merge when one's given names are a subsequence of the other's with the same
 *     surname ("Tayyip Erdogan" → "Recep Tayyip Erdogan"), only when that longer name is unique.
 *  3. Acronyms defined in the text ("Syrian Observatory for Human Rights (SOHR)", or `expands`) join
 *     their expansion everywhere.
 *  4. Short forms: multi-word organisation names that are a prefix of a longer one, or the longer one
 *     minus a leading country / acronym ("Syrian Observatory", "Security Council"); one-word person
 *     names by surname; acronyms by initials; in the same document only, one-word heads ("Academy" of
 *     "Academy of …", "Samsung" of "Samsung Electronics"). Each prefers a unique candidate in the same document,
 *     then a unique one in the corpus; when ambiguous it stays apart (within one document, a candidate
 *     named in three times as many documents as the others wins; across the corpus, a surname with a
 *     title goes to the only bearer written with that title, and a surname titled for one bearer only,
 *     in three documents or more, goes to that bearer untitled too: "President Reagan", "Reagan").
 *  5. Pronoun and description mentions follow `refersTo`; demonyms follow `canonical`.
 * Order of the inputs does not matter: everything is sorted first, and ids come from canonical names.
 */
import type { DocumentExtraction, DocumentInfo, Entity, EntityMention, EntityRole, EntityType, MentionRef } from '../types.js';
import {
  acronymKey,
  acronymMatches,
  analyzeName,
  countryOf,
  describedGroup,
  endsInCorporateSuffix,
  foldCase,
  givenMatches,
  hasRoleHead,
  institutionKey,
  isKnownPlace,
  isNameParticle,
  isOrganizationWord,
  junkTail,
  initialsOf,
  isCompanySectorWord,
  withinOneEdit,
  isAcronymSurface,
  isCountryName,
  isQualifierToken,
  lookupLexicon,
  looksLikeAcronym,
  nameWordCount,
  normalizeName,
  orgKey,
  personKeyOf,
  slugify,
  type LexiconHit,
  type PersonKey,
} from './names.js';

export interface Resolution {
  /** Entities sorted by id. */
  entities: Entity[];
  /** `${doc}#${mentionId}` → entity id, for every mention that belongs to an entity. */
  entityOf: EntityIndex;
  /** What this resolve learnt per document, for the next one (only with `keepMemo`). */
  memo?: ResolveMemo;
  /** With a memo given: the documents whose memo was reused (the others were classified). */
  memoReused?: number;
  /**
   * With a memo given: the entities assembled (the others were taken over from the resolve that
   * returned the memo, when it is the very object that resolve returned).
   */
  assembledAgain?: number;
}

/**
 * Which entity each mention belongs to, by `${doc}#${mentionId}` as a read-only map, or by document and
 * mention id (`of`, which needs no key built). A document's map is filled the first time it is asked
 * for: a graph build reads the entities of the few thousand documents with relations or claims, not of
 * all 224k name mentions of a large corpus.
 */
export class EntityIndex implements ReadonlyMap<string, string> {
  private count = -1;
  private readonly byDoc = new Map<string, ReadonlyMap<string, string>>();
  /** Fills a document's map; dropped (with what it holds of the resolver) once every one is filled. */
  private fill: ((doc: string) => ReadonlyMap<string, string> | undefined) | undefined;

  /**
   * @param docs every document id, in the order `entries()` lists them
   * @param fill document id → its mention id → entity id map (called once per document; undefined
   *   for a document not among `docs`, which is then neither kept nor counted as filled)
   */
  constructor(
    private readonly docs: readonly string[],
    fill: (doc: string) => ReadonlyMap<string, string> | undefined,
  ) {
    this.fill = fill;
  }

  /** A document's map (undefined for a document not resolved). */
  private docMap(doc: string): ReadonlyMap<string, string> | undefined {
    let m = this.byDoc.get(doc);
    if (m === undefined && this.fill) {
      m = this.fill(doc);
      if (m === undefined) return undefined;
      this.byDoc.set(doc, m);
      if (this.byDoc.size === this.docs.length) this.fill = undefined;
    }
    return m;
  }

  /** The entity of a document's mention. */
  of(doc: string, mentionId: string): string | undefined {
    return this.docMap(doc)?.get(mentionId);
  }

  get(ref: string): string | undefined {
    // Document ids may contain '#' ("reuters.jsonl#12"): try each split, the last '#' first.
    for (let k = ref.lastIndexOf('#'); k > 0; k = ref.lastIndexOf('#', k - 1)) {
      const id = this.of(ref.slice(0, k), ref.slice(k + 1));
      if (id !== undefined) return id;
    }
    return undefined;
  }

  has(ref: string): boolean {
    return this.get(ref) !== undefined;
  }

  get size(): number {
    if (this.count < 0) {
      this.count = 0;
      for (const doc of this.docs) this.count += this.docMap(doc)!.size;
    }
    return this.count;
  }

  *entries(): MapIterator<[string, string]> {
    for (const doc of this.docs) for (const [mention, id] of this.docMap(doc)!) yield [`${doc}#${mention}`, id];
  }

  *keys(): MapIterator<string> {
    for (const [ref] of this.entries()) yield ref;
  }

  *values(): MapIterator<string> {
    for (const doc of this.docs) yield* this.docMap(doc)!.values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  forEach(fn: (value: string, key: string, map: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** The version of the memo's layout; a memo of another version is not used. */
export const RESOLVE_MEMO_FORMAT = 1;

/**
 * What the resolver learnt of each document that does not depend on the rest of the corpus, or
 * depends on it only through named person keys: the person votes of its names and how each of its
 * mentions was classified (lexicon entry, person key, organisation key, short form…), with the
 * corpus-wide facts that classification consulted (which full names are persons', which surnames a
 * person of the document bears). A later resolve of a corpus containing the same document reuses them
 * when the document's mentions are the same and every consulted fact still holds; otherwise it
 * classifies the document again. So the result is always that of a resolve without the memo, and
 * incremental updates (`newsgraph add`) skip the most expensive pass for all but a few documents.
 * Only valid for the same resolver code: the caller keys it on the code (see store/).
 */
export interface ResolveMemo {
  format: number;
  /** Distinct classifications; a document refers to them by index (`null`: the mention names nothing). */
  classes: (Classification | null)[];
  /** One per document, sorted by id. */
  docs: DocMemo[];
  /**
   * Where this memo was read from: opaque to the resolver, set by the code that read it (store/) and
   * carried into `delta.source` of the memo a resolve with it returns.
   */
  source?: unknown;
  /**
   * How this memo differs from the one the resolve that made it was given: the documents classified
   * (new, changed, or whose consulted facts no longer held) and those no longer in the corpus. Every
   * other document's part is the given memo's. Lets a writer append the difference instead of writing
   * the whole memo again.
   */
  delta?: { source?: unknown; changed: string[]; removed: string[] };
}

/** A document's part of the memo. */
export interface DocMemo {
  doc: string;
  /** The document's content hash ('' when unknown). */
  hash: string;
  /** A checksum of the mentions' ids, spans, texts, types and names (see `mentionSignature`). */
  sig: number;
  /** Person votes: [full-name key] typed otherwise (−1), [key, surname] typed person (+1). */
  votes: ([string] | [string, string])[];
  /** Classification index for each mention that is a name or carries a canonical name, in text order. */
  classes: number[];
  /** Full-name keys consulted that were persons' / were not. */
  known: string[];
  unknown: string[];
  /** Surnames consulted that a person of this document bears / does not. */
  surnames: string[];
  otherSurnames: string[];
}

export interface ResolveOptions {
  /** A previous resolve's memo (of the same code): unchanged documents are not classified again. */
  memo?: ResolveMemo;
  /** Return the memo of this resolve (`Resolution.memo`). */
  keepMemo?: boolean;
  /**
   * With `keepMemo`, for a caller that holds the returned memo in memory and gives that very object to
   * its next resolve (`newsgraph watch`, the Node API): keep with it what each entity was assembled
   * from, so that the next resolve takes the entities whose inputs are unchanged over instead of
   * assembling them again. The result is the same either way; keeping costs time a one-off update
   * (`newsgraph add`, whose memo goes to disk) would not get back.
   */
  holdMemo?: boolean;
}

/** A name mention (or a mention carrying a `canonical` name) with its analysis. */
interface Item {
  doc: string;
  m: EntityMention;
  type: EntityType;
  /** The name as written without titles, "the" or possessive. */
  clean: string;
  role?: string;
  /** True for a mention that only names its entity through `canonical` (a demonym). */
  viaCanonical: boolean;
  /** `orgKey(clean)` when the classification has it already (organisation and place keys). */
  key?: string;
  /** Union-find node of the (document, key) unit the mention belongs to. */
  unit: number;
  /** Union-find node of that unit's group. */
  group: number;
  /** The document's mentions. */
  ctx: DocMentions;
}

export type UnitKind = 'fixed' | 'person-short' | 'short' | 'acronym' | 'org-multi' | 'institution';

interface Unit {
  node: number;
  doc: string;
  /** The key's group node: where the unit goes when nothing better is found. */
  group: number;
  kind: UnitKind;
  /** Surname or one-word key for short units; org key for multi-word ones. */
  token: string;
  items: Item[];
}

/** A document's mentions, by id on demand, and its items by mention id (to follow `refersTo`). */
interface DocMentions {
  mentions: EntityMention[];
  byId?: Map<string, EntityMention>;
  items: Map<string, Item>;
  /** The document's mentions that name nothing themselves but refer to one that may. */
  refs: Pending[];
}

/** A mention that names nothing itself but refers to one that may (a pronoun, a description). */
interface Pending {
  doc: string;
  m: EntityMention;
  ctx: DocMentions;
  /** The entity's union-find root, once found. */
  root?: number;
}

/** How a mention is keyed: its group, unit kind and analysed name (cached: names repeat a lot). */
export interface Classification {
  group: string;
  kind: UnitKind;
  token: string;
  type: EntityType;
  clean: string;
  role?: string;
  lex?: LexiconHit;
  pk?: PersonKey;
  orgKey?: string;
  institution?: string;
  /** A qualified description of an armed group ("Turkish-backed rebels"). */
  described?: boolean;
}

class UnionFind {
  readonly parent: number[] = [];
  readonly names: string[] = [];
  readonly reasons: { node: number; reason: string }[] = [];
  /** Component sizes, by root. */
  readonly size: number[] = [];
  /** How many unions joined two components of more than one node each (see `effectiveRoot`). */
  merges = 0;
  private readonly index = new Map<string, number>();

  node(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.parent.length;
      this.parent.push(i);
      this.size.push(1);
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** A node without a name (a document's unit of a group). */
  fresh(): number {
    const i = this.parent.length;
    this.parent.push(i);
    this.size.push(1);
    this.names.push('');
    return i;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  get(name: string): number | undefined {
    return this.index.get(name);
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Joins two nodes; the smaller index stays the root so the outcome does not depend on call order. */
  union(a: number, b: number, reason?: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (reason) this.reasons.push({ node: a, reason });
    if (ra === rb) return false;
    const sa = this.size[ra]!;
    const sb = this.size[rb]!;
    if (sa > 1 && sb > 1) this.merges++;
    const root = ra < rb ? ra : rb;
    this.parent[root === ra ? rb : ra] = root;
    this.size[root] = sa + sb;
    return true;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const TYPE_ORDER: EntityType[] = ['person', 'organization', 'place', 'event', 'other'];
const MAX_REASONS = 40;

interface Positioned {
  doc: string;
  m: EntityMention;
}
const byPosition = (a: Positioned, b: Positioned): number => cmp(a.doc, b.doc) || a.m.start - b.m.start || a.m.end - b.m.end || cmp(a.m.id, b.m.id);

/**
 * Two lists each in (document, start, end, mention id) order merged into one (an entity's items and references
 * are collected in that order already).
 */
function mergeByPosition(a: readonly Positioned[], b: readonly Positioned[]): Positioned[] {
  const out: Positioned[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

const byStart = (a: EntityMention, b: EntityMention): number => a.start - b.start || a.end - b.end || cmp(a.id, b.id);

/** A document's mentions by (start, end, id): as given when they already are (the extractor's order). */
function inTextOrder(mentions: readonly EntityMention[]): readonly EntityMention[] {
  for (let i = 1; i < mentions.length; i++) if (byStart(mentions[i - 1]!, mentions[i]!) > 0) return [...mentions].sort(byStart);
  return mentions;
}

/** Strips possessive and surrounding punctuation from a mention text for the alias list. */
function aliasForm(text: string): string {
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/^[\s"'(\[\u201c\u2018]+|[\s"')\],;:!?\u201d\u2019]+$/gu, '')
    .replace(/['\u2019]s?$/u, '')
    .trim();
}

const isAllCaps = (s: string): boolean => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);

/**
 * Merges the mentions of all documents into entities.
 * @param texts optional document texts by id; used to find acronyms defined in parentheses
 *   ("Syrian Observatory for Human Rights (SOHR)") when the acronym itself is not a mention.
 */
export function resolveEntities(
  extractions: DocumentExtraction[],
  documents: DocumentInfo[],
  texts?: ReadonlyMap<string, string>,
  options: ResolveOptions = {},
): Resolution {
  const uf = new UnionFind();
  const items: Item[] = [];
  const unitList: Unit[] = []; // in node order: each is created with a fresh node
  const itemsByDoc = new Map<string, Item[]>();
  const lexHits = new Map<number, LexiconHit>(); // group node → lexicon entry
  const personKeys = new Map<number, PersonKey>(); // p: group node → key
  const groupKeyOfNonPerson = new Map<number, string>(); // n: group node → org key
  const extraAliases = new Map<number, Set<string>>(); // node → acronyms / expansions defined in text
  const definedGroups = new Set<number>(); // acronym groups defined in some text
  const institutionGroups = new Set<number>(); // i:gov:… / i:mil:… groups of a named state
  const describedUnits = new Set<Unit>(); // units of qualified armed-group descriptions ("Takfiri militants")
  /** Mentions that name nothing themselves but refer to one that may (pronouns, descriptions). */
  const pending: Pending[] = [];
  const ctxByDoc = new Map<string, DocMentions>(); // in document order

  // How mentions are classified, by type and text (with the corpus-wide facts each consulted).
  const classCache = new Map<EntityType, Map<string, CachedClass>>();
  let docSensitive = false;
  /** The facts the classification being computed consulted (recorded only for a memo). */
  let consulted: Consults = newConsults();
  const sorted = [...extractions].sort((a, b) => cmp(a.doc, b.doc));
  const hashOf = new Map(documents.map((d) => [d.id, d.hash]));
  const memoIn = new Map<string, DocMemo>();
  if (options.memo?.format === RESOLVE_MEMO_FORMAT) for (const d of options.memo.docs) memoIn.set(d.doc, d);
  const memoClasses = options.memo?.classes ?? [];
  const usable = new Map<string, DocMemo>(); // documents whose memo is of the same mentions
  let reused = 0;
  const memoOut = options.keepMemo ? new MemoWriter(memoClasses) : undefined;
  const classifiedAgain: string[] = []; // with a memo given and kept: the documents not reused
  const recording = memoOut !== undefined; // what classifications consult is only kept for a memo
  // Full names the recogniser typed person anywhere, and surnames of those per document.
  // (a name counts as a person's when the recogniser typed it person more often than anything else)
  const personVotes = new Map<string, number>();
  const surnameDocs: [string, string, string][] = [];
  const votesOf = new Map<string, DocMemo['votes']>();
  /** A name typed person (with its surname) or otherwise. */
  const vote = (doc: string, key: string, surname: string | undefined): void => {
    personVotes.set(key, (personVotes.get(key) ?? 0) + (surname === undefined ? -1 : 1));
    if (surname !== undefined) surnameDocs.push([key, doc, surname]);
  };
  for (const ex of sorted) {
    const prev = memoIn.get(ex.doc);
    if (prev && prev.hash === (hashOf.get(ex.doc) ?? '') && prev.sig === mentionSignature(ex.mentions) && fitsMentions(prev, ex.mentions, memoClasses.length)) {
      usable.set(ex.doc, prev);
      for (const v of prev.votes) vote(ex.doc, v[0], v[1]);
      if (memoOut) votesOf.set(ex.doc, prev.votes);
      continue;
    }
    const votes: DocMemo['votes'] | undefined = memoOut ? [] : undefined;
    for (const m of ex.mentions) {
      if (m.kind !== 'name') continue;
      const pk = personKeyOf(analyzeName(junkTail(m.text) ?? m.text, 'person').tokens);
      if (!pk?.given.length) continue;
      const surname = m.type === 'person' ? pk.surname : undefined;
      vote(ex.doc, pk.key, surname);
      votes?.push(surname === undefined ? [pk.key] : [pk.key, surname]);
    }
    if (votes) votesOf.set(ex.doc, votes);
  }
  const knownPersons = new Set([...personVotes].filter(([, v]) => v > 0).map(([k]) => k));
  const knownSurnames = new Set(surnameDocs.filter(([k]) => knownPersons.has(k)).map(([, doc, surname]) => `${doc}|${surname}`));
  const isKnownPerson = (key: string): boolean => {
    const yes = knownPersons.has(key);
    if (recording) (yes ? consulted.known : consulted.unknown).add(key);
    return yes;
  };
  const bearsSurname = (doc: string, surname: string): boolean => {
    const yes = knownSurnames.has(`${doc}|${surname}`);
    if (recording) (yes ? consulted.surnames : consulted.otherSurnames).add(surname);
    return yes;
  };
  /** True when every fact a document's memo consulted still holds. */
  const stillHolds = (d: DocMemo): boolean =>
    d.known.every((k) => knownPersons.has(k)) &&
    !d.unknown.some((k) => knownPersons.has(k)) &&
    d.surnames.every((x) => knownSurnames.has(`${d.doc}|${x}`)) &&
    !d.otherSurnames.some((x) => knownSurnames.has(`${d.doc}|${x}`));
  for (const ex of sorted) {
    const ctx: DocMentions = { mentions: ex.mentions, items: new Map(), refs: [] };
    ctxByDoc.set(ex.doc, ctx);
    const docUnits = new Map<string, Unit>(); // group name → this document's unit of it
    const mentions = inTextOrder(ex.mentions);
    const docItems: Item[] = [];
    const prev = usable.get(ex.doc);
    const reuse = prev !== undefined && stillHolds(prev) ? prev : undefined;
    if (reuse) reused++;
    const docConsults = reuse || !recording ? undefined : newConsults();
    const docClasses: (Classification | null)[] = [];
    let next = 0;
    for (const m of mentions) {
      if (m.kind !== 'name' && !m.canonical) {
        if (m.refersTo) addPending(ctx, ex.doc, m);
        continue;
      }
      const c = reuse ? memoClasses[reuse.classes[next++]!] ?? null : classifyCached(ex.doc, m, docConsults);
      if (memoOut) docClasses.push(c);
      if (c) {
        const item = addItem(ctx, ex.doc, m, c, docUnits);
        docItems.push(item);
        ctx.items.set(m.id, item);
      } else if (m.refersTo) addPending(ctx, ex.doc, m);
    }
    itemsByDoc.set(ex.doc, docItems);
    if (memoOut && reuse) memoOut.reuse(reuse);
    else if (memoOut) {
      if (options.memo) classifiedAgain.push(ex.doc);
      memoOut.add(ex.doc, hashOf.get(ex.doc) ?? '', mentionSignature(ex.mentions), votesOf.get(ex.doc)!, docClasses, docConsults!);
    }
  }

  function addPending(ctx: DocMentions, doc: string, m: EntityMention): void {
    const p: Pending = { doc, m, ctx };
    pending.push(p);
    ctx.refs.push(p);
  }

  /** A mention's classification (cached by type and text unless it depends on the document). */
  function classifyCached(doc: string, m: EntityMention, docConsults: Consults | undefined): Classification | null {
    const cacheKey = (m.canonical ? `${m.text}\u0000${m.canonical}` : m.text) + (m.group ? '\u0000g' : '');
    let byText = classCache.get(m.type);
    if (!byText) classCache.set(m.type, (byText = new Map()));
    let entry = byText.get(cacheKey);
    if (entry === undefined) {
      docSensitive = false;
      if (recording) consulted = newConsults();
      entry = { c: classify(doc, m) ?? null, consulted };
      if (!docSensitive) byText.set(cacheKey, entry);
    }
    if (docConsults) mergeConsults(docConsults, entry.consulted);
    return entry.c;
  }

  /**
   * The document's unit of a group: created, with the group's node if new, at its first mention. A
   * word is an acronym only where the document never writes it as a word: "CHIEFS" in a capitalised
   * headline and "Chiefs" below it are the short form "Chiefs".
   */
  function unitFor(doc: string, groupName: string, kind: UnitKind, token: string, docUnits: Map<string, Unit>): Unit {
    let u = docUnits.get(groupName);
    if (!u) {
      const node = uf.fresh();
      u = { node, doc, group: uf.node(groupName), kind, token, items: [] };
      unitList.push(u);
      docUnits.set(groupName, u);
    } else if (u.kind === 'acronym' && kind === 'short') u.kind = 'short';
    return u;
  }

  function addItem(ctx: DocMentions, doc: string, m: EntityMention, c: Classification, docUnits: Map<string, Unit>): Item {
    const unit = unitFor(doc, c.group, c.kind, c.token, docUnits);
    if (c.institution && !c.institution.endsWith(':?')) institutionGroups.add(unit.group);
    if (c.lex) lexHits.set(unit.group, c.lex);
    if (c.pk && c.kind === 'fixed') personKeys.set(unit.group, c.pk);
    if (c.orgKey) groupKeyOfNonPerson.set(unit.group, c.orgKey);
    if (c.described) describedUnits.add(unit);
    const viaCanonical = m.canonical !== undefined && m.canonical.trim() !== '';
    const key = c.orgKey ?? (c.kind === 'short' || c.kind === 'acronym' ? c.token : undefined);
    const item: Item = { doc, m, type: c.type, clean: c.clean, role: m.role ?? c.role, viaCanonical, key, unit: unit.node, group: unit.group, ctx };
    unit.items.push(item);
    items.push(item);
    return item;
  }

  function classify(doc: string, m: EntityMention): Classification | undefined {
    const viaCanonical = m.canonical !== undefined && m.canonical.trim() !== '';
    let surface = viaCanonical ? m.canonical! : m.text;
    let lex = lookupLexicon(aliasForm(surface)) ?? lookupLexicon(analyzeName(surface, 'organization').clean);
    let type: EntityType = lex?.type ?? m.type;
    let tailRole: string | undefined;
    if (viaCanonical && !lex && isCountryName(surface)) type = 'place';
    if (!lex && !viaCanonical) {
      // A span that swallowed a verb or a description: keep the name at its end.
      const tail = junkTail(surface);
      if (tail) {
        surface = tail;
        lex = lookupLexicon(aliasForm(surface));
        if (lex) type = lex.type;
      }
    }
    if (!lex && !viaCanonical) {
      // "Alaska Governor Sarah Palin", "Sixers Hire Maurice Cheeks": ends with a person named elsewhere.
      const words = surface.split(/[\s\u00a0]+/).filter(Boolean);
      const whole = analyzeName(surface, 'person');
      const wholeKey = personKeyOf(whole.tokens);
      const known = type === 'person' && wholeKey !== undefined && isKnownPerson(wholeKey.key);
      // an organisation's name keeps its own end: "London Stock Exchange" is no "Stock Exchange" person, nor
      // "General Electric Co" an "Electric Co" one, whatever the recogniser typed those elsewhere
      const orgNamed = type !== 'person' && (isOrganizationWord(foldCase(words[words.length - 1] ?? '').replace(/[^a-z]/g, '')) || endsInCorporateSuffix(surface));
      for (let k = Math.min(3, words.length - 1); k >= 2 && !known && !orgNamed; k--) {
        const tailText = words.slice(-k).join(' ');
        const pk = personKeyOf(analyzeName(tailText, 'person').tokens);
        if (pk?.given.length && isKnownPerson(pk.key)) {
          surface = tailText;
          type = 'person';
          tailRole = whole.role;
          break;
        }
      }
      type = retype(doc, surface, type);
    }
    const an = analyzeName(surface, lex ? 'organization' : type);
    if (!an.clean) return undefined;
    const role = an.role ?? tailRole;
    const institution = !lex && type !== 'person' ? institutionKey(an.clean) : undefined;
    const described = m.group && !institution && !lex ? describedGroup(an.clean) : undefined;
    if (described === 'bare') {
      // "rebels", "opposition forces", "armed groups": the armed opposition of this document's story;
      // documents about the same country share it (step 4d)
      docSensitive = true;
      return { group: `d:insurgents@${doc}`, kind: 'fixed', token: 'd:insurgents', type: 'organization', clean: an.clean, role };
    }
    if (institution) {
      const g = `i:${institution}`;
      const kind: UnitKind = institution.endsWith(':?') ? 'institution' : 'fixed';
      return { group: g, kind, token: institution.slice(0, 3), type: 'organization', clean: an.clean, role, institution };
    }
    if (lex) {
      const g = `x:${lex.id}`;
      return { group: g, kind: 'fixed', token: g, type, clean: an.clean, role, lex };
    }
    if (type === 'person') {
      if (an.titleOnly) return undefined;
      const pk = personKeyOf(an.tokens);
      if (!pk) return undefined;
      if (pk.given.length) return { group: `p:${pk.key}`, kind: 'fixed', token: pk.key, type, clean: an.clean, role, pk };
      return { group: `s:${pk.surname}`, kind: 'person-short', token: pk.surname, type, clean: an.clean, role, pk };
    }
    const key = orgKey(an.clean);
    if (!key) return undefined;
    if (!key.includes(' ')) return { group: `s:${key}`, kind: looksLikeAcronym(an.clean) ? 'acronym' : 'short', token: key, type, clean: an.clean, role };
    const qualified = described === 'qualified' ? { described: true } : {};
    return { group: `n:${key}`, kind: 'org-multi', token: key, type, clean: an.clean, role, orgKey: key, ...qualified };
  }

  /**
   * The recogniser's type, corrected where the name says otherwise: a "place" or "person" ending in "Ltd" or a
   * "person" ending in "Patrol" or "Police" is an organisation; an organisation / place written as a
   * title + a person's name ("Interior Secretary Dirk Kempthorne", "Staunton Police Chief Jim
   * Williams") or as the full name of a person named elsewhere is that person.
   */
  function retype(doc: string, surface: string, type: EntityType): EntityType {
    if ((type === 'place' || type === 'person') && endsInCorporateSuffix(surface)) return 'organization';
    if (type === 'person') {
      const an = analyzeName(surface, 'organization');
      const last = an.tokens[an.tokens.length - 1];
      return last !== undefined && an.tokens.length > 1 && (isOrganizationWord(last) || institutionKey(surface)) ? 'organization' : type;
    }
    if (type !== 'organization' && type !== 'place') return type;
    // "General Motors Corp" is no General "Motors Corp"
    if (endsInCorporateSuffix(surface)) return type;
    const pa = analyzeName(surface, 'person');
    if (analyzeName(surface, 'organization').tokens.some(isOrganizationWord) || institutionKey(surface)) return type;
    if (pa.tokens.length > 4 || pa.tokens.length < 1) return type;
    const pk = personKeyOf(pa.tokens);
    if (!pk) return type;
    if (pk.given.length && (hasRoleHead(pa.role) || isKnownPerson(pk.key))) return 'person';
    // "Mr Pen's" or "Le Pen" typed organisation: a surname (with a title or possessive stripped, or
    // opening with a particle) of a person the document names
    const bareSurname = pa.tokens.length === 1 && pa.clean !== surface.trim();
    if (!pk.given.length && (bareSurname || (pa.tokens.length > 1 && pa.tokens.slice(0, -1).every(isNameParticle) && !isKnownPlace(surface)))) {
      docSensitive = true;
      if (bearsSurname(doc, pk.surname)) return 'person';
    }
    return type;
  }

  const displayCache: (string | undefined)[] = new Array<string | undefined>(uf.parent.length).fill(undefined); // by group node
  /** The longest way a group is written, for merge reasons. */
  function display(group: number): string {
    let d = displayCache[group];
    if (d === undefined) {
      d = '';
      for (const it of unitsByGroup[group] ?? []) for (const x of it.items) if (x.clean.length > d.length || (x.clean.length === d.length && x.clean < d)) d = x.clean;
      displayCache[group] = d;
    }
    return d;
  }
  const unitsByGroup: (Unit[] | undefined)[] = new Array<Unit[] | undefined>(uf.parent.length).fill(undefined); // by group node
  for (const u of unitList) (unitsByGroup[u.group] ??= []).push(u);

  // Step 1: full names and lexicon entries join their group at once.
  for (const u of unitList) if (u.kind === 'fixed') uf.union(u.group, u.node);

  // A multi-word name typed organisation / place in one article and person in another: same name.
  for (const [group, key] of groupKeyOfNonPerson) {
    const tokens = key.split(' ');
    const pk = personKeyOf(tokens);
    if (!pk || !pk.given.length) continue;
    const p = uf.get(`p:${pk.key}`);
    if (p !== undefined) uf.union(p, group, `"${display(group)}" = "${display(p)}" (same name, other type)`);
  }

  // Step 2: full person names with the same surname whose given names are contained in a longer one.
  const bySurname = new Map<string, number[]>();
  for (const [group, pk] of [...personKeys].sort((a, b) => a[0] - b[0])) {
    const list = bySurname.get(pk.surname) ?? [];
    list.push(group);
    bySurname.set(pk.surname, list);
  }
  for (const groups of bySurname.values()) {
    if (groups.length < 2) continue;
    const byLength = [...groups].sort((a, b) => personKeys.get(b)!.given.length - personKeys.get(a)!.given.length || a - b);
    // First spelling variants of as many given names ("Bettie Page" / "Betty Page"), then shorter forms.
    for (const pass of ['variant', 'shorter'] as const) {
      for (const s of byLength) {
        const sk = personKeys.get(s)!;
        const roots = new Set<number>();
        let target = -1;
        for (const l of byLength) {
          if (l === s) continue;
          const lk = personKeys.get(l)!;
          if ((pass === 'variant') !== (lk.given.length === sk.given.length && lk.suffix === sk.suffix)) continue;
          if (!extendsName(sk, lk)) continue;
          const r = uf.find(l);
          if (r === uf.find(s)) continue;
          roots.add(r);
          if (target < 0) target = l;
        }
        if (roots.size === 1 && target >= 0) {
          const why = pass === 'variant' ? 'same surname, given name spelt otherwise' : 'same surname, given names contained';
          uf.union(target, s, `"${display(s)}" = "${display(target)}" (${why})`);
        }
      }
    }
  }

  // Step 3: acronyms defined in the text: `expands`, "Full Name (ACR)" in the text, or adjacent mentions.
  // Found first, then joined, so that an acronym the corpus defines as two different names ("EC": the
  // European Community in one story, the European Commission in another) joins neither to the other.
  const definitions: { acr: string; full: Item; group: number; name: string }[] = [];
  // Organisation / place groups (lexicon ones included) by every multi-word key they are written with,
  // and by their initials (for acronyms: defined on a name cut short here, by initials in step 4b).
  const nonPersonKeys = new Map<number, Set<string>>();
  for (const u of unitList) {
    if (u.kind !== 'org-multi' && !lexHits.has(u.group)) continue;
    const set = nonPersonKeys.get(u.group) ?? new Set<string>();
    let last: string | undefined;
    for (const it of u.items) {
      if (it.viaCanonical || it.clean === last) continue;
      last = it.clean;
      set.add(it.key ?? orgKey(it.clean));
    }
    nonPersonKeys.set(u.group, set);
  }
  // names written with a capitalised "The" inside a sentence, which is part of the name: "told The Hollywood Reporter"
  // (THR), "according to The Wall Street Journal" (TWSJ is rare, but the letter is theirs)
  const withThe = new Set<number>();
  for (const it of items) {
    if (it.type === 'person' || !it.clean.includes(' ') || withThe.has(it.group)) continue;
    const text = texts?.get(it.doc);
    if (!text) continue;
    const before = text.slice(Math.max(0, it.m.start - 12), it.m.start);
    if (/[\p{Ll},;:]\s+The\s+$/u.test(before) || (/^The\s/.test(it.m.text) && /[\p{Ll},;:]\s+$/u.test(before))) withThe.add(it.group);
  }
  const initialsIndex = new Map<string, number[]>(); // initials → multi-word non-person groups
  const theIndex = new Map<string, number[]>(); // "t" + initials → those written with "The", asked only when no name has the initials
  const index = (map: Map<string, number[]>, key: string, group: number): void => {
    const list = map.get(key) ?? map.set(key, []).get(key)!;
    if (!list.includes(group)) list.push(group);
  };
  for (const group of [...nonPersonKeys.keys()].sort((a, b) => a - b)) {
    for (const init of initialsOf(display(group))) {
      index(initialsIndex, init, group);
      if (withThe.has(group)) index(theIndex, `t${init}`, group);
    }
  }
  // a document's name cut short, and the longer name it is (joined as that document's only)
  const cutShortUnits: { unit: number; group: number; short: string }[] = [];
  const defineAcronym = (acr: string, full: Item): void => {
    if (acronymMatches(acr, full.clean) || lookupLexicon(acr)) {
      definitions.push({ acr, full, group: full.group, name: full.clean });
      return;
    }
    // The letters are not the name's initials. When the corpus writes one longer name that ends as
    // this one does and has them, the recogniser cut the name short ("the London Stock Exchange (LSE)"
    // read as "Stock Exchange"): the acronym is that name's, and defined on the short one it would join
    // every city's exchange. Several such names: it says nothing. None: an acronym of another kind
    // ("ICCO", the International Cocoa Organization), defined as written.
    const key = full.key ?? orgKey(full.clean);
    const longer = (initialsIndex.get(acronymKey(acr)) ?? []).filter((g) => g !== full.group && (groupKeyOfNonPerson.get(g) ?? '').endsWith(` ${key}`));
    if (longer.length === 1) {
      definitions.push({ acr, full, group: longer[0]!, name: display(longer[0]!) });
      cutShortUnits.push({ unit: full.unit, group: longer[0]!, short: full.clean });
    }
    else if (!longer.length) definitions.push({ acr, full, group: full.group, name: full.clean });
  };
  for (const [doc, docItems] of [...itemsByDoc].sort((a, b) => cmp(a[0], b[0]))) {
    const byMention = docItems[0]?.ctx.items;
    if (!byMention) continue;
    const text = texts?.get(doc);
    for (let i = 0; i < docItems.length; i++) {
      const it = docItems[i]!;
      if (it.viaCanonical) continue;
      if (it.m.expands) {
        const full = byMention.get(it.m.expands);
        if (full) defineAcronym(it.clean, full);
        continue;
      }
      if (it.type === 'person' || !it.clean.includes(' ')) continue;
      let acr: string | undefined;
      if (text !== undefined) {
        const after = /^\s*\(\s*([A-Z][A-Za-z0-9.&\-]{1,11})\s*\)/.exec(text.slice(it.m.end, it.m.end + 20));
        acr = after?.[1];
      } else {
        const next = docItems[i + 1];
        if (next && next.m.start - it.m.end >= 1 && next.m.start - it.m.end <= 3) acr = next.clean;
      }
      if (acr && isAcronymSurface(acr) && acronymMatches(acr, it.clean)) defineAcronym(acr, it);
    }
  }

  // acronym group → the full names' groups defined for it, each with the documents that define it so
  const fullNamesOf = new Map<number, { acr: string; groups: Map<number, Set<string>> }>();
  for (const { acr, full, group } of definitions) {
    const acrGroup = uf.node(`s:${acronymKey(acr)}`);
    const entry = fullNamesOf.get(acrGroup) ?? fullNamesOf.set(acrGroup, { acr, groups: new Map() }).get(acrGroup)!;
    (entry.groups.get(group) ?? entry.groups.set(group, new Set()).get(group)!).add(full.doc);
  }
  /**
   * Acronym groups (not in the lexicon) that two documents or more each define as different names →
   * all the names defined for them: decided per mention (step 4b). A name defined once only may be a
   * slip of the pen or the recogniser's ("Chicago Boad of Trade"), so on its own it splits nothing.
   */
  const ambiguousAcronyms = new Map<number, { groups: number[]; usual?: number }>();
  for (const [acrGroup, { acr, groups }] of fullNamesOf) {
    if (groups.size < 2 || lookupLexicon(acr)) continue;
    const strong = [...groups].filter(([, docs]) => docs.size >= 2).map(([g]) => g);
    if ((strong.length < 2 || !namesDiffer(strong)) && !farApart([...groups.keys()])) continue;
    // where no document around says which, the name that three times as many documents define as any other
    const byDocs = [...groups].sort((a, b) => b[1].size - a[1].size || a[0] - b[0]);
    const usual = byDocs[0]![1].size >= 3 * byDocs[1]![1].size ? byDocs[0]![0] : undefined;
    ambiguousAcronyms.set(acrGroup, usual === undefined ? { groups: [...groups.keys()] } : { groups: [...groups.keys()], usual });
  }
  // A known acronym that a story expands as something else ("Economic Planning Agency (EPA)" in Tokyo,
  // not the U.S. Environmental Protection Agency): decided per mention like the above, the known
  // organisation being the usual one where no document around says which.
  const knownExpandedOtherwise = new Set<number>(); // acronym groups of the lexicon's that a story expands otherwise
  const expandsKnown = (name: string, lex: LexiconHit): boolean => lookupLexicon(name)?.id === lex.id || !wordsDiffer(name, lex.canonical);
  for (const { acr, name } of definitions) {
    const lex = lookupLexicon(acr);
    if (!lex || expandsKnown(name, lex)) continue;
    const acrGroup = uf.node(`s:${acronymKey(acr)}`);
    const known = uf.node(`x:${lex.id}`);
    // only when the corpus writes the known organisation's name: else the story's expansion is the one
    // the corpus knows ("FSA" in British business news is the Financial Services Authority)
    if (!(unitsByGroup[known] ?? []).some((u) => u.items.some((it) => !isAcronymSurface(it.clean)))) continue;
    const groups = [...(fullNamesOf.get(acrGroup)?.groups.keys() ?? [])];
    ambiguousAcronyms.set(acrGroup, { groups: [...groups, known], usual: known });
    knownExpandedOtherwise.add(acrGroup);
  }
  for (const { acr, group, name } of definitions) {
    const acrGroup = uf.node(`s:${acronymKey(acr)}`);
    definedGroups.add(acrGroup);
    const set = extraAliases.get(group) ?? new Set<string>();
    set.add(acr);
    extraAliases.set(group, set);
    if (ambiguousAcronyms.has(acrGroup)) {
      // the stories that expand it as the known organisation ("U.S. Environmental Protection Agency (EPA)")
      const lex = knownExpandedOtherwise.has(acrGroup) ? lookupLexicon(acr) : undefined;
      if (lex && expandsKnown(name, lex)) uf.union(group, uf.node(`x:${lex.id}`), `"${acr}" = acronym of "${name}" (defined in text)`);
      continue;
    }
    const lex = lookupLexicon(acr);
    const target = lex ? uf.node(`x:${lex.id}`) : acrGroup;
    uf.union(group, target, `"${acr}" = acronym of "${name}" (defined in text)`);
    if (target !== acrGroup) uf.union(target, acrGroup);
  }
  for (const { unit, group, short } of cutShortUnits) uf.union(group, unit, `"${short}" = "${display(group)}" (cut short before its acronym)`);

  /**
   * True when some two of these names (groups) are different names, not one written more or less
   * fully or spelt otherwise: neither's words (the key's, without "of", "for", "the" …) are all found
   * among the other's, a word matching its plural, a shortening or a one-letter slip ("Auto" /
   * "Automobile", "Boad" / "Board", "Organisation" / "Organization"). "European Community" and
   * "European Commission" differ; "Securities and Exchange Commission" and "U.S. Securities and
   * Exchange Commission", or "Observatory for Human Rights" and "Observatory of Human Rights", do not.
   */
  function namesDiffer(groups: readonly number[]): boolean {
    const words = groups.map((g) => wordsOfGroup(g, true));
    for (let i = 0; i < words.length; i++) for (let j = i + 1; j < words.length; j++) if (differentWords(words[i]!, words[j]!)) return true;
    return false;
  }

  /** The content words of the names of a group: its units' keys, or (`hyphens` false) their names with hyphens dropped ("Inter-Bank" as "interbank"). */
  function wordsOfGroup(group: number, hyphens: boolean): Set<string> {
    const out = new Set<string>();
    for (const u of unitsByGroup[group] ?? []) for (const it of u.items) contentWords(hyphens ? (it.key ?? orgKey(it.clean)) : orgKey(it.clean.replace(/-/g, '')), out);
    return out;
  }


  /**
   * True when two of these names (groups) have at most one content word in common, however each is
   * spelt (`sameWord`, hyphens dropped): two organisations, even when each document defines the
   * acronym once ("British National Party" / "Banque Nationale de Paris" for BNP; "Institute of
   * Economic Affairs" / "International Energy Agency" for IEA) — not a name written more or less fully,
   * whose slips (`namesDiffer` alone) are left to the documents that define it twice.
   */
  function farApart(groups: readonly number[]): boolean {
    const words = groups.map((g) => [...wordsOfGroup(g, false)]);
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) {
        const a = words[i]!;
        const b = words[j]!;
        if (a.length < 2 || b.length < 2) continue;
        if (a.filter((w) => b.some((x) => sameWord(w, x))).length <= 1) return true;
      }
    }
    return false;
  }

  /** The countries a document names most: each named at least half as often as the most named one. */
  function mainCountries(doc: string): string[] {
    const counts = new Map<string, number>();
    for (const it of itemsByDoc.get(doc) ?? []) {
      if (it.type === 'person') continue;
      const c = countryOf(it.clean);
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    const top = Math.max(0, ...counts.values());
    return [...counts].filter(([, n]) => n * 2 >= top).map(([c]) => c).sort(cmp);
  }

  /** Which of the roots (with their candidate groups) a document mentions, in the roots' order. */
  function inDocAmong(doc: string, roots: Map<number, number[]>): [number, number[]][] {
    const hit = new Set<number>();
    for (const it of itemsByDoc.get(doc) ?? []) {
      const r = uf.find(it.unit);
      if (roots.has(r)) hit.add(r);
    }
    return hit.size ? [...roots].filter(([r]) => hit.has(r)) : [];
  }

  /** Roots of the entities mentioned in a document (by the units already attached). */
  function rootsInDoc(doc: string): Set<number> {
    const out = new Set<number>();
    for (const it of itemsByDoc.get(doc) ?? []) out.add(uf.find(it.unit));
    return out;
  }

  const effectiveRep: (number | undefined)[] = []; // group → a node whose root is its effective root
  const repMerges: number[] = []; // group → uf.merges when that was found (−1: for good)
  /**
   * Where a group's name now points: its root, or — when every mention written that way was attached
   * elsewhere ("Syrian Observatory" → "Syrian Observatory for Human Rights") and the group node holds
   * none of them — the one entity they all went to.
   */
  function effectiveRoot(group: number): number {
    const rep = effectiveRep[group];
    if (rep !== undefined && (repMerges[group] === -1 || repMerges[group] === uf.merges)) return uf.find(rep);
    const r = uf.find(group);
    const list = unitsByGroup[group];
    let only: number | undefined;
    let undecided = false; // a unit still on its own may go anywhere yet
    for (const u of list ?? []) {
      const ur = uf.find(u.node);
      if (ur === r) {
        // for good: a unit in the group's own component stays there
        effectiveRep[group] = group;
        repMerges[group] = -1;
        return r;
      }
      if (uf.size[ur] === 1) undecided = true;
      if (only === undefined) only = ur;
      else if (only !== ur) {
        only = -1;
        break;
      }
    }
    // Only a union of two components of several nodes can change what was found (attaching a unit on
    // its own to a component never splits, joins or moves the units already attached), so the answer
    // is kept until one happens.
    if (!undecided) {
      effectiveRep[group] = only === undefined || only === -1 ? group : list![0]!.node;
      repMerges[group] = only === undefined ? -1 : uf.merges;
    }
    return only === undefined || only === -1 ? r : only;
  }

  /** The unique candidate entity: in the same document if any is there, else in the corpus. */
  function choose(doc: string, candidates: number[], self: number): { root: number; group: number; sameDoc: boolean } | 'ambiguous' | undefined {
    const roots = new Map<number, number[]>(); // root → its candidate groups, in candidate order
    const selfRoot = uf.find(self);
    for (const c of candidates) {
      const r = effectiveRoot(c);
      if (r === selfRoot) continue;
      const groups = roots.get(r);
      if (groups) groups.push(c);
      else roots.set(r, [c]);
    }
    if (!roots.size) return undefined;
    const same = inDocAmong(doc, roots);
    if (same.length === 1) return { root: same[0]![0], group: same[0]![1][0]!, sameDoc: true };
    if (same.length > 1) return dominant(same, true);
    if (roots.size === 1) {
      const [r, groups] = [...roots][0]!;
      return { root: r, group: groups[0]!, sameDoc: false };
    }
    // Across unrelated stories a bare surname stays apart (the corpus's Reggie Bush is not this Bush).
    return 'ambiguous';
  }

  /**
   * Among several candidates, the one the corpus is about: its names (the candidate groups that point
   * to it) are written in at least three times as many documents as any other's (the story's "Ortiz"
   * is the deputy, not his mother quoted once). The counts come from the names alone, never from what
   * earlier decisions merged, so they do not depend on the order the decisions are taken in.
   */
  function dominant(cands: [number, number[]][], sameDoc: boolean): { root: number; group: number; sameDoc: boolean } | 'ambiguous' {
    const counted = cands.map(([r, groups]) => ({ r, g: groups[0]!, n: docCountOfGroups(groups) })).sort((a, b) => b.n - a.n || a.r - b.r);
    const [first, second] = counted;
    if (first && second && first.n >= 3 && first.n >= 3 * second.n) return { root: first.r, group: first.g, sameDoc };
    return 'ambiguous';
  }

  /**
   * A bare surname with a title ("President Reagan", "Chancellor Lawson") in a document that names none
   * of its bearers in full, when the corpus has several: the one bearer whose own full name is written
   * with that title in two documents or more ("President Ronald Reagan"; Nancy Reagan never is; an
   * analyst named once is not known by that title). Titles are compared as the names were written,
   * never through earlier merges, so the outcome does not depend on order.
   */
  function titledBearer(u: Unit, candidates: number[]): { root: number; group: number; role: string } | undefined {
    const titles = new Set(u.items.map((it) => it.role).filter((r): r is string => hasRoleHead(r)));
    if (!titles.size) return undefined;
    const roots = new Map<number, number[]>();
    for (const c of candidates) {
      const r = effectiveRoot(c);
      const groups = roots.get(r);
      if (groups) groups.push(c);
      else roots.set(r, [c]);
    }
    if (inDocAmong(u.doc, roots).length) return undefined;
    const titled: { root: number; group: number; role: string }[] = [];
    for (const [root, groups] of roots) {
      for (const g of groups) {
        const role = [...titlesOfGroup(g)].find(([t, docs]) => titles.has(t) && docs.size >= 2)?.[0];
        if (role) {
          titled.push({ root, group: g, role });
          break;
        }
      }
    }
    return titled.length === 1 ? titled[0] : undefined;
  }

  /** The titles a group's name is written with, with the documents (cached: a group's units never change). */
  const groupTitles = new Map<number, Map<string, Set<string>>>();
  function titlesOfGroup(group: number): Map<string, Set<string>> {
    let titles = groupTitles.get(group);
    if (!titles) {
      titles = new Map();
      for (const v of unitsByGroup[group] ?? []) {
        for (const it of v.items) if (it.role !== undefined) (titles.get(it.role) ?? titles.set(it.role, new Set()).get(it.role)!).add(v.doc);
      }
      groupTitles.set(group, titles);
    }
    return titles;
  }

  /** Documents in which a group's name is written (cached: a group's units never change). */
  const groupDocs = new Map<number, Set<string>>();
  function docsOfGroup(group: number): Set<string> {
    let docs = groupDocs.get(group);
    if (!docs) {
      docs = new Set((unitsByGroup[group] ?? []).map((u) => u.doc));
      groupDocs.set(group, docs);
    }
    return docs;
  }

  /** Number of documents in which any of the groups' names is written. */
  function docCountOfGroups(groups: number[]): number {
    if (groups.length === 1) return docsOfGroup(groups[0]!).size;
    const all = new Set<string>();
    for (const g of groups) for (const d of docsOfGroup(g)) all.add(d);
    return all.size;
  }

  /**
   * A multi-word name written on its own in at least three times as many documents as the longer
   * name it would shorten (and in three or more) is a name in its own right: the "Bank of Japan" of
   * 160 stories is not short for the "Export-Import Bank of Japan" of ten, the "France Telecom" of
   * eight for the "France Telecom Marine" of one, nor the "White House" for a "White House East Room"
   * written once, even in the story that writes both. A longer name that only qualifies the shorter
   * one with a country or a known acronym keeps it within its own story ("the U.S. Justice
   * Department … the Justice Department"), and across stories when the qualifier is a known
   * organisation ("Security Council" of "UN Security Council"; a "Transport Ministry" is not the
   * French one however few others the corpus names). Counts come from the names alone, as in
   * `dominant`, so the order of decisions does not matter.
   */
  function standsAlone(u: Unit, pick: { group: number; sameDoc: boolean }, longGroups: number[]): boolean {
    for (const key of nonPersonKeys.get(pick.group) ?? []) {
      if (!key.endsWith(` ${u.token}`)) continue;
      const head = key.slice(0, key.length - u.token.length - 1).split(' ');
      if (!head.every(isQualifierToken)) continue;
      if (pick.sameDoc || (head.length === 1 && lookupLexicon(head[0]!.toUpperCase())?.type === 'organization')) return false;
    }
    const own = docsOfGroup(u.group).size;
    return own >= 3 && own >= 3 * docCountOfGroups(longGroups);
  }

  // Step 4a: multi-word organisation / place names that shorten a longer one ("Syrian Observatory").
  const typeOfGroup: (EntityType | undefined)[] = new Array<EntityType | undefined>(uf.parent.length).fill(undefined); // by group node
  const groupType = (group: number): EntityType => {
    let t = typeOfGroup[group];
    if (!t) {
      t = lexHits.get(group)?.type;
      if (!t) {
        const votes = new Map<EntityType, number>();
        for (const u of unitsByGroup[group] ?? []) for (const it of u.items) votes.set(it.type, (votes.get(it.type) ?? 0) + 1);
        t = [...votes].sort((a, b) => b[1] - a[1] || TYPE_ORDER.indexOf(a[0]) - TYPE_ORDER.indexOf(b[0]))[0]?.[0] ?? 'other';
      }
      typeOfGroup[group] = t;
    }
    return t;
  };
  const extensions = new Map<string, number[]>(); // shorter key → groups whose key extends it
  const headExtensions = new Map<string, number[]>(); // one-word head → "head of …" groups (same document only)
  // one word left by a leading place that the corpus alone names a place ("House" of "Higashi Nippon House", "Colts" of
  // "Indianapolis Colts"): `${word}|${group}`; across documents only when the word is not far more common than the name
  const placeStripped = new Set<string>();
  const groupIsLexicon = (g: number): boolean => lexHits.has(g);
  const placeKeys = new Set<string>();
  let lastPlace: string | undefined; // a name is often written the same way twice in a row
  for (const it of items) {
    if (it.type !== 'place' || it.viaCanonical || it.clean === lastPlace) continue;
    lastPlace = it.clean;
    placeKeys.add(it.key ?? orgKey(it.clean));
  }
  for (const [group, keys] of [...nonPersonKeys].sort((a, b) => a[0] - b[0])) {
    const add = (index: Map<string, number[]>, k: string): void => {
      const list = index.get(k) ?? [];
      if (!list.includes(group)) list.push(group);
      index.set(k, list);
    };
    for (const key of [...keys].sort(cmp)) {
      const tokens = key.split(' ');
      if (tokens.length < 2) continue;
      for (let n = 2; n < tokens.length; n++) if (!STOPWORD_END.has(tokens[n - 1]!) && !namesSubBody(tokens, n)) add(extensions, tokens.slice(0, n).join(' '));
      // minus a leading country, acronym or place named in the corpus: "Security Council", "Colts"
      for (let q = 1; q < tokens.length; q++) {
        const head = tokens.slice(0, q);
        if (!head.every(isQualifierToken)) {
          const h = head.join(' ');
          if (!placeKeys.has(h) && !isKnownPlace(h)) continue;
        }
        const rest = tokens.slice(q);
        if (rest.length === 1 && STOPWORD_END.has(rest[0]!)) continue;
        // "Navy" for "Indian Navy": a bare kind of organisation only within the same document, a lexicon
        // one's too ("Bank" across the corpus is no more the World Bank than any other)
        add(rest.length === 1 && isOrganizationWord(rest[0]!) ? headExtensions : extensions, rest.join(' '));
        if (rest.length === 1 && !head.every(isQualifierToken) && !isKnownPlace(head.join(' '))) placeStripped.add(`${rest[0]}|${group}`);
      }
      // a one-word head of "X of …" ("Academy" for "Academy of Motion Picture Arts and Sciences"): same document only
      if (tokens.length >= 3 && tokens[1] === 'of') add(headExtensions, tokens[0]!);
      // a company's own name before its line of business ("Samsung" for "Samsung Electronics"): same document only
      else if (tokens.slice(1).every(isCompanySectorWord)) add(headExtensions, tokens[0]!);
    }
  }
  /**
   * The candidates of an index under a key that are of a type, cached (types and indexes are fixed by
   * now; many units share a key: "london" has 744 candidates). For step 4a a place is not short for an
   * organisation-worded name ("Los Angeles" is not short for "Los Angeles Times", whatever the
   * recogniser typed it).
   */
  type Cache = Map<EntityType, Map<string, number[]>>; // type → key → candidates
  const multiCandidates: Cache = new Map();
  const shortCandidates: Cache = new Map();
  const headCandidates: Cache = new Map();
  function typedCandidates(index: Map<string, number[]>, key: string, type: EntityType, cache: Cache): number[] {
    let byKey = cache.get(type);
    if (!byKey) cache.set(type, (byKey = new Map()));
    let list = byKey.get(key);
    if (!list) {
      list = (index.get(key) ?? []).filter((g) => {
        if (groupType(g) !== type) return false;
        if (cache !== multiCandidates || type !== 'place') return true;
        const last = groupKeyOfNonPerson.get(g)?.split(' ').pop();
        return !(last !== undefined && isOrganizationWord(last));
      });
      byKey.set(key, list);
    }
    return list;
  }
  const wordCount = (s: string): number => s.split(' ').length;
  const multi = unitList
    .filter((u) => u.kind === 'org-multi')
    .map((u) => ({ u, n: wordCount(u.token) }))
    .sort((a, b) => b.n - a.n || a.u.node - b.u.node)
    .map((x) => x.u);
  for (const u of multi) {
    if (uf.find(u.node) !== u.node) continue; // a name cut short, joined in step 3
    const place = groupType(u.group) === 'place';
    if (place && isKnownPlace(u.token)) {
      uf.union(u.group, u.node);
      continue;
    }
    const cands = typedCandidates(extensions, u.token, groupType(u.group), multiCandidates).filter((g) => g !== u.group);
    const pick = cands.length ? choose(u.doc, cands, u.node) : undefined;
    if (pick && pick !== 'ambiguous' && !standsAlone(u, pick, cands.filter((g) => effectiveRoot(g) === pick.root))) {
      uf.union(pick.root, u.node, `"${display(u.group)}" = short form of "${display(pick.group)}"${pick.sameDoc ? '' : ' (corpus)'}`);
    } else uf.union(u.group, u.node);
  }

  // Step 4c: "government forces" → the state's military named in the same document (else the corpus).
  for (const u of unitList) {
    if (u.kind !== 'institution') continue;
    const all = [...institutionGroups].sort((a, b) => a - b);
    const named = all.filter((g) => uf.names[g]!.startsWith(`i:${u.token}:`));
    let cands = named;
    let pick = cands.length ? choose(u.doc, cands, u.node) : undefined;
    if (pick === 'ambiguous') {
      // Several states' armies in the document: the one whose government the document also names.
      const inDoc = rootsInDoc(u.doc);
      const governed = new Set(all.filter((g) => uf.names[g]!.startsWith('i:gov:') && inDoc.has(uf.find(g))).map((g) => uf.names[g]!.slice(6)));
      cands = cands.filter((g) => governed.has(uf.names[g]!.slice(6)));
      pick = cands.length === 1 ? choose(u.doc, cands, u.node) : pick;
    }
    if (pick === 'ambiguous') {
      // "government forces" beside "Syrian government forces": the one written out in full in the document.
      const tail = ' ' + orgKey(u.items[0]!.clean);
      const written = named.filter((g) =>
        (unitsByGroup[g] ?? []).some((x) => x.doc === u.doc && x.items.some((it) => orgKey(it.clean).endsWith(tail))),
      );
      if (written.length === 1) pick = choose(u.doc, written, u.node);
    }
    if (pick && pick !== 'ambiguous') uf.union(pick.root, u.node, `"${u.items[0]!.clean}" = "${display(pick.group)}"${pick.sameDoc ? ' (same document)' : ' (corpus)'}`);
    else uf.union(u.group, u.node);
  }

  // Step 4d: the armed opposition a document describes ("rebels", "opposition forces") is one entity
  // with that of the other documents about the same country — the countries a document names most
  // (places, demonym qualifiers: "Syrian army", "Idlib" does not count but "Damascus" does). Stories
  // about different countries, or a document naming none, keep their own. Then "Turkish-backed rebels"
  // is the document's "rebels" when it is the only qualified armed-group description there ("Kurdish
  // militants" beside "Syrian rebels" leaves both apart).
  const insurgentsByCountry = new Map<string, number>();
  for (const doc of [...itemsByDoc.keys()].sort(cmp)) {
    const own = uf.get(`d:insurgents@${doc}`);
    if (own === undefined) continue;
    for (const c of mainCountries(doc)) {
      const other = insurgentsByCountry.get(c);
      if (other === undefined) insurgentsByCountry.set(c, own);
      else uf.union(other, own, `"${display(own)}" = "${display(other)}" (armed opposition in stories about the same country: ${c})`);
    }
  }
  const describedByDoc = new Map<string, Unit[]>();
  for (const u of [...describedUnits].sort((a, b) => a.node - b.node)) (describedByDoc.get(u.doc) ?? describedByDoc.set(u.doc, []).get(u.doc)!).push(u);
  for (const [doc, list] of [...describedByDoc].sort((a, b) => cmp(a[0], b[0]))) {
    const insurgents = uf.get(`d:insurgents@${doc}`);
    if (insurgents === undefined) continue;
    const roots = new Set(list.map((u) => uf.find(u.node)));
    if (roots.size !== 1 || !rootsInDoc(doc).has(uf.find(insurgents))) continue;
    const u = list[0]!;
    uf.union(insurgents, u.node, `"${u.items[0]!.clean}" = "${display(insurgents)}" (the one armed group the document describes)`);
  }

  // Step 4b: one-word names: surnames, acronyms, first names (same document only).
  const byGiven = new Map<string, number[]>();
  for (const [group, pk] of [...personKeys].sort((a, b) => a[0] - b[0])) {
    const first = pk.given[0];
    if (!first || first.length < 2) continue;
    const list = byGiven.get(first) ?? [];
    list.push(group);
    byGiven.set(first, list);
  }
  const titledTo = new Map<number, Map<number, number>>(); // surname group → bearer group → its titled units that went there
  for (const u of unitList) {
    if (u.kind !== 'person-short' && u.kind !== 'short' && u.kind !== 'acronym') continue;
    const personish = u.items.some((it) => it.type === 'person');
    let done = false;
    const definedAs = u.kind === 'acronym' ? ambiguousAcronyms.get(u.group) : undefined;
    if (definedAs) {
      // defined as different names: the one this document names (or the corpus alone), else the usual one
      const pick = choose(u.doc, definedAs.groups, u.node);
      if (pick && pick !== 'ambiguous') {
        uf.union(pick.root, u.node, `"${u.items[0]!.clean}" = acronym of "${display(pick.group)}" (defined in text${pick.sameDoc ? '' : ', corpus'}; defined otherwise elsewhere)`);
        done = true;
      } else if (pick === 'ambiguous' && definedAs.usual !== undefined && uf.find(definedAs.usual) !== uf.find(u.node)) {
        uf.union(uf.find(definedAs.usual), u.node, `"${u.items[0]!.clean}" = acronym of "${display(definedAs.usual)}" (defined so in most documents that define it)`);
        done = true;
      }
    } else if (u.kind === 'acronym') {
      if (!definedGroups.has(u.group)) {
        const cands = initialsIndex.get(u.token) ?? theIndex.get(u.token) ?? [];
        const pick = cands.length ? choose(u.doc, cands, u.node) : undefined;
        if (pick && pick !== 'ambiguous') {
          uf.union(pick.root, u.node, `"${u.items[0]!.clean}" = acronym of "${display(pick.group)}" (initials${pick.sameDoc ? '' : ', corpus'})`);
          addAlias(pick.root, u.items[0]!.clean);
          done = true;
        } else if (!pick) {
          // Looser initials ("CEC" = "Central Election and Referendum Commission"), same document only.
          const loose = (itemsByDoc.get(u.doc) ?? [])
            .filter((it) => it.type !== 'person' && !it.viaCanonical && it.clean.includes(' ') && acronymMatches(u.items[0]!.clean, it.clean))
            .map((it) => it.group);
          const p = loose.length ? choose(u.doc, loose, u.node) : undefined;
          if (p && p !== 'ambiguous' && p.sameDoc) {
            uf.union(p.root, u.node, `"${u.items[0]!.clean}" = acronym of "${display(p.group)}" (initials, same document)`);
            addAlias(p.root, u.items[0]!.clean);
            done = true;
          }
        }
      }
    }
    if (!done && (u.kind === 'short' || u.kind === 'person-short') && (!personish || !bySurname.has(u.token))) {
      const type = groupType(u.group);
      // a country, capital or region is a place of its own, not short for a longer place name: "Paris" of
      // "Canada Paris" (two names run together), "Africa" of "South Africa" (as step 4a keeps "Los Angeles");
      // only the head of an "X of …" name in the same document ("the Gulf" for the Gulf of Aden) is
      const ownPlace = type === 'place' && isKnownPlace(u.token);
      const cands = ownPlace ? [] : typedCandidates(extensions, u.token, type, shortCandidates);
      let pick = cands.length ? choose(u.doc, cands, u.node) : undefined;
      // "House" across the corpus is not short for the one "Higashi Nippon House" (a place the corpus named once
      // before "House"): a word written in five or more documents, three times as many as the name, is a name of its own
      if (pick && pick !== 'ambiguous' && !pick.sameDoc && placeStripped.has(`${u.token}|${pick.group}`)) {
        const own = docsOfGroup(u.group).size;
        if (own >= 5 && own > 3 * docsOfGroup(pick.group).size) pick = undefined;
      }
      let how = 'short form';
      // a head word only when the story never writes the name out as a company of its own ("Amoco
      // Corp" beside "Amoco Chemicals Co": "Amoco" is the parent)
      if (!pick && u.items.every((it) => !/\s/.test(it.clean))) {
        const heads = typedCandidates(headExtensions, u.token, type, headCandidates);
        pick = heads.length ? choose(u.doc, heads, u.node) : undefined;
        if (pick && pick !== 'ambiguous' && !pick.sameDoc) pick = undefined;
        how = 'head word';
      }
      if (pick && pick !== 'ambiguous') {
        uf.union(pick.root, u.node, `"${u.items[0]!.clean}" = ${how} of "${display(pick.group)}"${pick.sameDoc ? '' : ' (corpus)'}`);
        done = true;
      }
    }
    // a company's name with its legal form is no one's surname ("Swank Inc", "Tamura Corp" beside Hilary Swank, Hajime Tamura)
    if (!done && u.kind !== 'acronym' && !u.items.some((it) => endsInCorporateSuffix(it.clean))) {
      const cands = bySurname.get(u.token) ?? [];
      const pick = cands.length ? choose(u.doc, cands, u.node) : undefined;
      const placeTyped = u.items.every((it) => it.type === 'place') && !isKnownPlace(u.items[0]!.clean);
      const titled = pick === 'ambiguous' && personish ? titledBearer(u, cands) : undefined;
      if (pick && pick !== 'ambiguous' && (pick.sameDoc || personish || placeTyped || groupType(u.group) === 'person')) {
        uf.union(pick.root, u.node, `"${u.items[0]!.clean}" = surname of "${display(pick.group)}"${pick.sameDoc ? '' : ' (corpus)'}`);
        done = true;
      } else if (titled) {
        uf.union(titled.root, u.node, `"${u.items[0]!.clean}" = surname of "${display(titled.group)}" (corpus: the only one titled ${titled.role})`);
        const to = titledTo.get(u.group) ?? titledTo.set(u.group, new Map()).get(u.group)!;
        to.set(titled.group, (to.get(titled.group) ?? 0) + 1);
        done = true;
      } else if (!pick && personish) {
        const first = byGiven.get(u.token) ?? [];
        const p = first.length ? choose(u.doc, first, u.node) : undefined;
        if (p && p !== 'ambiguous' && p.sameDoc) {
          uf.union(p.root, u.node, `"${u.items[0]!.clean}" = first name of "${display(p.group)}" (same document)`);
          done = true;
        }
      }
    }
    if (!done) uf.union(u.group, u.node);
  }

  // Step 4e: a person's surname the corpus writes with a title for one bearer only, in three documents
  // or more ("President Reagan" → Ronald Reagan), is that bearer where it is written without one too.
  for (const [group, to] of [...titledTo].sort((a, b) => a[0] - b[0])) {
    if (to.size !== 1 || groupType(group) !== 'person') continue;
    const [bearer, n] = [...to][0]!;
    if (n >= 3) uf.union(bearer, group, `"${display(group)}" = surname of "${display(bearer)}" (corpus: titled as that person in ${n} documents)`);
  }

  function addAlias(root: number, alias: string): void {
    const set = extraAliases.get(root) ?? new Set<string>();
    set.add(alias);
    extraAliases.set(root, set);
  }

  // Step 5: build the entities.
  const clusters = new Map<number, Item[]>();
  for (const it of items) {
    const r = uf.find(it.unit);
    const list = clusters.get(r) ?? [];
    list.push(it);
    clusters.set(r, list);
  }
  const refsOf = new Map<number, { m: EntityMention; doc: string; ctx: DocMentions }[]>();
  for (const p of pending) {
    let target: EntityMention | undefined = p.m;
    let item: Item | undefined;
    for (let hops = 0; hops < 6 && target?.refersTo; hops++) {
      item = p.ctx.items.get(target.refersTo);
      if (item) break;
      target = (p.ctx.byId ??= new Map(p.ctx.mentions.map((m) => [m.id, m]))).get(target.refersTo);
    }
    if (!item) continue;
    const r = uf.find(item.unit);
    p.root = r;
    const list = refsOf.get(r) ?? [];
    list.push(p);
    refsOf.set(r, list);
  }

  const reasonsOf = new Map<number, string[]>();
  for (const { node, reason } of uf.reasons) {
    const r = uf.find(node);
    const list = reasonsOf.get(r) ?? [];
    if (list.length < MAX_REASONS && !list.includes(reason)) list.push(reason);
    reasonsOf.set(r, list);
  }
  const aliasesOf = new Map<number, Set<string>>();
  for (const [node, set] of extraAliases) {
    const r = uf.find(node);
    const acc = aliasesOf.get(r) ?? new Set<string>();
    for (const a of set) acc.add(a);
    aliasesOf.set(r, acc);
  }

  // An entity is a function of its cluster's members, references, defined aliases and merge reasons:
  // one whose inputs are those of the previous resolve's (an update keeps most) is taken over, not
  // assembled again. The inputs are compared in full (mentions by identity: an update keeps the
  // unchanged documents' records), so the result is that of assembling it.
  const previousAssembly = options.memo ? assemblyOf.get(options.memo) : undefined;
  const assembly = memoOut && options.holdMemo ? new Map<EntityMention, Assembled>() : undefined;
  let assembledAgain = 0;
  const built: { root: number; entity: Entity; first: string; base: string }[] = [];
  for (const [root, members] of clusters) {
    const refs = refsOf.get(root) ?? [];
    const defined = aliasesOf.get(root);
    const reasonsIn = reasonsOf.get(root) ?? [];
    const prev = previousAssembly?.get(members[0]!.m);
    let a: Assembled;
    if (prev && sameAssemblyInputs(prev, members, refs, defined, reasonsIn, uf.names)) a = prev;
    else {
      a = assembleEntity(members, refs, defined, reasonsIn, lexHits, uf.names, assembly !== undefined);
      assembledAgain++;
    }
    assembly?.set(members[0]!.m, a);
    const e = a.entity;
    // what is kept for the next resolve is copied: a caller may hold (and change) the entities it got
    const entity: Entity =
      assembly || a === prev
        ? { id: '', type: e.type, label: e.label, aliases: [...e.aliases], mentions: [...e.mentions], roles: e.roles.map((r) => ({ role: r.role, docs: [...r.docs] })), mergeReasons: [...e.mergeReasons] }
        : { id: '', ...e };
    built.push({ root, first: a.first, base: a.base, entity });
  }

  // Ids: `${type}:${slug}`; on collision a suffix in the order of the entities' first mentions.
  built.sort((a, b) => cmp(a.base, b.base) || cmp(a.first, b.first));
  const used = new Set<string>();
  const idOfRoot: string[] = [];
  for (const b of built) {
    let id = b.base;
    for (let i = 2; used.has(id); i++) id = `${b.base}-${i}`;
    used.add(id);
    b.entity.id = id;
    idOfRoot[b.root] = id;
  }
  // Mention → entity, per document when first asked for: what the index keeps of the resolver is each
  // unit's root, the items and the entities' ids.
  const rootOf = new Int32Array(uf.parent.length);
  for (const u of unitList) rootOf[u.node] = uf.find(u.node);
  const entityOf = lazyEntityIndex(ctxByDoc, itemsByDoc, rootOf, idOfRoot);
  const entities = built.map((b) => b.entity).sort((a, b) => cmp(a.id, b.id));
  const result: Resolution = { entities, entityOf };
  if (memoOut) {
    result.memo = memoOut.done();
    if (assembly) assemblyOf.set(result.memo, assembly);
    if (options.memo?.format === RESOLVE_MEMO_FORMAT) {
      const present = new Set(sorted.map((ex) => ex.doc));
      const removed = options.memo.docs.map((d) => d.doc).filter((d) => !present.has(d));
      result.memo.delta = { source: options.memo.source, changed: classifiedAgain, removed };
    }
  }
  if (options.memo) {
    result.memoReused = reused;
    result.assembledAgain = assembledAgain;
  }
  return result;
}

/**
 * The mention → entity index of a resolve, filled per document on demand. A function of its own so that
 * the index holds only what it is given, not the resolver's other working state (a closure made inside
 * `resolveEntities` would keep all of it alive as long as the index).
 */
function lazyEntityIndex(ctxByDoc: Map<string, DocMentions>, itemsByDoc: Map<string, Item[]>, rootOf: Int32Array, idOfRoot: string[]): EntityIndex {
  return new EntityIndex([...ctxByDoc.keys()], (doc) => {
    const ctx = ctxByDoc.get(doc);
    if (!ctx) return undefined;
    const map = new Map<string, string>();
    for (const it of itemsByDoc.get(doc) ?? []) map.set(it.m.id, idOfRoot[rootOf[it.unit]!]!);
    for (const p of ctx.refs) if (p.root !== undefined) map.set(p.m.id, idOfRoot[p.root]!);
    return map;
  });
}

/** Corpus-wide facts a classification consulted. */
interface Consults {
  known: Set<string>;
  unknown: Set<string>;
  surnames: Set<string>;
  otherSurnames: Set<string>;
}

interface CachedClass {
  c: Classification | null;
  consulted: Consults;
}

const newConsults = (): Consults => ({ known: new Set(), unknown: new Set(), surnames: new Set(), otherSurnames: new Set() });

function mergeConsults(into: Consults, from: Consults): void {
  for (const k of from.known) into.known.add(k);
  for (const k of from.unknown) into.unknown.add(k);
  for (const k of from.surnames) into.surnames.add(k);
  for (const k of from.otherSurnames) into.otherSurnames.add(k);
}

const consultsOut = (c: Consults): Pick<DocMemo, 'known' | 'unknown' | 'surnames' | 'otherSurnames'> => ({
  known: [...c.known].sort(cmp),
  unknown: [...c.unknown].sort(cmp),
  surnames: [...c.surnames].sort(cmp),
  otherSurnames: [...c.otherSurnames].sort(cmp),
});

/**
 * A checksum (32-bit FNV-1a) of what the memo is made of: the ids, spans, kinds, types, texts,
 * canonical names and group flags of a document's names and mentions carrying a canonical name.
 * A memo is only reused for the same mentions.
 */
export function mentionSignature(mentions: readonly EntityMention[]): number {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  };
  const int = (n: number): void => {
    h ^= n;
    h = Math.imul(h, 0x01000193);
  };
  for (const m of mentions) {
    if (m.kind !== 'name' && !m.canonical) continue;
    mix(m.id);
    int(m.start);
    int(m.end);
    mix(m.kind);
    mix(m.type);
    int(m.group ? 1 : 0);
    mix(m.text);
    mix(m.canonical ?? '');
  }
  return h >>> 0;
}

/** True when a memo's classifications can be those of the mentions (one per name, valid indexes). */
function fitsMentions(d: DocMemo, mentions: readonly EntityMention[], classCount: number): boolean {
  let named = 0;
  for (const m of mentions) if (m.kind === 'name' || m.canonical) named++;
  return named === d.classes.length && d.classes.every((i) => Number.isInteger(i) && i >= 0 && i < classCount);
}

/**
 * Builds a memo. A classification shared by several mentions (the classification cache) or taken
 * over from the previous memo is stored once; equal ones from both are merged when the memo is
 * written (store/).
 */
class MemoWriter {
  private readonly classes: (Classification | null)[] = [];
  private readonly byObject = new Map<Classification | null, number>();
  private readonly docs: DocMemo[] = [];
  /** Previous memo's class index → this memo's (−1: not taken over yet). */
  private readonly fromPrevious: Int32Array;

  constructor(private readonly previous: readonly (Classification | null)[]) {
    this.fromPrevious = new Int32Array(previous.length).fill(-1);
  }

  private indexOf(c: Classification | null): number {
    let i = this.byObject.get(c);
    if (i === undefined) {
      i = this.classes.length;
      this.classes.push(c);
      this.byObject.set(c, i);
    }
    return i;
  }

  private indexOfPrevious(old: number): number {
    let i = this.fromPrevious[old]!;
    if (i < 0) {
      i = this.classes.length;
      this.classes.push(this.previous[old]!);
      this.fromPrevious[old] = i;
    }
    return i;
  }

  /** A document classified in this resolve. */
  add(doc: string, hash: string, sig: number, votes: DocMemo['votes'], classes: (Classification | null)[], facts: Consults): void {
    const { known, unknown, surnames, otherSurnames } = consultsOut(facts);
    this.docs.push({ doc, hash, sig, votes, classes: classes.map((c) => this.indexOf(c)), known, unknown, surnames, otherSurnames });
  }

  /** A document whose previous memo was reused as it is. */
  reuse(d: DocMemo): void {
    this.docs.push({ ...d, classes: d.classes.map((i) => this.indexOfPrevious(i)) });
  }

  done(): ResolveMemo {
    return { format: RESOLVE_MEMO_FORMAT, classes: this.classes, docs: this.docs };
  }
}

/** Two words of names that are one word written otherwise: a plural, a shortening (4 letters or more) or a one-letter slip (5 or more). */
/**
 * True when two names are different names, not one written more or less fully or spelt otherwise:
 * neither's words (without "of", "for", "the" …) are all among the other's (see `sameWord`).
 */
function wordsDiffer(a: string, b: string): boolean {
  return differentWords(contentWords(orgKey(a.replace(/-/g, ''))), contentWords(orgKey(b.replace(/-/g, ''))));
}

/** Adds a name key's content words (without "of", "for", "the" …) to `out`. */
function contentWords(key: string, out = new Set<string>()): Set<string> {
  for (const w of key.split(' ')) if (w && !STOPWORD_END.has(w)) out.add(w);
  return out;
}

/** True when neither set of words is found within the other (each word itself or as `sameWord`). */
function differentWords(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const within = (p: ReadonlySet<string>, q: ReadonlySet<string>) => [...p].every((w) => q.has(w) || [...q].some((x) => sameWord(w, x)));
  return !within(a, b) && !within(b, a);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const singular = (w: string) => (w.length > 4 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
  a = singular(a);
  b = singular(b);
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length >= 4 && l.startsWith(s)) return true;
  return s.length >= 5 && withinOneEdit(s, l);
}

/** Words for a body inside an organisation, named after it: "American Medical Association Board of Trustees". */
const SUB_BODIES = new Set([
  'council', 'committee', 'subcommittee', 'division', 'bureau', 'branch', 'chapter', 'panel', 'trustees', 'directors',
  'governors', 'foundation', 'press',
]);

/**
 * Whether the words from `n` on name a body inside the organisation the first `n` words name ("American
 * Medical Association" + "Board of Trustees", "… Council on Ethical and Judicial Affairs", "… Press"), so
 * that the shorter name is not short for the longer one. A "Board" is one only before "of" ("Federal
 * Reserve Board" is the Federal Reserve).
 */
function namesSubBody(tokens: readonly string[], n: number): boolean {
  const next = tokens[n];
  // the shorter name must be an organisation's whole name ("… Association"); "Senate Agriculture" is a
  // name cut short of "Senate Agriculture Committee"
  if (next === undefined || !isOrganizationWord(tokens[n - 1]!)) return false;
  return SUB_BODIES.has(next) || (next === 'board' && tokens[n + 1] === 'of');
}

const STOPWORD_END = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'des', 'la', 'le', 'al', 'el', 'on', 'in', 'at', '&']);

/**
 * True when the full name `s` may be a shorter way of writing `l` (same surname): its given names appear
 * in order among `l`'s (nicknames and clipped forms allowed: "Fred" / "Frederick", "Katie" / "Kathryn"),
 * initials agree when `s` has any (George W. Bush ≠ George H. W. Bush), and a Jr / Sr only on `l`.
 */
function extendsName(s: PersonKey, l: PersonKey): boolean {
  if (s.key === l.key || s.surname !== l.surname) return false;
  if (s.suffix && s.suffix !== l.suffix) return false;
  if (s.given.length > l.given.length) return false;
  const shortInitials = s.given.filter((g) => g.length === 1);
  if (shortInitials.length) {
    const longInitials = l.given.filter((g) => g.length === 1);
    if (shortInitials.join() !== longInitials.join()) return false;
  }
  let j = 0;
  for (const g of l.given) if (j < s.given.length && givenMatches(s.given[j]!, g)) j++;
  return j === s.given.length;
}

/**
 * The canonical label: the lexicon's name as the documents write it, when they do ("Iran", not
 * "Islamic Republic of Iran"; "China", not "People's Republic of China"); otherwise the fullest proper
 * name as written, without titles; mixed case over all caps.
 */
function chooseLabel(members: Item[], type: EntityType, lex: LexiconHit | undefined): string {
  const counts = new Map<string, number>();
  const named = members.filter((it) => !it.viaCanonical);
  const pool = named.filter((it) => it.type === type);
  for (const it of pool.length ? pool : named) counts.set(it.clean, (counts.get(it.clean) ?? 0) + 1);
  if (!counts.size) {
    const canon = members.find((it) => it.viaCanonical)?.m.canonical;
    return canon?.trim() || lex?.canonical || members[0]?.clean || 'unnamed';
  }
  let names = [...counts.keys()];
  if (lex) {
    const canonical = normalizeName(lex.canonical);
    const written = names.filter((name) => normalizeName(name) === canonical);
    if (written.length) names = written;
  }
  const score = (s: string): [number, number, number, number] => {
    // a corporate suffix adds no word: "Bank of Japan" written 250 times, not "Bank of Japan Ltd" once
    const words = nameWordCount(s);
    const acronym = isAcronymSurface(s) ? 1 : 0;
    return [acronym ? 0 : words, isAllCaps(s) && !acronym ? 0 : 1, counts.get(s) ?? 0, s.length];
  };
  return names.sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
    return cmp(a, b);
  })[0]!;
}

/** What an entity was assembled from (compared by the next resolve) and the result. */
interface Assembled {
  ms: EntityMention[];
  docs: string[];
  types: EntityType[];
  cleans: string[];
  roles: (string | undefined)[];
  groups: string[];
  refMs: EntityMention[];
  refDocs: string[];
  defined: string[];
  reasons: string[];
  entity: Omit<Entity, 'id'>;
  first: string;
  base: string;
}

/**
 * The previous resolve's assembled entities, by the memo that resolve returned (kept in memory only:
 * a memo read from disk has none, and writing a memo does not write them).
 */
const assemblyOf = new WeakMap<ResolveMemo, Map<EntityMention, Assembled>>();

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** True when a cluster's inputs are exactly those an entity was assembled from. */
function sameAssemblyInputs(
  a: Assembled,
  members: readonly Item[],
  refs: readonly Positioned[],
  defined: ReadonlySet<string> | undefined,
  reasonsIn: readonly string[],
  names: readonly string[],
): boolean {
  if (a.ms.length !== members.length || a.refMs.length !== refs.length || a.defined.length !== (defined?.size ?? 0)) return false;
  for (let i = 0; i < members.length; i++) {
    const it = members[i]!;
    if (it.m !== a.ms[i] || it.doc !== a.docs[i] || it.type !== a.types[i] || it.clean !== a.cleans[i] || it.role !== a.roles[i] || names[it.group] !== a.groups[i]) return false;
  }
  for (let i = 0; i < refs.length; i++) if (refs[i]!.m !== a.refMs[i] || refs[i]!.doc !== a.refDocs[i]) return false;
  if (defined) {
    let i = 0;
    for (const x of defined) if (x !== a.defined[i++]) return false;
  }
  return sameList(a.reasons, reasonsIn);
}

/** Builds an entity (without its id) from its cluster: type, label, aliases, roles, merge reasons, mentions. */
function assembleEntity(
  members: Item[],
  refs: readonly Positioned[],
  defined: ReadonlySet<string> | undefined,
  reasonsIn: readonly string[],
  lexHits: ReadonlyMap<number, LexiconHit>,
  names: readonly string[],
  keepInputs: boolean,
): Assembled {
  const votes = new Map<EntityType, number>();
  let lex: LexiconHit | undefined;
  // Multi-word names are typed more reliably than one-word ones ("Phil Ford" vs "Ford"): they decide
  // when the entity has any.
  const multiWord = members.some((it) => !it.viaCanonical && it.clean.includes(' '));
  for (const it of members) {
    if (multiWord && (it.viaCanonical || !it.clean.includes(' '))) continue;
    votes.set(it.type, (votes.get(it.type) ?? 0) + (it.viaCanonical ? 1 : 2));
    const g = it.group;
    const hit = lexHits.get(g);
    if (hit && (!lex || hit.id < lex.id)) lex = hit;
  }
  if (!multiWord) for (const r of refs) votes.set(r.m.type, (votes.get(r.m.type) ?? 0) + 0.5);
  const type = lex?.type ?? [...votes].sort((a, b) => b[1] - a[1] || TYPE_ORDER.indexOf(a[0]) - TYPE_ORDER.indexOf(b[0]))[0]![0];
  const label = chooseLabel(members, type, lex);
  const aliases = new Set<string>();
  for (const it of members) {
    if (it.viaCanonical) continue;
    const a = aliasForm(it.m.text);
    if (a) aliases.add(a);
    if (it.clean) aliases.add(it.clean);
  }
  for (const a of defined ?? []) aliases.add(a);
  aliases.add(label);
  const roleDocs = new Map<string, Set<string>>();
  for (const it of members) {
    if (!it.role) continue;
    const set = roleDocs.get(it.role) ?? new Set<string>();
    set.add(it.doc);
    roleDocs.set(it.role, set);
  }
  const roles: EntityRole[] = [...roleDocs]
    .sort((a, b) => cmp(a[0], b[0]))
    .map(([role, docs]) => ({ role, docs: [...docs].sort(cmp) }));
  const reasons = [...reasonsIn];
  const variants = new Map<string, Set<string>>();
  for (const it of members) {
    if (it.viaCanonical) continue;
    const g = names[it.group]!;
    const set = variants.get(g) ?? new Set<string>();
    set.add(it.clean);
    variants.set(g, set);
  }
  for (const [, set] of [...variants].sort((a, b) => cmp(a[0], b[0]))) {
    const forms = [...set].sort(cmp);
    for (const f of forms.slice(1)) {
      if (reasons.length >= MAX_REASONS) break;
      reasons.push(`"${f}" = "${forms[0]}" (same name: case, accents, spelling or suffix)`);
    }
  }
  for (const it of members) {
    if (!it.viaCanonical || reasons.length >= MAX_REASONS) continue;
    const r = `"${it.m.text}" → "${it.m.canonical}" (canonical)`;
    if (!reasons.includes(r)) reasons.push(r);
  }
  const all = refs.length ? mergeByPosition(members, refs) : members;
  // one per span (`all` is sorted, so the same span's mentions are adjacent)
  const mentions: MentionRef[] = [];
  let last: MentionRef | undefined;
  for (const x of all) {
    if (last && last.doc === x.doc && last.start === x.m.start && last.end === x.m.end) continue;
    last = { doc: x.doc, start: x.m.start, end: x.m.end };
    mentions.push(last);
  }
  const entity = { type, label, aliases: [...aliases].sort(cmp), mentions, roles, mergeReasons: reasons };
  const first = `${all[0]!.doc}#${all[0]!.m.id}`;
  const base = `${type}:${slugify(label)}`;
  const none: never[] = [];
  return {
    ms: keepInputs ? members.map((it) => it.m) : none,
    docs: keepInputs ? members.map((it) => it.doc) : none,
    types: keepInputs ? members.map((it) => it.type) : none,
    cleans: keepInputs ? members.map((it) => it.clean) : none,
    roles: keepInputs ? members.map((it) => it.role) : none,
    groups: keepInputs ? members.map((it) => names[it.group]!) : none,
    refMs: keepInputs ? refs.map((r) => r.m) : none,
    refDocs: keepInputs ? refs.map((r) => r.doc) : none,
    defined: keepInputs && defined ? [...defined] : none,
    reasons: keepInputs ? [...reasonsIn] : none,
    entity,
    first,
    base,
  };
}
