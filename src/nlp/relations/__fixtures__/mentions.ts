/**
 * Test helper: hand-made name mentions for one-sentence texts, so relation tests do not depend on
 * the entity recogniser. Sentences in the tests are written for these tests or adapted from the
 * seed articles (seeds/).
 */
import type { EntityMention, EntityType, Sentence } from '../../../types.js';

/** Mentions for every occurrence of each `name` (whole words), typed by the `type` after a `|` (default organization). */
export function mentionsOf(text: string, names: readonly string[]): EntityMention[] {
  const out: Omit<EntityMention, 'id'>[] = [];
  for (const spec of names) {
    const [name, type = 'organization'] = spec.split('|') as [string, EntityType?];
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of text.matchAll(re)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + name.length, text: name, type: type as EntityType, sentence: 0, kind: 'name' });
  }
  return out.sort((a, b) => a.start - b.start).map((m, i) => ({ ...m, id: `m${i}` }));
}

/** Sentences split on ". " boundaries (good enough for the test texts), with mention sentence indexes fixed up. */
export function sentencesOf(text: string, mentions: EntityMention[]): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^.!?]+(?:[.!?]+["\u201d]?|$)/g;
  for (const m of text.matchAll(re)) {
    let start = m.index ?? 0;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ index: out.length, start, end });
  }
  for (const m of mentions) m.sentence = out.find((s) => s.start <= m.start && m.end <= s.end)?.index ?? 0;
  return out;
}
