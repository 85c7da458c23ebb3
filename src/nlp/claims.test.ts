import { describe, expect, it } from 'vitest';
import type { Claim } from '../types.js';
import { mentionsOf, sentencesOf } from './relations/__fixtures__/mentions.js';
import { extractFactualClaims, formatCount, normalizeSubject, parseNumber, readPlace } from './claims.js';
import { extractRelationsStrict } from './relations.js';
import { tokenize } from './relations/tokens.js';

// All sentences below are invented for these tests.
function claims(text: string) {
  const mentions = mentionsOf(text, []);
  return extractRelationsStrict(text, sentencesOf(text, mentions), mentions).claims;
}

/** Numeric and factual claims of a short text with the given names (`Name|type`). */
function allClaims(text: string, names: string[] = []): Claim[] {
  const mentions = mentionsOf(text, names);
  const sentences = sentencesOf(text, mentions);
  const r = extractRelationsStrict(text, sentences, mentions);
  return [...r.claims, ...extractFactualClaims({ text, sentences, mentions: r.mentions, numeric: r.claims })];
}
const factual = (text: string, names: string[] = [], property?: string) =>
  allClaims(text, names).filter((c) => c.property !== 'killed' && c.property !== 'injured' && c.property !== 'displaced' && (!property || c.property === property));

describe('nlp/claims', () => {
  describe('parseNumber', () => {
    const table: [string, number | undefined][] = [
      ['33', 33], ['950,000', 950000], ['3.6 million', 3600000], ['thirty-four', 34], ['Thirty-three', 33],
      ['one million', 1000000], ['a million', 1000000], ['half a million', 500000], ['twenty one', 21],
      ['two hundred', 200], ['soldiers', undefined], ['', undefined],
    ];
    for (const [text, want] of table) {
      it(`should read "${text}" as ${want}`, () => {
        expect(parseNumber(text ? text.split(' ') : [])).toBe(want);
      });
    }
  });

  describe('formatCount', () => {
    it('should group thousands', () => {
      expect([formatCount(7), formatCount(1200), formatCount(948000), formatCount(12345678)]).toEqual(['7', '1,200', '948,000', '12,345,678']);
    });
  });

  describe('normalizeSubject', () => {
    it('should keep nationality and class the head noun', () => {
      expect(normalizeSubject(['Turkish', 'troops'])).toBe('turkish soldiers');
      expect(normalizeSubject(['more', 'soldiers'])).toBe('soldiers');
      expect(normalizeSubject(['of', 'our', 'soldiers'])).toBe('soldiers');
    });
  });

  describe('extractClaims (numbers)', () => {
    const cases: { label: string; text: string; want: Partial<Claim> & { about: string } }[] = [
      { label: '"at least" is dropped from the value (a confirmed toll)', text: 'At least 12 Kenyan police officers were killed near the border.', want: { about: 'killed: kenyan police', value: '12', qualifier: 'at least', bound: 'at-least', amount: 12, surface: 'At least 12' } },
      { label: 'number in words after the verb', text: 'A roadside bomb killed twenty-one Malian soldiers.', want: { about: 'killed: malian soldiers', value: '21', bound: 'exact', amount: 21, surface: 'twenty-one' } },
      { label: 'N of our X were martyred', text: 'Nineteen of our soldiers were martyred.', want: { about: 'killed: soldiers', value: '19', surface: 'Nineteen' } },
      { label: 'vague quantity', text: 'Scores more civilians were injured and taken to hospital.', want: { about: 'injured: civilians', value: 'scores', bound: 'approximate', surface: 'Scores' } },
      { label: '"about" is dropped, thousands grouped', text: 'The floods have displaced about 120,000 people.', want: { about: 'displaced: people', value: '120,000', qualifier: 'about', bound: 'approximate', amount: 120000 } },
      { label: '"more than" is kept: the figure itself is excluded', text: 'More than 48,500 people have been displaced by the fighting.', want: { about: 'displaced: people', value: 'more than 48,500', bound: 'more-than', amount: 48500 } },
      { label: '"over" is written as "more than"', text: 'The storm displaced over 3,000 people.', want: { about: 'displaced: people', value: 'more than 3,000', bound: 'more-than' } },
      { label: '"nearly a million" → "nearly one million"', text: 'Since March, nearly a million people have been displaced.', want: { about: 'displaced: people', value: 'nearly one million', bound: 'less-than', amount: 1000000, surface: 'nearly a million' } },
      { label: '"almost" is written as "nearly"', text: 'Almost two million residents were displaced.', want: { about: 'displaced: people', value: 'nearly two million', bound: 'less-than', amount: 2000000 } },
      { label: '"up to" is an inclusive bound, dropped', text: 'Up to 40 migrants were detained at the port.', want: { about: 'arrested: people', value: '40', bound: 'at-most' } },
      { label: 'fled counts the displaced', text: 'Some 6,000 villagers have fled the offensive.', want: { about: 'displaced: villagers', value: '6,000', bound: 'approximate' } },
      { label: 'a parenthetical inside the subject', text: 'Five civilians, including two children, were killed.', want: { about: 'killed: civilians', value: '5', surface: 'Five' } },
      { label: 'a total over a period is its own fact', text: 'The attack brings to 41 the number of Malian soldiers killed in the region in March.', want: { about: 'killed in March: malian soldiers', value: '41' } },
      { label: 'a running total since a date', text: 'Since January 2021, more than 300 civilians have been killed in the region.', want: { about: 'killed since January 2021: civilians', value: 'more than 300' } },
      { label: 'headline without a verb', text: '17 soldiers killed in Mali', want: { about: 'killed: soldiers', value: '17', surface: '17' } },
      { label: 'a gerund after the event', text: 'A powerful earthquake struck the region on Friday, killing at least 120 people.', want: { about: 'killed: people', value: '120', qualifier: 'at least' } },
      { label: 'a gerund with a time after the count', text: 'A car bomb exploded last night, injuring about 30 people just hours after the visit.', want: { about: 'injured: people', value: '30' } },
      { label: 'a count raised over "to": are believed to have been killed', text: 'More than 2,000 villagers are believed to have been killed in the floods.', want: { about: 'killed: villagers', value: 'more than 2,000' } },
      { label: 'a count raised over "to": are now confirmed to have died', text: 'The ministry says 41 Malian soldiers are now confirmed to have died in the attack.', want: { about: 'killed: malian soldiers', value: '41' } },
      { label: 'the head before a place phrase', text: 'Some 150,000 villagers across the region are feared to be dead.', want: { about: 'killed: villagers', value: '150,000' } },
      { label: 'a death toll given later in its clause', text: 'The death toll from the earthquake has risen to 296, state television said.', want: { about: 'killed: people', value: '296', surface: '296' } },
    ];
    for (const c of cases) {
      it(`should find: ${c.label}`, () => {
        expect(claims(c.text)).toContainEqual(expect.objectContaining({ ...c.want, property: c.want.about.split(':')[0] }));
      });
    }
    const negatives: [string, string][] = [
      ['no casualty word', 'Kenya has 12 observation posts in the region.'],
      ['a year is not a count', 'In 2016 the deal was signed.'],
      ['a count of something else', 'Russia is sending two warships to the Black Sea.'],
      ['a misprinted figure has no sure reading', 'Some 420,0000 residents have fled the city.'],
      ['a hedged figure about money', 'The ministry spent more than 3 million dollars on roads.'],
      ['a gerund in a title, a count before it', 'In 1984 Amadeus beat The Killing Fields to best picture.'],
    ];
    for (const [label, text] of negatives) {
      it(`should not find: ${label}`, () => {
        expect(claims(text)).toEqual([]);
      });
    }
  });

  describe('readPlace', () => {
    const table: [string, string | undefined, number?][] = [
      ['the Korem area', 'Korem area', 3],
      ['Kenya\'s Turkana county', 'Turkana county', 2],
      ['an area between the villages Amba and Kola in Tigray', 'between the villages Amba and Kola', 3],
      ['a district located between the town of al-Qasr, located in the Jabal Hills, and Rimah town', 'between the town of al-Qasr and Rimah town', 3],
      ['northern Mali', 'northern Mali', 1],
      ['retaliation', undefined],
      ['Friday', undefined],
      ['Malian and French operations', undefined],
    ];
    for (const [phrase, want, rank] of table) {
      it(`should read "${phrase}" as ${want}`, () => {
        const U = tokenize(phrase, 0, phrase.length);
        const p = readPlace(U, 0);
        expect(p?.value).toBe(want);
        if (rank) expect(p?.rank).toBe(rank);
      });
    }
  });

  describe('extractFactualClaims', () => {
    it('should find where, by whom and on which day an attack happened', () => {
      const text = 'At least 12 Malian soldiers were killed on Tuesday in the Boni area by jihadist fighters of Ansar Dine.';
      const got = factual(text, ['Ansar Dine|organization']);
      expect(got).toContainEqual(expect.objectContaining({ property: 'location', value: 'Boni area', event: 'killed: malian soldiers', rank: 3 }));
      expect(got).toContainEqual(expect.objectContaining({ property: 'day', value: 'Tuesday', event: 'killed: malian soldiers' }));
      expect(got).toContainEqual(expect.objectContaining({ property: 'perpetrator', value: 'jihadist fighters of Ansar Dine' }));
    });
    it('should tie a definite description of the attack to the story\'s event', () => {
      const text = 'Nine Nigerien soldiers were killed. The ambush took place in an area between the villages Inates and Tongo in Tillaberi.';
      expect(factual(text, [], 'location')).toContainEqual(expect.objectContaining({ value: 'between the villages Inates and Tongo', event: 'killed: nigerien soldiers' }));
    });
    it('should read the author of an attack from "by a <state> airstrike" and "<actor> fired rockets"', () => {
      expect(factual('Eight Yemeni civilians were killed by a Saudi coalition airstrike.', [], 'perpetrator')).toContainEqual(expect.objectContaining({ value: 'Saudi coalition', key: 'country:saudi arabia' }));
      expect(factual('Four Israeli civilians were killed after Hamas fighters fired rockets at Sderot.', ['Hamas|organization'], 'perpetrator')).toContainEqual(expect.objectContaining({ value: 'Hamas fighters' }));
    });
    it('should find the day of a statement and who made it', () => {
      const cases: [string, string[], string][] = [
        ['Jane Doe said on Monday the talks had failed.', ['Jane Doe|person'], 'Monday'],
        ['Jane Doe told state television Wednesday the border would stay closed.', ['Jane Doe|person'], 'Wednesday'],
        ['On Sunday, party leader Jane Doe said the vote would go ahead.', ['Jane Doe|person'], 'Sunday'],
      ];
      for (const [text, names, day] of cases) {
        expect(factual(text, names, 'statement day'), text).toEqual([expect.objectContaining({ value: day, subject: 'Jane Doe' })]);
      }
    });
    it('should tell a phone call from a meeting', () => {
      expect(factual('Jane Doe spoke by phone with John Roe about the crisis.', ['Jane Doe|person', 'John Roe|person'], 'contact')).toEqual([expect.objectContaining({ value: 'phone call', subject: 'Jane Doe & John Roe' })]);
      expect(factual('In a phone call with John Roe, Jane Doe urged restraint.', ['Jane Doe|person', 'John Roe|person'], 'contact')).toEqual([expect.objectContaining({ value: 'phone call', subject: 'Jane Doe & John Roe' })]);
      expect(factual('Jane Doe met with Foreign Minister John Roe in Geneva.', ['Jane Doe|person', 'John Roe|person'], 'contact')).toEqual([expect.objectContaining({ value: 'meeting', subject: 'Jane Doe & John Roe' })]);
    });
    // [label, text, names, the claim kinds that must not be found]
    const negatives: [string, string, string[], string[]][] = [
      ['a "call" that is not a phone call', 'Jane Doe called John Roe a liar and called for calm.', ['Jane Doe|person', 'John Roe|person'], ['contact']],
      ['"called on" someone', 'Jane Doe called on John Roe to resign.', ['Jane Doe|person', 'John Roe|person'], ['contact']],
      ['a meeting without a person', 'The council met again on Thursday.', [], ['contact', 'statement day']],
      ['"met" a demand', 'Jane Doe met the deadline on Friday.', ['Jane Doe|person'], ['contact', 'statement day']],
      ['a day that is not the statement day', 'Jane Doe said the strike happened on Friday.', ['Jane Doe|person'], ['statement day']],
      ['a day of another verb with "according to"', 'Two people died Thursday, according to Jane Doe.', ['Jane Doe|person'], ['statement day']],
      ['a place without an attack', 'The talks in the Behrang area ended without a deal.', [], ['location']],
      ['an attack in general, not an event with victims', 'The air strikes in the Koro area must stop, the minister said.', [], ['location', 'perpetrator']],
      ['a denied perpetrator', 'Seven Turkish soldiers were killed; the ministry denied that it was carried out by Russian aircraft.', [], ['perpetrator']],
      ['a month is not a place', 'Six Malian soldiers were killed in March.', [], ['location']],
      ['a quoted condemnation of strikes in general', 'Nine Afghan police were killed. Jane Doe condemned "the air strikes by the Taliban in Kunduz".', ['Jane Doe|person', 'Taliban|organization'], ['perpetrator', 'location']],
    ];
    for (const [label, text, names, kinds] of negatives) {
      it(`should not find: ${label}`, () => {
        expect(factual(text, names).filter((c) => kinds.includes(c.property))).toEqual([]);
      });
    }
  });
});
