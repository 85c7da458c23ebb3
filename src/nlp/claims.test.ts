import { describe, expect, it } from 'vitest';
import { mentionsOf, sentencesOf } from './relations/__fixtures__/mentions.js';
import { normalizeSubject, parseNumber } from './claims.js';
import { extractRelationsStrict } from './relations.js';

function claims(text: string) {
  const mentions = mentionsOf(text, []);
  return extractRelationsStrict(text, sentencesOf(text, mentions), mentions).claims;
}

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

  describe('normalizeSubject', () => {
    it('should keep nationality and class the head noun', () => {
      expect(normalizeSubject(['Turkish', 'troops'])).toBe('turkish soldiers');
      expect(normalizeSubject(['more', 'soldiers'])).toBe('soldiers');
      expect(normalizeSubject(['of', 'our', 'soldiers'])).toBe('soldiers');
    });
  });

  describe('extractClaims', () => {
    const cases: { label: string; text: string; want: { about: string; value: string; qualifier?: string; surface: string } }[] = [
      { label: 'at least N X were killed', text: 'At least 33 Turkish soldiers were killed in Idlib.', want: { about: 'killed: turkish soldiers', value: '33', qualifier: 'at least', surface: 'At least 33' } },
      { label: 'number in words after the verb', text: 'An airstrike killed thirty-four Turkish soldiers.', want: { about: 'killed: turkish soldiers', value: '34', surface: 'thirty-four' } },
      { label: 'N of our X were martyred', text: 'Thirty-three of our soldiers were martyred.', want: { about: 'killed: soldiers', value: '33', surface: 'Thirty-three' } },
      { label: 'vague quantity', text: 'Dozens more soldiers were injured and taken to Turkey.', want: { about: 'injured: soldiers', value: 'dozens', surface: 'Dozens' } },
      { label: 'displaced about N people', text: 'The offensive has displaced about 950,000 people.', want: { about: 'displaced: people', value: '950000', qualifier: 'about', surface: 'about 950,000' } },
      { label: 'nearly one million have been displaced', text: 'Since December, nearly one million people have been displaced.', want: { about: 'displaced: people', value: '1000000', qualifier: 'nearly', surface: 'nearly one million' } },
      { label: 'a parenthetical inside the subject', text: 'Seven civilians, including three children, were killed.', want: { about: 'killed: civilians', value: '7', surface: 'Seven' } },
      { label: 'headline without a verb', text: '34 soldiers killed in Idlib', want: { about: 'killed: soldiers', value: '34', surface: '34' } },
    ];
    for (const c of cases) {
      it(`should find: ${c.label}`, () => {
        expect(claims(c.text)).toContainEqual(expect.objectContaining({ ...c.want, property: c.want.about.split(':')[0] }));
      });
    }
    const negatives: [string, string][] = [
      ['no casualty word', 'Turkey has 12 observation posts in the region.'],
      ['a year is not a count', 'In 2016 the deal was signed.'],
      ['a count of something else', 'Russia is sending two warships to the Mediterranean Sea.'],
    ];
    for (const [label, text] of negatives) {
      it(`should not find: ${label}`, () => {
        expect(claims(text)).toEqual([]);
      });
    }
  });
});
