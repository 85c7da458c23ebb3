/** The server's JSON API: graph, query, export links. */
import type { QueryResult, SerializedGraph } from '../../src/types.js';

export interface QueryError {
  name: string;
  message: string;
  position?: { offset: number; line: number; column: number };
}

export type QueryResponse = { ok: true; result: QueryResult } | { ok: false; error: QueryError };

export async function fetchGraph(url = 'api/graph'): Promise<SerializedGraph> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as SerializedGraph;
}

export async function runQuery(query: string): Promise<QueryResponse> {
  let res: Response;
  try {
    res = await fetch('api/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
  } catch (e) {
    return { ok: false, error: { name: 'NetworkError', message: `cannot reach the server: ${String(e)}` } };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok && body && typeof body === 'object' && 'rows' in body) return { ok: true, result: body as QueryResult };
  const err = (body as { error?: QueryError } | null)?.error;
  return {
    ok: false,
    error: err && typeof err.message === 'string' ? err : { name: 'HttpError', message: `HTTP ${res.status}` },
  };
}

export function exportUrl(format: 'gexf' | 'json'): string {
  return `api/export?format=${format}`;
}
