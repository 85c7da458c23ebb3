import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildFixtureGraph } from '../query/__fixtures__/kg.js';
import { runConsole } from './console.js';

async function session(lines: string[], historyFile?: string): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  await runConsole({ graph: buildFixtureGraph(), input: Readable.from([lines.join('\n') + '\n']), output, historyFile });
  return chunks.join('');
}

describe('cli/console', () => {
  describe('runConsole', () => {
    it('should run a statement that ends with a semicolon', async () => {
      const out = await session(["MATCH (n {name: 'Erdogan'}) RETURN n.name AS who;"]);
      expect(out).toContain('Recep Tayyip Erdoğan');
      expect(out).toMatch(/1 row/);
    });

    it('should join lines until a blank line', async () => {
      const out = await session(['MATCH (n:place)', 'RETURN n.name AS place', 'ORDER BY place', '', ':quit']);
      expect(out).toMatch(/\| place\s+\|/);
      expect(out).toMatch(/Syria[\s\S]*Turkey/);
      expect(out).toMatch(/3 rows/);
    });

    it('should run shortcuts at the end of their line', async () => {
      const out = await session(['path Stoltenberg -> Assad']);
      expect(out).toContain('Jens Stoltenberg -[urge]-> Recep Tayyip Erdoğan -[condemn]-> Bashar al-Assad');
    });

    it('should print an error with a caret and carry on', async () => {
      const out = await session(['MATCH (n RETURN n;', 'RETURN 1 AS one;']);
      expect(out).toMatch(/error: expected .* \(line 1, column 10\)/);
      expect(out).toMatch(/\n {2}MATCH \(n RETURN n;\n {11}\^\n/);
      expect(out).toMatch(/\| one \|/);
    });

    it('should show help and stop at :quit', async () => {
      const out = await session([':help', ':quit', 'RETURN 1 AS never;']);
      expect(out).toContain('openCypher syntax for what it supports');
      expect(out).not.toContain('never');
    });

    it('should switch formats', async () => {
      const out = await session([':format csv', "RETURN 'a' AS x;"]);
      expect(out).toContain('x\r\na\r\n');
    });

    it('should print notices after the result', async () => {
      const out = await session(['path Stoltenberg -> Assad without Erdogan, Syria']);
      expect(out).toMatch(/0 rows\nnote: no path between Jens Stoltenberg and Bashar al-Assad/);
    });

    it('should run what is left at the end of input', async () => {
      expect(await session(['RETURN 42 AS answer'])).toContain('42');
    });

    it('should discard a statement on :clear', async () => {
      const out = await session(['RETURN 7 AS seven', ':clear', 'RETURN 8 AS eight;']);
      expect(out).not.toContain('seven');
      expect(out).toContain('eight');
    });

    it('should append statements to the history file, one per line', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'newsgraph-console-'));
      try {
        const file = join(dir, 'history');
        await writeFile(file, 'find nato\n');
        await session(['MATCH (n)', 'RETURN count(n);', 'find syria'], file);
        expect(await readFile(file, 'utf8')).toBe('find nato\nMATCH (n) RETURN count(n);\nfind syria\n');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
