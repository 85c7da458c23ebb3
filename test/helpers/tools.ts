/**
 * Locates external tools the tests use (xmllint, a python with networkx, chromium). In CI they must be
 * there (.ci/run installs them): a missing tool fails the test; elsewhere the test is skipped.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');

function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The first python that can import networkx, or undefined. */
export function pythonWithNetworkx(): string | undefined {
  return ['/usr/bin/python3', 'python3'].find((p) => works(p, ['-c', 'import networkx']));
}

export function hasXmllint(): boolean {
  return works('xmllint', ['--version']);
}

/** True when a missing tool should fail rather than skip (CI). */
export const REQUIRE_TOOLS = Boolean(process.env.CI);
