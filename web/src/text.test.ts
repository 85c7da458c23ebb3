import { describe, expect, it } from 'vitest';
import { normalizeName, splitHighlights } from './text.js';

describe('text', () => {
  describe('normalizeName', () => {
    it.each([
      ['accents', 'Erdoğan', 'erdogan'],
      ['Turkish dotless i and cedillas', 'Mevlüt Çavuşoğlu', 'mevlut cavusoglu'],
      ['Turkish capital dotted I', 'İdlib', 'idlib'],
      ['punctuation collapses', "Bashar al-Assad's", 'bashar al assads'],
      ['curly apostrophe', 'Turkey’s', 'turkeys'],
      ['case and spaces', '  NATO   Chief ', 'nato chief'],
      ['German sharp s', 'Straße', 'strasse'],
    ])('should normalise %s', (_label, input, expected) => {
      expect(normalizeName(input)).toBe(expected);
    });
  });

  describe('splitHighlights', () => {
    it('should mark whole-word names, longest first, case- and accent-insensitive', () => {
      const pieces = splitHighlights('NATO chief Jens Stoltenberg met Erdogan.', [['Jens Stoltenberg', 'Stoltenberg'], ['Erdoğan']]);
      expect(pieces).toEqual([
        { text: 'NATO chief ', mark: -1 },
        { text: 'Jens Stoltenberg', mark: 0 },
        { text: ' met ', mark: -1 },
        { text: 'Erdogan', mark: 1 },
        { text: '.', mark: -1 },
      ]);
    });
    it('should not mark inside a longer word', () => {
      expect(splitHighlights('Natopolis is not NATO', [['NATO']]).filter((p) => p.mark >= 0)).toEqual([{ text: 'NATO', mark: 0 }]);
    });
    it('should keep the text intact (pieces join to the input)', () => {
      const text = 'Çavuşoğlu said <img src=x onerror=alert(1)> to Çavuşoğlu';
      expect(splitHighlights(text, [['Cavusoglu']]).map((p) => p.text).join('')).toBe(text);
    });
    it('should return one plain piece when nothing matches', () => {
      expect(splitHighlights('nothing here', [['NATO']])).toEqual([{ text: 'nothing here', mark: -1 }]);
    });
  });
});
