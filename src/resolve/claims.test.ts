import { describe, expect, it } from 'vitest';
import type { Claim, DocumentExtraction } from '../types.js';
import { conceptsOf, groupClaims, sameStatement } from './claims.js';

const claim = (property: string, subject: string, value: string, surface = value): Claim => ({
  about: `${property}: ${subject}`, property, subject, value, surface, span: { start: 0, end: 1 }, sentence: 0,
});
const fact = (property: string, value: string, extra: Partial<Claim> = {}): Claim => ({
  about: property, property, subject: '', value, surface: value, span: { start: 0, end: 1 }, sentence: 0, ...extra,
});
const doc = (id: string, claims: Claim[]): DocumentExtraction => ({ doc: id, sentences: [], mentions: [], relations: [], attributions: [], claims });

describe('resolve/claims', () => {
  describe('groupClaims', () => {
    it('should mark the same fact with different values in different documents as disputed', () => {
      const groups = groupClaims([doc('a', [claim('killed', 'turkish soldiers', '33', 'at least 33')]), doc('b', [claim('killed', 'turkish soldiers', '34', 'thirty-four')])]);
      expect(groups).toEqual([
        { about: 'killed: turkish soldiers', property: 'killed', subject: 'turkish soldiers', disputed: true, values: [
          { value: '33', docs: ['a'], surfaces: ['at least 33'] },
          { value: '34', docs: ['b'], surfaces: ['thirty-four'] },
        ] },
      ]);
    });
    it('should not dispute agreeing documents', () => {
      const groups = groupClaims([doc('a', [claim('killed', 'civilians', '7')]), doc('b', [claim('killed', 'civilians', '7', 'Seven')])]);
      expect(groups[0]).toMatchObject({ disputed: false, values: [{ value: '7', docs: ['a', 'b'], surfaces: ['7', 'Seven'] }] });
    });
    it('should not dispute two values given by the same single document', () => {
      const groups = groupClaims([doc('a', [claim('killed', 'civilians', '7'), claim('killed', 'civilians', '400')])]);
      expect(groups[0]?.disputed).toBe(false);
    });
    it('should join a count without nationality to the one group that names it', () => {
      const groups = groupClaims([doc('a', [claim('killed', 'turkish soldiers', '33')]), doc('b', [claim('killed', 'soldiers', '34')])]);
      expect(groups.map((g) => g.about)).toEqual(['killed: turkish soldiers']);
      expect(groups[0]?.disputed).toBe(true);
    });
    it('should keep different nationalities and properties apart', () => {
      const groups = groupClaims([doc('a', [claim('killed', 'turkish soldiers', '33'), claim('injured', 'turkish soldiers', '30')]), doc('b', [claim('killed', 'syrian soldiers', '12'), claim('killed', 'soldiers', '5')])]);
      expect(groups.map((g) => g.about)).toEqual(['injured: turkish soldiers', 'killed: soldiers', 'killed: syrian soldiers', 'killed: turkish soldiers']);
      expect(groups.every((g) => !g.disputed)).toBe(true);
    });
    it('should not depend on the order of the documents', () => {
      const a = doc('a', [claim('killed', 'turkish soldiers', '33')]);
      const b = doc('b', [claim('killed', 'soldiers', '34'), claim('displaced', 'people', '950000')]);
      expect(groupClaims([a, b])).toEqual(groupClaims([b, a]));
    });
    it('should list figures with their amount and bound and dispute different figures', () => {
      const groups = groupClaims([
        doc('a', [{ ...claim('displaced', 'people', '120,000', 'about 120,000'), amount: 120000, bound: 'approximate' }]),
        doc('b', [{ ...claim('displaced', 'people', 'nearly one million', 'nearly a million'), amount: 1000000, bound: 'less-than' }]),
      ]);
      expect(groups[0]).toMatchObject({ disputed: true, values: [{ value: '120,000', amount: 120000, bound: 'approximate' }, { value: 'nearly one million', amount: 1000000, bound: 'less-than' }] });
    });
  });

  describe('groupClaims (evidence)', () => {
    const texts = new Map([
      ['a', 'Turkey said 33 soldiers died. Officials said thirty-three soldiers were killed in Idlib.'],
      ['b', 'The Observatory put the toll at 34.'],
    ]);
    const withSentences = (id: string, sentences: [number, number][], claims: Claim[]): DocumentExtraction => ({
      ...doc(id, claims),
      sentences: sentences.map(([start, end], index) => ({ start, end, index })),
    });
    const extractions = [
      withSentences('a', [[0, 29], [30, 88]], [
        { ...claim('killed', 'turkish soldiers', '33'), sentence: 0 },
        { ...claim('killed', 'turkish soldiers', '33', 'thirty-three'), sentence: 1, assertedBy: 'm4' },
        // the same sentence twice: one piece of evidence
        { ...claim('killed', 'turkish soldiers', '33', 'thirty-three'), sentence: 1 },
      ]),
      withSentences('b', [[0, 35]], [{ ...claim('killed', 'soldiers', '34'), sentence: 0, assertedBy: 'm0' }]),
    ];
    it("should give each value the sentences that report it, with who asserted it", () => {
      // (the two documents share no entity, so they are two stories: one group each)
      const groups = groupClaims(extractions, { entityOf: new Map([['a#m4', 'org:officials'], ['b#m0', 'org:sohr']]), textOf: (d) => texts.get(d) });
      expect(groups.flatMap((g) => g.values)).toEqual([
        { value: '33', docs: ['a'], surfaces: ['33', 'thirty-three'], evidence: [
          { doc: 'a', start: 0, end: 29, text: 'Turkey said 33 soldiers died.' },
          { doc: 'a', start: 30, end: 88, text: 'Officials said thirty-three soldiers were killed in Idlib.', assertedBy: 'org:officials' },
        ] },
        { value: '34', docs: ['b'], surfaces: ['34'], evidence: [{ doc: 'b', start: 0, end: 35, text: 'The Observatory put the toll at 34.', assertedBy: 'org:sohr' }] },
      ]);
    });
    it("should keep a figure the sentence dates to a year before its dated report apart from the story's own", () => {
      const t = new Map([
        ['a', 'At least 26 people died when the ferry capsized. In 1985, 147 died when a launch sank off Dhaka.'],
        ['b', 'The toll rose to 31 people in the ferry disaster, in March 1987.'],
      ]);
      // both name the same ferry and port: one story
      const named = (ex: DocumentExtraction): DocumentExtraction => ({
        ...ex,
        mentions: ['m0', 'm1'].map((id, i) => ({ id, start: i, end: i + 1, text: 'x', type: 'organization', sentence: 0, kind: 'name' })),
      });
      const exs = [
        named(withSentences('a', [[0, 48], [49, 98]], [{ ...claim('killed', 'people', '26'), sentence: 0 }, { ...claim('killed', 'people', '147'), sentence: 1 }])),
        named(withSentences('b', [[0, 64]], [{ ...claim('killed', 'people', '31'), sentence: 0 }])),
      ];
      const entityOf = new Map([['a#m0', 'ferry'], ['a#m1', 'port'], ['b#m0', 'ferry'], ['b#m1', 'port']]);
      const res = (published: string | null) => ({ entityOf, textOf: (d: string) => t.get(d), published: new Map([['a', published], ['b', published]]) });
      const groups = groupClaims(exs, res('1987-03-07'));
      expect(groups.map((g) => [g.about, g.values.map((v) => v.value)])).toEqual([
        ['killed in 1985: people', ['147']],
        ['killed: people', ['26', '31']],
      ]);
      expect(groups[1]?.disputed).toBe(true);
      // an undated report says nothing of which year is its own
      expect(groupClaims(exs, res(null)).map((g) => g.about)).toEqual(['killed: people']);
    });
    it('should leave evidence out without the texts', () => {
      const values = groupClaims(extractions, { entityOf: new Map() }).flatMap((g) => g.values);
      expect(values).toHaveLength(2);
      expect(values.every((v) => v.evidence === undefined)).toBe(true);
    });
  });

  describe('groupClaims (factual claims)', () => {
    const loc = (value: string, key: string, rank: number, event = 'killed: soldiers') => fact('location', value, { event, key, rank });
    it('should group attack locations by the casualty fact and dispute two different towns', () => {
      const groups = groupClaims([
        doc('a', [claim('killed', 'malian soldiers', '12'), loc('Boni area', 'place:boni', 3, 'killed: malian soldiers')]),
        doc('b', [claim('killed', 'soldiers', '12'), loc('between the villages Hombori and Douentza', 'between:douentza+hombori', 3), loc('Mopti region', 'place:mopti', 2)]),
      ]);
      const g = groups.find((x) => x.property === 'location');
      expect(g).toMatchObject({ about: 'where the attack that killed malian soldiers took place', disputed: true });
      // b's region adds nothing beside its finer place
      expect(g?.values.map((v) => v.value)).toEqual(['Boni area', 'between the villages Hombori and Douentza']);
    });
    it('should not dispute a region against a town, nor keep a location only one document gives', () => {
      const groups = groupClaims([
        doc('a', [loc('Mopti region', 'place:mopti', 2)]),
        doc('b', [loc('Boni area', 'place:boni', 3)]),
        doc('c', [loc('Kayes region', 'place:kayes', 2, 'killed: police')]),
      ]);
      expect(groups.map((g) => [g.about, g.disputed])).toEqual([['where the attack that killed soldiers took place', false]]);
    });
    it('should keep attacks identified by different casualties apart', () => {
      const groups = groupClaims([doc('a', [loc('Boni area', 'place:boni', 3)]), doc('b', [loc('Gao area', 'place:gao', 3, 'killed: civilians')])]);
      expect(groups).toEqual([]);
    });
    it('should dispute perpetrators only when they name different parties', () => {
      const perp = (value: string, key: string) => fact('perpetrator', value, { event: 'killed: soldiers', key });
      const agree = groupClaims([doc('a', [perp('Syrian government forces', 'country:syria')]), doc('b', [perp('Damascus regime and its allies', 'country:syria+allies')])]);
      expect(agree[0]).toMatchObject({ about: 'who carried out the attack that killed soldiers', disputed: false });
      const differ = groupClaims([doc('a', [perp('Syrian government forces', 'country:syria')]), doc('b', [perp('Russian jets', 'country:russia')])]);
      expect(differ[0]?.disputed).toBe(true);
    });
    const said = (speaker: string, day: string, content: string) => fact('statement day', day, { subject: speaker, actors: ['m1'], content, key: day.toLowerCase() });
    it('should dispute the day of one statement reported on two days, through the resolved speaker', () => {
      const entityOf = new Map([['a#m1', 'person:jane-doe'], ['b#m1', 'person:jane-doe']]);
      const groups = groupClaims(
        [
          doc('a', [said('Jane Doe', 'Monday', 'Kenya could no longer host migrants arriving from the north')]),
          doc('b', [said('Doe', 'Tuesday', 'Nairobi was not able to keep refugees from the north any longer')]),
        ],
        { entityOf, labels: new Map([['person:jane-doe', 'Jane Doe']]) },
      );
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ property: 'statement day', subject: 'Jane Doe', disputed: true, values: [{ value: 'Monday', docs: ['a'] }, { value: 'Tuesday', docs: ['b'] }] });
      expect(groups[0]?.about).toMatch(/^day on which Jane Doe said: “Kenya could no longer host/);
    });
    it('should not dispute two different statements of one speaker on different days', () => {
      const entityOf = new Map([['a#m1', 'person:jane-doe'], ['b#m1', 'person:jane-doe']]);
      const groups = groupClaims(
        [doc('a', [said('Jane Doe', 'Monday', 'the budget would be balanced by next year')]), doc('b', [said('Jane Doe', 'Tuesday', 'Kenya could no longer host migrants arriving from the north')])],
        { entityOf },
      );
      expect(groups).toEqual([]);
    });
    it('should not join two speakers with the same content', () => {
      const entityOf = new Map([['a#m1', 'person:jane-doe'], ['b#m1', 'person:john-roe']]);
      const groups = groupClaims([doc('a', [said('Jane Doe', 'Monday', 'the border will stay closed to all trucks')]), doc('b', [said('John Roe', 'Tuesday', 'the border will stay closed to all trucks')])], { entityOf });
      expect(groups).toEqual([]);
    });
    it('should group contact forms by the unordered pair of people', () => {
      const contact = (value: string, a: string, b: string) => fact('contact', value, { subject: `${a} & ${b}`, actors: ['m1', 'm2'] });
      const entityOf = new Map([['a#m1', 'person:jane-doe'], ['a#m2', 'person:john-roe'], ['b#m1', 'person:john-roe'], ['b#m2', 'person:jane-doe']]);
      const groups = groupClaims([doc('a', [contact('phone call', 'Jane Doe', 'John Roe')]), doc('b', [contact('meeting', 'Roe', 'Doe')])], { entityOf, labels: new Map([['person:jane-doe', 'Jane Doe'], ['person:john-roe', 'John Roe']]) });
      expect(groups).toEqual([
        { about: 'form of the contact between Jane Doe and John Roe', property: 'contact', subject: 'Jane Doe & John Roe', disputed: true, values: [
          { value: 'meeting', docs: ['b'], surfaces: ['meeting'] },
          { value: 'phone call', docs: ['a'], surfaces: ['phone call'] },
        ] },
      ]);
    });
  });

  describe('stories', () => {
    // Documents naming entities (mention m<i> of the document resolved to each id), published on a day.
    const named = (id: string, entities: string[], claims: Claim[]): DocumentExtraction => ({
      ...doc(id, claims),
      mentions: entities.map((_, i) => ({ id: `m${i}`, text: 'x', type: 'place', sentence: 0, kind: 'name', start: 0, end: 1 }) as DocumentExtraction['mentions'][number]),
    });
    const resolution = (docs: { id: string; entities: string[]; day: string | null }[]) => ({
      entityOf: new Map(docs.flatMap((d) => d.entities.map((e, i) => [`${d.id}#m${i}`, e] as [string, string]))),
      labels: new Map([['place:ecuador', 'Ecuador'], ['place:quito', 'Quito'], ['place:chad', 'Chad'], ['place:tibesti', 'Tibesti']]),
      published: new Map(docs.map((d) => [d.id, d.day])),
    });
    const killed = (n: string): Claim => ({ ...claim('killed', 'people', n), ...(/^\d+$/.test(n) ? { amount: Number(n) } : {}) });
    const group = (docs: { id: string; entities: string[]; day: string | null; n: string }[]) =>
      groupClaims(docs.map((d) => named(d.id, d.entities, [killed(d.n)])), resolution(docs));

    it('should dispute a figure between reports of one story: close in time, naming the same places', () => {
      const groups = group([
        { id: 'a', entities: ['place:ecuador', 'place:quito'], day: '1987-03-06', n: '300' },
        { id: 'b', entities: ['place:ecuador', 'place:quito'], day: '1987-03-08', n: '1000' },
      ]);
      expect(groups).toHaveLength(1);
      expect(groups[0]).toMatchObject({ about: 'killed: people', disputed: true });
    });

    it('should keep apart reports of the same kind of fact about other events, and name each story', () => {
      const groups = group([
        { id: 'a', entities: ['place:ecuador', 'place:quito'], day: '1987-03-06', n: '300' },
        { id: 'b', entities: ['place:ecuador', 'place:quito'], day: '1987-03-07', n: '300' },
        { id: 'c', entities: ['place:chad', 'place:tibesti'], day: '1987-03-07', n: '20' }, // same days, another war
        { id: 'd', entities: ['place:ecuador', 'place:quito'], day: '1987-08-20', n: '4' }, // months later
      ]);
      expect(groups.map((g) => [g.about, g.disputed])).toEqual([
        ['killed: people (1987-03-07)', false],
        ['killed: people (1987-08-20)', false],
        ['killed: people (Ecuador, 1987-03-06)', false],
      ]);
    });

    it('should not link stories through an entity many documents name', () => {
      const hub = Array.from({ length: 60 }, (_, i) => ({ id: `z${i}`, entities: ['place:united-states'], day: '1987-03-06', n: '' }));
      const docs = [
        { id: 'a', entities: ['place:united-states', 'place:ecuador', 'place:quito'], day: '1987-03-06', n: '300' },
        { id: 'b', entities: ['place:united-states', 'place:chad', 'place:tibesti'], day: '1987-03-06', n: '20' },
      ];
      const groups = groupClaims([...docs.map((d) => named(d.id, d.entities, [killed(d.n)])), ...hub.map((d) => named(d.id, d.entities, []))], resolution([...docs, ...hub]));
      expect(groups.map((g) => g.disputed)).toEqual([false, false]);
    });

    it('should not dispute figures orders of magnitude apart: two facts, not two reports of one', () => {
      const groups = group([
        { id: 'a', entities: ['place:chad', 'place:tibesti'], day: '1987-03-06', n: '7' },
        { id: 'b', entities: ['place:chad', 'place:tibesti'], day: '1987-03-06', n: '3000' },
      ]);
      expect(groups.map((g) => [g.about, g.disputed])).toEqual([['killed: people', false]]);
    });

    it('should join an undated report to a story of undated reports only when it is linked to half of them', () => {
      const groups = group([
        { id: 'a', entities: ['place:asia', 'place:sri-lanka', 'place:thailand'], day: null, n: '23000' },
        { id: 'b', entities: ['place:asia', 'place:sri-lanka', 'place:thailand'], day: null, n: '25000' },
        { id: 'c', entities: ['place:asia', 'place:sri-lanka', 'person:straw', 'person:benn'], day: null, n: '41' },
        { id: 'd', entities: ['person:straw', 'person:benn', 'place:belfast'], day: null, n: '7' }, // linked to c alone
      ]);
      expect(groups.map((g) => [g.values.flatMap((v) => v.docs).sort().join(''), g.disputed])).toEqual([
        ['abc', true],
        ['d', false],
      ]);
    });

    it('should not link undated reports through an entity many of them name, however few of all documents do', () => {
      const dated = Array.from({ length: 8000 }, (_, i) => ({ id: `r${i}`, entities: [`place:p${i}`], day: '1987-03-06', n: '' }));
      const archive = Array.from({ length: 60 }, (_, i) => ({ id: `u${i}`, entities: ['person:blair', 'organization:bbc'], day: null, n: '' }));
      const docs = [
        { id: 'a', entities: ['person:blair', 'organization:bbc', 'place:asia'], day: null, n: '150' },
        { id: 'b', entities: ['person:blair', 'organization:bbc', 'place:liverpool'], day: null, n: '120' },
      ];
      const all = [...docs, ...archive, ...dated];
      const groups = groupClaims(all.map((d) => named(d.id, d.entities, d.n ? [killed(d.n)] : [])), resolution(all));
      expect(groups.map((g) => g.disputed)).toEqual([false, false]);
    });

    it('should let undated reports join the one dated story they share places with, and not bridge two', () => {
      const one = group([
        { id: 'a', entities: ['place:ecuador', 'place:quito'], day: '1987-03-06', n: '300' },
        { id: 'u', entities: ['place:ecuador', 'place:quito'], day: null, n: '1000' },
      ]);
      expect(one.map((g) => [g.about, g.disputed])).toEqual([['killed: people', true]]);
      const two = group([
        { id: 'a', entities: ['place:ecuador', 'place:quito'], day: '1987-03-06', n: '300' },
        { id: 'b', entities: ['place:ecuador', 'place:quito'], day: '1987-09-06', n: '50' },
        { id: 'u', entities: ['place:ecuador', 'place:quito'], day: null, n: '1000' },
      ]);
      expect(two.map((g) => g.disputed)).toEqual([false, false, false]);
    });
  });

  describe('sameStatement', () => {
    const table: [string, string, boolean][] = [
      ['Kenya could no longer host migrants', 'Nairobi was not able to keep refugees any longer', true],
      ['the talks in Geneva had failed to end the war', 'the Geneva talks on the war had failed', true],
      ['the talks in Geneva had failed', 'the army would withdraw from the north', false],
      ['prices will rise', 'prices will fall', false],
      // two attacks at sea on the same Friday: the day is when, not what was said
      [
        'navy frigates shelled the radar station on the northern coast in reply to a missile strike on the Panamanian-flagged Greek freighter Aegean Star in Omani waters on Friday',
        'the attack on a Liberian tanker in Omani waters on Friday was almost surely by a Chinese-made missile',
        false,
      ],
    ];
    for (const [a, b, want] of table) {
      it(`should say ${want} for "${a}" / "${b}"`, () => {
        expect(sameStatement(conceptsOf(a), conceptsOf(b))).toBe(want);
      });
    }
  });
});
