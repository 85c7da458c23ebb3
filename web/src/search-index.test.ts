import { describe, expect, it } from 'vitest';
import { buildNameIndex, resolveName, suggest } from './search-index.js';

const index = buildNameIndex([
  { key: 'person:recep-tayyip-erdogan', label: 'Recep Tayyip Erdoğan', aliases: ['Erdogan', 'Tayyip Erdogan'], type: 'person', importance: 9 },
  { key: 'person:jens-stoltenberg', label: 'Jens Stoltenberg', aliases: ['Stoltenberg'], type: 'person', importance: 4 },
  { key: 'organization:nato', label: 'NATO', aliases: ['North Atlantic Treaty Organization'], type: 'organization', importance: 6 },
  { key: 'place:turkey', label: 'Turkey', aliases: ['Ankara', 'Türkiye'], type: 'place', importance: 12 },
  { key: 'organization:sohr', label: 'Syrian Observatory for Human Rights', aliases: ['SOHR'], type: 'organization', importance: 3 },
]);

describe('search-index', () => {
  describe('suggest', () => {
    it.each([
      ['an alias', 'ankara', 'place:turkey', 'Ankara'],
      ['without accents', 'erdogan', 'person:recep-tayyip-erdogan', 'Erdogan'],
      ['with accents typed', 'Türkiye', 'place:turkey', 'Türkiye'],
      ['a prefix', 'stolt', 'person:jens-stoltenberg', 'Stoltenberg'],
      ['a later word', 'observatory', 'organization:sohr', undefined],
      ['an acronym', 'sohr', 'organization:sohr', 'SOHR'],
    ])('should find %s', (_label, q, node, via) => {
      const [first] = suggest(index, q);
      expect(first?.node).toBe(node);
      expect(first?.via).toBe(via);
    });
    it('should return each node once', () => {
      const nodes = suggest(index, 'e').map((s) => s.node);
      expect(new Set(nodes).size).toBe(nodes.length);
    });
    it('should rank prefix matches before substring matches', () => {
      expect(suggest(index, 'n')[0]?.node).toBe('organization:nato');
    });
    it('should return nothing for an empty or unmatched query', () => {
      expect(suggest(index, '  ')).toEqual([]);
      expect(suggest(index, 'zzz')).toEqual([]);
    });
  });
  describe('resolveName', () => {
    it('should resolve any name to its node', () => {
      expect(resolveName(index, 'Tayyip Erdogan')).toBe('person:recep-tayyip-erdogan');
    });
  });
});
