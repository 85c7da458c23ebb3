/**
 * Per-document state shared by the relation, role, reference, attribution and claim passes:
 * the mentions (input names plus the ones these passes add) and the relations found so far.
 */
import type { EntityMention, EntityType, EventFamily, RelationMention, SpanRef } from '../../types.js';
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

  constructor(
    readonly text: string,
    input: readonly EntityMention[],
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
