/**
 * store/lock: one update of a graph folder at a time. `build --out`, `add`, `remove` and `compact`
 * read the folder, compute, and write it back; two at once would each append their own journal line
 * and records on top of a state the other has changed. An update takes DIR/.newsgraph.lock, created
 * exclusively, holding the process's id, host and command; another update finds it and fails with a
 * GraphBusyError naming that process. A lock left by a process that no longer runs on this host (a
 * kill, a crash) is taken over.
 */
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { GraphBusyError } from '../errors.js';

export const LOCK_FILE = '.newsgraph.lock';

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  started: string;
}

/** True when a process of this id runs on this machine (signal 0 only checks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the update lock of a graph folder (creating the folder if needed).
 * @returns a function that releases it.
 * @throws GraphBusyError when another running process holds it.
 */
export async function lockGraphFolder(dir: string, command: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
      return async () => {
        // only our own lock: never one another process took over
        if ((await readFile(file, 'utf8').catch(() => '')) === text) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let held: Partial<LockInfo> | undefined;
    try {
      held = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
    } catch {
      held = undefined; // removed meanwhile, or cut short: a writer that died before finishing it
    }
    const alive = held !== undefined && typeof held.pid === 'number' && (held.host !== hostname() || running(held.pid));
    if (alive || attempt >= 2) {
      const who = held ? `process ${held.pid}${held.host && held.host !== hostname() ? ` on ${held.host}` : ''} (newsgraph ${held.command ?? '?'}, since ${held.started ?? '?'})` : 'another process';
      throw new GraphBusyError(
        `${command}: "${dir}" is being updated by ${who}. Wait for it to finish; if no newsgraph update is running, delete "${file}".`,
        file,
      );
    }
    await rm(file, { force: true }); // left by a process that is gone
  }
}
