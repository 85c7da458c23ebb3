/**
 * The scripts in examples/ run against the built package and print their summary line.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

const scripts = readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.mjs')).sort();

describe('examples', () => {
  it.each(scripts)('should run %s', (script) => {
    const r = spawnSync(process.execPath, [path.join('examples', script)], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ (criticisms|paths?|entities|documents)/);
  });
});
