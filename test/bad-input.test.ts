/**
 * Bad input end to end (issue 8.1): the real CLI builds a corpus the test generates — empty files,
 * binary files (PDF, PNG, random bytes, disguised as .txt too), invalid UTF-8, UTF-16 with a BOM, a
 * 50 MB file, very long lines, HTML full of scripts and styles, non-English text, malformed JSON
 * Lines — beside a few good articles. The build must not crash, must name every bad file or line
 * with its reason, must build everything else, and must exit 3 ("built, but something was skipped").
 * The article texts below are written for this test.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerializedGraph } from '../src/types.js';
import { ROOT } from './helpers/tools.js';

const BIN = path.join(ROOT, 'bin', 'newsgraph.mjs');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const ARTICLE_A =
  'Turkish President Recep Tayyip Erdogan met NATO Secretary General Jens Stoltenberg in Ankara on Friday.\n\n' +
  'Stoltenberg condemned the air strikes in Idlib province, a NATO spokesman said.\n';
const ARTICLE_B =
  'The Syrian Observatory for Human Rights said 33 soldiers were killed in Idlib on Thursday.\n\n' +
  'Russia denied that its aircraft had carried out the strikes, the Defence Ministry in Moscow said.\n';
const PROSE = 'Officials in the capital said on Tuesday that the talks with the delegation had ended without agreement. ';

/** Deterministic pseudo-random bytes (a linear congruential generator), so failures reproduce. */
function randomBytes(n: number, seed = 42): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

/** Writes `size` bytes of prose in 1 MiB chunks, without holding 50 MB in memory. */
function writeBigFile(file: string, size: number): void {
  const para = `${PROSE.repeat(5)}\n\n`;
  const chunk = Buffer.from(para.repeat(Math.ceil((1024 * 1024) / para.length))).subarray(0, 1024 * 1024);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, Buffer.from('A very large file of minutes\n\n'));
    for (let written = 0; written < size; written += chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Bad inputs inside the folder and the reason the summary must give for each. */
const BAD: [path: string, reason: RegExp][] = [
  ['empty.txt', /empty file/],
  ['whitespace.txt', /empty file/],
  ['report.pdf', /unsupported file type \.pdf/],
  ['photo.png', /unsupported file type \.png/],
  ['disguised-pdf.txt', /binary file \(PDF\)/],
  ['disguised-png.txt', /binary file \(PNG image\)/],
  ['random-bytes.txt', /binary/],
  ['archive.md', /binary file \(ZIP/],
  ['latin1.txt', /not valid UTF-8.*Windows-1252/],
  ['huge.txt', /truncated/],
  ['scripts-only.html', /no article text/],
  ['feed.jsonl:2', /invalid JSON/],
  ['feed.jsonl:3', /missing "text"/],
  ['feed.jsonl:4', /not a JSON object/],
  ['feed.jsonl:5', /"text" is a number/],
];

/** Inputs that must come out as documents (ids relative to the folder). */
const GOOD = [
  'good/a.txt',
  'good/b.md',
  'good/c.html',
  'utf16le.txt',
  'utf16be.txt',
  'utf8-bom.txt',
  'long-line.txt',
  'scripts.html',
  'non-english/turkish.txt',
  'non-english/arabic.txt',
  'non-english/chinese.txt',
  'feed.jsonl#r1',
  'feed.jsonl#6',
  'latin1.txt',
  'huge.txt',
];

let dir: string;
let corpus: string;
let out: string;
let build: ReturnType<typeof cli>;
let graph: SerializedGraph;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ng-bad-input-'));
  corpus = path.join(dir, 'corpus');
  out = path.join(dir, 'out');
  mkdirSync(path.join(corpus, 'good'), { recursive: true });
  mkdirSync(path.join(corpus, 'non-english'));
  const w = (rel: string, data: string | Buffer) => writeFileSync(path.join(corpus, rel), data);

  w('good/a.txt', `Erdogan meets Stoltenberg in Ankara\n\n${ARTICLE_A}\nShare on:\nFacebook\nTwitter\n`);
  w('good/b.md', `---\ntitle: Soldiers killed in Idlib\nsource: Example Wire\ndate: 2020-02-28\n---\n# Soldiers killed in Idlib\n\n${ARTICLE_B}`);
  w(
    'good/c.html',
    `<!doctype html><html><head><title>Talks in Geneva</title><meta property="og:site_name" content="Example Courier"></head><body><nav>Home World Sport</nav><article><h1>Talks in Geneva</h1><p>${ARTICLE_A}</p><p>${ARTICLE_B}</p></article><footer>© Example Courier</footer></body></html>`,
  );
  w('empty.txt', '');
  w('whitespace.txt', ' \n\t\n  \r\n');
  w('report.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), randomBytes(2000, 1)]));
  w('photo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000, 2)]));
  w('disguised-pdf.txt', Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(4000, 3)]));
  w('disguised-png.txt', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000, 4)]));
  w('random-bytes.txt', randomBytes(64 * 1024, 5));
  w('archive.md', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(3000, 6)]));
  w('latin1.txt', Buffer.from(`Caf\xe9 owners protest in Montr\xe9al\n\nThe caf\xe9 owners said the new tax was unfair, and the mayor of Montr\xe9al, Val\xe9rie Plante, disagreed.\n`, 'latin1'));
  w('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Çavuşoğlu speaks in Ankara\n\n${ARTICLE_A}`, 'utf16le')]));
  w('utf16be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`Russia denies strikes\n\n${ARTICLE_B}`, 'utf16le').swap16()]));
  w('utf8-bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`A headline after a BOM\n\n${ARTICLE_B}`)]));
  w('long-line.txt', `One very long line\n\n${PROSE.repeat(2000)}\n`);
  w(
    'scripts.html',
    `<html><head><title>Script-heavy page</title><style>${'.x{color:red}'.repeat(2000)}</style><script>${'var tracker = "SCRIPTSECRET"; '.repeat(2000)}</script></head>` +
      `<body><script>document.write("<p>INJECTED</p>")</script><div><p>${ARTICLE_A}</p><p>${ARTICLE_B}</p></div><noscript>NOSCRIPTTEXT</noscript></body></html>`,
  );
  w('scripts-only.html', `<html><head><script>alert("x")</script><style>p{}</style></head><body><script>var a = 1;</script></body></html>`);
  w('non-english/turkish.txt', 'Erdoğan Ankara’da konuştu\n\nCumhurbaşkanı Recep Tayyip Erdoğan, Cuma günü Ankara’da NATO Genel Sekreteri Jens Stoltenberg ile görüştü.\n');
  w('non-english/arabic.txt', 'أردوغان يلتقي ستولتنبرغ\n\nالتقى الرئيس التركي رجب طيب أردوغان بالأمين العام لحلف الناتو في أنقرة يوم الجمعة.\n');
  w('non-english/chinese.txt', '埃尔多安会见斯托尔滕贝格\n\n土耳其总统埃尔多安周五在安卡拉会见了北约秘书长斯托尔滕贝格。\n');
  w(
    'feed.jsonl',
    [
      JSON.stringify({ id: 'r1', title: 'Wire story', source: 'Example Wire', date: '2020-02-28', text: ARTICLE_B }),
      '{"id": "broken", "text": "unterminated',
      JSON.stringify({ id: 'no-text', title: 'Missing text' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ id: 'numeric', text: 12345 }),
      JSON.stringify({ text: ARTICLE_A }),
    ].join('\n') + '\n',
  );
  writeBigFile(path.join(corpus, 'huge.txt'), 50 * 1024 * 1024);

  build = cli(['build', corpus, '--out', out]);
  if (existsSync(path.join(out, 'graph.json'))) {
    graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as SerializedGraph;
  }
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('bad input', () => {
  describe('newsgraph build on a generated bad-input corpus', () => {
    it('should not crash, and exit 3: built, but some inputs were skipped', () => {
      expect(build.signal, build.stderr).toBeNull();
      expect(build.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      expect(build.code, build.stderr + build.stdout).toBe(3);
    });

    it.each(BAD)('should name %s in the summary with its reason', (file, reason) => {
      const line = build.stdout.split('\n').find((l) => l.trim().startsWith(`${file}:`));
      expect(line, build.stdout).toBeDefined();
      expect(line!.slice(line!.indexOf(`${file}:`) + file.length + 1)).toMatch(reason);
    });

    it('should record every skipped input in graph.json', () => {
      const skipped = graph.attributes.skipped.map((s) => s.path);
      for (const [file] of BAD) expect(skipped).toContain(file);
    });

    it('should build every good document, including decoded and truncated ones', () => {
      const ids = graph.attributes.documents.map((d) => d.id);
      for (const id of GOOD) expect(ids).toContain(id);
      for (const [file] of BAD.filter(([, r]) => !/truncated|Windows-1252/.test(r.source))) expect(ids).not.toContain(file);
    });

    it('should read the metadata of front matter, HTML and JSON Lines', () => {
      const doc = (id: string) => graph.attributes.documents.find((d) => d.id === id);
      expect(doc('good/b.md')).toMatchObject({ title: 'Soldiers killed in Idlib', source: 'Example Wire', published: '2020-02-28' });
      expect(doc('good/c.html')).toMatchObject({ title: 'Talks in Geneva', source: 'Example Courier' });
      expect(doc('feed.jsonl#r1')).toMatchObject({ title: 'Wire story', source: 'Example Wire', published: '2020-02-28' });
      expect(doc('utf8-bom.txt')?.title).toBe('A headline after a BOM');
    });

    it('should find the entities of the good articles', () => {
      const names = graph.nodes.flatMap((n) => [n.attributes.label, ...n.attributes.aliases]).join('\n');
      expect(names).toMatch(/Stoltenberg/);
      expect(names).toMatch(/NATO/);
    });

    it('should never let script, style or share-button text into the graph', () => {
      const json = readFileSync(path.join(out, 'graph.json'), 'utf8');
      for (const junk of ['SCRIPTSECRET', 'INJECTED', 'NOSCRIPTTEXT', 'color:red', 'tracker']) expect(json).not.toContain(junk);
      const labels = graph.nodes.map((n) => n.attributes.label.toLowerCase());
      expect(labels).not.toContain('twitter');
      expect(labels).not.toContain('facebook');
    });
  });

  describe('newsgraph build on explicit bad files', () => {
    it('should exit 1 and name a missing or binary file given explicitly, and still build the rest', () => {
      const out2 = path.join(dir, 'out-explicit');
      const missing = path.join(dir, 'no-such-file.txt');
      const pdf = path.join(corpus, 'disguised-pdf.txt');
      const r = cli(['build', path.join(corpus, 'good', 'a.txt'), missing, pdf, '--out', out2]);
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no-such-file\.txt.*no such file or directory/);
      expect(r.stderr).toMatch(/disguised-pdf\.txt.*binary file \(PDF\)/);
      const g = JSON.parse(readFileSync(path.join(out2, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(g.attributes.documents.map((d) => d.id)).toEqual(['a.txt']);
    });

    it('should write nothing when no input could be read, leaving an existing graph as it was', () => {
      const out3 = path.join(dir, 'out-kept');
      expect(cli(['build', path.join(corpus, 'good', 'a.txt'), '--out', out3]).code).toBe(0);
      const before = readFileSync(path.join(out3, 'graph.json'), 'utf8');
      const typo = cli(['build', path.join(dir, 'no-such-folder'), '--out', out3]);
      expect(typo.code).toBe(1);
      expect(typo.stderr).toMatch(/cannot read ".*no-such-folder": no such file or directory/);
      expect(typo.stderr).toMatch(/nothing could be read, so nothing was written \(".*out-kept" is left as it was\)/);
      expect(readFileSync(path.join(out3, 'graph.json'), 'utf8')).toBe(before);
    });

    it('should pass over a graph folder inside an input, and refuse one given as the input', () => {
      const input = path.join(dir, 'with-graph');
      mkdirSync(input, { recursive: true });
      writeFileSync(path.join(input, 'a.txt'), ARTICLE_A);
      const inner = path.join(input, 'graph');
      expect(cli(['build', input, '--out', inner]).code).toBe(0);
      // again, with the graph now inside the input: its extractions.jsonl is not read as articles
      const again = cli(['build', input, '--out', inner]);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      const g = JSON.parse(readFileSync(path.join(inner, 'graph.json'), 'utf8')) as SerializedGraph;
      expect(g.attributes.documents.map((d) => d.id)).toEqual(['a.txt']);
      expect(g.attributes.skipped).toEqual([]);
      const r = cli(['build', inner, '--out', path.join(dir, 'out-of-graph')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot read "${inner}": a folder newsgraph wrote a graph into, not articles`);
      expect(r.stderr).toContain(`newsgraph build --from-extractions ${path.join(inner, 'extractions.jsonl')}`);
      expect(existsSync(path.join(dir, 'out-of-graph'))).toBe(false);
      // the graph written among the articles themselves: refused before anything is read
      const self = cli(['build', input, '--out', input]);
      expect(self.code).toBe(2);
      expect(self.stderr).toContain(`--out "${input}" is the input folder itself`);
    });
  });
});
