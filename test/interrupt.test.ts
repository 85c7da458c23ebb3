/**
 * Ctrl-C (SIGINT) or SIGTERM before an update of a graph folder takes the folder's lock: while the
 * NLP stage loads (the first second of `add` and `remove`; held here for as long as the test needs by
 * a module hook that stops the CLI's import of it), and while `--wait` waits for another update.
 * The command says that nothing was written, exits 130 (143), and leaves the folder as it was: no lock
 * of its own, another process's lock untouched. (Ctrl-C after the lock is taken, and during the write,
 * are in kill.test.ts; the snapshot's start-up window is in snapshot.test.ts.)
 */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tools.js';
import { runAndSignal } from './helpers/signal.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-interrupt-'));
const article = path.join(tmp, 'article.txt');
writeFileSync(article, 'NATO chief Jens Stoltenberg condemned the Syrian regime on Friday in Brussels.\n');

/** A copy of the committed seeds graph. */
const seedsCopy = (name: string): string => {
  const dir = path.join(tmp, name);
  cpSync(path.join(ROOT, 'graph'), dir, { recursive: true });
  return dir;
};

/** Every file of a folder (hidden ones too) with its bytes. */
const stateOf = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(dir)).sort().map(async (f) => [f, (await readFile(path.join(dir, f))).toString('base64')])));


describe('cli: Ctrl-C before an update takes the graph folder\'s lock', () => {
  describe('while the NLP stage loads', () => {
    // A module hook (loaded by --import, which also keeps the CLI off the start-up snapshot) that
    // announces the CLI's import of the graph stage and holds it for a minute: "the first second" of
    // `add` and `remove`, for as long as the test needs.
    const hooks = path.join(tmp, 'hold-graph-stage.mjs');
    writeFileSync(
      hooks,
      `import { writeFileSync } from 'node:fs';
       export async function resolve(specifier, context, next) {
         if (specifier === '../graph/index.js' && context.parentURL?.endsWith('/cli/main.js')) {
           writeFileSync(process.env.NEWSGRAPH_TEST_MARK, '');
           await new Promise((r) => setTimeout(r, 60_000));
         }
         return next(specifier, context);
       }`,
    );
    const register = path.join(tmp, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

    const cases: [string, (dir: string) => string[], NodeJS.Signals, number][] = [
      ['add', (dir) => ['add', article, '--graph', dir], 'SIGINT', 130],
      ['remove', (dir) => ['remove', '000_90383cc1348de560.txt', '--graph', dir], 'SIGINT', 130],
      ['add (SIGTERM)', (dir) => ['add', article, '--graph', dir], 'SIGTERM', 143],
      ['build', (dir) => ['build', article, '--out', dir], 'SIGINT', 130],
    ];
    it.each(cases)('should say that nothing was written, exit 130 (143) and leave the folder as it was: %s', async (label, args, signal, code) => {
      const dir = seedsCopy(`loading-${label.replace(/\W+/g, '-')}`);
      const before = await stateOf(dir);
      const mark = path.join(tmp, `mark-${label.replace(/\W+/g, '-')}`);
      const env = { ...process.env, CI: '1', NODE_OPTIONS: `--import ${pathToFileURL(register).href}`, NEWSGRAPH_TEST_MARK: mark };
      const verb = args(dir)[0]!;
      const run = await runAndSignal(args(dir), env, () => existsSync(mark), signal);
      expect(run.signal).toBeNull();
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr.trim()).toBe(`newsgraph ${verb}: interrupted; nothing was written ("${dir}" is as it was).`);
      expect(await stateOf(dir)).toEqual(before);
    });
  });

  describe('while --wait waits for another update', () => {
    const cases: [string, (dir: string) => string[]][] = [
      ['add', (dir) => ['add', article, '--graph', dir, '--wait']],
      ['remove', (dir) => ['remove', '000_90383cc1348de560.txt', '--graph', dir, '--wait']],
      ['compact', (dir) => ['compact', '--graph', dir, '--wait']],
      ['build', (dir) => ['build', article, '--out', dir, '--wait']],
    ];
    it.each(cases)('should stop waiting, say that nothing was written and leave the other update\'s lock: %s', async (verb, args) => {
      const dir = seedsCopy(`waiting-${verb}`);
      // The lock of an update another process (this one, which runs) holds.
      writeFileSync(path.join(dir, '.newsgraph.lock'), `${JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'add', started: new Date().toISOString() })}\n`);
      const before = await stateOf(dir);
      const env = { ...process.env, CI: '1', NEWSGRAPH_SNAPSHOT: '0' };
      const run = await runAndSignal(args(dir), env, (stderr) => /waiting for it to finish/.test(stderr));
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toMatch(new RegExp(`\\nnewsgraph ${verb}: interrupted; nothing was written \\(".*waiting-${verb}" is as it was\\)\\.\\n$`));
      expect(await stateOf(dir)).toEqual(before); // the other lock as it was, and nothing of this process's
    });
  });
});
