import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../types.js';
import { addNamedThings, addNamedThingsStrict } from './named-things.js';
import { mentionsOf, sentencesOf } from './relations/__fixtures__/mentions.js';

/** Runs the recogniser over a text with hand-made name mentions; returns the named things it added. */
function things(text: string, names: string[] = []) {
  const mentions = mentionsOf(text, names);
  const out = addNamedThingsStrict(text, sentencesOf(text, mentions), mentions);
  return { out, added: out.filter((m) => !mentions.some((x) => x.id === m.id)).map((m) => ({ text: m.text, type: m.type })) };
}

describe('nlp/named-things', () => {
  describe('addNamedThings', () => {
    const positives: { label: string; text: string; want: { text: string; type: string }[] }[] = [
      { label: 'a capitalised agreement with its "on …" complement', text: 'The Lusaka Protocol on Peace and Reconciliation was signed in 1994.', want: [{ text: 'Lusaka Protocol on Peace and Reconciliation', type: 'event' }] },
      { label: '"Treaty of X"', text: 'Critics said the Treaty of Lisbon went too far.', want: [{ text: 'Treaty of Lisbon', type: 'event' }] },
      { label: 'a date after the name is not part of it', text: 'Leaders endorsed the Paris Agreement on Monday.', want: [{ text: 'Paris Agreement', type: 'event' }] },
      { label: 'a lower-case head after a name', text: 'Kiev accused Moscow of breaking the Minsk accords again.', want: [{ text: 'Minsk accords', type: 'event' }] },
      { label: 'a lower-case head with a modifier', text: 'Washington left the Iran nuclear deal in 2018.', want: [{ text: 'Iran nuclear deal', type: 'event' }] },
      { label: 'a compound of two demonyms', text: 'Both sides broke the Indian-Pakistani truce within a week.', want: [{ text: 'Indian-Pakistani truce', type: 'event' }] },
      { label: 'a road code with its head, and again without it', text: 'Trucks were stuck on the A7 motorway. Police closed the A7 near Lyon.', want: [{ text: 'A7', type: 'place' }, { text: 'A7', type: 'place' }] },
      { label: 'a road code in an apposition', text: 'The army secured the N2, a highway that runs along the coast.', want: [{ text: 'N2', type: 'place' }] },
      { label: 'a numbered highway', text: 'Floods cut Highway 61 south of the city.', want: [{ text: 'Highway 61', type: 'place' }] },
      { label: 'a war named by a demonym', text: 'He fought in the Lebanese civil war as a teenager.', want: [{ text: 'Lebanese civil war', type: 'event' }] },
      { label: 'a war named by a country', text: 'Many veterans of the Vietnam War attended.', want: [{ text: 'Vietnam War', type: 'event' }] },
      { label: 'a named operation', text: 'Operation Desert Storm began in January.', want: [{ text: 'Operation Desert Storm', type: 'event' }] },
    ];
    for (const c of positives) {
      it(`should find: ${c.label}`, () => {
        expect(things(c.text).added).toEqual(c.want);
      });
    }

    const negatives: { label: string; text: string }[] = [
      { label: 'an organisation whose name contains "Treaty"', text: 'The North Atlantic Treaty Organization met in Brussels.' },
      { label: 'a sentence-initial common noun', text: 'Agreement was reached late on Monday.' },
      { label: 'an unnamed deal', text: 'The companies signed a trade deal and the deal was welcomed.' },
      { label: 'a headline in title case', text: 'Turkey Signs Deal With Russia Over Syria Ceasefire' },
      { label: 'a code without a road word', text: 'Leaders of the G7 met as the A380 landed.' },
      { label: 'a war named by a common word', text: 'The price war hurt the airline.' },
    ];
    for (const c of negatives) {
      it(`should not find: ${c.label}`, () => {
        expect(things(c.text).added).toEqual([]);
      });
    }

    it('should replace recogniser mentions that cut through a thing but keep names inside its modifier', () => {
      const text = 'The Adana Interstate Agreement on Combating Terrorism bound Syria. Moscow cited the Sochi deal.';
      const { out } = things(text, ['Adana Interstate Agreement', 'Combating Terrorism', 'Syria|place', 'Moscow|place', 'Sochi|place']);
      const texts = out.map((m) => `${m.text}/${m.type}`);
      expect(texts).toEqual(['Adana Interstate Agreement on Combating Terrorism/event', 'Syria/place', 'Moscow/place', 'Sochi deal/event', 'Sochi/place']);
      expect(new Set(out.map((m) => m.id)).size).toBe(out.length);
    });

    it('should drop a dangling acronym link when its expansion is replaced', () => {
      const text = 'The Adana Interstate Agreement (AIA) held.';
      const mentions: EntityMention[] = [
        { id: 'm0', start: 4, end: 30, text: 'Adana Interstate Agreement', type: 'organization', sentence: 0, kind: 'name' },
        { id: 'm1', start: 32, end: 35, text: 'AIA', type: 'organization', sentence: 0, kind: 'name', expands: 'm0' },
      ];
      const out = addNamedThingsStrict(text, [{ index: 0, start: 0, end: text.length }], mentions);
      expect(out.find((m) => m.text === 'AIA')?.expands).toBeUndefined();
    });

    it('should be total on empty and odd input', () => {
      expect(addNamedThings('', [], [])).toEqual([]);
      const odd = '\u0000 the  Agreement of  , M5 motorway';
      expect(() => addNamedThings(odd, [{ index: 0, start: 0, end: odd.length }], [])).not.toThrow();
    });
  });
});
