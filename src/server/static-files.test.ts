import { mkdtempSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupStaticFile, parseStaticPath } from './static-files.js';

describe('server/static-files', () => {
  describe('parseStaticPath', () => {
    const refused: [string, string][] = [
      ['dot-dot segment', '/../x'],
      ['dot-dot after a folder', '/a/../../x'],
      ['encoded dot-dot', '/%2e%2e/x'],
      ['encoded slash', '/..%2fx'],
      ['double encoding', '/%252e%252e%252fx'],
      ['backslash', '/..\\x'],
      ['encoded backslash', '/%5c..%5cx'],
      ['NUL', '/a%00.js'],
      ['newline', '/a%0a.js'],
      ['protocol-relative', '//etc/passwd'],
      ['no leading slash', 'etc/passwd'],
      ['absolute URL', 'http://x/y'],
      ['malformed escape', '/%E0%A4%A'],
    ];
    it.each(refused)('should refuse a %s', (_label, raw) => {
      expect(parseStaticPath(raw)).toHaveProperty('refused', 'bad');
    });

    const accepted: [string, string, string[]][] = [
      ['root', '/', []],
      ['a file', '/assets/app.js', ['assets', 'app.js']],
      ['dot segments', '/./assets/./app.js', ['assets', 'app.js']],
      ['encoded space', '/a%20b.txt', ['a b.txt']],
      ['unicode', '/caf%C3%A9.txt', ['café.txt']],
      ['dots inside a name', '/a..b.js', ['a..b.js']],
    ];
    it.each(accepted)('should accept %s', (_label, raw, segments) => {
      expect(parseStaticPath(raw)).toEqual({ segments });
    });
  });

  describe('lookupStaticFile', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-static-'));
    const web = path.join(tmp, 'web');
    beforeAll(async () => {
      await mkdir(path.join(web, 'sub'), { recursive: true });
      await writeFile(path.join(web, 'index.html'), 'index');
      await writeFile(path.join(web, 'sub', 'index.html'), 'sub');
      await writeFile(path.join(tmp, 'secret'), 'secret');
      await symlink(path.join(tmp, 'secret'), path.join(web, 'out.txt'));
      await symlink(tmp, path.join(web, 'up'));
    });
    afterAll(() => rm(tmp, { recursive: true, force: true }));

    it('should open index.html for a folder', async () => {
      const found = await lookupStaticFile(web, '/sub/');
      expect(found.kind).toBe('file');
      if (found.kind === 'file') {
        expect(found.file).toBe(path.join(web, 'sub', 'index.html'));
        await found.handle.close();
      }
    });

    it('should refuse symlinks that lead outside', async () => {
      expect(await lookupStaticFile(web, '/out.txt')).toMatchObject({ kind: 'refused', why: 'outside' });
      expect(await lookupStaticFile(web, '/up/secret')).toMatchObject({ kind: 'refused', why: 'outside' });
    });

    it('should report a missing file as missing', async () => {
      expect(await lookupStaticFile(web, '/nope.js')).toMatchObject({ kind: 'refused', why: 'missing' });
    });

    it('should report a missing web folder as missing', async () => {
      expect(await lookupStaticFile(path.join(tmp, 'none'), '/')).toMatchObject({ kind: 'refused', why: 'missing' });
    });
  });
});
