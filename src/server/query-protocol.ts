/**
 * server/query-protocol: the messages between the server and its query workers, and the JSON
 * error body both sides produce (`{ error: { name, message, position? } }`).
 */
import type { QueryPosition } from '../errors.js';

export interface WorkerData {
  /** graph.json as text or UTF-8 bytes (shared by every worker, no copy): each worker parses its own graph. */
  graphJson: string | Uint8Array;
  /** The file it came from (for error messages). */
  graphFile: string;
}

export interface QueryJob {
  id: number;
  query: string;
  params?: Record<string, unknown>;
  timeoutMs: number;
}

/** A finished query: the HTTP status and the JSON body to send (UTF-8 bytes when it crossed from a worker). */
export interface QueryReply {
  id: number;
  status: number;
  body: string | Uint8Array;
}

/** The JSON error body the server sends. */
export function errorBody(name: string, message: string, position?: QueryPosition): string {
  return JSON.stringify({ error: position ? { name, message, position } : { name, message } });
}

export function queryErrorReply(id: number, status: number, name: string, message: string, position?: QueryPosition): QueryReply {
  return { id, status, body: errorBody(name, message, position) };
}
