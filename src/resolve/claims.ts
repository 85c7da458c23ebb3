/**
 * Groups the claims of all documents by what they are about, marking those where documents
 * report different values as disputed. Pure.
 *
 * Numeric claims are about the same fact when their property and the class of what they count agree
 * ("killed: turkish soldiers"). A claim that leaves the nationality out ("34 soldiers killed") joins
 * the one group of that property and head that names a nationality, when there is exactly one;
 * otherwise it stays on its own. Values are the figures as reported ("33", "more than 948,000",
 * "nearly one million"); documents disagree when they report different figures.
 *
 * Factual claims are grouped conservatively, through the resolved entities when given:
 * - location / perpetrator / day of an attack: by the casualty fact that identifies the attack
 *   (the same grouping as the numeric claims). Places disagree only at the same level of detail
 *   (two different towns; not a province and a town in it); perpetrators only when they name
 *   different states or groups ("Syrian government forces" and "Damascus" agree).
 * - statement day: by speaker entity AND closely matching content (shared content words, with a few
 *   news synonyms), so two statements of one person on different days are not a dispute.
 * - contact form (phone call / meeting): by the unordered pair of people.
 * Factual groups are kept only when at least two documents report the fact.
 *
 * All of it within one story: reports of the same kind of fact ("killed: people") in documents about
 * different events are no dispute. Two documents tell one story when they were published at most
 * STORY_DAYS apart (or either is undated) and name an entity in common that is not a hub of the
 * corpus; stories are the chains of such links. A fact reported in several stories gets one group per
 * story, its `about` naming the story by the entity most of its documents name and its first day
 * (`killed: people (Chad, 1987-03-20)`). The five outlets on one air strike are one story.
 */
import type { Claim, ClaimGroup, DocumentExtraction, Evidence, Span } from '../types.js';

/** What grouping may know of the resolved entities. */
export interface ClaimResolution {
  /** `${doc}#${mentionId}` → entity id. */
  entityOf: ReadonlyMap<string, string>;
  /** Entity id → label, for readable `about` labels. */
  labels?: ReadonlyMap<string, string>;
  /** Document id → publication date (ISO, `Document.published`), for telling stories apart. */
  published?: ReadonlyMap<string, string | null>;
  /**
   * Entity id → the number of documents that name it, for telling hubs apart (a graph build has it
   * at hand); without it, counted here over every document.
   */
  documentCount?: (entity: string) => number;
  /**
   * Document id → its text, for each value's `evidence` (the sentences that report it); without it
   * values carry no evidence.
   */
  textOf?: (doc: string) => string | undefined;
}

/** Reports published more than this many days apart are of different stories. */
export const STORY_DAYS = 3;
const DAY_MS = 86_400_000;
/**
 * An entity named in more documents than this (and than HUB_SHARE of them) says nothing about which
 * story a document tells ("United States", "Reuters" in a year of wire copy).
 */
const HUB_DOCUMENTS = 50;
const HUB_SHARE = 0.01;
/**
 * Entities two documents of one story name in common (fewer only when one names fewer): one shared
 * name links unrelated stories of a large corpus through a country or company named in passing.
 */
const STORY_SHARED = 2;

/** What tells stories apart: each document's publication time and the entities it names that are no hubs. */
interface StoryKeys {
  timeOf(doc: string): number | undefined;
  entitiesOf(doc: string): ReadonlySet<string>;
  label(entity: string): string;
}

/**
 * Story keys, each document's entities found only when asked for: a build groups the claims of a few
 * hundred documents, not of all 21,000 (every entity of every document was 0.2 s of each update).
 */
function storyKeys(extractions: readonly DocumentExtraction[], resolution: ClaimResolution | undefined): StoryKeys {
  const published = resolution?.published;
  const entityOf = resolution?.entityOf;
  const named = (ex: DocumentExtraction): Set<string> => {
    const set = new Set<string>();
    if (entityOf) {
      for (const m of ex.mentions) {
        const e = entityOf.get(`${ex.doc}#${m.id}`);
        if (e !== undefined) set.add(e);
      }
    }
    return set;
  };
  let documentCount = resolution?.documentCount;
  if (!documentCount) {
    const counts = new Map<string, number>();
    for (const ex of extractions) for (const e of named(ex)) counts.set(e, (counts.get(e) ?? 0) + 1);
    documentCount = (e) => counts.get(e) ?? 0;
  }
  const hub = Math.max(HUB_DOCUMENTS, extractions.length * HUB_SHARE);
  const extractionOf = new Map(extractions.map((ex) => [ex.doc, ex]));
  const byDoc = new Map<string, Set<string>>();
  const none = new Set<string>();
  const timeOf = (doc: string): number | undefined => {
    const p = published?.get(doc);
    const t = p ? Date.parse(p) : NaN;
    return Number.isFinite(t) ? t : undefined;
  };
  // Undated reports link only among themselves, so what is a hub among them counts too: in a year of
  // dated wire copy beside an archive of undated articles, the prime minister of the archive's country
  // is named in few of all documents but in every other article of the archive.
  let undated: { count: Map<string, number>; hub: number } | undefined;
  const undatedHubs = () => {
    if (!undated) {
      const count = new Map<string, number>();
      let n = 0;
      for (const ex of extractions) {
        if (timeOf(ex.doc) !== undefined) continue;
        n++;
        for (const e of named(ex)) count.set(e, (count.get(e) ?? 0) + 1);
      }
      undated = { count, hub: Math.max(HUB_DOCUMENTS, n * HUB_SHARE) };
    }
    return undated;
  };
  return {
    timeOf,
    entitiesOf: (doc) => {
      let set = byDoc.get(doc);
      if (!set) {
        const ex = extractionOf.get(doc);
        const local = ex && timeOf(doc) === undefined ? undatedHubs() : undefined;
        set = ex ? new Set([...named(ex)].filter((e) => documentCount(e) <= hub && (!local || (local.count.get(e) ?? 0) <= local.hub))) : none;
        byDoc.set(doc, set);
      }
      return set;
    },
    label: (e) => resolution?.labels?.get(e) ?? e.replace(/^[a-z]+:/, ''),
  };
}

/**
 * The items of one fact split by story, each with the suffix its group's `about` takes (none when
 * there is one story). Two documents tell one story when they were published at most STORY_DAYS
 * apart and name STORY_SHARED entities in common that are no hubs; stories are the chains of such
 * links, undated reports linking among themselves and joining the dated ones only when those make
 * one story. Without resolved entities (grouping claims alone), only dates tell stories apart.
 */
function byStory<T extends { doc: string }>(items: readonly T[], keys: StoryKeys, withEntities: boolean): { items: T[]; suffix: string }[] {
  const docs = [...new Set(items.map((it) => it.doc))].sort(cmp);
  if (docs.length < 2) return [{ items: [...items], suffix: '' }];
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const times = docs.map((d) => keys.timeOf(d));
  /** Whether documents i and j name enough entities in common. */
  const link = (i: number, j: number): boolean => {
    if (!withEntities) return true;
    const a = keys.entitiesOf(docs[i]!);
    const b = keys.entitiesOf(docs[j]!);
    let shared = 0;
    for (const e of a) if (b.has(e)) shared++;
    return shared > 0 && shared >= Math.min(STORY_SHARED, a.size, b.size);
  };
  // Dated documents with dated, undated with undated: an undated report must not join two stories
  // its dated neighbours keep apart.
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      const ti = times[i];
      const tj = times[j];
      if (ti === undefined || tj === undefined) continue;
      if (Math.abs(ti - tj) > STORY_DAYS * DAY_MS) continue;
      if (link(i, j)) parent[find(j)] = find(i);
    }
  }
  // Undated reports have no dates to keep a chain of links short (a tsunami story, a terrorism debate
  // naming the same ministers, a story on IRA bombings naming the same city): one joins a story when it
  // is linked to at least half of the story's reports so far, not to any one of them.
  const undatedStories: number[][] = [];
  for (let i = 0; i < docs.length; i++) {
    if (times[i] !== undefined) continue;
    let best: number[] | undefined;
    let bestLinks = 0;
    for (const story of undatedStories) {
      let links = 0;
      for (const j of story) if (link(i, j)) links++;
      if (links * 2 >= story.length && links > bestLinks) [best, bestLinks] = [story, links];
    }
    if (best) {
      best.push(i);
      parent[find(i)] = find(best[0]!);
    } else undatedStories.push([i]);
  }
  // Then undated reports join the dated ones when those make one story (outlets that gave no date
  // on an event the others date); beside several dated stories they cannot be placed, and stay apart.
  const datedStories = new Set(docs.map((_, i) => i).filter((i) => times[i] !== undefined).map(find));
  if (datedStories.size === 1) {
    const story = [...datedStories][0]!;
    const linked = new Set<number>();
    for (let i = 0; i < docs.length; i++) {
      if (times[i] !== undefined) continue;
      for (let j = 0; j < docs.length; j++) if (times[j] !== undefined && link(i, j)) linked.add(find(i));
    }
    for (const undated of linked) parent[find(undated)] = find(story);
  }
  const storyOf = new Map(docs.map((d, i) => [d, find(i)]));
  const stories = new Map<number, T[]>();
  for (const it of items) {
    const k = storyOf.get(it.doc)!;
    (stories.get(k) ?? stories.set(k, []).get(k)!).push(it);
  }
  if (stories.size === 1) return [{ items: [...items], suffix: '' }];
  // Each story named by the entity most of its documents name, and its first day.
  const named = [...stories.values()].map((members) => {
    const ds = [...new Set(members.map((m) => m.doc))];
    const count = new Map<string, number>();
    for (const d of ds) for (const e of keys.entitiesOf(d)) count.set(e, (count.get(e) ?? 0) + 1);
    const top = [...count].sort((x, y) => y[1] - x[1] || cmp(x[0], y[0]))[0];
    const times = ds.map((d) => keys.timeOf(d)).filter((t): t is number => t !== undefined);
    const day = times.length ? new Date(Math.min(...times)).toISOString().slice(0, 10) : '';
    const name = [top && ds.length > 1 ? keys.label(top[0]) : '', day].filter(Boolean).join(', ') || ds.sort(cmp)[0]!;
    return { items: members, name };
  });
  const seen = new Map<string, number>();
  return named.map(({ items: members, name }) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { items: members, suffix: ` (${n > 1 ? `${name} #${n}` : name})` };
  });
}

const EVENT_PROPERTIES = new Set(['location', 'perpetrator', 'day']);
const FACTUAL = new Set([...EVENT_PROPERTIES, 'statement day', 'contact']);

/** The head class of a normalised claim subject: its last word (`turkish soldiers` → `soldiers`). */
function headOf(subject: string): string {
  const words = subject.split(' ');
  return words[words.length - 1] ?? subject;
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Item {
  doc: string;
  claim: Claim;
  /** The sentence the claim is made in, when the extraction has it. */
  sentence?: Span;
}

/** "in 1985", "In March 1985", "during 1998": a fact dated to a year. */
const IN_YEAR = /\b(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+)?((?:19|20)\d\d)(?!\d|,\d)/gi;

/**
 * The year before its document's own that a claim's sentence dates its fact to ("In 1985, more than
 * 200 were feared dead" in a report of 1987), when the document is dated and the sentence names one
 * such year only: a figure of another year's event, which disputes nothing the story reports.
 */
function pastYearOf(it: Item, resolution: ClaimResolution | undefined): number | undefined {
  const published = resolution?.published?.get(it.doc);
  if (!published || !it.sentence) return undefined;
  const own = Number(published.slice(0, 4));
  const text = resolution?.textOf?.(it.doc)?.slice(it.sentence.start, it.sentence.end);
  if (!text || !Number.isFinite(own)) return undefined;
  const years = new Set<number>();
  for (const m of text.matchAll(IN_YEAR)) years.add(Number(m[1]));
  if (years.size !== 1) return undefined;
  const [year] = years as unknown as [number];
  return year < own ? year : undefined;
}

/** Groups per-document claims across documents; sorted by `about`. */
export function groupClaims(extractions: readonly DocumentExtraction[], resolution?: ClaimResolution): ClaimGroup[] {
  const all: Item[] = [];
  for (const ex of [...extractions].sort((a, b) => cmp(a.doc, b.doc))) {
    for (const claim of ex.claims) {
      const sentence = ex.sentences[claim.sentence];
      all.push(sentence ? { doc: ex.doc, claim, sentence } : { doc: ex.doc, claim });
    }
  }
  const add = (g: ClaimGroup, it: Item) => addValue(g, it, resolution);
  const numeric = all.filter((x) => !FACTUAL.has(x.claim.property));
  // which qualified subjects exist per property + head
  const qualified = new Map<string, Set<string>>();
  for (const { claim } of numeric) {
    if (claim.subject.includes(' ')) {
      const k = `${claim.property}\u0000${headOf(claim.subject)}`;
      (qualified.get(k) ?? qualified.set(k, new Set()).get(k)!).add(claim.subject);
    }
  }
  const canonicalSubject = (property: string, subject: string): string => {
    if (subject.includes(' ')) return subject;
    const options = qualified.get(`${property}\u0000${headOf(subject)}`);
    return options?.size === 1 ? [...options][0]! : subject;
  };

  const keys = storyKeys(extractions, resolution);
  // Facts about a generic subject ("killed: people") need a shared entity; statements and contacts
  // are grouped by their speaker or pair already, so only the dates tell their stories apart.
  const stories = <T extends { doc: string }>(items: readonly T[], byEntities = true) => byStory(items, keys, byEntities && resolution !== undefined);
  const out: ClaimGroup[] = [];
  const byFact = new Map<string, { subject: string; property: string; items: Item[] }>();
  for (const it of numeric) {
    const subject = canonicalSubject(it.claim.property, it.claim.subject);
    // "In 1985, 147 died when a launch sank" in a story of 1987: another year's fact, not the story's
    const year = pastYearOf(it, resolution);
    const property = year === undefined ? it.claim.property : `${it.claim.property} in ${year}`;
    const about = `${property}: ${subject}`;
    (byFact.get(about) ?? byFact.set(about, { subject, property, items: [] }).get(about)!).items.push(it);
  }
  for (const [about, { subject, property, items }] of byFact) {
    for (const story of stories(items)) {
      const g: ClaimGroup = { about: `${about}${story.suffix}`, property, subject, values: [], disputed: false };
      for (const it of story.items) add(g, it);
      g.disputed = differentDocs(g.values.map((v) => ({ ...v, key: v.value })));
      out.push(g);
    }
  }

  // attacks: location, perpetrator, day, by the casualty fact that identifies the attack
  const byEvent = new Map<string, Item[]>();
  for (const it of all) {
    const c = it.claim;
    if (!EVENT_PROPERTIES.has(c.property) || !c.event) continue;
    const [property, ...rest] = c.event.split(': ');
    const subject = canonicalSubject(property!, rest.join(': '));
    const k = `${c.property}\u0000${property}\u0000${subject}`;
    (byEvent.get(k) ?? byEvent.set(k, []).get(k)!).push(it);
  }
  for (const [k, all] of byEvent) {
   for (const story of stories(all)) {
    const items = story.items;
    const [property, eventProperty, subject] = k.split('\u0000') as [string, string, string];
    const attack = `the attack that ${eventProperty} ${subject}`;
    const about = (property === 'location' ? `where ${attack} took place` : property === 'perpetrator' ? `who carried out ${attack}` : `day of ${attack}`) + story.suffix;
    let kept = items;
    if (property === 'location') {
      // each document's most detailed place(s) only: "Idlib" adds nothing beside "the Behun area"
      const best = new Map<string, number>();
      for (const { doc, claim } of items) best.set(doc, Math.max(best.get(doc) ?? 0, claim.rank ?? 0));
      kept = items.filter(({ doc, claim }) => (claim.rank ?? 0) === best.get(doc));
    }
    const g: ClaimGroup = { about, property, subject: `${eventProperty}: ${subject}`, values: [], disputed: false };
    for (const it of kept) add(g, it);
    if (new Set(kept.map((x) => x.doc)).size < 2) continue;
    g.disputed = eventDisputed(property, kept);
    out.push(g);
   }
  }

  // statements: same speaker, closely matching content
  const speakerOf = (it: Item, i = 0): string => {
    const m = it.claim.actors?.[i];
    const id = m ? resolution?.entityOf.get(`${it.doc}#${m}`) : undefined;
    const names = it.claim.subject.split(' & ');
    return id ?? `name:${(names[i] ?? names[0] ?? '').toLowerCase()}`;
  };
  const labelOf = (id: string, fallback: string) => resolution?.labels?.get(id) ?? fallback;
  const statements = all.filter((x) => x.claim.property === 'statement day');
  const bySpeaker = new Map<string, Item[]>();
  for (const it of statements) {
    const k = speakerOf(it);
    (bySpeaker.get(k) ?? bySpeaker.set(k, []).get(k)!).push(it);
  }
  for (const [speaker, all] of bySpeaker) {
   for (const story of stories(all, false)) {
    const items = story.items;
    const concepts = items.map((it) => conceptsOf(it.claim.content ?? ''));
    const cluster = items.map((_, i) => i);
    const find = (i: number): number => (cluster[i] === i ? i : (cluster[i] = find(cluster[i]!)));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) if (sameStatement(concepts[i]!, concepts[j]!)) cluster[find(j)] = find(i);
    }
    const clusters = new Map<number, Item[]>();
    items.forEach((it, i) => (clusters.get(find(i)) ?? clusters.set(find(i), []).get(find(i))!).push(it));
    for (const members of clusters.values()) {
      if (new Set(members.map((x) => x.doc)).size < 2) continue;
      const label = labelOf(speaker, members[0]!.claim.subject);
      const about = `day on which ${label} said: “${excerpt(members[0]!.claim.content ?? '')}”${story.suffix}`;
      const g: ClaimGroup = { about, property: 'statement day', subject: label, values: [], disputed: false };
      for (const it of members) add(g, it);
      g.disputed = differentDocs(g.values.map((v) => ({ key: v.value.toLowerCase(), docs: v.docs })));
      out.push(g);
    }
   }
  }

  // contacts: the unordered pair of people
  const byPair = new Map<string, { labels: string[]; items: Item[] }>();
  for (const it of all) {
    if (it.claim.property !== 'contact') continue;
    const names = it.claim.subject.split(' & ');
    const ids = [0, 1].map((i) => speakerOf(it, i));
    if (ids[0] === ids[1]) continue;
    const order = ids[0]! < ids[1]! ? [0, 1] : [1, 0];
    const k = order.map((i) => ids[i]).join('\u0000');
    const entry = byPair.get(k) ?? byPair.set(k, { labels: order.map((i) => labelOf(ids[i]!, names[i] ?? '')), items: [] }).get(k)!;
    entry.items.push(it);
  }
  for (const { labels, items: all } of byPair.values()) {
    for (const { items, suffix } of stories(all, false)) {
      if (new Set(items.map((x) => x.doc)).size < 2) continue;
      const g: ClaimGroup = { about: `form of the contact between ${labels[0]} and ${labels[1]}${suffix}`, property: 'contact', subject: labels.join(' & '), values: [], disputed: false };
      for (const it of items) add(g, it);
      g.disputed = differentDocs(g.values.map((v) => ({ key: v.value, docs: v.docs })));
      out.push(g);
    }
  }

  out.sort((a, b) => cmp(a.about, b.about));
  for (const g of out) {
    g.values.sort((a, b) => cmp(a.value, b.value));
    for (const v of g.values) {
      v.docs.sort(cmp), v.surfaces.sort(cmp);
      v.evidence?.sort((a, b) => cmp(a.doc, b.doc) || a.start - b.start);
    }
  }
  return out;
}

/** Adds a document's claim to its value of the group, with the sentence it is made in when the text is at hand. */
function addValue(g: ClaimGroup, { doc, claim: c, sentence }: Item, resolution: ClaimResolution | undefined): void {
  let v = g.values.find((x) => x.value === c.value);
  if (!v) {
    v = { value: c.value, docs: [], surfaces: [] };
    if (c.amount !== undefined) v.amount = c.amount;
    if (c.bound) v.bound = c.bound;
    g.values.push(v);
  }
  if (!v.docs.includes(doc)) v.docs.push(doc);
  if (!v.surfaces.includes(c.surface)) v.surfaces.push(c.surface);
  const text = sentence && resolution?.textOf?.(doc);
  if (text === undefined || !sentence) return;
  const list = (v.evidence ??= []);
  if (list.some((e) => e.doc === doc && e.start === sentence.start)) return;
  const ev: Evidence = { doc, start: sentence.start, end: sentence.end, text: text.slice(sentence.start, sentence.end) };
  const asserted = c.assertedBy ? resolution?.entityOf.get(`${doc}#${c.assertedBy}`) : undefined;
  if (asserted) ev.assertedBy = asserted;
  list.push(ev);
}

/** Documents disagree: two different keys, each reported by a document the other's documents are not all of. */
function differentDocs(values: readonly { key: string; docs: readonly string[]; amount?: number }[]): boolean {
  const byKey = new Map<string, { docs: Set<string>; amount?: number }>();
  for (const v of values) {
    let k = byKey.get(v.key);
    if (!k) byKey.set(v.key, (k = v.amount === undefined ? { docs: new Set() } : { docs: new Set(), amount: v.amount }));
    for (const d of v.docs) k.docs.add(d);
  }
  const sets = [...byKey.values()];
  return sets.length > 1 && sets.some((a, i) => sets.some((b, j) => j !== i && comparable(a.amount, b.amount) && [...b.docs].some((d) => !a.docs.has(d))));
}

/**
 * Figures that can be two reports of one count: within a factor of COMPARABLE of each other (or one
 * of them vague, "dozens"). Reports of one toll differ as it grows (23,000, then 150,000 after a
 * tsunami), not by orders of magnitude: 7 killed by IRA bombs and 3,000 killed by terrorism in thirty
 * years are two facts of one debate.
 */
function comparable(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined || a <= 0 || b <= 0) return true;
  return Math.max(a, b) <= COMPARABLE * Math.min(a, b);
}
const COMPARABLE = 10;

/** Attack facts: places disagree at the same level of detail; perpetrators when they name different parties. */
function eventDisputed(property: string, items: readonly Item[]): boolean {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.doc === b.doc) continue;
      const ka = a.claim.key ?? a.claim.value.toLowerCase();
      const kb = b.claim.key ?? b.claim.value.toLowerCase();
      if (ka === kb) continue;
      if (property === 'location') {
        if ((a.claim.rank ?? 0) === (b.claim.rank ?? 0)) return true;
      } else if (property === 'perpetrator') {
        const pa = partiesOf(ka);
        const pb = partiesOf(kb);
        if (!pa.some((p) => pb.includes(p))) return true;
      } else return true;
    }
  }
  return false;
}
const partiesOf = (key: string): string[] => key.replace(/^country:/, '').replace(/\+allies$/, '').split('+');

/* ------------------------------------------------------------------ statement content */

const STOP = new Set(
  ('a an the and or but of to in on at for from by with as is are was were be been being has have had do does did would will could should can may might ' +
    'that this these those it its they them their he she his her we our you i who whom which what when where while than then there here any some more most ' +
    'also just very said says told say tell so such into over about after before up out if because not').split(' '),
);
/** A few synonyms news reports swap freely between outlets. */
const SYNONYMS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  migrant: 'refugee', asylum: 'refugee', retain: 'hold', keep: 'hold', host: 'hold', contain: 'hold', accommodate: 'hold',
  slay: 'kill', martyr: 'kill', strike: 'attack', airstrike: 'attack', bombing: 'attack', raid: 'attack', talk: 'negotiation',
  truce: 'ceasefire', halt: 'stop', end: 'stop', denounce: 'condemn', criticise: 'condemn', criticize: 'condemn',
  ankara: 'turkey', damascus: 'syria', moscow: 'russia', washington: 'united states', tehran: 'iran', kyiv: 'ukraine', kiev: 'ukraine',
  beijing: 'china', london: 'united kingdom', paris: 'france', berlin: 'germany',
});
const stem = (w: string): string => {
  if (w.length > 5 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 4 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
};

/** Days of the week: when things happened, which statement-day claims compare, not what was said. */
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The content concepts of a statement: content words, stemmed, negation kept, synonyms and capitals
 * folded; days of the week left out ("... in Kuwaiti waters on Friday" is said of two attacks).
 */
export function conceptsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.toLowerCase().replace(/\u2019/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []) {
    const w = raw.replace(/'s$/, '');
    if (w === 'not' || w === 'no' || w === 'never' || w.endsWith("n't")) {
      out.add('not');
      continue;
    }
    if (STOP.has(w) || w.length < 2 || WEEKDAYS.has(w)) continue;
    const s = SYNONYMS[w] ?? SYNONYMS[stem(w)] ?? stem(w);
    out.add(SYNONYMS[s] ?? s);
  }
  return out;
}

/** Two reports of one statement: at least three shared concepts and a Dice overlap of 0.3 or more. */
export function sameStatement(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared >= 3 && (2 * shared) / (a.size + b.size) >= 0.3;
}

function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 40))}…`;
}
