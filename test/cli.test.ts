/**
 * The CLI end to end: real commands on real files into temporary folders.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../src/types.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ng-cli-'));

describe('cli', () => {
  describe('build on seeds/', () => {
    let out: string;
    let graph: SerializedGraph;
    let result: ReturnType<typeof cli>;
    beforeAll(() => {
      out = path.join(tmp(), 'graph');
      result = cli(['build', 'seeds', '--out', out]);
      graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
    });

    it('should exit 0 and print a summary', () => {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/5 documents, \d+ entities, \d+ relations/);
    });

    it('should write graph.json, graph.gexf and extractions.jsonl', () => {
      for (const f of ['graph.json', 'graph.gexf', 'extractions.jsonl']) expect(existsSync(path.join(out, f))).toBe(true);
    });

    const names = (n: SerializedGraph['nodes'][number]) => [n.attributes.label, ...n.attributes.aliases].map((s) => s.toLowerCase());
    it.each([
      ['Erdogan', 'person'],
      ['Stoltenberg', 'person'],
      ['NATO', 'organization'],
      ['Syrian Observatory for Human Rights', 'organization'],
    ])('should have a node for %s', (name, type) => {
      const node = graph.nodes.find((n) => names(n).some((a) => a === name.toLowerCase() || a.endsWith(` ${name.toLowerCase()}`)));
      expect(node, `no node named ${name}`).toBeDefined();
      expect(node!.attributes.type).toBe(type);
    });

    it('should give every node mentions inside its documents and every edge evidence', () => {
      const docs = new Map(graph.attributes.documents.map((d) => [d.id, d]));
      for (const n of graph.nodes) {
        expect(n.attributes.mentions.length).toBeGreaterThan(0);
        for (const m of n.attributes.mentions) {
          expect(docs.has(m.doc)).toBe(true);
          expect(m.end).toBeGreaterThan(m.start);
        }
      }
      expect(graph.edges.length).toBeGreaterThan(0);
      for (const e of graph.edges) {
        expect(e.attributes.predicate).toMatch(/^[a-z]/);
        expect(e.attributes.evidence.length).toBeGreaterThan(0);
        expect(e.attributes.weight).toBe(new Set(e.attributes.evidence.map((v) => v.doc)).size);
      }
      expect(graph.options.type).toBe('directed');
    });
  });

  describe('extract --json', () => {
    it('should print entities and relations with spans into each document', () => {
      const r = cli(['extract', path.join('seeds', '003_00746956ff7de0c3.txt'), '--json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as { documents: { path: string; entities: { type: string; start: number; end: number; text: string }[] }[] };
      expect(json.documents).toHaveLength(1);
      const text = readFileSync(path.join(ROOT, 'seeds', '003_00746956ff7de0c3.txt'), 'utf8');
      expect(json.documents[0]!.entities.length).toBeGreaterThan(5);
      for (const e of json.documents[0]!.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    });
  });

  describe('usage and errors', () => {
    it('should print usage for --help and per command', () => {
      const r = cli(['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Commands:[\s\S]*build[\s\S]*query/);
      const b = cli(['build', '--help']);
      expect(b.code).toBe(0);
      expect(b.stdout).toMatch(/Usage: newsgraph build/);
    });

    it('should exit 2 with usage on an unknown command or flag', () => {
      const a = cli(['frobnicate']);
      expect(a.code).toBe(2);
      expect(a.stderr).toMatch(/unknown command "frobnicate"/);
      const b = cli(['build', '--nope']);
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/--nope/);
      // the error, the usage line and where the rest is: not the whole help burying the error
      expect(b.stderr).toBe("newsgraph build: Unknown option '--nope'\nUsage: newsgraph build [PATH...] [--out DIR] [--from-extractions FILE...] [--outlet NAME] [--workers N] [--name NAME] [--wait] [--quiet]\n(newsgraph build --help says more)\n");
      // a library message's own prefix is not said twice ("newsgraph add: add: …")
      expect(cli(['add', '--graph', 'graph']).stderr).toMatch(/^newsgraph add: give at least one file or folder/);
    });

    it('should refuse an empty or blank --outlet, naming the option, for every command that takes it', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'a.txt'), 'Jens Stoltenberg met Mevlut Cavusoglu in Brussels on Friday.\n');
      const out = path.join(dir, 'g');
      for (const args of [
        ['build', dir, '--out', out],
        ['add', path.join(dir, 'a.txt'), '--graph', out],
        ['watch', dir, '--graph', out],
        ['extract', dir],
      ]) {
        for (const bad of ['', '   ']) {
          const r = cli([...args, '--outlet', bad]);
          expect(r.code, `${args[0]} --outlet ${JSON.stringify(bad)}`).toBe(2);
          expect(r.stderr).toMatch(new RegExp(`^newsgraph ${args[0]}: --outlet: expected the name of the outlet of the documents that name none \\(e\\.g\\. --outlet BBC\\), got "${bad}"\nUsage: newsgraph ${args[0]} `));
        }
        // given without a value
        expect(cli([...args, '--outlet']).code).toBe(2);
      }
      expect(existsSync(out)).toBe(false);
      expect(cli(['build', '--help']).stdout).toMatch(/--outlet NAME names the outlet of every document read that names none of its own/);
    });

    it('should say a graph folder that is a file, or has no graph, in words', () => {
      const dir = tmp();
      const file = path.join(dir, 'a.txt');
      writeFileSync(file, 'Jens Stoltenberg met Mevlut Cavusoglu in Brussels on Friday.\n');
      const r = cli(['add', file, '--graph', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`newsgraph add: "${file}" is a file, not a graph folder: give the folder a graph is (or is to be) written to.\n`);
      const empty = path.join(dir, 'empty');
      expect(cli(['build', file, '--out', path.join(empty, 'x'), '--quiet']).code).toBe(0);
      const n = cli(['add', file, '--graph', empty]);
      expect(n.code).toBe(1);
      expect(n.stderr).toBe(`newsgraph add: no graph in "${empty}" (it has no graph.json). Build one first: newsgraph build PATH --out ${empty}\n`);
    });

    it('should list a skipped or partly read file only while it is so', () => {
      const dir = tmp();
      const fix = path.join(dir, 'fix');
      mkdirSync(fix);
      writeFileSync(path.join(dir, 'base.txt'), 'Jens Stoltenberg met Mevlut Cavusoglu in Brussels on Friday.\n');
      const out = path.join(dir, 'g');
      expect(cli(['build', path.join(dir, 'base.txt'), '--out', out, '--quiet']).code).toBe(0);
      const skipped = () => (JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph).attributes.skipped.map((s) => s.path).sort();
      const doc = path.join(fix, 'doc.txt');
      const lines = path.join(fix, 'news.jsonl');
      writeFileSync(doc, Buffer.concat([Buffer.from('Angela Merkel met Emmanuel Macron in Paris '), Buffer.from([0xff]), Buffer.from(' on Monday.\n')]));
      writeFileSync(lines, `${JSON.stringify({ id: 'a', text: 'Boris Johnson spoke in London on Monday.' })}\n{not json\n`);
      expect(cli(['add', doc, lines, '--graph', out, '--quiet']).code).toBe(3);
      expect(skipped()).toEqual([doc, `${lines}:2`]);
      // both fixed: a build of the files as they are now lists nothing, and so does the graph
      writeFileSync(doc, 'Angela Merkel met Emmanuel Macron in Paris on Monday.\n');
      writeFileSync(lines, `${JSON.stringify({ id: 'a', text: 'Boris Johnson spoke in London on Monday.' })}\n${JSON.stringify({ id: 'b', text: 'Olaf Scholz spoke in Berlin.' })}\n`);
      expect(cli(['add', doc, lines, '--graph', out, '--quiet']).code).toBe(0);
      expect(skipped()).toEqual([]);
      // partly read again, then removed: its warning goes with it
      writeFileSync(doc, Buffer.concat([Buffer.from('Angela Merkel met Emmanuel Macron in Rome '), Buffer.from([0xff]), Buffer.from(' on Monday.\n')]));
      expect(cli(['add', doc, '--graph', out, '--quiet']).code).toBe(3);
      expect(skipped()).toEqual([doc]);
      expect(cli(['remove', 'doc.txt', '--graph', out, '--quiet']).code).toBe(0);
      expect(skipped()).toEqual([]);
    });

    it('should not add an article the graph has under another id (the same file by another path)', () => {
      const dir = tmp();
      const world = path.join(dir, 'nest', 'world');
      mkdirSync(world, { recursive: true });
      writeFileSync(path.join(world, 'a.txt'), 'Jens Stoltenberg condemned the Syrian regime on Friday, NATO said.\n');
      const out = path.join(dir, 'g');
      expect(cli(['build', path.join(dir, 'nest'), '--out', out, '--quiet']).code).toBe(0);
      const before = readFileSync(path.join(out, 'graph.json'), 'utf8');
      const r = cli(['add', path.join(world, 'a.txt'), '--graph', out]);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain(`skipped ${path.join(world, 'a.txt')}: the same content as "world/a.txt", already in the graph (not added twice)`);
      expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toBe(before);
    });

    it('should remove every document of a JSON Lines file given by its id', () => {
      const dir = tmp();
      const lines = path.join(dir, 'news.jsonl');
      writeFileSync(lines, ['Boris Johnson spoke in London on Monday.', 'Olaf Scholz spoke in Berlin.'].map((text, i) => JSON.stringify({ id: `n${i}`, text })).join('\n') + '\n');
      writeFileSync(path.join(dir, 'keep.txt'), 'Jens Stoltenberg met Mevlut Cavusoglu in Brussels on Friday.\n');
      const out = path.join(dir, 'g');
      expect(cli(['build', lines, path.join(dir, 'keep.txt'), '--out', out, '--quiet']).code).toBe(0);
      const r = cli(['remove', 'news.jsonl', '--graph', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Updated \(2 removed\)/);
      const g = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(g.attributes.documents.map((d) => d.id)).toEqual(['keep.txt']);
      expect(cli(['remove', 'news.jsonl', '--graph', out]).code).toBe(1); // nothing of it is left
    });

    it('should say when an add puts another article under an id the graph has', () => {
      const dir = tmp();
      const a = path.join(dir, 'a');
      const b = path.join(dir, 'b');
      for (const d of [a, b]) mkdirSync(d);
      writeFileSync(path.join(a, '001.txt'), 'Markets rally\n\nShares in Tokyo rose on Monday, the Nikkei index said.\n');
      writeFileSync(path.join(b, '001.txt'), 'Storm hits coast\n\nA storm hit the coast of Florida on Tuesday, officials said.\n');
      const out = path.join(dir, 'g');
      expect(cli(['build', a, '--out', out, '--quiet']).code).toBe(0);
      const r = cli(['add', path.join(b, '001.txt'), '--graph', out]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Updated \(0 added, 1 changed, 0 unchanged\)/);
      expect(r.stderr).toMatch(/^newsgraph add: "001\.txt" was "Markets rally" and is now "Storm hits coast": the earlier article under this id is no longer in the graph/);
      // an edit of the same article (same title) is not remarked on
      writeFileSync(path.join(b, '001.txt'), 'Storm hits coast\n\nA storm hit the coast of Florida on Tuesday, officials said. Two died.\n');
      expect(cli(['add', path.join(b, '001.txt'), '--graph', out]).stderr).toBe('');
    });

    it('should exit 1 naming an unreadable file given explicitly, and still build the rest', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'good.txt'), 'Jens Stoltenberg met Mevlut Cavusoglu in Brussels on Friday.\n');
      const out = path.join(dir, 'out');
      const r = cli(['build', path.join(dir, 'good.txt'), path.join(dir, 'missing.txt'), '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/missing\.txt/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(path.join(out, 'graph.json'))).toBe(true);
    });

    it('should give a query syntax error its position once', () => {
      const r = cli(['query', 'MATCH (a) RETURN a extra', '--graph', 'graph']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^newsgraph query: .*found "extra" \(line 1, column 20\)\n$/);
      expect(r.stderr.match(/\(line \d+, column \d+\)/g)).toHaveLength(1);
    });

    it('should say so when the graph folder is given where the query goes', () => {
      const r = cli(['query', 'graph', 'find Stoltenberg']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/"graph" is a graph folder; give it with --graph: newsgraph query "find Stoltenberg" --graph graph/);
    });

    it('should exit 1 with one line for a missing graph', () => {
      const r = cli(['query', 'find x', '--graph', path.join(tmp(), 'none')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no graph at/);
    });
  });

  describe('--outlet', () => {
    const sourcesOf = (out: string) => {
      const g = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      return Object.fromEntries(g.attributes.documents.map((d) => [d.id, d.source]));
    };
    const recordsOf = (out: string) => {
      const byId = new Map<string, string>();
      for (const line of readFileSync(path.join(out, 'extractions.jsonl'), 'utf8').split('\n').filter(Boolean)) {
        const r = JSON.parse(line) as { document?: { id: string; source: string }; removed?: string };
        if (r.document) byId.set(r.document.id, r.document.source);
        else if (r.removed) byId.delete(r.removed);
      }
      return Object.fromEntries([...byId].sort());
    };

    it('should name the outlet of the documents that name none, keep their own, and keep it through add and check --rebuild', () => {
      const dir = tmp();
      const inbox = path.join(dir, 'inbox');
      mkdirSync(inbox);
      writeFileSync(path.join(inbox, 'a.txt'), 'Turkey hits back\n\nRecep Tayyip Erdogan condemned the Syrian government on Friday, officials in Ankara said.\n');
      writeFileSync(path.join(inbox, 'b.txt'), '---\nsource: Reuters\n---\nTalks in Moscow\n\nVladimir Putin met Recep Tayyip Erdogan in Moscow on Thursday, the Kremlin said.\n');
      writeFileSync(
        path.join(inbox, 'c.jsonl'),
        `${JSON.stringify({ id: 'own', source: 'AP', text: 'Angela Merkel met Emmanuel Macron in Paris on Monday.' })}\n${JSON.stringify({ id: 'none', text: 'Boris Johnson spoke in London on Monday.' })}\n`,
      );
      const out = path.join(dir, 'g');
      const built = cli(['build', inbox, '--out', out, '--outlet', 'BBC', '--quiet']);
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
      const want = { 'a.txt': 'BBC', 'b.txt': 'Reuters', 'c.jsonl#none': 'BBC', 'c.jsonl#own': 'AP' };
      expect(sourcesOf(out)).toEqual(want);
      // kept in the records that updates and check --rebuild start from
      expect(recordsOf(out)).toEqual(want);
      const g = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
      const erdogan = g.nodes.find((n) => n.attributes.label === 'Recep Tayyip Erdogan')!;
      expect(erdogan.attributes.sources).toEqual(['BBC', 'Reuters']);

      // an add with --outlet: the new document takes it
      const d = path.join(dir, 'd.txt');
      writeFileSync(d, 'Olaf Scholz spoke in Berlin on Tuesday, his office said.\n');
      const added = cli(['add', d, '--graph', out, '--outlet', 'Deutsche Welle']);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/Updated \(1 added, 0 changed, 0 unchanged\)/);
      // an add without it: a new document is an outlet of its own (its id), and the documents read
      // again unchanged keep theirs
      const e = path.join(dir, 'e.txt');
      writeFileSync(e, 'Emmanuel Macron spoke in Paris on Wednesday.\n');
      const plain = cli(['add', e, inbox, '--graph', out]);
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stdout).toMatch(/Updated \(1 added, 0 changed, 4 unchanged\)/);
      const now = { ...want, 'd.txt': 'Deutsche Welle', 'e.txt': '' };
      expect(sourcesOf(out)).toEqual(now);
      expect(recordsOf(out)).toEqual(now);
      const check = cli(['check', '--graph', out, '--rebuild']);
      expect(check.code, check.stdout).toBe(0);
      expect(check.stdout).toMatch(/a build from its 6 records gives the same entities, relations, claims and documents/);

      // another outlet named for documents read again: those that name none take it (changed, not
      // extracted again), the others keep their own
      const renamed = cli(['add', inbox, '--graph', out, '--outlet', 'BBC News']);
      expect(renamed.code, renamed.stderr).toBe(0);
      expect(renamed.stdout).toMatch(/Updated \(0 added, 2 changed, 2 unchanged\)/);
      expect(sourcesOf(out)).toEqual({ ...now, 'a.txt': 'BBC News', 'c.jsonl#none': 'BBC News' });
      expect(cli(['check', '--graph', out, '--rebuild']).code).toBe(0);

      // the same as a build of these files with these outlets
      const full = path.join(dir, 'full');
      expect(cli(['build', inbox, '--out', full, '--outlet', 'BBC News', '--quiet']).code).toBe(0);
      const fullSources = sourcesOf(full);
      for (const [id, source] of Object.entries(fullSources)) expect(sourcesOf(out)[id]).toBe(source);
    });

    it('should put the outlet in extract\'s records, which build --from-extractions keeps', () => {
      const dir = tmp();
      writeFileSync(path.join(dir, 'a.txt'), 'Recep Tayyip Erdogan condemned the Syrian government on Friday.\n');
      const r = cli(['extract', dir, '--jsonl', '--outlet', 'BBC']);
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { document: { source: string } }).document.source).toBe('BBC');
      expect((JSON.parse(cli(['extract', dir]).stdout) as { documents: { source: string }[] }).documents[0]!.source).toBe('');
      const file = path.join(dir, 'shard.jsonl');
      writeFileSync(file, r.stdout);
      const out = path.join(dir, 'g');
      expect(cli(['build', '--from-extractions', file, '--out', out, '--quiet']).code).toBe(0);
      expect(sourcesOf(out)).toEqual({ 'a.txt': 'BBC' });
    });
  });

  describe('query and export', () => {
    it('should find a path between two entities named by any of their names', () => {
      const r = cli(['query', 'path Stoltenberg -> Erdogan', '--graph', 'graph', '--format', 'json']);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).rows.length).toBeGreaterThan(0);
    });

    it('should answer node values without their mentions, documents and outlets, which an expression still reads', () => {
      const r = cli(['query', "MATCH (n {name: 'Stoltenberg'}) RETURN n, n.docs AS docs, n.sources AS outlets", '--graph', 'graph', '--format', 'json']);
      expect(r.code, r.stderr).toBe(0);
      const [node, docs, outlets] = JSON.parse(r.stdout).rows[0];
      expect(node.properties.label).toMatch(/Stoltenberg/);
      expect(Object.keys(node.properties)).not.toContain('docs');
      expect(Object.keys(node.properties)).not.toContain('mentions');
      expect(Object.keys(node.properties)).not.toContain('sources');
      expect(docs.length).toBeGreaterThan(1);
      expect(outlets.length).toBeGreaterThan(1);
    });

    it('should take the query budget from the command line', () => {
      const all = cli(['query', 'paths Stoltenberg -> Syria max 3', '--graph', 'graph', '--format', 'json']);
      expect(JSON.parse(all.stdout).rows.length).toBeGreaterThan(2);
      const cut = cli(['query', 'paths Stoltenberg -> Syria max 3', '--graph', 'graph', '--format', 'json', '--max-paths', '2']);
      expect(cut.code).toBe(0);
      expect(JSON.parse(cut.stdout).rows).toHaveLength(2);
      expect(cut.stderr).toContain('note: stopped after 2 paths (maxPaths)');
      const bad = cli(['query', 'find x', '--graph', 'graph', '--timeout', 'soon']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^newsgraph query: --timeout: expected a whole number from 1 to 3,600,000, got "soon"/);
    });

    it('should export GEXF to a file', () => {
      const file = path.join(tmp(), 'g.gexf');
      const r = cli(['export', '--format', 'gexf', '--graph', 'graph', '--out', file]);
      expect(r.code).toBe(0);
      expect(readFileSync(file, 'utf8')).toMatch(/^<\?xml[\s\S]*<gexf version="1.3"/);
    });

    it("should export CSV tables, the claims' with the sentences that give 33 and 34 killed soldiers", async () => {
      const dir = path.join(tmp(), 'csv');
      const r = cli(['export', '--format', 'csv', '--graph', 'graph', '--out', dir]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('claims.csv');
      const { parseCsv } = await import('../src/export/csv.js');
      const rows = parseCsv(readFileSync(path.join(dir, 'claims.csv'), 'utf8'));
      const head = rows[0]!;
      const soldiers = rows.filter((x) => x[head.indexOf('about')] === 'killed: turkish soldiers');
      const at = (name: string) => soldiers.map((x) => x[head.indexOf(name)]!);
      expect(new Set(at('value'))).toEqual(new Set(['3', '33', '34', 'dozens']));
      expect(at('disputed').every((d) => d === 'true')).toBe(true);
      // each row's sentence gives the value in one of the ways it was written
      for (const x of soldiers) {
        const sentence = x[head.indexOf('sentence')]!.toLowerCase();
        expect(x[head.indexOf('as_written')]!.split(' | ').some((w) => sentence.includes(w.toLowerCase())), sentence).toBe(true);
      }
    });
  });
});
