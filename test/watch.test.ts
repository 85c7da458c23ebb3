/**
 * `newsgraph watch`: a folder that articles are dropped into keeps its graph up to date. Files are
 * taken in once they settle, in batches; the graph equals a full build of the folder; a bad file is
 * reported once and nothing else is lost; another update of the folder is waited for; a deleted file
 * is reported with the id that removes it; SIGTERM stops it cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockGraphFolder, readGraph } from '../src/store/index.js';
import { GENERATED, MORE } from './helpers/articles.js';
import { graphContent } from './helpers/graph-content.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const env = { ...process.env, CI: '1' };
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `newsgraph ARGS` running (killed after the test if still running): its output so far, and stop(). */
function start(args: string[], withEnv: NodeJS.ProcessEnv = env) {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: withEnv });
  child = proc;
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const out = {
    stdout: '',
    stderr: '',
    /** SIGTERM; resolves with the exit code. */
    stop: async (): Promise<number | null> => {
      proc.kill('SIGTERM');
      const code = await exited;
      child = undefined;
      return code;
    },
  };
  proc.stdout!.on('data', (d) => (out.stdout += d));
  proc.stderr!.on('data', (d) => (out.stderr += d));
  return out;
}

/** `newsgraph watch ARGS` looking every 0.2 s, extracting in-process. */
const watch = (...args: string[]) => start(['watch', ...args, '--interval', '0.2', '--workers', '1']);

/**
 * Every graph.json counts as big: updates append to graph.journal.jsonl and watch writes with what it
 * kept of its last update (the index and the nodes it was written from).
 */
const journalEnv = { ...env, NEWSGRAPH_JOURNAL_MIN_BYTES: '0' };

/** A new temporary folder with an empty inbox/ to watch, where graph/ goes, and `put` to drop a file in. */
function inboxFolder(prefix: string) {
  const tmp = mkdtempSync(path.join(tmpdir(), prefix));
  const inbox = path.join(tmp, 'inbox');
  spawnSync('mkdir', ['-p', inbox]);
  const put = (name: string, text: string | Buffer) => writeFileSync(path.join(inbox, name), text);
  return { tmp, inbox, graph: path.join(tmp, 'graph'), put };
}

/** `newsgraph build INPUTS --out OUT` in one process, quietly: the reference a watched graph must equal. */
const build = (out: string, ...inputs: string[]) =>
  spawnSync(process.execPath, [BIN, 'build', ...inputs, '--out', out, '--workers', '1', '--quiet'], { cwd: ROOT, env, encoding: 'utf8' });

/** Two watched folders in a new temporary folder: a/g1.txt, b/g2.txt and an empty b/world. */
function twoInputs(prefix: string) {
  const tmp = mkdtempSync(path.join(tmpdir(), prefix));
  const a = path.join(tmp, 'a');
  const b = path.join(tmp, 'b');
  spawnSync('mkdir', ['-p', a, path.join(b, 'world')]);
  writeFileSync(path.join(a, 'g1.txt'), GENERATED['g1.txt']!);
  writeFileSync(path.join(b, 'g2.txt'), GENERATED['g2.txt']!);
  return { tmp, a, b, graph: path.join(tmp, 'graph') };
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function documents(dir: string): Promise<number> {
  try {
    return (await readGraph(dir)).getAttribute('documents').length;
  } catch {
    return 0;
  }
}

/** Nodes, edges, claims and documents without positions, of the graph in a folder. */
const content = async (dir: string) => graphContent(await readGraph(dir));

describe('newsgraph watch', () => {
  it('keeps a graph up to date with a folder, equal to a full build of it', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-cli-');
    put('g1.txt', GENERATED['g1.txt']!);
    put('g2.txt', GENERATED['g2.txt']!);

    const p = start(['watch', inbox, '--graph', graph, '--interval', '0.2', '--workers', '1'], journalEnv);

    // No graph yet: it is built from the folder first.
    await until('the first build', () => p.stdout.includes('Watching'));
    expect(p.stdout).toMatch(/Built .*: 2 documents/);
    expect(await documents(graph)).toBe(2);

    // Two articles dropped together go in as one update.
    put('g3.txt', GENERATED['g3.txt']!);
    put('h1.txt', MORE['h1.txt']!);
    // Only the new files are read (the two taken in before are not read again).
    await until('the two new articles', () => /Updated \(2 added, 0 changed, 0 unchanged\) .*: 4 documents/.test(p.stdout));
    expect(p.stdout).toMatch(/2 new files: updating/);
    expect(await documents(graph)).toBe(4);

    // What watch made equals a full build of the folder.
    const full = path.join(tmp, 'full');
    const built = build(full, inbox);
    expect(built.status, built.stderr).toBe(0);
    expect(await content(graph)).toEqual(await content(full));

    // A file that cannot be read is reported (once) and the rest goes on.
    put('bad.txt', Buffer.from([0, 1, 2, 3, 0, 0, 7]));
    await until('the report of bad.txt', () => /bad\.txt: binary file/.test(p.stdout));
    spawnSync('mkdir', ['-p', path.join(inbox, 'world')]);
    put('world/h2.txt', MORE['h2.txt']!);
    await until('world/h2.txt', async () => (await documents(graph)) === 5);
    // The id add gives it when reading the whole folder.
    expect((await readGraph(graph)).getAttribute('documents').map((d) => d.id)).toContain('world/h2.txt');
    await until('the update summary', () => /5 documents/.test(p.stdout));
    expect(p.stdout.match(/bad\.txt/g)).toHaveLength(1);

    // Another process updating the folder is waited for.
    const release = await lockGraphFolder(graph, 'test');
    put('h3.txt', MORE['h3.txt']!);
    await until('watch to see h3.txt', () => /1 new file: updating/.test(p.stdout.split('5 documents')[1] ?? ''));
    await sleep(800);
    expect(await documents(graph)).toBe(5);
    await release();
    await until('h3.txt after the lock goes', async () => (await documents(graph)) === 6);

    // A deleted file: reported with the id that removes it; the graph keeps the document.
    rmSync(path.join(inbox, 'h1.txt'));
    await until('the report of h1.txt', () => /h1\.txt is gone/.test(p.stdout));
    expect(p.stdout).toContain(`newsgraph remove h1.txt --graph ${graph}`);
    expect(await documents(graph)).toBe(6);

    // An update by another process between two of watch's: watch sees the folder changed and reads it
    // again instead of using what it kept from its own last update (else h4.txt would be lost).
    const other = path.join(tmp, 'other');
    spawnSync('mkdir', ['-p', other]);
    writeFileSync(path.join(other, 'h4.txt'), MORE['h4.txt']!);
    const added = spawnSync(process.execPath, [BIN, 'add', path.join(other, 'h4.txt'), '--graph', graph, '--wait', '--quiet'], { cwd: ROOT, env: journalEnv, encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);
    expect(await documents(graph)).toBe(7);
    put('h1.txt', MORE['h1.txt']!.replace('Saturday', 'Sunday'));
    await until('h1.txt again, changed', async () => /1 changed, 0 unchanged\) .*: 7 documents/.test(p.stdout));
    const union = path.join(tmp, 'union');
    const rebuilt = build(union, inbox, path.join(other, 'h4.txt'));
    expect(rebuilt.status, rebuilt.stderr).toBe(3); // bad.txt is skipped
    expect(await content(graph)).toEqual(await content(union));
    // (written as journal lines, by watch and by the add between its updates)
    expect(readFileSync(path.join(graph, 'graph.journal.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(4);

    // The watched folder itself gone for a while (moved away, an unmounted share): waited for, its
    // files not taken for deleted ones; back as it was, nothing to update.
    const away = path.join(tmp, 'away');
    renameSync(inbox, away);
    await until('the report of the folder gone', () => /inbox is gone or cannot be read; waiting/.test(p.stdout));
    await sleep(600);
    renameSync(away, inbox);
    await until('the report of the folder back', () => /inbox is back/.test(p.stdout));
    await sleep(600);
    expect(p.stdout).not.toMatch(/g1\.txt is gone/);
    expect(p.stdout.split('inbox is back')[1]).not.toMatch(/updating/);

    expect(await p.stop()).toBe(0);
    expect(p.stdout.trimEnd().endsWith('Stopped watching.')).toBe(true);
    // stderr: only that the update waited for the other process.
    expect(p.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^newsgraph watch: ".*graph" is being updated by process \d+ \(newsgraph test, since .*\); waiting for it to finish\.$/)]);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('with --remove-deleted, drops the documents of a file deleted from the folder', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-rm-');
    put('g1.txt', GENERATED['g1.txt']!);
    put('g2.txt', GENERATED['g2.txt']!);
    put('wire.jsonl', [MORE['h1.txt']!, MORE['h2.txt']!].map((text, i) => JSON.stringify({ id: `w${i + 1}`, text })).join('\n') + '\n');
    const p = watch(inbox, '--graph', graph, '--remove-deleted');
    await until('the first build', () => p.stdout.includes('Watching'));
    expect(await documents(graph)).toBe(4);

    // A new file and a deleted one (in one update, unless a look falls between the two).
    put('g3.txt', GENERATED['g3.txt']!);
    rmSync(path.join(inbox, 'g1.txt'));
    const ids = async () => (await readGraph(graph)).getAttribute('documents').map((d) => d.id).sort();
    await until('g1.txt out and g3.txt in', async () => JSON.stringify(await ids()) === JSON.stringify(['g2.txt', 'g3.txt', 'wire.jsonl#w1', 'wire.jsonl#w2']));
    await until('the update summary', () => /, 1 removed\) .*: 4 documents/.test(p.stdout) || /, 1 removed\) .*: 3 documents/.test(p.stdout));
    expect(p.stdout).toMatch(/g1\.txt is gone; removing its documents/);
    // A JSON Lines file deleted: all its documents go.
    rmSync(path.join(inbox, 'wire.jsonl'));
    await until('the JSON Lines removal', () => /Updated \(0 added, 0 changed, 0 unchanged, 2 removed\)/.test(p.stdout));
    expect(await ids()).toEqual(['g2.txt', 'g3.txt']);

    const full = path.join(tmp, 'full');
    const built = build(full, inbox);
    expect(built.status, built.stderr).toBe(0);
    expect(await content(graph)).toEqual(await content(full));

    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('with --remove-deleted, takes a copy passed over in once the file it copied is deleted', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-copy-');
    put('a.txt', GENERATED['g1.txt']!);
    put('b.txt', GENERATED['g1.txt']!); // a copy: counted once
    put('c.txt', GENERATED['g2.txt']!);
    const p = watch(inbox, '--graph', graph, '--remove-deleted');
    await until('the first build', () => p.stdout.includes('Watching'));
    expect(p.stdout).toContain('b.txt: the same content as "a.txt", read before it (not counted twice)');
    const ids = async () => (await readGraph(graph)).getAttribute('documents').map((d) => d.id).sort();
    expect(await ids()).toEqual(['a.txt', 'c.txt']);
    // b.txt has not changed, but with a.txt gone it is the only copy of that article left
    rmSync(path.join(inbox, 'a.txt'));
    // (the report line follows the graph's files, so wait for it too: on a busy machine a reader can
    // see the new graph before the watcher has printed its summary)
    await until('b.txt in', async () => JSON.stringify(await ids()) === JSON.stringify(['b.txt', 'c.txt']));
    await until('the update summary', () => /Updated \(1 added, 0 changed, 0 unchanged, 1 removed\)/.test(p.stdout));
    const full = path.join(tmp, 'full');
    expect(build(full, inbox).status).toBe(0);
    expect(await content(graph)).toEqual(await content(full));
    expect((await readGraph(graph)).getAttribute('skipped')).toEqual([]);
    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('with --outlet, names the outlet of the documents that name none, in the first build and the updates', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-outlet-');
    put('g1.txt', GENERATED['g1.txt']!);
    put('own.txt', `---\nsource: Reuters\n---\n${GENERATED['g2.txt']!}`);
    const p = watch(inbox, '--graph', graph, '--outlet', 'BBC');
    await until('the first build', () => p.stdout.includes('Watching'));
    const sources = async () => Object.fromEntries((await readGraph(graph)).getAttribute('documents').map((d) => [d.id, d.source]));
    expect(await sources()).toEqual({ 'g1.txt': 'BBC', 'own.txt': 'Reuters' });
    put('g3.txt', GENERATED['g3.txt']!);
    await until('g3.txt in', async () => (await documents(graph)) === 3);
    expect(await sources()).toEqual({ 'g1.txt': 'BBC', 'g3.txt': 'BBC', 'own.txt': 'Reuters' });
    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('sees files deleted while no watch ran: reports them, and removes their documents with --remove-deleted', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-gap-');
    put('g1.txt', GENERATED['g1.txt']!);
    put('g2.txt', GENERATED['g2.txt']!);
    const first = watch(inbox, '--graph', graph);
    await until('the first build', () => first.stdout.includes('Watching'));
    expect(await first.stop()).toBe(0);
    rmSync(path.join(inbox, 'g1.txt'));
    // without --remove-deleted: said, and the document stays (and is said again next time)
    const second = watch(inbox, '--graph', graph);
    await until('the second start', () => second.stdout.includes('Watching'));
    expect(await second.stop()).toBe(0);
    expect(second.stdout).toMatch(/since the last watch: .*g1\.txt is gone; its document stays in the graph \(newsgraph remove g1\.txt --graph /);
    expect(await documents(graph)).toBe(2);
    // with it: removed in the first update, and the graph is a build of the folder as it is
    const third = watch(inbox, '--graph', graph, '--remove-deleted');
    await until('the third start', () => third.stdout.includes('Watching'));
    expect(await third.stop()).toBe(0);
    expect(third.stdout).toMatch(/since the last watch: .*g1\.txt is gone; removing its documents \(--remove-deleted\)/);
    expect(third.stdout).toMatch(/Updated \(0 added, 0 changed, 1 unchanged, 1 removed\)/);
    const full = path.join(tmp, 'full');
    expect(build(full, inbox).status).toBe(0);
    expect(await content(graph)).toEqual(await content(full));
    // a watch of other inputs does not take this folder's files for deleted ones
    const other = path.join(tmp, 'other');
    spawnSync('mkdir', ['-p', other]);
    const fourth = watch(other, '--graph', graph, '--remove-deleted');
    await until('the fourth start', () => fourth.stdout.includes('Watching'));
    expect(await fourth.stop()).toBe(0);
    expect(fourth.stdout).not.toMatch(/gone/);
    expect(await documents(graph)).toBe(1);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reports an update that fails and watches on; a graph folder written anew is read again', async () => {
    const { tmp, inbox, graph, put } = inboxFolder('newsgraph-watch-fail-');
    put('g1.txt', GENERATED['g1.txt']!);
    const p = watch(inbox, '--graph', graph);
    await until('the first build', () => p.stdout.includes('Watching'));

    // The graph's records damaged behind watch's back: the update says why, the graph stays, watch goes on.
    const records = readFileSync(path.join(graph, 'extractions.jsonl'));
    writeFileSync(path.join(graph, 'extractions.jsonl'), 'not json at all\n');
    put('g2.txt', GENERATED['g2.txt']!);
    await until('the failure', () => /newsgraph watch: .*\(the graph is unchanged; watching on, and trying again when the graph folder or the files change/.test(p.stderr));
    expect(p.stderr).toContain('extractions.jsonl');
    expect(await documents(graph)).toBe(1);
    await sleep(1000); // looks that find nothing changed do not try again (nor say so again)
    expect(p.stderr.match(/trying again/g)).toHaveLength(1);
    // The folder repaired: g2.txt, which the failed update did not add, goes in without being touched.
    writeFileSync(path.join(graph, 'extractions.jsonl'), records);
    await until('g2.txt after the repair', async () => (await documents(graph)) === 2);

    // The folder built anew by hand (g1, g2): the next update reads it, not what watch kept.
    await until('the update summary', () => /: 2 documents/.test(p.stdout));
    const rebuilt = build(graph, inbox);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    put('g3.txt', GENERATED['g3.txt']!);
    await until('g3.txt', () => /Updated \(1 added, 0 changed, 0 unchanged\) .*: 3 documents/.test(p.stdout));
    const full = path.join(tmp, 'full');
    expect(build(full, inbox).status).toBe(0);
    expect(await content(graph)).toEqual(await content(full));

    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('start --watch serves the graph and adds what is dropped into the input folder', async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'newsgraph-start-watch-'));
    const input = path.join(tmp, 'in');
    const graph = path.join(tmp, 'graph');
    spawnSync('mkdir', ['-p', input]);
    writeFileSync(path.join(input, 'g1.txt'), GENERATED['g1.txt']!);
    const p = start(['start', '--input', input, '--graph', graph, '--port', '0', '--watch']);
    await until('the server and the watch', () => /serving .* at (http:\S+)/.test(p.stdout) && p.stdout.includes('Watching'));
    const url = /serving .* at (http:\S+)/.exec(p.stdout)![1]!;
    const health = async () => (await (await fetch(new URL('api/health', url))).json()) as { documents: number };
    expect((await health()).documents).toBe(1);
    writeFileSync(path.join(input, 'g2.txt'), GENERATED['g2.txt']!);
    await until('the update served', async () => (await health()).documents === 2);
    expect(await p.stop()).toBe(0);
    // The watch stopped with the server.
    await until('the watch to stop', () => p.stdout.includes('Stopped watching.'), 10_000);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('watches several inputs, reading only the changed files unless two inputs hold the same path', async () => {
    const { tmp, a, b, graph } = twoInputs('newsgraph-watch-two-');
    const p = watch(a, b, '--graph', graph);
    await until('the first build', () => p.stdout.includes('Watching'));
    const ids = async () => (await readGraph(graph)).getAttribute('documents').map((d) => d.id).sort();

    // No path in both inputs: only the new file is read.
    writeFileSync(path.join(b, 'world', 'h1.txt'), MORE['h1.txt']!);
    await until('world/h1.txt', () => /Updated \(1 added, 0 changed, 0 unchanged\)/.test(p.stdout));
    expect(await ids()).toEqual(['g1.txt', 'g2.txt', 'world/h1.txt']);

    // g1.txt in both: every input is read again, and the ids are those of a full read.
    writeFileSync(path.join(b, 'g1.txt'), MORE['h2.txt']!);
    await until('b/g1.txt', () => /Updated \(1 added, 0 changed, 3 unchanged\)/.test(p.stdout));
    const full = path.join(tmp, 'full');
    const built = build(full, a, b);
    expect(built.status, built.stderr).toBe(0);
    expect(await ids()).toEqual(['b/g1.txt', 'g1.txt', 'g2.txt', 'world/h1.txt']);
    expect(await content(graph)).toEqual(await content(full));

    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('with --remove-deleted and several inputs, drops a deleted file\'s documents unless another input holds its path', async () => {
    const { tmp, a, b, graph } = twoInputs('newsgraph-watch-two-rm-');
    writeFileSync(path.join(b, 'g1.txt'), MORE['h2.txt']!);
    writeFileSync(path.join(b, 'world', 'h1.txt'), MORE['h1.txt']!);
    const p = watch(a, b, '--graph', graph, '--remove-deleted');
    await until('the first build', () => p.stdout.includes('Watching'));
    const ids = async () => (await readGraph(graph)).getAttribute('documents').map((d) => d.id).sort();
    expect(await ids()).toEqual(['b/g1.txt', 'g1.txt', 'g2.txt', 'world/h1.txt']);

    // A path no other input holds: its document goes.
    rmSync(path.join(b, 'world', 'h1.txt'));
    // (g1.txt is in both inputs, so each update reads them all: the others are read unchanged)
    await until('world/h1.txt removed', () => /Updated \(0 added, 0 changed, 3 unchanged, 1 removed\)/.test(p.stdout));
    expect(await ids()).toEqual(['b/g1.txt', 'g1.txt', 'g2.txt']);
    expect(p.stdout).toMatch(/world[\\/]h1\.txt is gone; removing its documents/);

    // g1.txt is in both inputs: which document was b's is not certain, so it is only reported.
    rmSync(path.join(b, 'g1.txt'));
    await until('the report', () => /b[\\/]g1\.txt is gone; its documents stay in the graph: another watched input holds the same path/.test(p.stdout));
    await sleep(600);
    expect(await ids()).toEqual(['b/g1.txt', 'g1.txt', 'g2.txt']);

    // Now a's g1.txt is the only one of its path left: deleting it removes its document.
    rmSync(path.join(a, 'g1.txt'));
    await until('g1.txt removed', async () => JSON.stringify(await ids()) === JSON.stringify(['b/g1.txt', 'g2.txt']));

    expect(await p.stop()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses an input that does not exist, naming it', () => {
    const r = spawnSync(process.execPath, [BIN, 'watch', '/nonexistent/inbox', '--graph', '/tmp/x'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"/nonexistent/inbox" does not exist');
  });

  it('refuses a graph folder that is the watched folder itself (its articles would all look deleted)', () => {
    const { inbox, put } = inboxFolder('newsgraph-watch-self-');
    put('g1.txt', GENERATED['g1.txt']!);
    const r = spawnSync(process.execPath, [BIN, 'watch', inbox, '--graph', `${inbox}/`, '--remove-deleted'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--graph "${inbox}/" is the input folder itself`);
    expect(readdirSync(inbox)).toEqual(['g1.txt']);
  });
});
