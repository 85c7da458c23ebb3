#!/usr/bin/env node
// Trains the entity tagger (averaged perceptron, greedy BIO decoding) from CoNLL-2003 and writes
// models/ner-model.json.gz. Deterministic: fixed epoch count and a seeded shuffle, so the same data and
// code give the same model. Uses the compiled feature and decoding code from dist/ (run `npm run
// build:ts` first), the very code the recogniser runs.
//
// usage: node scripts/train-ner.mjs [--train FILE] [--dev FILE] [--epochs N] [--out FILE] [--min-count N]
// The data is read from ../shared/data/conll2003 by default and is never copied into the repository.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (k, d) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : d;
};
const trainFile = path.resolve(opt('--train', path.join(root, '../shared/data/conll2003/eng.train')));
const devFile = opt('--dev', path.join(root, '../shared/data/conll2003/eng.testa'));
const epochs = Number(opt('--epochs', 24));
const minCount = Number(opt('--min-count', 2));
const outFile = path.resolve(opt('--out', path.join(root, 'models/ner-model.json.gz')));
const prune = Number(opt('--prune', 0.02));

const dist = path.join(root, 'dist/nlp/ner');
if (!fs.existsSync(path.join(dist, 'tagger.js'))) {
  console.error('train-ner: dist/nlp/ner/tagger.js not found. Run `npm run build:ts` first.');
  process.exit(1);
}
const { caseMode, computeDocInfo, staticFeatures } = await import(path.join(dist, 'features.js'));
const { LABELS, decode, isValidTransition } = await import(path.join(dist, 'tagger.js'));
const L = LABELS.length;
const LABEL_INDEX = new Map(LABELS.map((l, i) => [l, i]));

/** CoNLL file → documents → sentences of { words, tags (IOB2) }. */
function readConll(file) {
  const docs = [];
  let doc = null;
  let words = [];
  let tags = [];
  const flush = () => {
    if (words.length) {
      (doc ??= []).push({ words, tags: toIob2(tags) });
      words = [];
      tags = [];
    }
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
    words.push(cols[0]);
    tags.push(cols[cols.length - 1]);
  }
  flush();
  if (doc?.length) docs.push(doc);
  return docs;
}

function toIob2(tags) {
  return tags.map((t, i) => {
    if (t === 'O') return 'O';
    const type = t.slice(2);
    const prev = i > 0 ? tags[i - 1] : 'O';
    if (t.startsWith('B-')) return t;
    return prev === 'O' || prev.slice(2) !== type ? 'B-' + type : 'I-' + type;
  });
}

/**
 * Headline augmentation: CoNLL's headlines are in capitals, but many sites write them in title case
 * ("Erdogan Warns Russia Over Idlib"). Each document whose first sentence is all caps also gets a
 * title-cased copy of it in front (same tags), so the tagger sees title-case headlines too. The copy
 * comes first, as a site's headline would, so the capitals version cannot leak its predictions into
 * the copy through the document history. Deterministic (seeded choice of the small words kept lower).
 */
const SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'and', 'or', 'as', 'with', 'from']);
function augmentHeadlines(docs) {
  const r = rng(19960822);
  return docs.map((doc) => {
    const head = doc[0];
    if (!head || caseMode(head.words) !== 'U') return doc;
    const lowerSmall = r() < 0.5;
    const words = head.words.map((w, i) => {
      if (!/^[A-Z][A-Z'.&-]*$/.test(w) || w.length < 2 && i > 0) return w;
      const l = w.toLowerCase();
      if (i > 0 && lowerSmall && SMALL.has(l)) return l;
      return w[0] + w.slice(1).toLowerCase();
    });
    return [{ words, tags: head.tags }, ...doc];
  });
}

function prepare(docs) {
  return docs.map((doc) => {
    const info = computeDocInfo(doc.map((s) => s.words));
    return doc.map((s, k) => ({ ...s, statics: staticFeatures(s.words, info.modes[k], info) }));
  });
}

// seeded shuffle (mulberry32)
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t0 = Date.now();
const train = prepare(augmentHeadlines(readConll(trainFile)));
console.log(`train-ner: ${train.length} documents, features computed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);

// count static features; rare ones are dropped (smaller model, less overfitting)
const counts = new Map();
for (const d of train) for (const s of d) for (const f of s.statics) for (const x of f) counts.set(x, (counts.get(x) ?? 0) + 1);
const index = new Map();
for (const [f, c] of counts) if (c >= minCount) index.set(f, index.size);
counts.clear();
console.log(`train-ner: ${index.size} static features with count >= ${minCount}`);

let cap = (index.size + 200000) * L;
let W = new Float64Array(cap);
let ACC = new Float64Array(cap);
let TS = new Float64Array(cap);
let clock = 1;

function slot(f, create) {
  let i = index.get(f);
  if (i === undefined) {
    if (!create || !f.startsWith('t-')) return -1;
    i = index.size;
    index.set(f, i);
    if ((i + 1) * L > cap) {
      const grow = (a) => {
        const b = new Float64Array(cap * 2);
        b.set(a);
        return b;
      };
      W = grow(W);
      ACC = grow(ACC);
      TS = grow(TS);
      cap *= 2;
    }
  }
  return i * L;
}

const score = (features, scores) => {
  for (const f of features) {
    const off = slot(f, false);
    if (off < 0) continue;
    for (let c = 0; c < L; c++) scores[c] += W[off + c];
  }
};

function update(features, label, delta) {
  for (const f of features) {
    const off = slot(f, true);
    if (off < 0) continue;
    const k = off + label;
    ACC[k] += (clock - TS[k]) * W[k];
    TS[k] = clock;
    W[k] += delta;
  }
}

const random = rng(20030101);
const order = train.map((_, i) => i);
for (let epoch = 1; epoch <= epochs; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let errors = 0;
  let total = 0;
  for (const di of order) {
   const history = new Map();
   for (const s of train[di]) {
    let prevPredicted = 'O';
    decode(s.words, s.statics, score, (i, feats, predicted) => {
      // the decoder never predicts I-X after a non-X label; where the gold tag is such an I-X (the
      // history went wrong earlier), B-X is the best it can do, so that is what it learns
      let goldLabel = s.tags[i];
      if (!isValidTransition(i === 0 ? '<s>' : prevPredicted, goldLabel)) goldLabel = 'B-' + goldLabel.slice(2);
      const gold = LABEL_INDEX.get(goldLabel);
      prevPredicted = LABELS[predicted];
      total++;
      if (predicted !== gold) {
        errors++;
        update(feats, gold, 1);
        update(feats, predicted, -1);
      }
      clock++;
      return predicted; // decode on with the model's own history, as at run time
    }, history);
   }
  }
  console.log(`train-ner: epoch ${epoch}: token error ${(errors / total * 100).toFixed(2)}%`);
}

// average
const nFeat = index.size;
const avg = new Float64Array(nFeat * L);
for (let k = 0; k < nFeat * L; k++) avg[k] = (ACC[k] + (clock - TS[k]) * W[k]) / clock;

// prune features whose weights are all tiny, quantize to int16
const keep = [];
let maxAbs = 0;
for (const [f, i] of index) {
  let m = 0;
  for (let c = 0; c < L; c++) m = Math.max(m, Math.abs(avg[i * L + c]));
  if (m >= prune) {
    keep.push([f, i]);
    maxAbs = Math.max(maxAbs, m);
  }
}
keep.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const scale = maxAbs / 32767;
const ints = new Int16Array(keep.length * L);
keep.forEach(([, i], r) => {
  for (let c = 0; c < L; c++) ints[r * L + c] = Math.round(avg[i * L + c] / scale);
});
const file = {
  version: 1,
  labels: [...LABELS],
  scale,
  trainedOn: path.basename(trainFile),
  epochs,
  features: keep.map(([f]) => f),
  weights: Buffer.from(ints.buffer).toString('base64'),
};
fs.mkdirSync(path.dirname(outFile), { recursive: true });
const gz = zlib.gzipSync(JSON.stringify(file), { level: 9 });
fs.writeFileSync(outFile, gz);
console.log(`train-ner: wrote ${path.relative(process.cwd(), outFile)}: ${keep.length} features, ${(gz.length / 1e6).toFixed(2)} MB`);

// quick token-level check on the dev file with the frozen weights (the official measure is ner-score.mjs)
if (devFile && fs.existsSync(devFile)) {
  const { parseModel } = await import(path.join(dist, 'model.js'));
  const { modelScorer } = await import(path.join(dist, 'tagger.js'));
  const model = parseModel(gz);
  const sc = modelScorer(model);
  const dev = prepare(readConll(devFile));
  const st = {};
  const spans = (tags) => {
    const out = new Set();
    let cur = null;
    tags.forEach((t, i) => {
      if (t === 'O' || t.startsWith('B-') || !cur || cur.type !== t.slice(2)) {
        if (cur) out.add(`${cur.type}:${cur.s}:${i - 1}`);
        cur = t === 'O' ? null : { type: t.slice(2), s: i };
      }
    });
    if (cur) out.add(`${cur.type}:${cur.s}:${tags.length - 1}`);
    return out;
  };
  for (const d of dev) {
   const history = new Map();
   for (const s of d) {
    const pred = spans(decode(s.words, s.statics, sc, undefined, history));
    const gold = spans(s.tags);
    for (const k of pred) ((st[k.split(':')[0]] ??= { tp: 0, fp: 0, fn: 0 })[gold.has(k) ? 'tp' : 'fp']++);
    for (const k of gold) if (!pred.has(k)) (st[k.split(':')[0]] ??= { tp: 0, fp: 0, fn: 0 }).fn++;
   }
  }
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const [t, s] of Object.entries(st)) {
    const p = s.tp / (s.tp + s.fp || 1), r = s.tp / (s.tp + s.fn || 1);
    console.log(`dev ${t}: P=${p.toFixed(3)} R=${r.toFixed(3)} F1=${((2 * p * r) / (p + r || 1)).toFixed(3)}`);
    if (t !== 'MISC') for (const k of ['tp', 'fp', 'fn']) all[k] += s[k];
  }
  const p = all.tp / (all.tp + all.fp), r = all.tp / (all.tp + all.fn);
  console.log(`dev PER/ORG/LOC: F1=${((2 * p * r) / (p + r)).toFixed(3)}`);
}
