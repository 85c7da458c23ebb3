/**
 * graph/ holds the committed build of seeds/: it must be exactly what a build gives today.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

describe('graph/', () => {
  it('should be byte-identical to a fresh, deterministic build of seeds/ (run `npx newsgraph build` if stale)', () => {
    const outs = [0, 1].map(() => path.join(mkdtempSync(path.join(os.tmpdir(), 'ng-fresh-')), 'graph'));
    for (const out of outs) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'newsgraph.mjs'), 'build', 'seeds', '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    for (const f of ['graph.json', 'graph.gexf', 'extractions.jsonl']) {
      const a = readFileSync(path.join(outs[0]!, f), 'utf8');
      expect(readFileSync(path.join(outs[1]!, f), 'utf8'), `${f} differs between two builds`).toBe(a);
      expect(readFileSync(path.join(ROOT, 'graph', f), 'utf8'), `graph/${f} is stale`).toBe(a);
    }
  });
});
