import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, edgePasses, isFiltering, nodePasses } from './filters.js';

describe('filters', () => {
  const node = { type: 'person', sources: ['Reuters'], docs: ['a.txt'] };
  const edge = { family: 'attack', weight: 2, sources: ['Reuters'], evidence: [{ doc: 'a.txt' }] };
  it('should pass everything by default', () => {
    expect(isFiltering(DEFAULT_FILTERS)).toBe(false);
    expect(nodePasses(node, DEFAULT_FILTERS)).toBe(true);
    expect(edgePasses(edge, DEFAULT_FILTERS)).toBe(true);
  });
  it.each([
    ['hidden type', { hiddenTypes: ['person'] }, false, true],
    ['other hidden type', { hiddenTypes: ['place'] }, true, true],
    ['hidden family', { hiddenFamilies: ['attack'] }, true, false],
    ['outlet match', { source: 'Reuters' }, true, true],
    ['outlet mismatch', { source: 'AFP' }, false, false],
    ['document mismatch', { doc: 'b.txt' }, false, false],
    ['min weight met', { minWeight: 2 }, true, true],
    ['min weight not met', { minWeight: 3 }, true, false],
  ])('should apply %s', (_label, f, nodeOk, edgeOk) => {
    const filters = { ...DEFAULT_FILTERS, ...f };
    expect(isFiltering(filters)).toBe(true);
    expect(nodePasses(node, filters)).toBe(nodeOk);
    expect(edgePasses(edge, filters)).toBe(edgeOk);
  });
});
