/**
 * store/lock: one update of a graph folder at a time. `build --out`, `add`, `remove` and `compact`
 * read the folder, compute, and write it back; two at once would each append their own journal line
 * and records on top of a state the other has changed. An update takes DIR/.newsgraph.lock, created
 * exclusively with its content (the process's id, host and command) in one step; another update finds
 * it and fails with a GraphBusyError naming that process. A lock left by a process that no longer runs
 * on this host (a kill, a crash) is taken over, by one process only.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GraphBusyError, GraphFormatError } from '../errors.js';

export const LOCK_FILE = '.newsgraph.lock';

interface LockInfo {
  pid: number;
  host: string;
  command: string;
  started: string;
}

/**
 * True when a process of this id runs on this machine (signal 0 only checks). A zombie does not run:
 * a process killed with its parent is one until whoever adopted it reaps it, which some init
 * processes (in containers, micro-VMs) do only now and then — its lock must not look held meanwhile.
 */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state is the field after the command name in parentheses (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (not Linux): signal 0 is all there is
  }
}

/**
 * Takes the update lock of a graph folder (creating the folder if needed).
 * @returns a function that releases it.
 * @throws GraphBusyError when another running process holds it.
 */
export async function lockGraphFolder(dir: string, command: string): Promise<() => Promise<void>> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // "EEXIST: file already exists, mkdir" says neither which path nor what to do
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new GraphFormatError(`"${dir}" is a file, not a graph folder: give the folder a graph is (or is to be) written to.`, dir, { cause: error });
    }
    throw error;
  }
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), command, started: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  // The lock appears with its content at once (a hard link to a file written in full), so another
  // process never reads a lock half written and takes it for one cut short.
  const own = `${file}.${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  await writeFile(own, text, 'utf8');
  try {
    for (let attempt = 0; ; attempt++) {
      if (await create(own, file, text)) {
        return async () => {
          // only our own lock: never one another process took over
          if ((await readFile(file, 'utf8').catch(() => '')) === text) await rm(file, { force: true });
        };
      }
      await takeOverStale(file, own, text, command, dir, attempt);
    }
  } finally {
    await rm(own, { force: true });
  }
}

/** Creates the lock from our own file; false when there is one already. */
async function create(own: string, file: string, text: string): Promise<boolean> {
  try {
    await link(own, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
  }
  // a file system without hard links: created exclusively, then written
  try {
    await writeFile(file, text, { encoding: 'utf8', flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes the lock of a process that is gone, or throws GraphBusyError naming the one that holds it.
 * Stale locks are removed under a second lock (LOCK_FILE + '.takeover', taken the same way), after
 * checking that the lock is still the one found stale: so of several processes finding one stale lock
 * at once, only one removes it, and never a lock another process has taken since.
 */
async function takeOverStale(file: string, own: string, text: string, command: string, dir: string, attempt: number): Promise<void> {
  const found = await readFile(file, 'utf8').catch(() => ''); // '': released meanwhile
  const held = parseLock(found);
  const alive = held !== undefined && typeof held.pid === 'number' && (held.host !== hostname() || running(held.pid));
  if (alive || attempt >= 3) {
    const who = held ? `process ${held.pid}${held.host && held.host !== hostname() ? ` on ${held.host}` : ''} (newsgraph ${held.command ?? '?'}, since ${held.started ?? '?'})` : 'another process';
    throw new GraphBusyError(
      `${command}: "${dir}" is being updated by ${who}. Wait for it to finish; if no newsgraph update is running, delete "${file}".`,
      file,
      who,
    );
  }
  if (!found) return;
  const guard = `${file}.takeover`;
  if (!(await create(own, guard, text))) {
    // another process is taking it over; a guard of one that died doing so goes
    const other = parseLock(await readFile(guard, 'utf8').catch(() => ''));
    if (other && typeof other.pid === 'number' && other.host === hostname() && !running(other.pid)) await rm(guard, { force: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return;
  }
  try {
    if ((await readFile(file, 'utf8').catch(() => '')) === found) await rm(file, { force: true }); // left by a process that is gone
  } finally {
    if ((await readFile(guard, 'utf8').catch(() => '')) === text) await rm(guard, { force: true });
  }
}

/** A lock's content, or undefined when it is none (cut short by a writer of an older version that died). */
function parseLock(text: string): Partial<LockInfo> | undefined {
  try {
    return text ? (JSON.parse(text) as Partial<LockInfo>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True while an update holds a graph folder's lock: a lock of a process that runs (on this host, or
 * any lock of another host's process) — not one left by a process that is gone. For readers that
 * want the folder between updates (the server's watch), not for taking the lock.
 */
export async function graphFolderBusy(dir: string): Promise<boolean> {
  const found = await readFile(path.join(dir, LOCK_FILE), 'utf8').catch(() => '');
  if (!found) return false;
  const held = parseLock(found);
  if (!held || typeof held.pid !== 'number') return true; // being written by an older version: wait
  return held.host !== hostname() || running(held.pid);
}
