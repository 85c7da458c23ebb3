/**
 * server/worker-deaths: the count of a kind of worker thread's deaths and the last one (when, why),
 * which /api/health reports for the graph worker and the query workers. A death is a worker that
 * stopped by itself — out of memory, an uncaught error, an exit — not one the server stopped (a query
 * over its budget, a worker retired by a reload, the server closing).
 */

/** The last death of a kind of worker. */
export interface WorkerDeath {
  /** When it died (ISO 8601, UTC). */
  at: string;
  /** Why: "out of memory", "crashed: MESSAGE" (the error's first line) or "exit code N". */
  reason: string;
}

/** Why a worker's 'error' event stopped it, in a few words. */
export function errorReason(error: Error & { code?: string }): string {
  if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  const line = String(error.message ?? error).split('\n')[0]!.trim();
  return `crashed: ${line.length > 200 ? `${line.slice(0, 200)}…` : line || (error.name ?? 'Error')}`;
}

/** The deaths of one kind of worker. */
export class WorkerDeaths {
  count = 0;
  last: WorkerDeath | undefined;

  /** Counts a death now; returns it. */
  record(reason: string): WorkerDeath {
    this.count++;
    this.last = { at: new Date().toISOString(), reason };
    return this.last;
  }

  /** `{ deaths, lastDeath? }` for /api/health. */
  summary(): { deaths: number; lastDeath?: WorkerDeath } {
    return this.last ? { deaths: this.count, lastDeath: { ...this.last } } : { deaths: this.count };
  }
}
