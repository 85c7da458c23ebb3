/**
 * Per-document state shared by the relation, role, reference, attribution and claim passes:
 * the mentions (input names plus the ones these passes add) and the relations found so far.
 */
import type { EntityMention, EntityType, EventFamily, RelationMention, Sentence, SpanRef } from '../../types.js';
import { canonicalPredicate, familyOf, FAMILY_QUAD } from '../events.js';
import type { Unit } from './tokens.js';

export interface SentenceState {
  index: number;
  start: number;
  end: number;
  tokens: Unit[];
  units: Unit[];
}

export class DocContext {
  readonly mentions: EntityMention[];
  readonly relations: RelationMention[] = [];
  private nextId: number;
  private readonly bySpan = new Map<string, EntityMention>();
  private readonly seen = new Set<string>();
  private readonly perSentence = new Map<number, EntityMention[]>();
  /** Mentions that are relation arguments only, never units of the sentence (an owner known from the lexicon, on the title words). */
  readonly implicit = new Set<string>();
  /** Mentions folded into a widened one (see `widen`): their id → the widened mention's id. */
  readonly folded = new Map<string, string>();

  constructor(
    readonly text: string,
    input: readonly EntityMention[],
    /** The document's sentences, in order (for what one sentence introduces and the next one says). */
    readonly sentences: readonly Sentence[] = [],
  ) {
    this.mentions = [...input];
    let max = -1;
    for (const m of input) {
      const n = Number(/^m(\d+)$/.exec(m.id)?.[1] ?? -1);
      if (n > max) max = n;
      this.bySpan.set(`${m.start}:${m.end}`, m);
      this.indexSentence(m);
    }
    this.nextId = max + 1;
  }

  private indexSentence(m: EntityMention): void {
    const list = this.perSentence.get(m.sentence);
    if (list) list.push(m);
    else this.perSentence.set(m.sentence, [m]);
  }

  /** The mentions (input and added) of one sentence. */
  inSentence(index: number): readonly EntityMention[] {
    return this.perSentence.get(index) ?? [];
  }

  /** The mention with exactly this span, if any. */
  at(start: number, end: number): EntityMention | undefined {
    return this.bySpan.get(`${start}:${end}`);
  }

  /** Adds (or returns the existing) mention for a span. */
  add(start: number, end: number, type: EntityType, kind: EntityMention['kind'], sentence: number, extra: Partial<EntityMention> = {}): EntityMention {
    const existing = this.at(start, end);
    if (existing) return existing;
    const m: EntityMention = { id: `m${this.nextId++}`, start, end, text: this.text.slice(start, end), type, sentence, kind, ...extra };
    this.mentions.push(m);
    this.bySpan.set(`${start}:${end}`, m);
    this.indexSentence(m);
    return m;
  }

  /**
   * Widens a name mention to the whole name it was cut from ("Koji" → "Koji Kidokoro" across a line
   * break): the mention keeps its id, so what already refers to it follows. Mentions of the sentence
   * inside the new span (the other half of a name cut in two) are folded into it: what referred to them
   * refers to the widened mention.
   */
  widen(m: EntityMention, start: number, end: number): EntityMention {
    const i = this.mentions.indexOf(m);
    if (i < 0) return m;
    const inside = this.inSentence(m.sentence).filter((x) => x !== m && start <= x.start && x.end <= end);
    const wide: EntityMention = { ...m, start, end, text: this.text.slice(start, end) };
    this.mentions[i] = wide;
    this.bySpan.delete(`${m.start}:${m.end}`);
    this.bySpan.set(`${start}:${end}`, wide);
    const list = this.perSentence.get(m.sentence)!;
    list[list.indexOf(m)] = wide;
    if (!inside.length) return wide;
    const gone = new Set(inside.map((x) => x.id));
    for (const x of inside) {
      this.mentions.splice(this.mentions.indexOf(x), 1);
      list.splice(list.indexOf(x), 1);
      this.implicit.delete(x.id);
      this.folded.set(x.id, wide.id);
    }
    for (const x of this.mentions) {
      if (x.refersTo && gone.has(x.refersTo)) x.refersTo = wide.id;
      if (x.expands && gone.has(x.expands)) x.expands = wide.id;
    }
    for (const r of this.relations) {
      if (r.subject.mention && gone.has(r.subject.mention)) r.subject = { start, end, mention: wide.id };
      if (r.object.mention && gone.has(r.object.mention)) r.object = { start, end, mention: wide.id };
    }
    this.relations.splice(0, this.relations.length, ...this.relations.filter((r) => r.subject.mention !== r.object.mention));
    return wide;
  }

  /** Records a relation between two mention units; drops self-relations and exact duplicates. */
  relate(
    subject: Unit,
    object: Unit,
    predicate: string,
    verb: string,
    sentence: number,
    flags: { negated?: boolean; hedged?: boolean; family?: EventFamily } = {},
  ): void {
    if (!subject.m || !object.m) return;
    if (this.target(subject.m) === this.target(object.m)) return;
    const key = `${subject.m.id}|${object.m.id}|${predicate}|${sentence}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    predicate = canonicalPredicate(predicate);
    const family = flags.family ?? familyOf(predicate);
    const ref = (u: Unit): SpanRef => ({ start: u.start, end: u.end, mention: u.m!.id });
    this.relations.push({
      kind: 'relation',
      subject: ref(subject),
      object: ref(object),
      predicate,
      verb,
      family,
      quad: FAMILY_QUAD[family],
      negated: !!flags.negated,
      hedged: !!flags.hedged,
      sentence,
    });
  }

  /** The name mention a mention stands for (itself, or what a pronoun / description refers to). */
  target(m: EntityMention): string {
    return m.refersTo ?? m.id;
  }
}
