/**
 * Scale (issue 7.3, 7.7): the same graph whatever the number of workers, and the map/merge path
 * (`extract --jsonl` per shard, `build --from-extractions`) gives the graph a direct build gives.
 * Corpus: the five seed articles plus short generated ones, in temporary folders.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractStream, type ReadItem } from '../src/graph/pipeline.js';
import { readDocuments } from '../src/ingest/index.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');
const SEEDS = path.join(ROOT, 'seeds');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PEOPLE = ['Angela Merkel', 'Emmanuel Macron', 'Recep Tayyip Erdogan', 'Vladimir Putin', 'Jens Stoltenberg', 'Boris Johnson'];
const PLACES = ['Berlin', 'Paris', 'Ankara', 'Moscow', 'Brussels', 'London'];
const ORGS = ['NATO', 'the European Union', 'the United Nations', 'Reuters'];

/** A short, deterministic generated article. */
function article(i: number): string {
  const p = (k: number) => PEOPLE[(i + k) % PEOPLE.length]!;
  const pl = PLACES[i % PLACES.length]!;
  const o = ORGS[i % ORGS.length]!;
  return (
    `Leaders meet in ${pl}\n\n${p(0)} met ${p(1)} in ${pl} on Tuesday, ${o} said. ` +
    `${p(0)} criticised ${p(2)} over the talks. At least ${10 + (i % 3)} people were killed in the fighting, officials said. ` +
    `${p(1)} told reporters that ${o} would respond.\n`
  );
}

describe('scale', () => {
  let tmp: string;
  let shards: string[];
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'ng-scale-'));
    // Two shard folders: the seeds in one, generated articles in the other (ids stay unique).
    shards = [path.join(tmp, 'shard-a'), path.join(tmp, 'shard-b')];
    for (const s of shards) mkdirSync(s, { recursive: true });
    for (const f of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) copyFileSync(path.join(SEEDS, f), path.join(shards[0]!, f));
    for (let i = 0; i < 10; i++) writeFileSync(path.join(shards[1]!, `gen-${String(i).padStart(2, '0')}.txt`), article(i));
  });

  describe('extractStream', () => {
    // In vitest, in-process extraction runs src/ while workers run dist/: build first (npm test does).
    it('should yield the same records in input order with a worker pool as in-process', async () => {
      const run = async (workers: number) => {
        const out: string[] = [];
        const source = readDocuments(shards) as AsyncIterable<ReadItem>;
        for await (const item of extractStream(source, { workers, inlineFirst: 0, perWorker: 2 })) {
          out.push(item.kind === 'record' ? JSON.stringify(item.record) : `skipped ${item.skipped.path}`);
        }
        return out;
      };
      const one = await run(1);
      const two = await run(2);
      expect(one).toHaveLength(15);
      expect(two).toEqual(one);
    });

    it('should reuse a record whose id and hash match instead of extracting again', async () => {
      const first: ReadItem[] = [];
      for await (const item of readDocuments([shards[1]!])) first.push(item);
      const doc = first.find((i) => i.kind === 'document');
      expect(doc?.kind).toBe('document');
      if (doc?.kind !== 'document') return;
      const fake = { document: { ...doc.document, text: undefined } as never, text: 'kept', extraction: { doc: doc.document.id, sentences: [], mentions: [], relations: [], attributions: [], claims: [] } };
      const reuse = new Map([[doc.document.id, fake]]);
      const out = [];
      for await (const item of extractStream((async function* () { yield doc; })(), { workers: 1, reuse })) out.push(item);
      expect(out).toEqual([{ kind: 'record', record: fake, reused: true, from: doc.document.id }]);
    });
  });

  describe('cli build --workers', () => {
    it('should write byte-identical graph.json and extractions.jsonl with 1 and 2 workers', () => {
      const one = path.join(tmp, 'w1');
      const two = path.join(tmp, 'w2');
      expect(cli(['build', ...shards, '--out', one, '--workers', '1', '--name', 'g']).code).toBe(0);
      expect(cli(['build', ...shards, '--out', two, '--workers', '2', '--name', 'g']).code).toBe(0);
      const g1 = readFileSync(path.join(one, 'graph.json'), 'utf8');
      expect(JSON.parse(g1).nodes.length).toBeGreaterThan(20);
      expect(readFileSync(path.join(two, 'graph.json'), 'utf8')).toBe(g1);
      expect(readFileSync(path.join(two, 'extractions.jsonl'), 'utf8')).toBe(readFileSync(path.join(one, 'extractions.jsonl'), 'utf8'));
    });

    it('should reject a --workers value that is not a positive whole number', () => {
      const r = cli(['build', shards[1]!, '--out', path.join(tmp, 'bad'), '--workers', 'many']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--workers: expected a whole number from 1 to 256/);
      expect(cli(['build', shards[1]!, '--out', path.join(tmp, 'bad'), '--workers', '999']).code).toBe(2);
    });

    it('should use at most one worker per core, and say so', () => {
      const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
      const out = path.join(tmp, 'many');
      const r = cli(['build', shards[1]!, '--out', out, '--workers', String(cores + 3)]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`--workers ${cores + 3}: this machine has ${cores} core`);
      expect(cli(['build', shards[1]!, '--out', out, '--workers', String(cores + 3), '--quiet']).stderr).toBe('');
    });
  });

  describe('cli extract --jsonl + build --from-extractions', () => {
    it('should merge per-shard extraction files into the graph a direct build gives', () => {
      const files = shards.map((s, i) => {
        const r = cli(['extract', s, '--jsonl']);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n').filter(Boolean);
        expect(lines.length).toBe(i === 0 ? 5 : 10);
        for (const l of lines) expect(Object.keys(JSON.parse(l)).sort()).toEqual(['document', 'extraction', 'text']);
        const file = path.join(tmp, `shard-${i}.jsonl`);
        writeFileSync(file, r.stdout);
        return file;
      });
      const direct = path.join(tmp, 'direct');
      const merged = path.join(tmp, 'merged');
      expect(cli(['build', ...shards, '--out', direct, '--name', 'g', '--workers', '1']).code).toBe(0);
      // Shards given in the other order: the merge does not depend on it.
      expect(cli(['build', '--from-extractions', files[1]!, '--from-extractions', files[0]!, '--out', merged, '--name', 'g']).code).toBe(0);
      expect(readFileSync(path.join(merged, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(direct, 'graph.json'), 'utf8'));
      // The README's form: one flag and the files after it (what `extractions-*.jsonl` expands to),
      // with an input and other options after them; a shard given twice counts once.
      const globbed = path.join(tmp, 'globbed');
      expect(cli(['build', '--from-extractions', files[1]!, files[0]!, files[1]!, '--out', globbed, '--name', 'g']).code).toBe(0);
      expect(readFileSync(path.join(globbed, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(direct, 'graph.json'), 'utf8'));
      const mixed = path.join(tmp, 'mixed');
      expect(cli(['build', '--from-extractions', files[1]!, '--out', mixed, '--name', 'g', shards[0]!]).code).toBe(0);
      expect(readFileSync(path.join(mixed, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(direct, 'graph.json'), 'utf8'));
    });

    it('should pass over a copy of a document in another shard or an input, keeping the first in the order given', () => {
      // a shard holding a copy of a seed article under another name
      const copies = path.join(tmp, 'shard-copies');
      mkdirSync(copies, { recursive: true });
      const seed = readdirSync(shards[0]!).sort()[0]!;
      copyFileSync(path.join(shards[0]!, seed), path.join(copies, 'copy.txt'));
      writeFileSync(path.join(copies, 'own.txt'), article(11));
      const file = path.join(tmp, 'shard-copies.jsonl');
      const extracted = cli(['extract', copies, '--jsonl']);
      expect(extracted.stdout.split('\n').filter(Boolean)).toHaveLength(2); // extract is per document: no merging
      writeFileSync(file, extracted.stdout);
      const seedsFile = path.join(tmp, 'shard-seeds.jsonl');
      writeFileSync(seedsFile, cli(['extract', shards[0]!, '--jsonl']).stdout);
      const graphOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'graph.json'), 'utf8')) as { attributes: { documents: { id: string }[]; skipped: unknown[] } };
      const direct = path.join(tmp, 'copies-direct');
      const r = cli(['build', shards[0]!, copies, '--out', direct, '--name', 'g', '--workers', '1']);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain(`copy.txt: the same content as "${seed}", read before it (not counted twice)`);
      expect(graphOf(direct).attributes.documents).toHaveLength(6);
      const merged = path.join(tmp, 'copies-merged');
      expect(cli(['build', '--from-extractions', seedsFile, file, '--out', merged, '--name', 'g']).code).toBe(3);
      expect(readFileSync(path.join(merged, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(direct, 'graph.json'), 'utf8'));
      // the records' files come first: the seed read from an input is the copy then
      const mixed = path.join(tmp, 'copies-mixed');
      expect(cli(['build', '--from-extractions', file, '--out', mixed, '--name', 'g', shards[0]!]).code).toBe(3);
      const g = graphOf(mixed);
      expect(g.attributes.documents.map((d) => d.id)).toContain('copy.txt');
      expect(g.attributes.documents.map((d) => d.id)).not.toContain(seed);
      expect(g.attributes.skipped).toEqual([{ path: seed, reason: 'the same content as "copy.txt", read before it (not counted twice)', duplicateOf: 'copy.txt' }]);
    });

    it('should refuse shards that give two different documents one id, naming both files, and write nothing', () => {
      // Two shard folders with the same layout: `extract` gives both a "gen-00.txt". (Article 10 is in
      // no shard: one of the others, say shard-b's gen-07.txt, would make it a copy, passed over.)
      const other = path.join(tmp, 'shard-c');
      mkdirSync(other, { recursive: true });
      writeFileSync(path.join(other, 'gen-00.txt'), article(10));
      const file = path.join(tmp, 'shard-c.jsonl');
      writeFileSync(file, cli(['extract', other, '--jsonl']).stdout);
      const b = path.join(tmp, 'shard-b.jsonl');
      writeFileSync(b, cli(['extract', shards[1]!, '--jsonl']).stdout);
      const out = path.join(tmp, 'clash');
      const r = cli(['build', '--from-extractions', b, file, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('two different documents have the id "gen-00.txt"');
      expect(r.stderr).toContain('shard-b.jsonl');
      expect(r.stderr).toContain('shard-c.jsonl');
      expect(existsSync(out)).toBe(false);
      // the same clash between a shard and an input
      const r2 = cli(['build', other, '--from-extractions', b, '--out', out]);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toContain('"gen-00.txt"');
      expect(existsSync(out)).toBe(false);
    });

    it('should exit 3 from extract when something inside an input was skipped, as build does', () => {
      const dir = path.join(tmp, 'shard-skips');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'a.txt'), article(1));
      writeFileSync(path.join(dir, 'b.jsonl'), `${JSON.stringify({ id: 'x', text: article(2) })}\n{not json\n`);
      const r = cli(['extract', dir, '--jsonl']);
      expect(r.code).toBe(3);
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(2);
      expect(r.stderr).toMatch(/skipped "b\.jsonl:2"/);
      expect(cli(['extract', dir, '--json', '--jsonl']).code).toBe(2);
    });

    it('should refuse a damaged extraction file, naming its line and field, and write nothing', () => {
      const r = cli(['extract', shards[0]!, '--jsonl']);
      const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      lines[2].extraction.doc = 'another.txt'; // a record stitched from two documents
      const file = path.join(tmp, 'damaged.jsonl');
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
      const out = path.join(tmp, 'from-damaged');
      const built = cli(['build', '--from-extractions', file, '--out', out]);
      expect(built.code).toBe(1);
      expect(built.stderr).toMatch(/damaged\.jsonl" line 3 is not an extraction record: extraction\.doc is "another\.txt", but document\.id is/);
      expect(existsSync(out)).toBe(false);
    });
  });
});
