/**
 * Named-entity recognition: people, organisations, places with exact spans.
 * (Baseline: compromise's topics; to be replaced by the learned layer.)
 */
import type { EntityMention, EntityType, Sentence } from '../types.js';
import { nlp } from './compromise.js';

const TRAILING = /[\s.,;:!?'"\u2019\u201d)\]]+$|['\u2019]s$/;

/** Finds the named entities of a text. Total: odd input gives an empty list. */
export function extractMentions(text: string, sentences: Sentence[]): EntityMention[] {
  const found: Omit<EntityMention, 'id'>[] = [];
  for (const sentence of sentences) {
    const doc = nlp(text.slice(sentence.start, sentence.end));
    const groups: [EntityType, ReturnType<typeof doc.people>][] = [
      ['person', doc.people()],
      ['organization', doc.organizations()],
      ['place', doc.places()],
    ];
    for (const [type, view] of groups) {
      for (const j of view.json({ offset: true }) as { offset: { start: number; length: number } }[]) {
        const start = sentence.start + j.offset.start;
        let end = start + j.offset.length;
        let surface = text.slice(start, end);
        while (TRAILING.test(surface)) {
          surface = surface.replace(TRAILING, '');
        }
        end = start + surface.length;
        if (end > start) found.push({ start, end, text: surface, type, sentence: sentence.index, kind: 'name' });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: EntityMention[] = [];
  let lastEnd = -1;
  for (const m of found) {
    if (m.start < lastEnd) continue; // overlapping: keep the first, longest
    out.push({ ...m, id: `m${out.length}` });
    lastEnd = m.end;
  }
  return out;
}
