/**
 * Running a query text end to end: parse, execute under the budget, convert. `executeRaw` keeps
 * the engine's own values (exact integers, int/float distinction) for the conformance runner.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { NewsgraphError, QueryError, QueryLimitError, QuerySyntaxError } from '../errors.js';
import { positionAt } from './lexer.js';
import type { QueryResult } from '../types.js';
import type { QueryAst } from './ast.js';
import { Budget, GraphView, resolveQueryOptions, type QueryOptions } from './context.js';
import { executeStatement, type RawResult } from './execute.js';
import { OutputConverter } from './output.js';
import { parseQuery } from './parser.js';
import { executeShortcut } from './shortcuts.js';
import { validateStatement } from './validate.js';
import { formatCount, type Value } from './values.js';

export interface RawQueryResult extends RawResult {
  notices: string[];
  truncated: boolean;
  elapsedMs: number;
  view: GraphView;
}

/** Largest query text accepted (characters). */
/**
 * Attributes the server's and the CLI's answers leave out of node and relationship values
 * (`omitProperties`): every mention's offsets, every document id and every outlet, lists that for a
 * hub run to thousands of entries repeated in every row and path (a `neighbors` answer of 185 rows
 * was 29 MB, 85% of it `docs`; with `docs` gone, 2.8 MB, 80% of it `sources`: a document without a
 * named outlet counts as its own). An expression still reads them: `RETURN n.docs`, `r.sources`.
 */
export const ANSWER_OMITTED_PROPERTIES: readonly string[] = ['mentions', 'docs', 'sources'];

export const MAX_QUERY_LENGTH = 1_000_000;

/** Run a query and return engine values (bigint integers, node references). */
export function executeRaw(graph: Graph, text: string | QueryAst, options?: QueryOptions): RawQueryResult {
  const resolved = resolveQueryOptions(options);
  const budget = new Budget(resolved);
  const view = new GraphView(graph);
  let ast: QueryAst;
  if (typeof text === 'string') {
    if (text.length > MAX_QUERY_LENGTH) {
      throw new QueryLimitError(`query too long: expected at most ${formatCount(MAX_QUERY_LENGTH)} characters, found ${formatCount(text.length)}`);
    }
    try {
      ast = parseQuery(text);
    } catch (e) {
      if (e instanceof RangeError) throw new QuerySyntaxError('nesting too deep: the query is nested more deeply than the parser allows', { offset: 0, line: 1, column: 1 });
      throw e;
    }
  } else ast = text;
  if (ast.kind === 'statement') validateStatement(ast, typeof text === 'string' ? text : '');
  let raw: RawResult;
  try {
    raw = ast.kind === 'shortcut' ? executeShortcut(ast, view, budget) : executeStatement(ast, view, budget);
  } catch (e) {
    if (e instanceof QueryError && !(e instanceof QueryLimitError) && e.position && e.position.line === 0 && typeof text === 'string') {
      const position = positionAt(text, e.position.offset);
      throw new QueryError(`${e.message} (line ${position.line}, column ${position.column})`, position);
    }
    if (e instanceof NewsgraphError) throw e;
    if (e instanceof RangeError) {
      // Deep recursion in a pathological pattern: report it as a limit, never crash the caller.
      throw new QueryLimitError(`query stopped: ${e.message}; simplify the query`);
    }
    throw e;
  }
  let rows: Value[][] = raw.rows;
  const max = resolved.maxRows;
  if (rows.length > max) {
    rows = rows.slice(0, max);
    budget.truncated = true;
    budget.notice(`stopped after ${formatCount(max)} rows (maxRows); add LIMIT or narrow the query`);
  }
  return { columns: raw.columns, rows, notices: [...budget.notices], truncated: budget.truncated, elapsedMs: budget.elapsed(), view };
}

/**
 * Run a query or console shortcut over a graph.
 *
 * Limits: running longer than `timeoutMs` throws QueryLimitError; more than `maxRows` rows, or
 * more than `maxPaths` paths enumerated by variable-length patterns, shortestPath or the path
 * shortcuts, give a truncated result (`truncated: true` and a notice); an unbounded `*` follows at
 * most `maxDepth` hops (with a notice when longer paths exist).
 * @throws QuerySyntaxError when the text does not parse; QueryError when it cannot run;
 *   QueryLimitError when it exceeds its time budget.
 */
export function runQuery(graph: Graph, text: string, options?: QueryOptions): QueryResult {
  const raw = executeRaw(graph, text, options);
  const conv = new OutputConverter(raw.view, options?.omitProperties);
  return {
    columns: raw.columns,
    rows: raw.rows.map((r) => r.map((v) => conv.value(v))),
    notices: raw.notices,
    truncated: raw.truncated,
    elapsedMs: raw.elapsedMs,
  };
}
