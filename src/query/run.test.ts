import { describe, expect, it } from 'vitest';
import { QueryError } from '../errors.js';
import type { QueryNode, QueryPathValue, QueryValue } from '../types.js';
import { buildFixtureGraph } from './__fixtures__/kg.js';
import { findNodes, formatResult, runQuery } from './index.js';

const g = buildFixtureGraph();

function column(text: string, options = {}): QueryValue[] {
  return runQuery(g, text, options).rows.map((r) => r[0]!);
}

function asPath(v: QueryValue | undefined): QueryPathValue {
  expect(v).toMatchObject({ $kind: 'path' });
  return v as QueryPathValue;
}

describe('query', () => {
  describe('findNodes', () => {
    it.each([
      { label: 'an alias', name: 'Erdogan', want: ['person:recep-tayyip-erdogan'] },
      { label: 'the label with accents', name: 'Recep Tayyip Erdoğan', want: ['person:recep-tayyip-erdogan'] },
      { label: 'a different case', name: 'nato', want: ['organization:nato'] },
      { label: 'a possessive', name: "Erdogan's", want: ['person:recep-tayyip-erdogan'] },
      { label: 'a curly possessive', name: 'Assad’s', want: ['person:bashar-al-assad'] },
      { label: 'accents removed from the label', name: 'Cavusoglu', want: ['person:mevlut-cavusoglu'] },
      { label: 'a word subset', name: 'Tayyip', want: ['person:recep-tayyip-erdogan'] },
      { label: 'an expansion alias', name: 'north atlantic treaty organization', want: ['organization:nato'] },
      { label: 'a prefix', name: 'Stolt', want: ['person:jens-stoltenberg'] },
      { label: 'an exact match before a word match', name: 'Syria', want: ['place:syria'] },
    ])('should find $label', ({ name, want }) => {
      expect(findNodes(g, name)).toEqual(want);
    });

    it.each([
      { label: 'an unknown name', name: 'Putin' },
      { label: 'an empty name', name: '' },
      { label: 'punctuation only', name: "'s" },
    ])('should find nothing for $label', ({ name }) => {
      expect(findNodes(g, name)).toEqual([]);
    });

    it('should rank several word matches by mentions', () => {
      expect(findNodes(g, 'Syrian')).toEqual(['place:syrian-arab-republic']);
      expect(findNodes(g, 'Syr')).toEqual(['place:syria', 'place:syrian-arab-republic']);
    });
  });

  describe('runQuery (knowledge graph)', () => {
    it.each([
      { label: 'entity types as labels, case-insensitive', q: 'MATCH (p:Person) RETURN p.name ORDER BY p.name', want: ['Bashar al-Assad', 'Jens Stoltenberg', 'Mevlüt Çavuşoğlu', 'Recep Tayyip Erdoğan'] },
      { label: 'lower-case entity types', q: 'MATCH (p:organization) RETURN p.name', want: ['NATO'] },
      { label: 'a name map matching an alias', q: "MATCH (a {name: 'Erdogan'})-[:condemn]->(b) RETURN b.name", want: ['Bashar al-Assad'] },
      { label: 'a predicate as relationship type', q: 'MATCH (a)-[:urge]->(b) RETURN b.name', want: ['Recep Tayyip Erdoğan'] },
      { label: 'an event family as relationship type', q: 'MATCH (a)-[:criticise]->(b) RETURN a.name', want: ['Recep Tayyip Erdoğan'] },
      { label: 'a backticked predicate with a space', q: 'MATCH (a)-[:`retaliate against`]->(b) RETURN b.name', want: ['Syria'] },
      { label: 'an underscored predicate', q: 'MATCH (a)-[:RETALIATE_AGAINST]->(b) RETURN a.name', want: ['Turkey'] },
      { label: 'alternative types', q: 'MATCH (a)-[r:criticise|attack]->(b) RETURN type(r) ORDER BY type(r)', want: ['condemn', 'retaliate against'] },
      { label: 'type() as the predicate', q: "MATCH ({name: 'Stoltenberg'})-[r]->() RETURN type(r) ORDER BY type(r)", want: ['secretary general of', 'urge'] },
      { label: 'labels() as the entity type', q: "MATCH (n {name: 'NATO'}) RETURN labels(n)", want: [['organization']] },
      { label: 'id() as the node key', q: "MATCH (n {name: 'Assad'}) RETURN id(n)", want: ['person:bashar-al-assad'] },
      { label: 'properties of edges', q: "MATCH ()-[r]->() WHERE r.family = 'role' RETURN count(*)", want: [4] },
      { label: 'exact name comparison in WHERE', q: "MATCH (n) WHERE n.name = 'Syria' RETURN n.mentionCount", want: [8] },
      { label: 'aliases as a list property', q: "MATCH (n:place) WHERE 'Türkiye' IN n.aliases RETURN n.name", want: ['Turkey'] },
      { label: 'aggregation by type', q: 'MATCH (n) RETURN n.type AS t, count(*) AS c ORDER BY c DESC, t LIMIT 1', want: ['person'] },
      { label: 'variable-length reach', q: "MATCH ({name: 'Stoltenberg'})-[*1..3]->(b:place) RETURN DISTINCT b.name ORDER BY b.name", want: ['Syria', 'Turkey'] },
    ])('should support $label', ({ q, want }) => {
      expect(column(q)).toEqual(want);
    });

    it('should return paths with each hop’s evidence and direction', () => {
      const [row] = runQuery(g, "MATCH p = ({name: 'Stoltenberg'})-[*2]-({name: 'Assad'}) RETURN p").rows;
      const p = asPath(row?.[0]);
      expect(p.nodes.map((n) => n.id)).toEqual(['person:jens-stoltenberg', 'person:recep-tayyip-erdogan', 'person:bashar-al-assad']);
      expect(p.hops.map((h) => [h.predicate, h.reversed, h.evidence[0]?.text])).toEqual([
        ['urge', false, 'Stoltenberg urged Erdogan to show restraint.'],
        ['condemn', false, 'Erdogan condemned Assad over the attack in Idlib.'],
      ]);
    });

    it("should carry a path's evidence once, in its hops, not again in its edges", () => {
      const [row] = runQuery(g, "MATCH p = ({name: 'Stoltenberg'})-[*2]-({name: 'Assad'}) RETURN p, relationships(p)[0] AS r").rows;
      const p = asPath(row?.[0]);
      expect(p.edges).toHaveLength(2);
      for (const e of p.edges) expect(Object.keys(e.properties)).not.toContain('evidence');
      expect(p.edges[0]?.properties.predicate).toBe('urge');
      expect(p.hops[0]?.evidence.length).toBeGreaterThan(0);
      // the relationship as a value of its own keeps its evidence
      expect((row?.[1] as { properties: Record<string, unknown> }).properties.evidence).toEqual(p.hops[0]?.evidence);
    });

    it('should mark hops that follow an edge backwards', () => {
      const [row] = runQuery(g, "MATCH p = ({name: 'Assad'})<-[:condemn]-(x)<-[:urge]-(y) RETURN p").rows;
      expect(asPath(row?.[0]).hops.map((h) => [h.source, h.target, h.reversed])).toEqual([
        ['person:bashar-al-assad', 'person:recep-tayyip-erdogan', true],
        ['person:recep-tayyip-erdogan', 'person:jens-stoltenberg', true],
      ]);
    });

    it('should find shortest paths with shortestPath()', () => {
      const rows = runQuery(g, "MATCH p = shortestPath((a {name: 'Cavusoglu'})-[*]-(b {name: 'Assad'})) RETURN p, length(p)").rows;
      expect(rows.map((r) => r[1])).toEqual([3]);
    });

    it('should return nodes with their key, labels and properties', () => {
      const n = column("MATCH (n {name: 'NATO'}) RETURN n")[0] as QueryNode;
      expect(n).toMatchObject({ $kind: 'node', id: 'organization:nato', labels: ['organization'], properties: { label: 'NATO', name: 'NATO', mentionCount: 7 } });
    });

    it('should leave out properties named in omitProperties', () => {
      const n = runQuery(g, "MATCH (n {name: 'NATO'}) RETURN n", { omitProperties: ['mentions', 'docs'] }).rows[0]?.[0] as QueryNode;
      expect(Object.keys(n.properties)).not.toContain('mentions');
      expect(Object.keys(n.properties)).not.toContain('docs');
      expect(n.properties.label).toBe('NATO');
      expect(runQuery(g, "MATCH (n {name: 'NATO'}) RETURN size(n.mentions)", { omitProperties: ['mentions'] }).rows).toEqual([[1]]);
    });

    it('should accept parameters', () => {
      expect(column('MATCH (n {name: $who}) RETURN n.name', { params: { who: 'Assad' } })).toEqual(['Bashar al-Assad']);
      expect(() => runQuery(g, 'RETURN $missing')).toThrow(QueryError);
    });

    it.each([
      { label: 'an unknown variable', q: 'MATCH (n) RETURN m' },
      { label: 'an unknown function', q: 'RETURN frobnicate(1)' },
      { label: 'a type error', q: "RETURN 1 + true" },
      { label: 'division by zero', q: 'RETURN 1 / 0' },
      { label: 'a write clause', q: "CREATE (n {name: 'x'}) RETURN n" },
    ])('should throw QueryError for $label', ({ q }) => {
      expect(() => runQuery(g, q)).toThrow(QueryError);
    });
  });

  describe('runQuery (shortcuts)', () => {
    it('should find the shortest path with evidence, matching names by alias', () => {
      const r = runQuery(g, 'path Stoltenberg -> Assad');
      expect(r.columns).toEqual(['path', 'length']);
      const p = asPath(r.rows[0]?.[0]);
      expect(p.nodes.map((n) => n.properties.label)).toEqual(['Jens Stoltenberg', 'Recep Tayyip Erdoğan', 'Bashar al-Assad']);
      expect(p.hops[1]?.evidence[0]?.text).toBe('Erdogan condemned Assad over the attack in Idlib.');
    });

    it('should traverse edges against their direction', () => {
      const p = asPath(runQuery(g, "path 'Bashar al-Assad' -> Jens Stoltenberg").rows[0]?.[0]);
      expect(p.hops.map((h) => h.reversed)).toEqual([true, true]);
    });

    it('should avoid excluded families', () => {
      const p = asPath(runQuery(g, 'path Stoltenberg -> Assad without family criticise').rows[0]?.[0]);
      expect(p.hops.length).toBe(4);
      expect(p.hops.map((h) => h.predicate)).not.toContain('condemn');
    });

    it('should avoid excluded nodes', () => {
      const p = asPath(runQuery(g, 'path Stoltenberg -> Assad without Erdogan').rows[0]?.[0]);
      expect(p.nodes.map((n) => n.id)).not.toContain('person:recep-tayyip-erdogan');
    });

    it('should avoid hubs', () => {
      // Turkey has 4 edges; with hubs over 3 excluded the path goes round it.
      expect(runQuery(g, 'paths Stoltenberg -> Syria max 3').rows.length).toBe(3);
      const rows = runQuery(g, 'paths Stoltenberg -> Syria max 3 without hubs over 3').rows;
      expect(rows.map((r) => asPath(r[0]).nodes.map((n) => n.id))).toEqual([
        ['person:jens-stoltenberg', 'person:recep-tayyip-erdogan', 'person:bashar-al-assad', 'place:syria'],
      ]);
    });

    it('should say when there is no path', () => {
      const r = runQuery(g, 'path Stoltenberg -> Assad without Erdogan, Syria');
      expect(r.rows).toEqual([]);
      expect(r.notices.join(' ')).toMatch(/no path/);
    });

    it('should list every simple path up to the maximum length, shortest first', () => {
      const r = runQuery(g, 'paths Stoltenberg -> Syria max 4');
      const lengths = r.rows.map((row) => row[1]);
      expect(lengths).toEqual([3, 3, 3]);
      expect(runQuery(g, "paths Stoltenberg -> Syria max 5").rows.map((row) => row[1])).toEqual([3, 3, 3, 5]);
      for (const row of r.rows) expect(asPath(row[0]).nodes.at(-1)?.id).toBe('place:syria');
    });

    it('should cut all-paths searches at maxPaths with a notice', () => {
      const r = runQuery(g, 'paths Stoltenberg -> Syria max 4', { maxPaths: 2 });
      expect(r.rows.length).toBe(2);
      expect(r.truncated).toBe(true);
      expect(r.notices.join(' ')).toMatch(/stopped after 2 paths/);
    });

    it('should list neighbours in both directions', () => {
      const r = runQuery(g, 'neighbors Erdogan');
      expect(r.rows.map((row) => (row[1] as { type: string }).type).sort()).toEqual(['condemn', 'president of', 'urge']);
    });

    it('should find nodes by text', () => {
      expect(runQuery(g, 'find syria').rows.map((row) => (row[0] as QueryNode).id)).toEqual(['place:syria', 'place:syrian-arab-republic']);
    });

    it('should say which node an ambiguous name chose', () => {
      const r = runQuery(g, 'neighbors Syr');
      expect(r.notices.join(' ')).toMatch(/matched 2 nodes/);
    });

    it('should throw QueryError for an unknown name', () => {
      expect(() => runQuery(g, 'path Putin -> Assad')).toThrow(QueryError);
    });
  });

  describe('formatResult', () => {
    it('should show a path as labels joined by predicates in a table', () => {
      const text = formatResult(runQuery(g, 'path Assad -> Stoltenberg'), 'table');
      expect(text).toContain('Bashar al-Assad <-[condemn]- Recep Tayyip Erdoğan <-[urge]- Jens Stoltenberg');
      expect(text).toMatch(/1 row/);
    });

    it('should align table columns', () => {
      const lines = formatResult(runQuery(g, "MATCH (n:place) RETURN n.name AS name, n.mentionCount AS m ORDER BY m DESC"), 'table').split('\n');
      const widths = new Set(lines.filter((l) => l.startsWith('|') || l.startsWith('+')).map((l) => l.length));
      expect(widths.size).toBe(1);
      expect(lines[3]).toMatch(/^\| Turkey\s+\| 10 \|$/);
    });

    it('should quote CSV cells that need it', () => {
      const csv = formatResult(runQuery(g, "RETURN 'a, \"b\"' AS x, 1 AS y"), 'csv');
      expect(csv).toBe('x,y\r\n"a, ""b""",1\r\n');
    });

    it('should write JSON that parses back to the result', () => {
      const r = runQuery(g, 'path Stoltenberg -> Assad');
      expect(JSON.parse(formatResult(r, 'json'))).toEqual(JSON.parse(JSON.stringify(r)));
    });

    it('should say when rows were cut off', () => {
      const text = formatResult(runQuery(g, 'UNWIND range(1, 5) AS x RETURN x', { maxRows: 2 }), 'table');
      expect(text).toMatch(/2 rows \(truncated\)/);
    });
  });
});

describe('query errors', () => {
  describe('runQuery', () => {
    it('should give the line and column of an expression that fails', () => {
      try {
        runQuery(g, 'MATCH (n)\nRETURN n.name + undefinedVar');
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(QueryError);
        expect((e as QueryError).position).toMatchObject({ line: 2, column: 17 });
        expect((e as QueryError).message).toMatch(/undefinedVar.*line 2, column 17/);
      }
    });

    it('should match names by alias with named()', () => {
      expect(runQuery(g, "MATCH (n) WHERE named(n, 'erdogan') RETURN n.name").rows).toEqual([['Recep Tayyip Erdoğan']]);
    });
  });
});

describe('query/validate', () => {
  describe('runQuery', () => {
    it.each([
      { label: 'a node variable reused as a relationship', q: 'MATCH (a)-[a]->(b) RETURN a' },
      { label: 'a relationship variable used twice in one MATCH', q: 'MATCH (a)-[r]->(b)-[r]->(c) RETURN r' },
      { label: 'a path variable redefined', q: 'MATCH p = (a)-->(b) MATCH p = (c)-->(d) RETURN p' },
      { label: 'a literal used as a node', q: 'WITH 1 AS n MATCH (n)-->() RETURN n' },
      { label: 'an aggregate in WHERE', q: 'MATCH (a) WHERE count(a) > 1 RETURN a' },
      { label: 'an unaliased expression in WITH', q: 'MATCH (a) WITH a.name RETURN 1' },
      { label: 'an undefined variable in a query that matches nothing', q: "MATCH (a {name: 'Nobody'}) RETURN b" },
      { label: 'a variable dropped by WITH', q: 'MATCH (a)-->(b) WITH a RETURN b' },
      { label: 'ORDER BY a variable removed by DISTINCT', q: 'MATCH (a) RETURN DISTINCT a.name ORDER BY a.mentionCount' },
      { label: 'an unknown function in a query that matches nothing', q: "MATCH (a {name: 'Nobody'}) RETURN frob(a)" },
      { label: 'a property of a path', q: 'MATCH p = (a)-->(b) RETURN p.name' },
    ])('should reject $label before running', ({ q }) => {
      expect(() => runQuery(g, q)).toThrow(QueryError);
    });

    it.each([
      { label: 'ORDER BY a projected expression after DISTINCT', q: 'MATCH (a:place) RETURN DISTINCT a.name ORDER BY a.name' },
      { label: 'a node passed through WITH', q: "MATCH (a {name: 'NATO'}) WITH a AS x MATCH (x)-->(y) RETURN y.name" },
      { label: 'WHERE after WITH reading an earlier variable', q: 'MATCH (a)-->(b) WITH a WHERE b.type = \'place\' RETURN count(a)' },
      { label: 'a list comprehension variable', q: 'RETURN [x IN [1, 2] WHERE x > 1 | x * 10] AS xs' },
      { label: 'a pattern predicate introducing nothing new', q: "MATCH (a) WHERE (a)-[:condemn]->() RETURN a.name" },
    ])('should accept $label', ({ q }) => {
      expect(() => runQuery(g, q)).not.toThrow();
    });
  });
});

describe('query caches', () => {
  describe('runQuery', () => {
    it('should see nodes and edges added after an earlier query', () => {
      const kg = buildFixtureGraph();
      expect(runQuery(kg, 'path Cavusoglu -> Stoltenberg without Turkey').rows).toEqual([]);
      expect(findNodes(kg, 'Lavrov')).toEqual([]);
      kg.addNode('person:sergey-lavrov', { ...kg.getNodeAttributes('person:jens-stoltenberg'), label: 'Sergey Lavrov', aliases: ['Lavrov'] });
      kg.addEdgeWithKey('x1', 'person:mevlut-cavusoglu', 'person:sergey-lavrov', { ...kg.getEdgeAttributes('e2'), predicate: 'call' });
      kg.addEdgeWithKey('x2', 'person:sergey-lavrov', 'person:jens-stoltenberg', { ...kg.getEdgeAttributes('e2'), predicate: 'call' });
      expect(findNodes(kg, 'Lavrov')).toEqual(['person:sergey-lavrov']);
      const p = asPath(runQuery(kg, 'path Cavusoglu -> Stoltenberg without Turkey').rows[0]?.[0]);
      expect(p.nodes.map((n) => n.id)).toEqual(['person:mevlut-cavusoglu', 'person:sergey-lavrov', 'person:jens-stoltenberg']);
      kg.dropEdge('x2');
      expect(runQuery(kg, 'path Cavusoglu -> Stoltenberg without Turkey').rows).toEqual([]);
    });

    it('should see renamed aliases', () => {
      const kg = buildFixtureGraph();
      expect(findNodes(kg, 'Jens')).toEqual(['person:jens-stoltenberg']);
      kg.setNodeAttribute('person:jens-stoltenberg', 'aliases', ['The Secretary General']);
      expect(findNodes(kg, 'secretary general')).toEqual(['person:jens-stoltenberg']);
    });
  });
});

describe('query LIMIT', () => {
  describe('runQuery', () => {
    it('should stop matching once LIMIT rows are found', () => {
      let reads = 0;
      const now = (): number => reads++;
      // With a clock read every 256 steps, far fewer reads happen when the match stops early.
      runQuery(g, 'MATCH (a)-[*1..4]-(b) RETURN a LIMIT 1', { now });
      const early = reads;
      reads = 0;
      runQuery(g, 'MATCH (a)-[*1..4]-(b) RETURN a ORDER BY a.name LIMIT 1', { now });
      expect(early).toBeLessThan(reads);
    });

    it.each([
      { label: 'SKIP and LIMIT', q: 'UNWIND range(1, 3) AS x MATCH (n:place) RETURN x, n.name SKIP 2 LIMIT 2', n: 2 },
      { label: 'LIMIT 0', q: 'MATCH (n) RETURN n LIMIT 0', n: 0 },
      { label: 'LIMIT after OPTIONAL MATCH', q: "MATCH (n) OPTIONAL MATCH (n)-[:nothing]->(m) RETURN n, m LIMIT 3", n: 3 },
    ])('should return the right number of rows with $label', ({ q, n }) => {
      expect(runQuery(g, q).rows.length).toBe(n);
    });
  });
});

describe('query DISTINCT', () => {
  describe('runQuery', () => {
    it.each([
      { label: 'strings that look like list separators', q: "UNWIND [['a,s1:b'], ['a', 'b'], ['a', 'b']] AS x RETURN count(DISTINCT x)", want: 2 },
      { label: 'integers and equal floats', q: 'UNWIND [1, 1.0, 2] AS x RETURN count(DISTINCT x)', want: 2 },
      { label: 'nulls ignored', q: 'UNWIND [null, 1, null] AS x RETURN count(DISTINCT x)', want: 1 },
      { label: 'maps by value', q: 'UNWIND [{a: 1}, {a: 1}, {a: 2}] AS x RETURN count(DISTINCT x)', want: 2 },
    ])('should count distinct $label', ({ q, want }) => {
      expect(runQuery(g, q).rows).toEqual([[want]]);
    });
  });
});
