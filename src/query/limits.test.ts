import { describe, expect, it } from 'vitest';
import { MultiDirectedGraph } from 'graphology';
import { QueryError, QueryLimitError, QuerySyntaxError } from '../errors.js';
import { runQuery } from './index.js';

/** 200 nodes, 5,000 edges, from a seeded linear congruential generator (deterministic). */
function denseGraph(): MultiDirectedGraph {
  const g = new MultiDirectedGraph({ allowSelfLoops: true });
  for (let i = 0; i < 200; i++) g.addNode(`n${i}`, { label: `Node ${i}`, type: 'person', aliases: [], mentionCount: 1 });
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * 200);
  };
  for (let e = 0; e < 5000; e++) {
    g.addEdgeWithKey(`e${e}`, `n${next()}`, `n${next()}`, { predicate: 'meet', family: 'consult', evidence: [] });
  }
  return g;
}

/** A clock that advances `step` ms every time it is read. */
function fakeClock(step: number): () => number {
  let t = 0;
  return () => (t += step);
}

const dense = denseGraph();

describe('query limits', () => {
  describe('runQuery', () => {
    it('should cut an unbounded variable-length path query on a dense graph at maxPaths, with a notice', () => {
      // A clock that never advances, so that the outcome does not depend on the machine's load.
      const r = runQuery(dense, 'MATCH p=(a)-[*]-(b) RETURN p', { now: () => 0 });
      expect(r.truncated).toBe(true);
      expect(r.rows.length).toBe(1000);
      expect(r.notices.join(' ')).toMatch(/stopped after 1,000 paths/);
    });

    it('should cut an all-paths shortcut with no practical maximum at maxPaths', () => {
      const r = runQuery(dense, 'paths Node 1 -> Node 2 max 20', { maxPaths: 50, now: () => 0 });
      expect(r.truncated).toBe(true);
      expect(r.rows.length).toBe(50);
    });

    it('should keep the shortest paths when it cuts an all-paths search (shortest first, whatever the max)', () => {
      const lengths = (q: string) => runQuery(dense, q, { maxPaths: 50, now: () => 0 }).rows.map((row) => Number(row[1]));
      const short = lengths('paths Node 1 -> Node 2 max 2');
      expect(short.length).toBeGreaterThan(0);
      expect(short.length).toBeLessThan(50);
      const long = lengths('paths Node 1 -> Node 2 max 6');
      expect(long).toHaveLength(50);
      // every path of at most 2 hops comes first, in the same order, then longer ones
      expect(long.slice(0, short.length)).toEqual(short);
      expect(Math.max(...long.slice(short.length))).toBe(3);
      expect([...long].sort((a, b) => a - b)).toEqual(long);
    });

    it('should stop a long search at the time budget (fake clock)', () => {
      expect(() => runQuery(dense, 'MATCH (a)-->(b)-->(c)-->(d) RETURN count(*)', { now: fakeClock(1), timeoutMs: 500 })).toThrow(QueryLimitError);
    });

    it('should stop as soon as the clock says the budget is spent', () => {
      expect(() => runQuery(dense, 'MATCH (a) RETURN count(a)', { now: fakeClock(10_000) })).toThrow(QueryLimitError);
    });

    it('should not stop a query the clock says is within budget', () => {
      expect(runQuery(dense, 'MATCH (a) RETURN count(a)', { now: () => 0 }).rows).toEqual([[200]]);
    });

    it('should stop a cartesian explosion', () => {
      expect(() => runQuery(dense, 'MATCH (a), (b), (c), (d) RETURN count(*)', { now: fakeClock(1), timeoutMs: 300 })).toThrow(QueryLimitError);
    });

    it('should bound intermediate rows even with a clock that never advances', () => {
      expect(() => runQuery(dense, 'MATCH (a), (b), (c) RETURN count(*)', { now: () => 0, maxIntermediateRows: 50_000 })).toThrow(QueryLimitError);
    });

    it('should cut rows at maxRows, with a notice', () => {
      const r = runQuery(dense, 'MATCH (a)-->(b) RETURN a, b', { maxRows: 10, now: () => 0 });
      expect(r.rows.length).toBe(10);
      expect(r.truncated).toBe(true);
      expect(r.notices.join(' ')).toMatch(/stopped after 10 rows/);
    });

    it('should follow an unbounded * at most maxDepth hops and say so', () => {
      const chain = new MultiDirectedGraph();
      for (let i = 0; i < 10; i++) chain.addNode(`c${i}`, { labels: ['C'], i: BigInt(i) });
      for (let i = 0; i < 9; i++) chain.addEdge(`c${i}`, `c${i + 1}`, { type: 'NEXT' });
      const r = runQuery(chain, "MATCH (a {i: 0})-[*]->(b) RETURN max(b.i)", { maxDepth: 4 });
      expect(r.rows).toEqual([[4]]);
      expect(r.notices.join(' ')).toMatch(/at most 4 hops/);
    });

    it.each([
      { label: '10,000-deep nested parentheses', q: 'RETURN ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) },
      { label: 'a 100 KB chain of ORs', q: 'MATCH (a) WHERE ' + Array(10_000).fill('a.x = 1').join(' OR ') + ' RETURN a' },
      { label: '10,000-deep nested list comprehension brackets', q: 'RETURN ' + '[x IN '.repeat(10_000) + '[1]' + ']'.repeat(10_000) },
    ])('should reject $label with a syntax error', ({ q }) => {
      expect(q.length).toBeGreaterThan(9_999);
      expect(() => runQuery(dense, q)).toThrow(QuerySyntaxError);
    });

    it('should run a 100 KB query that is long but flat', () => {
      const list = Array.from({ length: 30_000 }, (_, i) => String(i % 200)).join(',');
      const q = `MATCH (a) WHERE toInteger(substring(a.label, 5)) IN [${list}] RETURN count(a)`;
      expect(q.length).toBeGreaterThan(100_000);
      expect(runQuery(dense, q, { now: () => 0 }).rows).toEqual([[200]]);
    });

    it('should refuse a query over the size limit', () => {
      expect(() => runQuery(dense, 'RETURN 1' + ' '.repeat(1_000_001))).toThrow(QueryLimitError);
    });

    it('should refuse a huge range', () => {
      expect(() => runQuery(dense, 'UNWIND range(1, 100000000) AS x RETURN count(*)')).toThrow(/range/);
    });
  });
});

describe('query regular expressions', () => {
  describe('runQuery', () => {
    it.each([
      { label: 'nested repetition', re: '(a+)+b' },
      { label: 'repeated alternation', re: '(a|aa)*c' },
      { label: 'a counted repeat of a repeat', re: '(x*){2,}y' },
      { label: 'a back-reference', re: '(a)\\\\1' },
    ])('should refuse $label, which the time budget could not interrupt', ({ re }) => {
      expect(() => runQuery(dense, `RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' =~ '${re}' AS m`)).toThrow(QueryError);
    });

    it.each([
      { re: 'a+b*', want: true },
      { re: 'a+b', want: false },
      { re: '(ab)+', want: false },
      { re: 'a{3,}', want: true },
      { re: '(?:a|b)c?a*', want: true },
    ])('should still run $re', ({ re, want }) => {
      expect(runQuery(dense, `RETURN 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' =~ '${re}' AS m`).rows).toEqual([[want]]);
    });
  });
});
