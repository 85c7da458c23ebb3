/**
 * `newsgraph check`: a graph folder left by builds and incremental updates is found whole and equal to
 * a build from its records; a damaged or inconsistent one is named as such, with exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../src/types.js';
import { GENERATED } from './helpers/articles.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'newsgraph-check-'));
// Every graph as a base plus journal and index, so that the check replays what updates appended.
const env = { ...process.env, CI: '1', NEWSGRAPH_JOURNAL_MIN_BYTES: '0' };
const base = path.join(tmp, 'graph');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the checked folder to damage. */
function copy(name: string): string {
  const dir = path.join(tmp, name);
  cpSync(base, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  const extra = path.join(tmp, 'extra');
  mkdirSync(extra);
  for (const name of ['g1.txt', 'g2.txt']) writeFileSync(path.join(extra, name), GENERATED[name]!);
  expect(cli(['build', path.join(ROOT, 'seeds'), '--out', base, '--quiet']).code).toBe(0);
  expect(cli(['add', extra, '--graph', base, '--quiet']).code).toBe(0);
  expect(cli(['remove', 'g1.txt', '--graph', base, '--quiet']).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('newsgraph check', () => {
  it('should find a graph left by build, add and remove whole, and equal to a build from its records', () => {
    const r = cli(['check', '--graph', base, '--rebuild']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Checked .*graph: 6 documents, \d+ entities, \d+ relations\./);
    expect(r.stdout).toMatch(/a build from its 6 records gives the same entities, relations, claims and documents/);
    expect(r.stdout).toMatch(/No problems\.\n$/);
    // It writes nothing.
    expect(cli(['check', '--graph', base, '--quiet'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('should name an entity that is not what the records give', () => {
    const dir = copy('tampered');
    expect(cli(['compact', '--graph', dir, '--quiet']).code).toBe(0); // graph.json whole, no journal
    const file = path.join(dir, 'graph.json');
    const graph = JSON.parse(readFileSync(file, 'utf8')) as SerializedGraph;
    const node = graph.nodes.find((n) => n.key === 'person:recep-tayyip-erdogan')!;
    node.attributes.label = 'Someone Else';
    writeFileSync(file, JSON.stringify(graph));
    const r = cli(['check', '--graph', dir, '--rebuild']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/problem: the graph is not the one its records give \(\d+ differences?; the first: entity "person:recep-tayyip-erdogan" differs\)/);
    // Without --rebuild the files themselves are sound.
    expect(cli(['check', '--graph', dir]).code).toBe(0);
  });

  it('should name a document of the graph that has no extraction record, and updates should refuse to drop it', () => {
    const dir = copy('no-record');
    const file = path.join(dir, 'extractions.jsonl');
    // the record's lines taken out by hand (an edit, a file cut short)
    const kept = readFileSync(file, 'utf8').split('\n').filter((l) => !l.includes('"id":"g2.txt"'));
    writeFileSync(file, kept.join('\n'));
    const r = cli(['check', '--graph', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/problem: 1 document of the graph has no extraction record \("g2\.txt"\): an update would drop it\./);
    expect(r.stdout).toMatch(/To start again from the articles: newsgraph build PATH\.\.\. --out /);
    const before = readFileSync(file, 'utf8');
    const extra = path.join(tmp, 'extra-2');
    mkdirSync(extra, { recursive: true });
    writeFileSync(path.join(extra, 'g3.txt'), GENERATED['g3.txt']!);
    for (const args of [['add', extra], ['remove', 'g2.txt'], ['remove', 'jazeera.txt']]) {
      const u = cli([...args, '--graph', dir]);
      expect(u.code, u.stderr).toBe(1);
      expect(u.stderr).toContain(`newsgraph ${args[0]}: 1 document of the graph in "${dir}" has no record in extractions.jsonl ("g2.txt")`);
      expect(u.stderr).toContain('Nothing was changed.');
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('should only note a remove that was interrupted after its removal lines, which the next update completes', () => {
    const dir = copy('removing');
    appendFileSync(path.join(dir, 'extractions.jsonl'), `${JSON.stringify({ removed: 'g2.txt' })}\n`);
    const r = cli(['check', '--graph', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/note: 1 document is removed in extractions\.jsonl but still in the graph \("g2\.txt"\): a remove was interrupted/);
    const extra = path.join(tmp, 'extra-3');
    mkdirSync(extra, { recursive: true });
    writeFileSync(path.join(extra, 'g3.txt'), GENERATED['g3.txt']!);
    const add = cli(['add', extra, '--graph', dir]);
    expect(add.code).toBe(0);
    // the summary counts what the update completed besides its own
    expect(add.stdout).toMatch(/^Updated \(1 added, 0 changed, 0 unchanged; an interrupted update completed: 1 removed\)/);
    const docs = (JSON.parse(cli(['export', '--graph', dir, '--format', 'json']).stdout) as SerializedGraph).attributes.documents.map((d) => d.id);
    expect(docs).toContain('g3.txt');
    expect(docs).not.toContain('g2.txt');
    expect(cli(['check', '--graph', dir, '--rebuild']).code).toBe(0);
  });

  it('should name a damaged record with its file, line and field', () => {
    const dir = copy('damaged');
    const file = path.join(dir, 'extractions.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const rec = JSON.parse(lines[1]!);
    rec.extraction.sentences = null;
    lines[1] = JSON.stringify(rec);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = cli(['check', '--graph', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/problem: readExtractions: ".*extractions\.jsonl" line 2 is not an extraction record: extraction\.sentences is null, expected an array/);
  });

  it('should only note what the next update repairs: records of an interrupted update, a stale index, an unusable memo', () => {
    const dir = copy('behind');
    const file = path.join(dir, 'extractions.jsonl');
    const first = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
    const ahead = { ...first, document: { ...first.document, id: 'late.txt', path: 'late.txt' }, extraction: { ...first.extraction, doc: 'late.txt' } };
    appendFileSync(file, `${JSON.stringify(ahead)}\n`);
    writeFileSync(path.join(dir, 'graph.index.json'), '{}');
    writeFileSync(path.join(dir, 'resolve-memo.json'), '{"code":"');
    const r = cli(['check', '--graph', dir, '--rebuild']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/note: 1 record is not in the graph yet \("late\.txt"\): an update was interrupted before it wrote the graph/);
    expect(r.stdout).toMatch(/note: graph\.index\.json does not describe graph\.json as it is/);
    expect(r.stdout).toMatch(/note: resolve-memo\.json cannot be used/);
    expect(r.stdout).toMatch(/note: not rebuilt: the graph is behind its records/);
    expect(r.stdout).toMatch(/No problems; the notes above are repaired by the next update\./);
  });

  it('should name the command that rebuilds a damaged graph.json from its records, which then works', () => {
    const dir = copy('cut-graph');
    expect(cli(['compact', '--graph', dir, '--quiet']).code).toBe(0);
    const file = path.join(dir, 'graph.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    const q = cli(['query', 'find Erdogan', '--graph', dir]);
    expect(q.code).toBe(1);
    const command = `newsgraph build --from-extractions ${path.join(dir, 'extractions.jsonl')} --out ${dir}`;
    expect(q.stderr).toContain(`or from its records without extracting again: ${command}`);
    expect(cli(command.split(' ').slice(1).concat('--quiet')).code).toBe(0);
    expect(cli(['check', '--graph', dir, '--rebuild']).code).toBe(0);
    expect(cli(['query', 'find Erdogan', '--graph', dir]).code).toBe(0);
  });

  it('should say there is no graph', () => {
    const r = cli(['check', '--graph', path.join(tmp, 'nothing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no graph at ".*nothing"/);
  });
});
