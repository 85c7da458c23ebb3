/**
 * When `newsgraph watch` updates the graph: pure scheduling over successive scans of the inputs
 * (ingest/scan). An update starts once new or changed files have stopped changing for one poll (so a
 * file still being written or copied is not read half-way), or once changes have kept coming for
 * `maxWaitPolls` polls (a feed that never pauses is still taken in, and a file caught half-written
 * is read again when it changes next). Deleted files are reported once and trigger nothing: their
 * documents stay in the graph until `newsgraph remove`.
 */
import { compareScans, sameScan, type InputScan, type ScanChanges } from '../ingest/index.js';

export interface WatchDecision extends ScanChanges {
  /** True when the graph should be updated from the inputs now. */
  update: boolean;
}

export class WatchScheduler {
  private synced: InputScan;
  private last: InputScan | undefined;
  private waited = 0;

  /**
   * @param synced the inputs as the graph last took them in
   * @param maxWaitPolls polls with unsettled changes after which an update starts anyway
   */
  constructor(synced: InputScan, private readonly maxWaitPolls = 15) {
    this.synced = new Map(synced);
  }

  /** Takes one poll's scan; says whether to update now and what changed since the last update. */
  next(scan: InputScan): WatchDecision {
    const changes = compareScans(this.synced, scan);
    for (const file of changes.deleted) this.synced.delete(file);
    const settled = this.last !== undefined && sameScan(this.last, scan);
    this.last = scan;
    if (!changes.added.length && !changes.changed.length) {
      this.waited = 0;
      return { ...changes, update: false };
    }
    this.waited++;
    return { ...changes, update: settled || this.waited > this.maxWaitPolls };
  }

  /** The update `next` asked for has read the inputs as `scan` (the scan that asked) found them. */
  updated(scan: InputScan): void {
    this.synced = new Map(scan);
    this.waited = 0;
  }
}
