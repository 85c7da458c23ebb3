/**
 * What the inputs hold, without reading them: every file `readDocuments` would read, with a signature
 * (size, modification time, inode) that changes when the file is written, replaced or touched. For
 * `newsgraph watch`, which polls the inputs and updates the graph once files stop changing. Only
 * folder listings and stat() calls: works on every file system, network mounts included.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { SUPPORTED_EXTENSIONS, isCollectionNote, isGraphFolderListing } from './read.js';

/** Absolute file path → signature. A missing or unreadable input given explicitly has no entry. */
export type InputScan = Map<string, string>;

/** How one scan differs from an earlier one (absolute paths, sorted). */
export interface ScanChanges {
  /** Files that were not there. */
  added: string[];
  /** Files whose size, modification time or inode changed. */
  changed: string[];
  /** Files that are gone. */
  deleted: string[];
}

const signatureOf = (s: { size: number; mtimeMs: number; ino: number }) => `${s.size}:${s.mtimeMs}:${s.ino}`;

/**
 * Lists the files of `inputs` as `readDocuments` walks them: folders recursively (hidden entries and
 * node_modules left out, only the supported extensions, symbolic links followed once), files given
 * explicitly whatever their extension. Never throws: what cannot be listed or stat()ed is left out
 * (reading it later reports why).
 */
export async function scanInputs(inputs: string[]): Promise<InputScan> {
  const out: InputScan = new Map();
  for (const input of inputs) {
    const abs = resolve(input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      continue;
    }
    if (info.isFile()) out.set(abs, signatureOf(info));
    else if (info.isDirectory()) {
      try {
        await walk(abs, new Set([await realpath(abs)]), out);
      } catch {
        // an unlistable root: nothing to scan
      }
    }
  }
  return out;
}

async function walk(dir: string, ancestors: Set<string>, out: InputScan): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (isGraphFolderListing(entries.map((e) => e.name))) return; // as readDocuments: not articles
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let info;
    if (entry.isSymbolicLink() || isFile) {
      try {
        info = await stat(abs);
      } catch {
        continue;
      }
      isDir = info.isDirectory();
      isFile = info.isFile();
    }
    if (isDir) {
      let real: string;
      try {
        real = await realpath(abs);
      } catch {
        continue;
      }
      if (ancestors.has(real)) continue;
      await walk(abs, new Set([...ancestors, real]), out);
    } else if (isFile && info && extname(entry.name).toLowerCase() in SUPPORTED_EXTENSIONS && !isCollectionNote(entry.name)) {
      out.set(abs, signatureOf(info));
    }
  }
}

/** What changed from `before` to `after`. */
export function compareScans(before: InputScan, after: InputScan): ScanChanges {
  const added: string[] = [];
  const changed: string[] = [];
  const deleted: string[] = [];
  for (const [file, signature] of after) {
    const was = before.get(file);
    if (was === undefined) added.push(file);
    else if (was !== signature) changed.push(file);
  }
  for (const file of before.keys()) if (!after.has(file)) deleted.push(file);
  return { added: added.sort(), changed: changed.sort(), deleted: deleted.sort() };
}

/** True when two scans list the same files with the same signatures. */
export function sameScan(a: InputScan, b: InputScan): boolean {
  if (a.size !== b.size) return false;
  for (const [file, signature] of a) if (b.get(file) !== signature) return false;
  return true;
}
