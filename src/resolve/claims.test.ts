import { describe, expect, it } from 'vitest';
import type { Claim, DocumentExtraction } from '../types.js';
import { groupClaims } from './claims.js';

const claim = (property: string, subject: string, value: string, surface = value): Claim => ({
  about: `${property}: ${subject}`, property, subject, value, surface, span: { start: 0, end: 1 }, sentence: 0,
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
  });
});
