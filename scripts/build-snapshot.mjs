#!/usr/bin/env node
// Builds newsgraph's V8 start-up snapshot (run by `npm run build`, after the TypeScript build):
//
//   1. bundles scripts/snapshot-entry.mjs with the compiled CLI (dist/) and its dependencies into one
//      CommonJS file, dist/snapshot/newsgraph.cjs: `node --build-snapshot` takes a single script and
//      can `require` only Node's built-in modules while it builds;
//   2. runs `node --build-snapshot` on it: the heap after loading compromise, the lexicons and the NER
//      model (and one warm-up extraction) is written to dist/snapshot/newsgraph-<node>-<hash>.blob;
//   3. writes dist/snapshot/manifest.json: the node binary the blob belongs to, and the size and
//      modification time of every file that went into it. bin/newsgraph.mjs starts `extract`, `add` and
//      `remove` from the blob only while all of these still match (bin/snapshot.mjs).
//
// The blob is tied to the exact node binary (and to its V8 flags), so it is built on the machine that
// runs it and never shipped. Failing to build it is not an error: the CLI works without it (it starts
// slower), so this prints why and exits 0. Options: --out DIR (default dist/snapshot), --strict (exit 1
// when the snapshot cannot be built). NEWSGRAPH_SNAPSHOT=0 skips it.
//
// Bundler: rolldown, which Vite 8 (a dev dependency already, for the viewer) is built on; no other
// bundler is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentDeathWrapper } from '../bin/snapshot.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const ENTRY = path.join(ROOT, 'scripts', 'snapshot-entry.mjs');
const MODEL = path.join(ROOT, 'models', 'ner-model.json.gz');
export const MANIFEST = 'manifest.json';
export const BUNDLE = 'newsgraph.cjs';

/**
 * Built-in modules that `node --build-snapshot` does not support (Node warns, or fails as for
 * node:http), imported lazily: loaded on first use, after the snapshot is deserialised. Loading
 * node:worker_threads while building breaks every worker started later from the snapshot ("undefined
 * is not an integer typed array" in the worker's process.cwd).
 */
const LAZY_BUILTINS = ['worker_threads', 'readline', 'http', 'https', 'net', 'child_process', 'inspector'];

/** Node's warning for a built-in module it has not verified in snapshots: the build then fails. */
const UNVERIFIED = /not yet fully verified whether built-in module "([^"]+)"/g;

class SnapshotError extends Error {}

function parseArgs(argv) {
  const options = { out: path.join(DIST, 'snapshot'), strict: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') options.out = path.resolve(argv[++i] ?? '');
    else if (a === '--strict') options.strict = true;
    else if (a === '--quiet') options.quiet = true;
    else throw new SnapshotError(`unknown option ${a} (options: --out DIR, --strict, --quiet)`);
  }
  return options;
}

/** rolldown plugin: lazy stand-ins for LAZY_BUILTINS (each function or class export forwards to the real one). */
async function lazyBuiltins() {
  const names = new Map();
  for (const name of LAZY_BUILTINS) {
    names.set(name, name);
    names.set(`node:${name}`, name);
  }
  const PREFIX = '\0newsgraph-lazy:';
  return {
    name: 'newsgraph-lazy-builtins',
    resolveId(source) {
      const name = names.get(source);
      return name ? PREFIX + name : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const real = await import(`node:${name}`);
      const lines = [`const real = () => process.getBuiltinModule(${JSON.stringify(`node:${name}`)});`];
      for (const [key, value] of Object.entries(real)) {
        if (key === 'default' || typeof value !== 'function' || !/^[A-Za-z_$][\w$]*$/.test(key)) continue;
        // A function returning an object also works with `new` (for classes such as Worker).
        lines.push(`export function ${key}(...args) { const f = real().${key}; return new.target ? new f(...args) : f(...args); }`);
      }
      lines.push('export default new Proxy({}, { get: (_, key) => real()[key] });');
      return lines.join('\n');
    },
  };
}

/**
 * rolldown plugin: `import.meta.url` of a module of dist/ stays that module's own URL (rolldown's
 * CommonJS output would give the bundle's URL): the NER model, the worker script and the package root
 * are found relative to their modules. dist/ is where it was when the snapshot was built (the manifest
 * records the package root, and the blob is not used once the package has moved).
 */
function importMetaUrl() {
  return {
    name: 'newsgraph-import-meta-url',
    transform(code, id) {
      if (!id.startsWith(DIST + path.sep) || !code.includes('import.meta.url')) return null;
      const rel = JSON.stringify(path.relative(DIST, id).split(path.sep).join('/'));
      return { code: code.replaceAll('import.meta.url', `new URL(${rel}, __newsgraphDist).href`), map: null };
    },
  };
}

async function bundle() {
  let rolldown;
  try {
    ({ rolldown } = await import('rolldown'));
  } catch {
    throw new SnapshotError('rolldown is not installed (it comes with the dev dependency vite)');
  }
  const bundler = await rolldown({
    input: ENTRY,
    platform: 'node',
    logLevel: 'silent',
    plugins: [await lazyBuiltins(), importMetaUrl()],
  });
  const { output } = await bundler.generate({
    format: 'cjs',
    codeSplitting: false,
    banner:
      '// Generated by scripts/build-snapshot.mjs: the newsgraph CLI in one file, for `node --build-snapshot`.\n' +
      `var __newsgraphDist = ${JSON.stringify(`${pathToFileURL(DIST).href}/`)};`,
  });
  await bundler.close();
  const chunk = output.find((o) => o.type === 'chunk');
  if (!chunk) throw new SnapshotError('rolldown produced no bundle');
  const modules = chunk.moduleIds.filter((id) => !id.startsWith('\0') && path.isAbsolute(id));
  return { code: chunk.code, modules };
}

/**
 * The file that stands for a module in the manifest: the module itself, or for a module of an
 * installed package its package.json (an install or upgrade rewrites it), so that the CLI checks a
 * hundred files at start-up rather than every file of every dependency.
 */
function witness(file) {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return file;
  const end = parts[at + 1]?.startsWith('@') ? at + 3 : at + 2;
  const pkg = path.join(parts.slice(0, end).join(path.sep), 'package.json');
  return existsSync(pkg) ? pkg : file;
}

function fingerprint(file) {
  const s = statSync(file);
  return [file, s.size, s.mtimeMs];
}

/** Builds the blob from the bundle with this node; returns the blob's path. */
function buildBlob(bundleFile, blobFile) {
  const env = { ...process.env };
  // The blob only loads in a node started with the same V8 flags; the CLI starts it with none.
  delete env.NODE_OPTIONS;
  const r = spawnSync(process.execPath, ['--snapshot-blob', blobFile, '--build-snapshot', bundleFile], { env, encoding: 'utf8' });
  const unverified = [...(r.stderr ?? '').matchAll(UNVERIFIED)].map((m) => m[1]);
  if (r.status !== 0 || unverified.length) {
    rmSync(blobFile, { force: true });
    if (unverified.length) {
      throw new SnapshotError(`the bundle loads built-in modules that snapshots do not support: ${[...new Set(unverified)].join(', ')} (add them to LAZY_BUILTINS in scripts/build-snapshot.mjs)`);
    }
    throw new SnapshotError(`node --build-snapshot failed (exit ${r.status ?? r.signal}):\n${(r.stderr ?? '').trim()}`);
  }
  // A start from the blob must answer (a blob node refuses exits 14 without running anything).
  const check = spawnSync(process.execPath, ['--snapshot-blob', blobFile, '--', '--version'], { env, encoding: 'utf8' });
  if (check.status !== 0 || !/^newsgraph /.test(check.stdout)) {
    rmSync(blobFile, { force: true });
    throw new SnapshotError(`the snapshot does not start (exit ${check.status ?? check.signal}): ${(check.stderr || check.stdout).trim()}`);
  }
}

export async function buildSnapshot({ out }) {
  if (!existsSync(path.join(DIST, 'cli', 'main.js'))) throw new SnapshotError('dist/cli/main.js is missing: run `npm run build:ts` first');
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  const { code, modules } = await bundle();
  const bundleFile = path.join(out, BUNDLE);
  const hash = createHash('sha256').update(code).update(readFileSync(MODEL)).digest('hex').slice(0, 16);
  const blobName = `newsgraph-${process.version}-${process.platform}-${process.arch}-${hash}.blob`;
  const blobFile = path.join(out, blobName);
  const tmpBlob = `${blobFile}.tmp-${process.pid}`;
  writeFileSync(bundleFile, code);
  buildBlob(bundleFile, tmpBlob);
  renameSync(tmpBlob, blobFile);
  const manifest = {
    format: 1,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    execPath: process.execPath,
    root: ROOT,
    blob: blobName,
    blobSize: statSync(blobFile).size,
    hash,
    // How to start the blob's process so that it dies with the one that starts it (probed here, once,
    // not on every run): setpriv --pdeathsig, or null.
    wrapper: parentDeathWrapper() ?? null,
    // Everything the heap was made from: the blob is stale once any of these changes.
    inputs: [...new Set([ENTRY, MODEL, bundleFile, ...modules].map(witness))].sort().map(fingerprint),
  };
  const tmpManifest = path.join(out, `${MANIFEST}.tmp-${process.pid}`);
  writeFileSync(tmpManifest, `${JSON.stringify(manifest)}\n`);
  renameSync(tmpManifest, path.join(out, MANIFEST));
  // Older blobs (another node version or older code) are of no further use.
  for (const f of readdirSync(out)) if (f.endsWith('.blob') && f !== blobName) rmSync(path.join(out, f), { force: true });
  return { blobFile, blobSize: manifest.blobSize, modules: modules.length, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let options = { strict: false, quiet: false };
  try {
    options = parseArgs(process.argv.slice(2));
    if (process.env.NEWSGRAPH_SNAPSHOT === '0') {
      if (!options.quiet) console.log('newsgraph: start-up snapshot skipped (NEWSGRAPH_SNAPSHOT=0)');
    } else {
      const r = await buildSnapshot(options);
      if (!options.quiet) {
        console.log(`newsgraph: start-up snapshot ${path.relative(process.cwd(), r.blobFile)} (${(r.blobSize / 1048576).toFixed(1)} MiB, ${r.modules} modules) in ${r.seconds.toFixed(1)} s`);
      }
    }
  } catch (error) {
    const message = error instanceof SnapshotError ? error.message : (error?.stack ?? String(error));
    console.error(`newsgraph: start-up snapshot not built: ${message}\n(the CLI works without it; it only starts slower)`);
    if (options.strict) process.exitCode = 1;
  }
}
