import { describe, expect, it } from 'vitest';
import { RECORDS } from '../graph/__fixtures__/records.js';
import { recordProblem } from './check-record.js';

/** A record damaged on purpose: any field may be anything. */
type Loose = any;

/** RECORDS[0] with one thing changed. */
function damaged(change: (r: Loose) => void): unknown {
  const r: Loose = structuredClone(RECORDS[0]!);
  change(r);
  return r;
}

describe('store/check-record', () => {
  it('should accept the records the pipeline writes', () => {
    for (const r of RECORDS) expect(recordProblem(r)).toBeUndefined();
    expect(recordProblem(JSON.parse(JSON.stringify(RECORDS[0])))).toBeUndefined();
  });

  it('should accept optional fields left out, and claims and attributions inside the text', () => {
    const r = damaged((x) => {
      delete x.document.url;
      x.extraction.attributions.push({ kind: 'attribution', subject: { start: 0, end: 5, mention: x.extraction.mentions[0]!.id }, cue: { start: 6, end: 10 }, content: { start: 11, end: 20 }, sentence: 0 });
      x.extraction.claims.push({ about: 'killed: soldiers', property: 'killed', subject: 'soldiers', value: '3', surface: 'three', span: { start: 0, end: 3 }, sentence: 0, amount: 3, actors: ['m0'] });
    });
    expect(recordProblem(r)).toBeUndefined();
  });

  const cases: [string, (r: Loose) => void, RegExp][] = [
    ['no document', (r) => delete r.document, /^document is missing/],
    ['an empty id', (r) => (r.document.id = ''), /^document\.id is "", expected a non-empty string/],
    ['a numeric title', (r) => (r.document.title = 7), /^document\.title is 7, expected a string/],
    ['no text', (r) => delete r.text, /^text is missing/],
    ['another document\'s extraction', (r) => (r.extraction.doc = 'other.txt'), /^extraction\.doc is "other\.txt", but document\.id is/],
    ['mentions as an object', (r) => (r.extraction.mentions = {} as never), /^extraction\.mentions is \{\}, expected an array/],
    ['no relations', (r) => ((r.extraction as any).relations = null), /^extraction\.relations is null, expected an array/],
    ['a sentence past the text', (r) => (r.extraction.sentences[0]!.end = 10_000), /^extraction\.sentences\[0\]\.end is 10000, past the end of the text/],
    ['a mention ending before it starts', (r) => Object.assign(r.extraction.mentions[0]!, { start: 5, end: 2 }), /^extraction\.mentions\[0\] ends \(2\) before it starts \(5\)/],
    ['a fractional offset', (r) => (r.extraction.mentions[1]!.start = 1.5), /^extraction\.mentions\[1\]\.start is 1\.5, expected a character offset/],
    ['a mention without text', (r) => ((r.extraction.mentions[0] as any).text = null), /^extraction\.mentions\[0\]\.text is null, expected a string/],
    ['a mention in no sentence', (r) => (r.extraction.mentions[0]!.sentence = 99), /^extraction\.mentions\[0\]\.sentence is 99, expected the index of one of the \d+ sentences/],
    ['a numeric refersTo', (r) => ((r.extraction.mentions[0] as any).refersTo = 3), /^extraction\.mentions\[0\]\.refersTo is 3, expected a string/],
    ['a relation without an object', (r) => delete (r.extraction.relations[0] as any).object, /^extraction\.relations\[0\]\.object is missing/],
    ['a relation in no sentence', (r) => (r.extraction.relations[0]!.sentence = -1), /^extraction\.relations\[0\]\.sentence is -1/],
    ['a relation with a string flag', (r) => ((r.extraction.relations[0] as any).negated = 'no'), /^extraction\.relations\[0\]\.negated and \.hedged must be true or false/],
    ['a claim without a span', (r) => r.extraction.claims.push({ about: 'a', property: 'p', subject: 's', value: '1', surface: '1', sentence: 0 } as never), /^extraction\.claims\[0\]\.span is missing/],
    ['an attribution without content', (r) => r.extraction.attributions.push({ kind: 'attribution', subject: { start: 0, end: 1 }, cue: { start: 0, end: 1 }, sentence: 0 } as never), /^extraction\.attributions\[0\]\.content is missing/],
  ];
  it.each(cases)('should name what is wrong with %s', (_label, change, message) => {
    expect(recordProblem(damaged(change))).toMatch(message);
  });

  it('should refuse what is not a record at all', () => {
    expect(recordProblem(null)).toMatch(/^it is null, expected \{ document, text, extraction \}/);
    expect(recordProblem([1])).toMatch(/^it is an array/);
  });
});
