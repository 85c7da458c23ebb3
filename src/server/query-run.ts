/**
 * server/query-run: runs one query job against a graph and turns the outcome into an HTTP answer:
 * 200 with the result, 400 for a query that does not parse or cannot run, 422 when it exceeds its
 * budget, 500 (without details) for anything unexpected. Used by the query workers, and on the
 * main thread when the server runs without workers.
 */
import { NewsgraphError, QueryError, QueryLimitError, QuerySyntaxError } from '../errors.js';
import type { KnowledgeGraph } from '../graph/index.js';
import { ANSWER_OMITTED_PROPERTIES, runQuery } from '../query/index.js';
import { queryErrorReply, type QueryJob, type QueryReply } from './query-protocol.js';

/** Runs `job` on `graph`; never throws. */
export function runQueryJob(graph: KnowledgeGraph, job: QueryJob): QueryReply {
  try {
    const result = runQuery(graph, job.query, { timeoutMs: job.timeoutMs, omitProperties: [...ANSWER_OMITTED_PROPERTIES], ...(job.params ? { params: job.params } : {}) });
    return { id: job.id, status: 200, body: JSON.stringify(result) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) return queryErrorReply(job.id, 400, error.name, error.message, error.position);
    if (error instanceof QueryLimitError) return queryErrorReply(job.id, 422, error.name, error.message);
    if (error instanceof QueryError) return queryErrorReply(job.id, 400, error.name, error.message, error.position);
    if (error instanceof NewsgraphError) return queryErrorReply(job.id, 400, error.name, error.message);
    if (error instanceof RangeError && /call stack|invalid array length|invalid string length/i.test(error.message)) {
      return queryErrorReply(job.id, 422, 'QueryLimitError', 'the query is too large or nested too deeply to run; simplify it or add a LIMIT');
    }
    return queryErrorReply(job.id, 500, 'InternalError', 'internal error while running the query');
  }
}
