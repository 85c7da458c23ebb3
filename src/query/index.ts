/**
 * newsgraph's query language — accepting openCypher syntax for what it supports — and the
 * console shortcuts, as pure functions over the knowledge graph: parse → plan → execute.
 * The only clock read is the time budget's (`QueryOptions.now`, default `performance.now`).
 */
export { parseQuery } from './parser.js';
export { runQuery, executeRaw, MAX_QUERY_LENGTH, ANSWER_OMITTED_PROPERTIES } from './run.js';
export type { RawQueryResult } from './run.js';
export { formatResult, renderValue } from './format.js';
export { findNodes, normalizeName } from './names.js';
export type { QueryOptions } from './context.js';
export type { QueryAst, StatementAst, ShortcutAst } from './ast.js';
