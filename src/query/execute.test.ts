import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { runQuery } from './index.js';

/** A diamond a→b→d, a→c→d plus d→e, in the property-graph form test graphs use (labels, type). */
function diamond(): MultiDirectedGraph {
  const g = new MultiDirectedGraph({ allowSelfLoops: true });
  for (const n of ['a', 'b', 'c', 'd', 'e']) g.addNode(n, { labels: ['N'], name: n });
  g.addEdgeWithKey('ab', 'a', 'b', { type: 'T' });
  g.addEdgeWithKey('ac', 'a', 'c', { type: 'T' });
  g.addEdgeWithKey('bd', 'b', 'd', { type: 'T' });
  g.addEdgeWithKey('cd', 'c', 'd', { type: 'T' });
  g.addEdgeWithKey('de', 'd', 'e', { type: 'U' });
  return g;
}

const g = diamond();
const rows = (q: string): unknown[][] => runQuery(g, q).rows;

describe('query/execute', () => {
  describe('runQuery', () => {
    it.each([
      { label: 'one shortest path', q: "MATCH p = shortestPath(({name: 'a'})-[*]->({name: 'd'})) RETURN length(p)", want: [[2]] },
      { label: 'all shortest paths', q: "MATCH p = allShortestPaths(({name: 'a'})-[*]->({name: 'd'})) RETURN [n IN nodes(p) | n.name] AS ns ORDER BY ns", want: [[['a', 'b', 'd']], [['a', 'c', 'd']]] },
      { label: 'shortest paths respecting direction', q: "MATCH p = shortestPath(({name: 'e'})-[*]->({name: 'a'})) RETURN p", want: [] },
      { label: 'shortest paths either way', q: "MATCH p = shortestPath(({name: 'e'})-[*]-({name: 'a'})) RETURN length(p)", want: [[3]] },
      { label: 'shortest paths with a type', q: "MATCH p = shortestPath(({name: 'a'})-[:T*]->({name: 'e'})) RETURN p", want: [] },
      { label: 'shortest paths with a maximum', q: "MATCH p = shortestPath(({name: 'a'})-[*..2]->({name: 'e'})) RETURN p", want: [] },
      { label: 'OPTIONAL MATCH with no match', q: "MATCH (n {name: 'e'}) OPTIONAL MATCH (n)-->(m) RETURN n.name, m", want: [['e', null]] },
      { label: 'OPTIONAL MATCH with matches', q: "MATCH (n {name: 'a'}) OPTIONAL MATCH (n)-->(m) RETURN m.name ORDER BY m.name", want: [['b'], ['c']] },
      { label: 'UNION removing duplicates', q: 'RETURN 1 AS x UNION RETURN 1 AS x UNION RETURN 2 AS x', want: [[1], [2]] },
      { label: 'UNION ALL keeping duplicates', q: 'RETURN 1 AS x UNION ALL RETURN 1 AS x', want: [[1], [1]] },
      { label: 'WITH aggregation then filter', q: 'MATCH (a)-->(b) WITH a, count(b) AS out WHERE out > 1 RETURN a.name, out', want: [['a', 2]] },
      { label: 'collect and size', q: "MATCH (a {name: 'a'})-[*1..2]->(x) RETURN size(collect(DISTINCT x.name)) AS n", want: [[3]] },
      { label: 'a pattern predicate', q: 'MATCH (n) WHERE NOT (n)-->() RETURN n.name', want: [['e']] },
      { label: 'EXISTS with WHERE', q: "MATCH (n) WHERE EXISTS { MATCH (n)-[r]->(m) WHERE type(r) = 'U' } RETURN n.name", want: [['d']] },
      { label: 'CASE', q: "UNWIND [1, 2, 3] AS x RETURN CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS w", want: [['one'], ['two'], ['many']] },
      { label: 'list slicing and negative indexes', q: 'WITH [1, 2, 3, 4] AS l RETURN l[1..3], l[-1], l[10]', want: [[[2, 3], 4, null]] },
      { label: 'string functions', q: "RETURN toUpper('ab') + toString(1.5) + substring('hello', 1, 3) AS s", want: [['AB1.5ell']] },
      { label: 'regular expressions', q: "MATCH (n) WHERE n.name =~ '[a-c]' RETURN count(n)", want: [[3]] },
      { label: 'ORDER BY with nulls last', q: 'UNWIND [2, null, 1] AS x RETURN x ORDER BY x', want: [[1], [2], [null]] },
      { label: 'ORDER BY DESC with nulls first', q: 'UNWIND [2, null, 1] AS x RETURN x ORDER BY x DESC', want: [[null], [2], [1]] },
      { label: 'min, max, avg, sum', q: 'UNWIND [1, 2, 3, 4] AS x RETURN min(x), max(x), avg(x), sum(x)', want: [[1, 4, 2.5, 10]] },
      { label: 'RETURN * in name order', q: "MATCH (b {name: 'b'})<--(a) RETURN *", want: [[expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'b' })]] },
    ])('should support $label', ({ q, want }) => {
      expect(rows(q)).toEqual(want);
    });

    it('should return hops with their direction for an undirected variable-length path', () => {
      const [row] = runQuery(g, "MATCH p = ({name: 'e'})-[*3]-({name: 'a'}) RETURN p LIMIT 1").rows;
      const p = row?.[0] as { hops: { reversed: boolean }[] };
      expect(p.hops.map((h) => h.reversed)).toEqual([true, true, true]);
    });
  });
});
