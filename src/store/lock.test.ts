import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphBusyError } from '../errors.js';
import { graphFolderBusy, LOCK_FILE, lockGraphFolder } from './lock.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ng-lock-'));

describe('store/lock', () => {
  it('should let one update hold a folder at a time, naming the holder to the other', async () => {
    const dir = tmp();
    const release = await lockGraphFolder(dir, 'add');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, command: 'add' });
    const second = lockGraphFolder(dir, 'remove');
    await expect(second).rejects.toThrow(GraphBusyError);
    await expect(lockGraphFolder(dir, 'remove')).rejects.toThrow(new RegExp(`process ${process.pid} \\(newsgraph add, since`));
    await release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await lockGraphFolder(dir, 'remove');
    await again();
  });

  it('should take over a lock left by a process that is gone, or one cut short', async () => {
    const dir = tmp();
    // the id of a process that has exited
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), host: os.hostname(), command: 'add', started: '2026-01-01T00:00:00Z' }));
    const release = await lockGraphFolder(dir, 'add');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await release();
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    await (await lockGraphFolder(dir, 'add'))();
  });

  it.skipIf(process.platform !== 'linux')('should take over a lock whose process is a zombie (killed, not yet reaped by whoever adopted it)', async () => {
    // `sleep 0.05` is a child of the `sleep 5` the shell becomes, which never reaps it: a zombie for 5 s.
    const { spawn } = await import('node:child_process');
    const parent = spawn('sh', ['-c', 'sleep 0.05 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(d.toString()))));
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]![0];
      for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10));
      expect(state()).toBe('Z');
      const dir = tmp();
      writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: zombie, host: os.hostname(), command: 'add', started: '2026-01-01T00:00:00Z' }));
      expect(await graphFolderBusy(dir)).toBe(false);
      const release = await lockGraphFolder(dir, 'add');
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
      await release();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('should let exactly one of many simultaneous updates take the folder, also over a stale lock', async () => {
    for (const stale of [false, true]) {
      const dir = tmp();
      if (stale) {
        const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
        writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), host: os.hostname(), command: 'add', started: 'then' }));
      }
      const tries = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => lockGraphFolder(dir, `add-${i}`)));
      const won = tries.filter((t) => t.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const t of tries) if (t.status === 'rejected') expect(t.reason).toBeInstanceOf(GraphBusyError);
      const holder = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
      expect(holder.pid).toBe(process.pid);
      await (won[0] as PromiseFulfilledResult<() => Promise<void>>).value();
      // nothing left behind: no lock, no file a lock was made from, no stale lock moved aside
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('should not remove a lock that is no longer its own', async () => {
    const dir = tmp();
    const release = await lockGraphFolder(dir, 'add');
    const other = JSON.stringify({ pid: process.pid, host: os.hostname(), command: 'compact', started: 'now' });
    writeFileSync(path.join(dir, LOCK_FILE), other);
    await release();
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toBe(other);
  });

  it('should treat a lock of another host as held', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: 1, host: 'elsewhere.example', command: 'add', started: 'then' }));
    await expect(lockGraphFolder(dir, 'add')).rejects.toThrow(/process 1 on elsewhere\.example .*delete ".*\.newsgraph\.lock"/);
  });

  it('should tell a reader whether an update holds the folder: a live holder or another host, not one that is gone', async () => {
    const dir = tmp();
    expect(await graphFolderBusy(dir)).toBe(false);
    const release = await lockGraphFolder(dir, 'add');
    expect(await graphFolderBusy(dir)).toBe(true);
    await release();
    expect(await graphFolderBusy(dir)).toBe(false);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), host: os.hostname(), command: 'add', started: '2026-01-01T00:00:00Z' }));
    expect(await graphFolderBusy(dir)).toBe(false);
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone), host: `not-${os.hostname()}`, command: 'add', started: '2026-01-01T00:00:00Z' }));
    expect(await graphFolderBusy(dir)).toBe(true);
    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":');
    expect(await graphFolderBusy(dir)).toBe(true);
  });
});
