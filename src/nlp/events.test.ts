import { describe, expect, it } from 'vitest';
import { familyOf, inflect, quadOf, VERB_FORMS } from './events.js';

describe('nlp/events', () => {
  describe('familyOf / quadOf', () => {
    const table: [string, string, string][] = [
      ['condemn', 'criticise', 'verbal-conflict'],
      ['retaliate against', 'attack', 'material-conflict'],
      ['call on', 'demand', 'verbal-conflict'],
      ['shoot down', 'attack', 'material-conflict'],
      ['back', 'support', 'verbal-cooperation'],
      ['meet with', 'consult', 'verbal-cooperation'],
      ['aid', 'aid', 'material-cooperation'],
      ['accuse', 'accuse', 'verbal-conflict'],
      ['threaten', 'threaten', 'verbal-conflict'],
      ['reject', 'reject', 'verbal-conflict'],
      ['foreign minister of', 'role', 'neutral'],
      ['member of', 'role', 'neutral'],
      ['tell', 'statement', 'neutral'],
      ['located in', 'other', 'neutral'],
      ['frobnicate', 'other', 'neutral'],
    ];
    for (const [p, family, quad] of table) {
      it(`should map "${p}" to ${family} / ${quad}`, () => {
        expect(familyOf(p)).toBe(family);
        expect(quadOf(p)).toBe(quad);
      });
    }
  });

  describe('inflect', () => {
    it('should produce regular and irregular forms', () => {
      expect(inflect('condemn')).toEqual(expect.arrayContaining(['condemns', 'condemned', 'condemning']));
      expect(inflect('strike')).toEqual(expect.arrayContaining(['strikes', 'struck', 'striking']));
      expect(inflect('retaliate')).toEqual(expect.arrayContaining(['retaliated', 'retaliating']));
      expect(inflect('ban')).toEqual(expect.arrayContaining(['banned', 'banning']));
      expect(inflect('deny')).toEqual(expect.arrayContaining(['denies', 'denied']));
    });
    it('should index surface forms to lexicon entries', () => {
      expect(VERB_FORMS.get('shot')?.some((e) => e.lemma === 'shoot')).toBe(true);
      expect(VERB_FORMS.get('the')).toBeUndefined();
    });
  });
});
