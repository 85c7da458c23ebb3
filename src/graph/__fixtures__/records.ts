// Hand-written extraction records (text written for these tests, not from any dataset).
import type { ExtractionRecord, EntityMention, RelationMention } from '../../types.js';

function mention(text: string, doc: string, needle: string, id: string, type: EntityMention['type'], sentence = 0, from = 0): EntityMention {
  const start = doc.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { id, start, end: start + needle.length, text: needle, type, sentence, kind: 'name' };
}

function relation(s: EntityMention, predicate: string, o: EntityMention, extra: Partial<RelationMention> = {}): RelationMention {
  return {
    kind: 'relation',
    subject: { start: s.start, end: s.end, mention: s.id },
    object: { start: o.start, end: o.end, mention: o.id },
    predicate,
    verb: predicate,
    family: 'criticise',
    quad: 'verbal-conflict',
    negated: false,
    hedged: false,
    sentence: s.sentence,
    ...extra,
  };
}

export function makeRecord(id: string, source: string, text: string, build: (m: typeof mention) => { mentions: EntityMention[]; relations: RelationMention[] }): ExtractionRecord {
  const { mentions, relations } = build(mention);
  const sentences = [] as { index: number; start: number; end: number }[];
  let start = 0;
  for (const part of text.split(/(?<=\.)\s+/)) {
    const s = text.indexOf(part, start);
    sentences.push({ index: sentences.length, start: s, end: s + part.length });
    start = s + part.length;
  }
  return {
    document: { id, path: id, title: id, source, published: null, url: null, hash: id },
    text,
    extraction: { doc: id, sentences, mentions, relations, attributions: [], claims: [] },
  };
}

const T1 = 'Alice Martin condemned Borduria. Borduria rejected the claim.';
const T2 = 'Alice Martin condemned Borduria again. Carl Weiss met Alice Martin.';

export const RECORDS: ExtractionRecord[] = [
  makeRecord('a.txt', 'Daily One', T1, (m) => {
    const alice = m('', T1, 'Alice Martin', 'm0', 'person');
    const b = m('', T1, 'Borduria', 'm1', 'place');
    const b2 = { ...m('', T1, 'Borduria', 'm2', 'place', 1, 30) };
    return { mentions: [alice, b, b2], relations: [relation(alice, 'condemn', b), relation(b2, 'condemn', b2)] };
  }),
  makeRecord('b.txt', 'Evening Two', T2, (m) => {
    const alice = m('', T2, 'Alice Martin', 'm0', 'person');
    const b = m('', T2, 'Borduria', 'm1', 'place');
    const carl = m('', T2, 'Carl Weiss', 'm2', 'person', 1);
    const alice2 = m('', T2, 'Alice Martin', 'm3', 'person', 1, 40);
    return {
      mentions: [alice, b, carl, alice2],
      relations: [
        relation(alice, 'condemn', b),
        relation(carl, 'meet', alice2, { family: 'consult', quad: 'verbal-cooperation' }),
        { ...relation(carl, 'meet', alice2), object: { start: 0, end: 1 } }, // no object mention: dropped
      ],
    };
  }),
];
