import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../../types.js';
import { tokenize, type Unit } from './tokens.js';

/**
 * The tokeniser as it was first written (one `matchAll` over the text and a regular expression per
 * word): `tokenize` now allocates far less, and must split every text exactly as this does.
 */
function reference(text: string, start: number, end: number, mentions: readonly EntityMention[] = []): Unit[] {
  const WORD = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:[-.'\u2019][\p{L}\p{N}]+)*|['\u2019][sS]\b|n['\u2019]t\b|\S/gu;
  const cuts = new Set<number>();
  for (const m of mentions) cuts.add(m.start), cuts.add(m.end);
  const out: Unit[] = [];
  const push = (s: number, e: number) => {
    if (e <= s) return;
    const t = text.slice(s, e);
    out.push({ start: s, end: e, t, l: t.toLowerCase().replace(/\u2019/g, "'"), m: undefined });
  };
  for (const match of text.slice(start, end).matchAll(WORD)) {
    let s = start + (match.index ?? 0);
    const e = s + match[0].length;
    if (/n['\u2019]t$/i.exec(match[0]) && match[0].length > 3) {
      push(s, e - 3);
      push(e - 3, e);
      continue;
    }
    const wordEnd = /['\u2019][sS]$/.exec(match[0]) && match[0].length > 2 ? e - 2 : e;
    for (let i = s + 1; i < wordEnd; i++) {
      if (cuts.has(i)) {
        push(s, i);
        s = i;
      }
    }
    push(s, wordEnd);
    if (wordEnd < e) push(wordEnd, e);
  }
  return out;
}

const mention = (start: number, end: number): EntityMention => ({ id: `m${start}`, start, end, text: '', type: 'organization', sentence: 0, kind: 'name' });

describe('nlp/relations/tokens', () => {
  describe('tokenize', () => {
    it.each([
      ["Turkey's army didn't retreat, Erdogan’s aides DIDN’T say.", 0],
      ['Exports rose 1,234,567.89 tonnes (3.5 pct) in U.S.-led talks — “no comment”.', 0],
      ['  leading\u00a0and\u2028trailing\u3000space  ', 0],
      ['Emoji 👍🏽 and Ελληνικά, 中文 and al-Assad’s rock’n’roll', 0],
      ['isn\'t n\'t s\'s x\'S aren’t', 0],
      ['Half of a sentence: only this part', 10],
    ])('should split %j as before', (text, start) => {
      expect(tokenize(text, start, text.length)).toEqual(reference(text, start, text.length));
    });

    it('should split words at mention boundaries as before, for random texts and mentions (seeded)', () => {
      const pieces = ['Turkey', "'s", '’s', "n't", 'don', 'DIDN’T', ' ', '  ', '\u00a0', ',', '1,000', '3.5', 'al-Assad', 'U.S.', '"', '“', '—', 'é', '👍', 'x', 'SOHR'];
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 16807) % 2147483647;
        return seed % n;
      };
      for (let round = 0; round < 300; round++) {
        let text = '';
        for (let k = random(12) + 1; k > 0; k--) text += pieces[random(pieces.length)]!;
        const mentions: EntityMention[] = [];
        for (let k = random(3); k > 0; k--) {
          const a = random(text.length + 1);
          const b = a + random(text.length - a + 1);
          mentions.push(mention(a, b));
        }
        const start = random(Math.max(1, Math.floor(text.length / 3)));
        expect(tokenize(text, start, text.length, mentions), JSON.stringify({ text, start, mentions })).toEqual(reference(text, start, text.length, mentions));
      }
    });
  });
});
