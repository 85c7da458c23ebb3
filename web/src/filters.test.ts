import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { DEFAULT_FILTERS, SPRAWL_MIN_ORDER, defaultFilters, documentDays, edgePasses, hiddenNote, isFiltering, nodePasses, visibleRelations } from './filters.js';

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
  it('should keep what documents published within the days reported, and drop what only undated ones did', () => {
    const days = documentDays([
      { id: 'a.txt', published: '1987-03-06T14:00:00Z' },
      { id: 'b.txt', published: '1987-08-20' },
      { id: 'c.txt', published: null },
    ]);
    expect([...days]).toEqual([['a.txt', '1987-03-06'], ['b.txt', '1987-08-20']]);
    const march = { ...DEFAULT_FILTERS, since: '1987-03-01', until: '1987-03-31' };
    expect(isFiltering(march)).toBe(true);
    expect(nodePasses({ docs: ['b.txt', 'a.txt'] }, march, days)).toBe(true);
    expect(nodePasses({ docs: ['b.txt'] }, march, days)).toBe(false);
    expect(nodePasses({ docs: ['c.txt'] }, march, days)).toBe(false);
    expect(edgePasses({ evidence: [{ doc: 'a.txt' }] }, march, days)).toBe(true);
    expect(edgePasses({ evidence: [{ doc: 'b.txt' }, { doc: 'c.txt' }] }, march, days)).toBe(false);
    // one end open: from a day on, or up to one; the ends count
    expect(edgePasses({ evidence: [{ doc: 'b.txt' }] }, { ...DEFAULT_FILTERS, since: '1987-08-20' }, days)).toBe(true);
    expect(edgePasses({ evidence: [{ doc: 'b.txt' }] }, { ...DEFAULT_FILTERS, until: '1987-08-19' }, days)).toBe(false);
  });

  it('should open a big graph made mostly of unrelated entities on the related ones, and nothing else', () => {
    expect(defaultFilters(12806, 11215)).toEqual({ ...DEFAULT_FILTERS, minRelations: 1 });
    expect(defaultFilters(12806, 6000)).toEqual(DEFAULT_FILTERS); // under half unrelated
    expect(defaultFilters(SPRAWL_MIN_ORDER - 1, SPRAWL_MIN_ORDER - 1)).toEqual(DEFAULT_FILTERS); // small graph
    expect(defaultFilters(12806, 12806)).toEqual(DEFAULT_FILTERS); // no relation at all: hiding would leave nothing
    expect(nodePasses({ type: 'person', relations: 0 }, defaultFilters(12806, 11215))).toBe(false);
  });
  it('should count only the relations that pass the edge filters, so a higher minimum weight hides the entities it disconnects', () => {
    const g = new Graph({ type: 'directed', multi: true });
    for (const n of ['a', 'b', 'c', 'd']) g.addNode(n);
    g.addEdge('a', 'b', { family: 'attack', weight: 3 });
    g.addEdge('b', 'c', { family: 'attack', weight: 1 });
    g.addEdge('c', 'd', { family: 'role', weight: 1 });
    const f = { ...DEFAULT_FILTERS, minRelations: 1, minWeight: 2 };
    const counts = visibleRelations((cb) => g.forEachEdge(cb), f);
    expect(Object.fromEntries(counts)).toEqual({ a: 1, b: 1 });
    const shown = g.nodes().filter((n) => nodePasses({ relations: counts.get(n) ?? 0 }, f));
    expect(shown).toEqual(['a', 'b']);
    expect(Object.fromEntries(visibleRelations((cb) => g.forEachEdge(cb), { ...DEFAULT_FILTERS, hiddenFamilies: ['role'] }))).toEqual({ a: 1, b: 2, c: 1 });
  });
  it('should say what the filters hide now', () => {
    const totals = { nodes: 38251, edges: 4395 };
    const sprawl = { ...DEFAULT_FILTERS, minRelations: 1 };
    expect(hiddenNote(sprawl, { nodes: 33371, edges: 0 }, totals, 33371)).toBe('the 33,371 without a relation are hidden (Filters)');
    expect(hiddenNote({ ...sprawl, minWeight: 2 }, { nodes: 37000, edges: 3900 }, totals, 33371)).toBe('filters hide 37,000 of 38,251 entities and 3,900 of 4,395 relations');
    expect(hiddenNote(DEFAULT_FILTERS, { nodes: 0, edges: 0 }, totals, 33371)).toBe('');
    expect(hiddenNote({ ...DEFAULT_FILTERS, hiddenFamilies: ['role'] }, { nodes: 0, edges: 12 }, totals, 33371)).toBe('filters hide 12 of 4,395 relations');
  });
});
