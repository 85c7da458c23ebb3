#!/usr/bin/env node
// Benchmark and development harness for sentence splitting + entity recognition (compiled code in
// dist/: run `npm run build:ts` first). Figures, not pass/fail.
//
//   node bench/ner.mjs [--files N] [--corpus DIR]    speed: splitSentences+extractMentions vs bare nlp(text)
//                                                     on N BBC articles (default 200), one process, one core
//   node bench/ner.mjs --conll FILE [--limit N]      accuracy: the measure of ../shared/eval/ner-score.mjs
//                                                     (exact token spans, PER/ORG/LOC) without the CLI
//   --json OUT                                        also write the figures as JSON
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (k, d) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : d;
};
const { splitSentences } = await import(path.join(root, 'dist/nlp/sentences.js'));
const { extractMentions } = await import(path.join(root, 'dist/nlp/entities.js'));
const results = {};

if (opt('--conll')) {
  const file = opt('--conll');
  const limit = Number(opt('--limit', Infinity));
  const docs = [];
  let doc = null;
  let sent = [];
  const flush = () => {
    if (sent.length) ((doc ??= []).push(sent), (sent = []));
  };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (doc?.length) docs.push(doc);
      doc = [];
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const cols = line.trim().split(/\s+/);
    sent.push({ tok: cols[0], tag: cols[cols.length - 1] });
  }
  flush();
  if (doc?.length) docs.push(doc);
  const stats = {};
  const add = (t, k) => ((stats[t] ??= { tp: 0, fp: 0, fn: 0 })[k]++);
  const TYPE = { person: 'PER', organization: 'ORG', place: 'LOC' };
  const errors = [];
  for (const d of docs.slice(0, limit)) {
    const tokens = [];
    let text = '';
    for (const s of d) {
      s.forEach((t, j) => {
        if (j > 0) text += ' ';
        tokens.push({ ...t, start: text.length, end: text.length + t.tok.length, sentStart: j === 0 });
        text += t.tok;
      });
      text += '\n';
    }
    const gold = [];
    let cur = null;
    tokens.forEach((t, i) => {
      const [bio, type] = t.tag === 'O' ? ['O', null] : t.tag.split('-');
      if (bio === 'O') return void (cur = null);
      if (bio === 'B' || !cur || cur.type !== type || t.sentStart) gold.push((cur = { type, s: i, e: i }));
      else cur.e = i;
    });
    const goldSet = new Set(gold.filter((g) => g.type !== 'MISC').map((g) => `${g.type}:${g.s}:${g.e}`));
    const predSet = new Set();
    for (const m of extractMentions(text, splitSentences(text), { institutions: args.includes("--institutions") })) {
      const type = TYPE[m.type];
      if (!type) continue;
      let s = -1;
      let e = -1;
      tokens.forEach((t, i) => {
        if (s < 0 && t.end > m.start) s = i;
        if (t.start < m.end) e = i;
      });
      if (s >= 0 && e >= s) predSet.add(`${type}:${s}:${e}`);
    }
    const show = (k) => {
      const [, s, e] = k.split(':').map(Number);
      return tokens.slice(s, e + 1).map((t) => t.tok).join(' ');
    };
    for (const k of predSet) {
      add(k.split(':')[0], goldSet.has(k) ? 'tp' : 'fp');
      if (!goldSet.has(k)) errors.push(`FP ${k.split(':')[0]} ${show(k)}`);
    }
    for (const k of goldSet) if (!predSet.has(k)) (add(k.split(':')[0], 'fn'), errors.push(`FN ${k.split(':')[0]} ${show(k)}`));
  }
  const f = ({ tp, fp, fn }) => {
    const p = tp / (tp + fp || 1), r = tp / (tp + fn || 1);
    return { p, r, f1: (2 * p * r) / (p + r || 1) };
  };
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const [t, s] of Object.entries(stats)) {
    const r = f(s);
    console.log(`${t} P=${r.p.toFixed(3)} R=${r.r.toFixed(3)} F1=${r.f1.toFixed(3)} (tp ${s.tp} fp ${s.fp} fn ${s.fn})`);
    for (const k of ['tp', 'fp', 'fn']) all[k] += s[k];
  }
  const r = f(all);
  console.log(`conll ${path.basename(file)} docs ${Math.min(limit, docs.length)} P=${r.p.toFixed(3)} R=${r.r.toFixed(3)} F1=${r.f1.toFixed(3)}`);
  results.conll = { file: path.basename(file), ...r, byType: Object.fromEntries(Object.entries(stats).map(([t, s]) => [t, f(s)])) };
  if (opt('--errors')) fs.writeFileSync(opt('--errors'), errors.join('\n') + '\n');
} else {
  const corpus = path.resolve(opt('--corpus', path.join(root, '../shared/data/corpora/bbc')));
  const n = Number(opt('--files', 200));
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) files.push(p);
    }
  };
  walk(corpus);
  // a deterministic spread over the folders
  const step = Math.max(1, Math.floor(files.length / n));
  const texts = files.filter((_, i) => i % step === 0).slice(0, n).map((p) => fs.readFileSync(p, 'utf8'));
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const { nlp } = await import(path.join(root, 'dist/nlp/compromise.js'));
  // warm up both (model load, JIT)
  for (const t of texts.slice(0, 5)) {
    nlp(t);
    extractMentions(t, splitSentences(t));
  }
  const time = (fn) => {
    const t0 = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  let sentences = 0;
  let mentions = 0;
  const tSplit = time(() => {
    for (const t of texts) sentences += splitSentences(t).length;
  });
  const tNer = time(() => {
    for (const t of texts) mentions += extractMentions(t, splitSentences(t)).length;
  });
  const tNlp = time(() => {
    for (const t of texts) nlp(t);
  });
  const kb = bytes / 1024;
  results.speed = {
    files: texts.length,
    kb: Math.round(kb),
    sentences,
    mentions,
    splitKBps: Math.round(kb / tSplit),
    nerKBps: Math.round(kb / tNer),
    compromiseKBps: Math.round(kb / tNlp),
    ratio: Number((tNlp / tNer).toFixed(2)),
  };
  console.log(
    `ner bench: ${texts.length} BBC files, ${Math.round(kb)} KB, ${sentences} sentences, ${mentions} mentions\n` +
      `  splitSentences            ${results.speed.splitKBps} KB/s\n` +
      `  split + extractMentions   ${results.speed.nerKBps} KB/s\n` +
      `  bare compromise nlp(text) ${results.speed.compromiseKBps} KB/s\n` +
      `  ratio (NER / nlp)         ${results.speed.ratio}x`,
  );
}
if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(results, null, 2) + '\n');
