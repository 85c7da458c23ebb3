import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, SPRAWL_MIN_ORDER, defaultFilters, edgePasses, isFiltering, nodePasses } from './filters.js';

describe('filters', () => {
  const node = { type: 'person', sources: ['Reuters'], docs: ['a.txt'], relations: 2 };
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
    ['min relations met', { minRelations: 2 }, true, true],
    ['min relations not met', { minRelations: 3 }, false, true],
  ])('should apply %s', (_label, f, nodeOk, edgeOk) => {
    const filters = { ...DEFAULT_FILTERS, ...f };
    expect(isFiltering(filters)).toBe(true);
    expect(nodePasses(node, filters)).toBe(nodeOk);
    expect(edgePasses(edge, filters)).toBe(edgeOk);
  });
  it('should open a big graph made mostly of unrelated entities on the related ones, and nothing else', () => {
    expect(defaultFilters(12806, 11215)).toEqual({ ...DEFAULT_FILTERS, minRelations: 1 });
    expect(defaultFilters(12806, 6000)).toEqual(DEFAULT_FILTERS); // under half unrelated
    expect(defaultFilters(SPRAWL_MIN_ORDER - 1, SPRAWL_MIN_ORDER - 1)).toEqual(DEFAULT_FILTERS); // small graph
    expect(defaultFilters(12806, 12806)).toEqual(DEFAULT_FILTERS); // no relation at all: hiding would leave nothing
    expect(nodePasses({ type: 'person', relations: 0 }, defaultFilters(12806, 11215))).toBe(false);
  });
});
