/**
 * server/static-files: maps a request path onto a file inside the web folder, and refuses anything
 * that could leave it: `..` segments (plain, percent-encoded or double-encoded), backslashes, NUL,
 * absolute or protocol-relative forms, and symlinks whose target lies outside the folder.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Why a static path was refused: `bad` (a path no file can have: 400), `missing` (404; app routes
 * fall back to index.html), `outside` (a symlink leading out of the folder: 404, no fallback).
 */
export type StaticRefusal = 'bad' | 'missing' | 'outside';

export type StaticLookup =
  | { kind: 'file'; file: string; handle: FileHandle; size: number }
  | { kind: 'refused'; why: StaticRefusal; detail: string };

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EACCES', 'EPERM', 'EISDIR']);

/**
 * Checks a raw request path (the part of the request target before `?`) and returns the path
 * segments it names inside the web folder, or a refusal. Pure: no file system.
 */
export function parseStaticPath(rawPath: string): { segments: string[] } | { refused: StaticRefusal; detail: string } {
  if (!rawPath.startsWith('/') || rawPath.startsWith('//')) return { refused: 'bad', detail: 'expected a path starting with a single "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { refused: 'bad', detail: 'malformed percent-encoding in the path' };
  }
  if (/[\0-\x1f\\]/.test(decoded)) return { refused: 'bad', detail: 'control characters or backslashes in the path' };
  // A path that still holds an escape after decoding was encoded twice: never a file we serve.
  if (/%[0-9a-f]{2}/i.test(decoded)) return { refused: 'bad', detail: 'doubly encoded path' };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { refused: 'bad', detail: 'path leaves the web folder' };
  return { segments };
}

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Resolves a request path to an open file handle inside `webDir` (directories resolve to their
 * index.html). The file is opened after its real path has been checked, and the opened file is
 * the one served, so a symlink swapped in between cannot redirect the read.
 * Unexpected file-system errors (not "missing" or "not allowed") are thrown.
 */
export async function lookupStaticFile(webDir: string, rawPath: string): Promise<StaticLookup> {
  const parsed = parseStaticPath(rawPath);
  if ('refused' in parsed) return { kind: 'refused', why: parsed.refused, detail: parsed.detail };
  let root: string;
  try {
    root = await realpath(webDir);
  } catch (error) {
    if (NOT_FOUND_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return { kind: 'refused', why: 'missing', detail: 'the web app is not built (web/dist is missing); run npm run build' };
    throw error;
  }
  let target = path.join(root, ...parsed.segments);
  if (!isInside(root, target)) return { kind: 'refused', why: 'bad', detail: 'path leaves the web folder' };
  for (let attempt = 0; attempt < 2; attempt++) {
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      if (NOT_FOUND_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return { kind: 'refused', why: 'missing', detail: 'not found' };
      throw error;
    }
    if (!isInside(root, real)) return { kind: 'refused', why: 'outside', detail: 'not found' };
    let handle: FileHandle;
    try {
      handle = await open(real, 'r');
    } catch (error) {
      if (NOT_FOUND_CODES.has((error as NodeJS.ErrnoException).code ?? '')) return { kind: 'refused', why: 'missing', detail: 'not found' };
      throw error;
    }
    const info = await handle.stat().catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    if (info.isFile()) return { kind: 'file', file: real, handle, size: info.size };
    await handle.close();
    if (!info.isDirectory() || attempt > 0) return { kind: 'refused', why: 'missing', detail: 'not found' };
    target = path.join(real, 'index.html');
  }
  return { kind: 'refused', why: 'missing', detail: 'not found' };
}
