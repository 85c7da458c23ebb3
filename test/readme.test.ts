/**
 * The README's Node API examples (```js example blocks) run as written against the built package.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js example\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README', () => {
  it('should have Node API examples', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('should run example %i without error', (i, code) => {
    const dir = path.join(ROOT, 'node_modules', '.cache', 'newsgraph-readme');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `example-${i}.mjs`);
    writeFileSync(file, code);
    const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
