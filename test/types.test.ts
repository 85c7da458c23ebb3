/**
 * The shipped type declarations (dist/*.d.ts) as a consumer's TypeScript sees them: an ESM package
 * with `moduleResolution: NodeNext`, `strict` and `skipLibCheck: false`, so an error in any
 * declaration newsgraph ships fails, and a declaration that silently became `any` (graphology's CJS
 * default export read as a namespace did) is caught by a call that must not type-check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';

describe('shipped types', () => {
  it('should type-check a NodeNext consumer strictly, and reject a string where a graph goes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-types-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
      mkdirSync(path.join(dir, 'node_modules'));
      symlinkSync(ROOT, path.join(dir, 'node_modules', 'newsgraph'));
      for (const dep of ['graphology', 'graphology-types', '@types']) symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep));
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
          files: ['consumer.ts'],
        }),
      );
      writeFileSync(
        path.join(dir, 'consumer.ts'),
        [
          "import { buildFromTexts, openGraphWithRecords, query, runQuery, type KnowledgeGraph } from 'newsgraph';",
          "const { graph } = buildFromTexts(['NATO chief Jens Stoltenberg condemned the Syrian regime.']);",
          'const g: KnowledgeGraph = graph;',
          "const rows: unknown[][] = query(g, 'find Stoltenberg').rows;",
          'void rows;',
          "void openGraphWithRecords('graph');",
          '// @ts-expect-error a string is not a graph',
          "runQuery('not a graph', 'find x');",
        ].join('\n'),
      );
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
