import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.js';

const texts = (s: string) => tokenize(s).map((t) => t.text);

describe('nlp/ner/tokenize', () => {
  describe('tokenize', () => {
    const cases: [label: string, input: string, tokens: string[]][] = [
      ['splits final punctuation', 'Turkey said.', ['Turkey', 'said', '.']],
      ['splits possessive s', "Syria's Idlib", ['Syria', "'s", 'Idlib']],
      ['splits curly possessive', 'Turkey’s army', ['Turkey', '’s', 'army']],
      ['keeps dotted acronyms', 'the U.S. and U.N. said', ['the', 'U.S.', 'and', 'U.N.', 'said']],
      ['keeps title abbreviations', 'Mr. Dogan and Dr. Smith', ['Mr.', 'Dogan', 'and', 'Dr.', 'Smith']],
      ['keeps month abbreviations', 'on Feb. 28', ['on', 'Feb.', '28']],
      ['keeps initials', 'George W. Bush', ['George', 'W.', 'Bush']],
      ['keeps hyphenated names', 'Bashar al-Assad', ['Bashar', 'al-Assad']],
      ['keeps decimals and thousands', '3.5 per cent of 1,200', ['3.5', 'per', 'cent', 'of', '1,200']],
      ['splits quotes and brackets', '"indiscriminate" (OSDH)', ['"', 'indiscriminate', '"', '(', 'OSDH', ')']],
      ['keeps CoNLL-style clitic tokens', "Germany 's representative", ['Germany', "'s", 'representative']],
      ['handles diacritics', 'Mevlüt Çavuşoğlu', ['Mevlüt', 'Çavuşoğlu']],
    ];
    it.each(cases)('should tokenize: %s', (_label, input, tokens) => {
      expect(texts(input)).toEqual(tokens);
    });

    it('should give offsets that slice back to each token', () => {
      const text = "  Turkey's President, Recep Tayyip Erdogan, said on Feb. 28 (U.S. time): “no.”\n";
      for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
    });

    it('should tokenize a range with offsets into the whole text', () => {
      const text = 'One. Two words.';
      const toks = tokenize(text, 5, 15);
      expect(toks.map((t) => t.text)).toEqual(['Two', 'words', '.']);
      expect(toks[0]).toMatchObject({ start: 5, end: 8 });
    });

    it('should give no tokens for empty or blank input', () => {
      expect(tokenize('')).toEqual([]);
      expect(tokenize(' \n\t ')).toEqual([]);
    });
  });
});
