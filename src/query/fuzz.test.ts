import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NewsgraphError } from '../errors.js';
import { buildFixtureGraph } from './__fixtures__/kg.js';
import { parseQuery, runQuery } from './index.js';

const g = buildFixtureGraph();

/** Fragments of the language, so that random queries get past the first token. */
const TOKENS = [
  'MATCH', 'OPTIONAL MATCH', 'WHERE', 'RETURN', 'WITH', 'UNWIND', 'AS', 'ORDER BY', 'SKIP', 'LIMIT', 'DISTINCT', 'UNION',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', '..', '*', '-', '->', '<-', '--', '=', '<>', '<', '>=', '+', '/', '%', '^',
  'AND', 'OR', 'XOR', 'NOT', 'IN', 'IS NULL', 'STARTS WITH', 'CONTAINS', '=~', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'n', 'm', 'p', 'r', 'x', 'name', 'person', 'condemn', 'count', 'collect', 'size', 'range', 'shortestPath', 'labels',
  '0', '1', '-1', '2.5', "'Erdogan'", '"x"', 'null', 'true', '$p', '`a b`', 'path', 'paths', 'neighbors', 'find', 'max 3',
];

function expectOnlyOwnErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(NewsgraphError);
  }
}

describe('query fuzzing', () => {
  describe('parseQuery', () => {
    it('should throw nothing but NewsgraphError subclasses on arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => expectOnlyOwnErrors(() => parseQuery(s))), { numRuns: 500 });
    });

    it('should throw nothing but NewsgraphError subclasses on arbitrary unicode', () => {
      fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (s) => expectOnlyOwnErrors(() => parseQuery(s))), { numRuns: 300 });
    });
  });

  describe('runQuery', () => {
    it('should throw nothing but NewsgraphError subclasses on token soup', () => {
      const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }).map((t) => t.join(' '));
      fc.assert(fc.property(soup, (q) => expectOnlyOwnErrors(() => runQuery(g, q, { timeoutMs: 200 }))), { numRuns: 1500 });
    });

    it('should throw nothing but NewsgraphError subclasses on arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => expectOnlyOwnErrors(() => runQuery(g, s, { timeoutMs: 200 }))), { numRuns: 300 });
    });

    it('should throw nothing but NewsgraphError subclasses on well-formed queries with random expressions', () => {
      const atom = fc.constantFrom('1', '2.5', "'a'", 'null', 'true', '[1, 2]', "{k: 1}", 'n', 'n.name', 'n.mentionCount', 'r', 'r.evidence', '-3', 'range(1, 3)');
      const op = fc.constantFrom('+', '-', '*', '/', '%', '^', '=', '<>', '<', '>=', 'AND', 'OR', 'XOR', 'IN', 'STARTS WITH', 'CONTAINS', '=~');
      const fn = fc.constantFrom('size', 'toUpper', 'toString', 'toInteger', 'head', 'last', 'abs', 'labels', 'type', 'keys', 'length', 'coalesce', 'reverse');
      const expr = fc.tuple(atom, op, atom, fn).map(([a, o, b, f]) => `${f}(${a} ${o} ${b})`);
      const query = fc.tuple(expr, expr).map(([e1, e2]) => `MATCH (n)-[r]->(m) WITH n, r, ${e1} AS v WHERE ${e2} IS NOT NULL OR true RETURN v, count(*) ORDER BY v LIMIT 3`);
      fc.assert(fc.property(query, (q) => expectOnlyOwnErrors(() => runQuery(g, q, { timeoutMs: 200 }))), { numRuns: 500 });
    });
  });
});
