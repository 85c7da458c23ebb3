#!/usr/bin/env node
// How rebuilding a graph from extraction records scales (no NLP): synthetic records shaped like
// news extractions (≈25 mentions and ≈1.5 relation mentions per document, names drawn from a
// Zipf-like pool so that popular entities recur across documents), at several corpus sizes.
// Times resolve, graph (buildGraph without layout, minus resolve), layout (cold and warm with the
// incremental iteration count), and serialising graph.json. Near-linear growth is the goal: an
// incremental add rebuilds from all records.
//
// Usage: node --expose-gc bench/lib/rebuild.mjs [--sizes 1000,5000,21268]
// Prints one JSON object on the last line of stdout.
import { dist, argv, gc, now, log, rng } from './common.mjs';
const i = argv.indexOf('--sizes');
const SIZES = (i >= 0 ? argv[i + 1] : '1000,5000,21268').split(',').map(Number);

const { buildGraph, assignLayout, positionsOf, warmIterations } = await dist('graph/index.js');
const { resolveEntities } = await dist('resolve/index.js');
const { toJson } = await dist('export/json.js');

const FIRST = ['Anna', 'Boris', 'Carla', 'David', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Karim', 'Lena', 'Marco', 'Nadia', 'Omar', 'Paula'];
const LAST = ['Adler', 'Berger', 'Costa', 'Dumont', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Olsen', 'Petrov'];
const ORG = ['Ministry', 'Bank', 'Council', 'Union', 'Agency', 'Party', 'Group', 'Institute'];
const PLACE = ['Arden', 'Borduria', 'Calvia', 'Dorne', 'Elbonia', 'Florin', 'Genovia', 'Hyrule'];

/** Synthetic records for n documents. */
function records(n) {
  const random = rng(n);
  const zipf = (max) => Math.floor(max * random() ** 3); // small indexes far more often
  const name = (k) => {
    const kind = k % 3;
    if (kind === 0) return [`${FIRST[k % 16]} ${LAST[Math.floor(k / 16) % 16]}${k >= 256 ? ` ${Math.floor(k / 256)}` : ''}`, 'person'];
    if (kind === 1) return [`${PLACE[k % 8]} ${ORG[Math.floor(k / 8) % 8]}${k >= 64 ? ` ${Math.floor(k / 64)}` : ''}`, 'organization'];
    return [`${PLACE[k % 8]}${k >= 8 ? ` ${Math.floor(k / 8)}` : ''}`, 'place'];
  };
  const pool = Math.max(200, Math.round(n * 2.5));
  const out = [];
  for (let d = 0; d < n; d++) {
    const id = `doc-${String(d).padStart(6, '0')}.txt`;
    let text = '';
    const sentences = [];
    const mentions = [];
    const relations = [];
    for (let s = 0; s < 12; s++) {
      const names = [name(zipf(pool)), name(zipf(pool))];
      const start = text.length;
      const sentence = `${names[0][0]} met ${names[1][0]} on Tuesday and they talked about the budget, officials said.`;
      text += `${sentence} `;
      sentences.push({ index: s, start, end: start + sentence.length });
      const m0 = { id: `m${mentions.length}`, start, end: start + names[0][0].length, text: names[0][0], type: names[0][1], sentence: s, kind: 'name' };
      mentions.push(m0);
      const o = start + names[0][0].length + 5;
      const m1 = { id: `m${mentions.length}`, start: o, end: o + names[1][0].length, text: names[1][0], type: names[1][1], sentence: s, kind: 'name' };
      mentions.push(m1);
      if (random() < 0.12 && m0.text !== m1.text) {
        relations.push({ kind: 'relation', subject: { start: m0.start, end: m0.end, mention: m0.id }, object: { start: m1.start, end: m1.end, mention: m1.id }, predicate: 'meet', verb: 'met', family: 'consult', quad: 'verbal-cooperation', negated: false, hedged: false, sentence: s });
      }
    }
    out.push({
      document: { id, path: id, title: `Doc ${d}`, source: ['Daily One', 'Evening Two', 'Morning Three'][d % 3], published: null, url: null, hash: `h${d}` },
      text,
      extraction: { doc: id, sentences, mentions, relations, attributions: [], claims: [] },
    });
  }
  return out;
}

const result = { sizes: [] };
for (const n of SIZES) {
  const recs = records(n);
  gc();
  let t = now();
  const graph = buildGraph(recs, { layout: false });
  const build = now() - t;
  gc();
  const sorted = [...recs].sort((a, b) => (a.document.id < b.document.id ? -1 : 1));
  t = now();
  resolveEntities(sorted.map((r) => r.extraction), sorted.map((r) => r.document), new Map(sorted.map((r) => [r.document.id, r.text])));
  const resolve = Math.min(build, now() - t);
  t = now();
  assignLayout(graph, {});
  const layoutCold = now() - t;
  const previous = positionsOf(graph);
  const iterations = warmIterations(graph.order, 1, n);
  t = now();
  assignLayout(graph, { previous, iterations });
  const layoutWarm = now() - t;
  t = now();
  const json = toJson(graph);
  const serialise = now() - t;
  const entry = { documents: n, nodes: graph.order, edges: graph.size, resolveMs: resolve, graphMs: build - resolve, layoutColdMs: layoutCold, layoutWarmMs: layoutWarm, warmIterations: iterations, jsonMs: serialise, jsonMB: json.length / 1e6 };
  result.sizes.push(entry);
  log(
    `${n} docs → ${graph.order} nodes, ${graph.size} edges: resolve ${(resolve / 1000).toFixed(2)} s, graph ${((build - resolve) / 1000).toFixed(2)} s, ` +
      `layout cold ${(layoutCold / 1000).toFixed(2)} s / warm (${iterations} it.) ${(layoutWarm / 1000).toFixed(2)} s, graph.json ${(serialise / 1000).toFixed(2)} s (${entry.jsonMB.toFixed(1)} MB)`,
  );
}
result.maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
