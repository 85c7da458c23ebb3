import { describe, expect, it } from 'vitest';
import { QueryError, QuerySyntaxError } from '../errors.js';
import { parseQuery } from './parser.js';
import type { StatementAst } from './ast.js';

function statement(text: string): StatementAst {
  const ast = parseQuery(text);
  if (ast.kind !== 'statement') throw new Error('expected a statement');
  return ast;
}

function syntaxErrorOf(text: string): QuerySyntaxError {
  try {
    parseQuery(text);
  } catch (e) {
    if (e instanceof QuerySyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe('query/parser', () => {
  describe('parseQuery', () => {
    it.each([
      { label: 'a node with labels and properties', text: "MATCH (n:Person:Leader {name: 'Erdogan'}) RETURN n", clauses: ['match', 'return'] },
      { label: 'comma-separated patterns', text: 'MATCH (a)-->(b), (b)<--(c) RETURN a, c', clauses: ['match', 'return'] },
      { label: 'a named variable-length path', text: 'MATCH p = (a)-[:T*1..3]->(b) RETURN p', clauses: ['match', 'return'] },
      { label: 'shortestPath', text: 'MATCH p = shortestPath((a)-[*..5]-(b)) RETURN p', clauses: ['match', 'return'] },
      { label: 'OPTIONAL MATCH, WITH, UNWIND', text: 'UNWIND [1, 2] AS x OPTIONAL MATCH (n {v: x}) WITH x, n WHERE x > 1 RETURN x', clauses: ['unwind', 'match', 'with', 'return'] },
      { label: 'ORDER BY, SKIP, LIMIT and DISTINCT', text: 'MATCH (n) RETURN DISTINCT n.name AS name ORDER BY name DESC SKIP 1 LIMIT 2', clauses: ['match', 'return'] },
      { label: 'comments and a trailing semicolon', text: '// who\nMATCH (n) /* all */ RETURN n;', clauses: ['match', 'return'] },
      { label: 'backticked relationship types', text: 'MATCH (a)-[:`retaliate against`|attack]->(b) RETURN b', clauses: ['match', 'return'] },
      { label: 'CASE, list comprehension, quantifier', text: 'RETURN CASE WHEN 1 > 0 THEN [x IN [1,2] WHERE x > 1 | x * 2] END AS l, all(x IN [1] WHERE x = 1) AS q', clauses: ['return'] },
    ])('should parse $label', ({ text, clauses }) => {
      expect(statement(text).parts[0]!.clauses.map((c) => c.kind)).toEqual(clauses);
    });

    it('should name columns after the expression text when there is no alias', () => {
      const ret = statement('MATCH (n) RETURN n.name, count( * ), n.x AS y').parts[0]!.clauses[1]!;
      expect(ret.kind === 'return' && ret.items.map((i) => i.alias)).toEqual(['n.name', 'count( * )', 'y']);
    });

    it('should parse a relationship with direction and bounds', () => {
      const m = statement('MATCH (a)<-[r:T*2..]-(b) RETURN a').parts[0]!.clauses[0]!;
      expect(m.kind === 'match' && m.patterns[0]!.rels[0]).toMatchObject({ variable: 'r', types: ['T'], direction: 'in', length: { min: 2, max: null } });
    });

    it.each([
      { label: 'a missing closing parenthesis', text: 'MATCH (n RETURN n', line: 1, column: 10, expected: /expected .*found "RETURN"/ },
      { label: 'an unknown clause', text: 'MATCH (n)\nRETRUN n', line: 2, column: 1, expected: /expected .*found "RETRUN"/ },
      { label: 'a missing RETURN', text: 'MATCH (n)', line: 1, column: 10, expected: /expected .*found end of input/ },
      { label: 'an unterminated string', text: "RETURN 'abc", line: 1, column: 8, expected: /unterminated string/ },
      { label: 'a bad character', text: 'RETURN 1 # 2', line: 1, column: 10, expected: /found "#"/ },
      { label: 'an empty query', text: '   ', line: 1, column: 4, expected: /expected a query/ },
      { label: 'a dangling operator', text: 'RETURN 1 +', line: 1, column: 11, expected: /expected an expression, found end of input/ },
      { label: 'an integer too large', text: 'RETURN 9223372036854775808', line: 1, column: 8, expected: /integer overflow/ },
    ])('should report $label with its line and column', ({ text, line, column, expected }) => {
      const e = syntaxErrorOf(text);
      expect(e.position).toMatchObject({ line, column });
      expect(e.message).toMatch(expected);
    });

    it('should reject write clauses as unsupported rather than as syntax errors', () => {
      expect(() => parseQuery('MATCH (n) DELETE n')).toThrow(QueryError);
      expect(() => parseQuery('MATCH (n) DELETE n')).not.toThrow(QuerySyntaxError);
    });

    it.each([
      { label: '10,000 nested parentheses', text: 'RETURN ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) },
      { label: '10,000 nested lists', text: 'RETURN ' + '['.repeat(10_000) + ']'.repeat(10_000) },
      { label: '10,000 NOTs', text: 'RETURN ' + 'NOT '.repeat(10_000) + 'true' },
      { label: 'a 100 KB chain of additions', text: 'RETURN ' + '1 + '.repeat(25_000) + '1' },
      { label: 'a 100 KB chain of property lookups', text: 'WITH {} AS m RETURN m' + '.a'.repeat(50_000) },
      { label: 'a pattern of 1,000 hops', text: 'MATCH ()' + '-->()'.repeat(1000) + ' RETURN 1' },
      { label: '1,000 comma-separated patterns', text: 'MATCH ' + Array(1000).fill('()').join(', ') + ' RETURN 1' },
    ])('should stop $label with a syntax error instead of overflowing the stack', ({ text }) => {
      expect(syntaxErrorOf(text).message).toMatch(/too deep|too long|too many/);
    });
  });

  describe('parseQuery (shortcuts)', () => {
    it.each([
      { text: 'path Stoltenberg -> Assad', want: { command: 'path', from: 'Stoltenberg', to: 'Assad', maxHops: null } },
      { text: 'path "Jens Stoltenberg" -> \'Bashar al-Assad\';', want: { command: 'path', from: 'Jens Stoltenberg', to: 'Bashar al-Assad' } },
      { text: 'paths Erdogan -> Syria max 3', want: { command: 'paths', from: 'Erdogan', to: 'Syria', maxHops: 3 } },
      { text: 'path A -> B without family role, support', want: { command: 'path', to: 'B', withoutFamilies: ['role', 'support'] } },
      { text: 'paths A -> B max 4 without NATO, Turkey', want: { maxHops: 4, withoutNodes: ['NATO', 'Turkey'] } },
      { text: 'path A -> B without hubs', want: { withoutHubsOver: 50, withoutNodes: [] } },
      { text: 'path A -> B without hubs over 10, NATO', want: { withoutHubsOver: 10, withoutNodes: ['NATO'] } },
      { text: 'path Jens Stoltenberg to Bashar al-Assad', want: { from: 'Jens Stoltenberg', to: 'Bashar al-Assad' } },
      { text: 'path Minister to the Prime Minister -> Toronto', want: { from: 'Minister to the Prime Minister', to: 'Toronto' } },
      { text: 'neighbors Recep Tayyip Erdogan', want: { command: 'neighbors', from: 'Recep Tayyip Erdogan' } },
      { text: 'neighbours NATO', want: { command: 'neighbors', from: 'NATO' } },
      { text: 'find erdo', want: { command: 'find', from: 'erdo' } },
    ])('should parse `$text`', ({ text, want }) => {
      expect(parseQuery(text)).toMatchObject({ kind: 'shortcut', ...want });
    });

    it.each([
      { label: 'no names', text: 'path' },
      { label: 'no arrow', text: 'path Stoltenberg Assad' },
      { label: 'a missing target', text: 'path Stoltenberg -> ' },
      { label: 'a bad max', text: 'paths A -> B max lots' },
      { label: 'a max out of range', text: 'paths A -> B max 99' },
    ])('should reject $label with a syntax error', ({ text }) => {
      expect(() => parseQuery(text)).toThrow(QuerySyntaxError);
    });
  });
});
