import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocuments } from './read.js';
import { compareScans, sameScan, scanInputs } from './scan.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsgraph-scan-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('ingest/scan', () => {
  it('lists the files readDocuments reads in a folder, and nothing else', async () => {
    const dir = tree({
      'a.txt': 'Angela Merkel spoke.',
      'world/b.html': '<p>Text</p>',
      'world/c.jsonl': '{"text":"x"}\n',
      'notes.pdf': 'not an article',
      '.hidden/d.txt': 'hidden',
      'node_modules/e.txt': 'a package',
      '.f.txt': 'hidden file',
      // a graph newsgraph wrote inside the input: its output, not articles
      'graph/extractions.jsonl': '{"document":{}}\n',
      'graph/graph.json': '{}',
      'graph/graph.journal.jsonl': '{}\n',
      // the same names apart are articles
      'lone/extractions.jsonl': '{"text":"Angela Merkel spoke."}\n',
    });
    symlinkSync(dir, path.join(dir, 'world', 'loop'));
    const scan = await scanInputs([dir]);
    expect([...scan.keys()].map((f) => path.relative(dir, f)).sort()).toEqual(['a.txt', 'lone/extractions.jsonl', 'world/b.html', 'world/c.jsonl']);
    // The same files readDocuments turns into documents or read errors (unsupported types aside).
    const read: string[] = [];
    for await (const item of readDocuments([dir])) {
      if (item.kind === 'document') read.push(item.document.id.split('#')[0]!);
      else if (!/unsupported|loop/.test(item.skipped.reason)) read.push(item.skipped.path);
    }
    expect([...new Set(read)].sort()).toEqual(['a.txt', 'lone/extractions.jsonl', 'world/b.html', 'world/c.jsonl']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('read with `only` the files of a scan gives the ids of a full read', async () => {
    const dir = tree({ 'a.txt': 'Angela Merkel spoke.', 'world/b.txt': 'Emmanuel Macron spoke.', 'world/c.jsonl': '{"id":"x","text":"Olaf Scholz spoke."}\n' });
    const ids = async (only?: ReadonlySet<string>) => {
      const out: string[] = [];
      for await (const item of readDocuments([dir], only ? { only } : undefined)) if (item.kind === 'document') out.push(item.document.id);
      return out;
    };
    const all = await ids();
    expect(all).toEqual(['a.txt', 'world/b.txt', 'world/c.jsonl#x']);
    const files = [...(await scanInputs([dir])).keys()];
    expect(await ids(new Set([files.find((f) => f.endsWith('b.txt'))!, files.find((f) => f.endsWith('.jsonl'))!]))).toEqual(['world/b.txt', 'world/c.jsonl#x']);
    expect(await ids(new Set())).toEqual([]);
  });

  it('takes a file given by itself whatever its extension, and leaves out inputs that do not exist', async () => {
    const dir = tree({ 'story.text': 'Angela Merkel spoke.' });
    const scan = await scanInputs([path.join(dir, 'story.text'), path.join(dir, 'missing')]);
    expect([...scan.keys()]).toEqual([path.join(dir, 'story.text')]);
  });

  it('sees files added, rewritten and deleted', async () => {
    const dir = tree({ 'a.txt': 'one', 'b.txt': 'two' });
    const before = await scanInputs([dir]);
    expect(sameScan(before, await scanInputs([dir]))).toBe(true);
    writeFileSync(path.join(dir, 'a.txt'), 'one, longer now');
    writeFileSync(path.join(dir, 'c.txt'), 'three');
    rmSync(path.join(dir, 'b.txt'));
    const after = await scanInputs([dir]);
    expect(sameScan(before, after)).toBe(false);
    const rel = (files: string[]) => files.map((f) => path.basename(f));
    const d = compareScans(before, after);
    expect({ added: rel(d.added), changed: rel(d.changed), deleted: rel(d.deleted) }).toEqual({ added: ['c.txt'], changed: ['a.txt'], deleted: ['b.txt'] });
  });
});
