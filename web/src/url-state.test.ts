import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, parseViewState, serializeViewState, type ViewState } from './url-state.js';
import { MAX_PATH_HOPS, MIN_PATH_HOPS } from './paths.js';

describe('url-state', () => {
  it('should serialise the default state to an empty hash', () => {
    expect(serializeViewState(EMPTY_STATE)).toBe('');
    expect(parseViewState('')).toEqual(EMPTY_STATE);
  });
  it.each<[string, ViewState]>([
    ['a selected node', { ...EMPTY_STATE, node: 'person:jens-stoltenberg' }],
    ['a selected edge', { ...EMPTY_STATE, edge: 'e12' }],
    ['a selected claim', { ...EMPTY_STATE, claim: 'killed: people (Chad, 1987-03-20) & “more”' }],
    ['a query with symbols', { ...EMPTY_STATE, query: 'MATCH (a)-[r]->(b) WHERE a.label = "Erdoğan & co" RETURN a' }],
    [
      'a path request',
      { ...EMPTY_STATE, path: { from: 'person:a', to: 'place:b,c', allUpTo: 3, excludeHubs: true, excludeFamilies: ['role', 'statement'] } },
    ],
    [
      'filters',
      { ...EMPTY_STATE, filters: { hiddenTypes: ['place'], hiddenFamilies: ['role'], source: 'Reuters', doc: 'world/a.txt', since: '1987-03-01', until: '1987-03-31', minWeight: 2, minRelations: 1 } },
    ],
  ])('should round-trip %s', (_label, state) => {
    expect(parseViewState('#' + serializeViewState(state))).toEqual(state);
  });
  it('should ignore bad values', () => {
    const s = parseViewState('#minw=-3&k=abc&from=x&to=y&zzz=1&since=March&until=1987-13-45');
    expect(s.filters.minWeight).toBe(1);
    expect([s.filters.since, s.filters.until]).toEqual([null, null]);
    expect(s.path?.allUpTo).toBe(0);
  });
  it("should leave the graph's own filter defaults out of the link, and write a departure from them", () => {
    const sprawling = { ...EMPTY_STATE.filters, minRelations: 1 };
    expect(serializeViewState({ ...EMPTY_STATE, filters: sprawling }, sprawling)).toBe('');
    expect(parseViewState('', sprawling).filters.minRelations).toBe(1);
    const all = { ...EMPTY_STATE, filters: { ...sprawling, minRelations: 0 } };
    expect(serializeViewState(all, sprawling)).toBe('minrel=0');
    expect(parseViewState('#minrel=0', sprawling).filters.minRelations).toBe(0);
  });
  it("should clamp the hop count to the path finder's choices", () => {
    expect(parseViewState('from=a&to=b&k=99').path?.allUpTo).toBe(MAX_PATH_HOPS);
    expect(parseViewState('from=a&to=b&k=8').path?.allUpTo).toBe(MAX_PATH_HOPS);
    expect(parseViewState('from=a&to=b&k=1').path?.allUpTo).toBe(MIN_PATH_HOPS);
    expect(MAX_PATH_HOPS).toBe(5);
    for (let k = MIN_PATH_HOPS; k <= MAX_PATH_HOPS; k++) expect(parseViewState(`from=a&to=b&k=${k}`).path?.allUpTo).toBe(k);
  });
});
