import { describe, expect, it } from 'vitest';
import type { InputScan } from '../ingest/scan.js';
import { WatchScheduler } from './watch.js';

const scan = (entries: Record<string, string>): InputScan => new Map(Object.entries(entries));

describe('cli/watch scheduler', () => {
  it('updates once new or changed files have stayed the same for one look', () => {
    const s = new WatchScheduler(scan({ '/in/a.txt': '1' }));
    expect(s.next(scan({ '/in/a.txt': '1' })).update).toBe(false);
    // b.txt appears: being written, not yet read.
    let d = s.next(scan({ '/in/a.txt': '1', '/in/b.txt': '10' }));
    expect(d).toMatchObject({ update: false, added: ['/in/b.txt'] });
    // still growing
    d = s.next(scan({ '/in/a.txt': '1', '/in/b.txt': '20' }));
    expect(d.update).toBe(false);
    // settled
    const settled = scan({ '/in/a.txt': '1', '/in/b.txt': '20' });
    d = s.next(settled);
    expect(d).toMatchObject({ update: true, added: ['/in/b.txt'], changed: [] });
    s.updated(settled);
    expect(s.next(settled).update).toBe(false);
    // a change to a file already taken in
    s.next(scan({ '/in/a.txt': '2', '/in/b.txt': '20' }));
    d = s.next(scan({ '/in/a.txt': '2', '/in/b.txt': '20' }));
    expect(d).toMatchObject({ update: true, added: [], changed: ['/in/a.txt'] });
  });

  it('reports a deleted file once and does not update for it', () => {
    const s = new WatchScheduler(scan({ '/in/a.txt': '1', '/in/b.txt': '1' }));
    let d = s.next(scan({ '/in/a.txt': '1' }));
    expect(d).toMatchObject({ update: false, deleted: ['/in/b.txt'] });
    d = s.next(scan({ '/in/a.txt': '1' }));
    expect(d).toMatchObject({ update: false, deleted: [] });
    // back again: new to the graph's view of the inputs
    s.next(scan({ '/in/a.txt': '1', '/in/b.txt': '1' }));
    d = s.next(scan({ '/in/a.txt': '1', '/in/b.txt': '1' }));
    expect(d).toMatchObject({ update: true, added: ['/in/b.txt'] });
  });

  it('does not wait for ever on inputs that never stop changing', () => {
    const s = new WatchScheduler(scan({}), 3);
    const updates: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const now = scan({ '/in/feed.jsonl': String(i) });
      if (s.next(now).update) {
        updates.push(i);
        s.updated(now);
      }
    }
    expect(updates).toEqual([4]);
  });
});
