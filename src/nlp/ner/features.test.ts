import { describe, expect, it } from 'vitest';
import { caseMode, computeDocInfo, featureExtractor, staticFeatures, wordShape } from './features.js';

describe('nlp/ner/features', () => {
  describe('wordShape', () => {
    const cases: [string, string][] = [
      ['Turkey', 'Xx'],
      ['NATO', 'X'],
      ['soldiers', 'x'],
      ['2020', 'd'],
      ['U.S.', 'X.X.'],
      ['al-Assad', 'x-Xx'],
      ['Çavuşoğlu', 'Xx'],
      ['1,200', 'd,d'],
    ];
    it.each(cases)('should give the shape of %s', (word, shape) => {
      expect(wordShape(word)).toBe(shape);
    });
  });

  describe('caseMode', () => {
    const cases: [label: string, words: string[], mode: string][] = [
      ['ordinary sentence', ['Turkey', 'said', 'on', 'Friday', 'it', 'would', 'respond', '.'], 'N'],
      ['all caps', ['TURKEY', 'SAYS', 'SYRIA', 'MUST', 'WITHDRAW'], 'U'],
      ['headline case', ['Erdogan', 'Warns', 'Russia', 'Over', 'Idlib'], 'T'],
      ['all-caps date line', ['BRUSSELS', '1996-08-22'], 'N'],
      ['empty', [], 'N'],
    ];
    it.each(cases)('should classify: %s', (_label, words, mode) => {
      expect(caseMode(words)).toBe(mode);
    });
  });

  describe('computeDocInfo', () => {
    it('should record words seen in lower case and capitalised mid-sentence in ordinary sentences only', () => {
      const info = computeDocInfo([
        ['TURKEY', 'SAYS', 'SYRIA', 'MUST', 'GO'],
        ['The', 'troops', 'left', 'Syria', 'on', 'Friday', '.'],
      ]);
      expect(info.modes).toEqual(['U', 'N']);
      expect(info.seenLower.has('troops')).toBe(true);
      expect(info.seenLower.has('says')).toBe(false);
      expect(info.seenCapMid.has('syria')).toBe(true);
      expect(info.seenCapMid.has('the')).toBe(false); // sentence-initial
    });
  });

  describe('featureExtractor', () => {
    it('should compute the same features lazily as staticFeatures does eagerly', () => {
      const words = ['Turkish', 'Foreign', 'Minister', 'Mevlut', 'Cavusoglu', 'spoke', '.'];
      const info = computeDocInfo([words]);
      const eager = staticFeatures(words, 'N', info);
      const lazy = featureExtractor(words, 'N', info);
      words.forEach((_, i) => expect(lazy(i)).toEqual(eager[i]));
      expect(eager[0]).toContain('w=turkish');
      expect(eager[0]).toContain('lx=demonym');
    });
  });
});
