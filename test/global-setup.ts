/**
 * Every test run gets a temporary folder of its own, removed when the run ends: the tests (and the
 * CLIs, servers and browsers they start) make their scratch folders under os.tmpdir(), which
 * follows TMPDIR, so nothing is left behind in the system's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'newsgraph-test-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // A process a test started may still be exiting and writing there: retry, and never fail the
    // run over a leftover scratch folder (the tests' own results are what count).
    try {
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (err) {
      console.warn(`test run: could not remove the scratch folder ${root}: ${(err as Error).message}`);
    }
  };
}
