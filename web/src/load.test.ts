import { describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../../src/types.js';
import { graphFromSerialized, isBig, isHeavy } from './load.js';
import { FAMILY_COLORS, TYPE_COLORS } from './palette.js';

const node = (key: string, type: string, mentionCount: number) => ({
  key,
  attributes: { label: key.toUpperCase(), type, aliases: [], mentions: [], roles: [], docs: [], sources: [], mentionCount, pagerank: 0, x: 1, y: 2, size: 1, color: '#000', mergeReasons: [] },
});
const edge = (key: string, source: string, target: string, family: string, weight = 1) => ({
  key,
  source,
  target,
  attributes: { predicate: family, label: family, verbs: [], family, quad: 'neutral', evidence: [], weight, sources: [], assertedBy: [], negated: false, hedged: false, size: 1, color: '#000' },
});

const data = {
  attributes: { name: 't', generator: 't', documents: [], claims: [], skipped: [] },
  options: { type: 'directed', multi: true, allowSelfLoops: true },
  nodes: [node('a', 'person', 10), node('b', 'place', 1), node('c', 'organization', 1)],
  edges: [edge('ab1', 'a', 'b', 'attack', 3), edge('ab2', 'a', 'b', 'support'), edge('ba', 'b', 'a', 'role'), edge('bc', 'b', 'c', 'statement')],
} as unknown as SerializedGraph;

describe('load', () => {
  describe('graphFromSerialized', () => {
    const g = graphFromSerialized(data);
    it('should colour nodes by entity type and keep the type apart from sigma\'s program type', () => {
      expect(g.getNodeAttribute('a', 'color')).toBe(TYPE_COLORS.person);
      expect(g.getNodeAttribute('a', 'entityType')).toBe('person');
      expect(g.getNodeAttribute('a', 'type')).toBe('circle');
    });
    it('should size nodes by importance', () => {
      expect(g.getNodeAttribute('a', 'size')).toBeGreaterThan(g.getNodeAttribute('b', 'size'));
    });
    it('should colour edges by family and thicken them by weight', () => {
      expect(g.getEdgeAttribute('ab1', 'color')).toBe(FAMILY_COLORS.attack);
      expect(g.getEdgeAttribute('ab1', 'size')).toBeGreaterThan(g.getEdgeAttribute('ab2', 'size'));
    });
    it('should curve parallel and reciprocal edges apart and leave single edges straight', () => {
      const curv = ['ab1', 'ab2', 'ba'].map((e) => g.getEdgeAttribute(e, 'curvature'));
      expect(['ab1', 'ab2', 'ba'].map((e) => g.getEdgeAttribute(e, 'type'))).toEqual(['curved', 'curved', 'curved']);
      // Drawn from a to b, the three must bend differently.
      const drawn = curv.map((c, i) => (i === 2 ? -(c ?? 0) : (c ?? 0)));
      expect(new Set(drawn).size).toBe(3);
      expect(g.getEdgeAttribute('bc', 'type')).toBe('arrow');
    });
  });
  describe('isBig / isHeavy', () => {
    it.each([
      [100, 300, false, false],
      [1000, 5000, false, true],
      [10000, 50000, true, true],
    ])('%i nodes, %i edges', (n, m, big, heavy) => {
      expect(isBig(n, m)).toBe(big);
      expect(isHeavy(n, m)).toBe(heavy);
    });
  });
});
