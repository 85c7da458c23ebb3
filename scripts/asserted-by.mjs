#!/usr/bin/env node
/**
 * Who the graph says asserted things: the distinct `assertedBy` sources of a built graph, with counts,
 * and a seeded random sample of them with their evidence, for judging by hand.
 *
 *   node scripts/asserted-by.mjs OUT/graph.json [--extractions OUT/extractions.jsonl] [--sample 100] [--seed 1] [--top 40]
 *
 * Sources come from the edges' evidence (`evidence[].assertedBy`, a node key) and, when the graph's claims
 * carry one, from them. With --extractions, the per-document claims' `assertedBy` (a mention id) are
 * counted too, by the mention's text, and each sampled evidence shows the speaker span the attribution
 * chose next to the entity it was linked to.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const graphPath = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!graphPath) {
  console.error('usage: asserted-by.mjs graph.json [--extractions extractions.jsonl] [--sample N] [--seed S] [--top N]');
  process.exit(2);
}
const sampleSize = Number(opt('sample', '100'));
const seed = Number(opt('seed', '1'));
const top = Number(opt('top', '40'));
const extractionsPath = opt('extractions');

const g = JSON.parse(readFileSync(graphPath, 'utf8'));
const nodes = new Map(g.nodes.map((n) => [n.key, n.attributes ?? {}]));
const counts = new Map();
const occurrences = [];
for (const e of g.edges) {
  for (const ev of e.attributes?.evidence ?? []) {
    if (!ev.assertedBy) continue;
    counts.set(ev.assertedBy, (counts.get(ev.assertedBy) ?? 0) + 1);
    occurrences.push({ node: ev.assertedBy, doc: ev.doc, start: ev.start, end: ev.end, text: ev.text, edge: `${label(e.source)} —${e.attributes.predicate}→ ${label(e.target)}` });
  }
}
let claimSources = 0;
for (const c of g.attributes?.claims ?? []) {
  for (const v of c.values ?? []) {
    for (const by of [v.assertedBy, c.assertedBy].flat().filter(Boolean)) {
      counts.set(by, (counts.get(by) ?? 0) + 1);
      claimSources++;
    }
  }
}

function label(key) {
  return nodes.get(key)?.label ?? key;
}

// a seeded hash of each evidence's place (document, sentence, edge) ranks it: the sample is the lowest
// ranked, so two builds of the same corpus are sampled alike wherever they hold the same evidence
function rank(key) {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}
const pool = occurrences.map((o) => ({ o, r: rank(`${o.doc}#${o.start}|${o.edge}`) })).sort((a, b) => a.r - b.r || (a.o.doc + a.o.start + a.o.edge).localeCompare(b.o.doc + b.o.start + b.o.edge)).map((x) => x.o);
const sample = pool.slice(0, sampleSize).sort((a, b) => (a.doc + a.start).localeCompare(b.doc + b.start));

// the speaker spans behind the sample, and the claims' speakers, from the per-document extractions
const extractionClaims = new Map();
let extractionClaimCount = 0;
if (extractionsPath) {
  const wanted = new Map();
  for (const o of sample) (wanted.get(o.doc) ?? wanted.set(o.doc, []).get(o.doc)).push(o);
  const rl = createInterface({ input: createReadStream(extractionsPath), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    const r = JSON.parse(line);
    const x = r.extraction;
    if (!x) continue;
    const byId = new Map(x.mentions.map((m) => [m.id, m]));
    for (const c of x.claims ?? []) {
      if (!c.assertedBy) continue;
      const m = byId.get(c.assertedBy);
      const t = m ? r.text.slice(m.start, m.end) : c.assertedBy;
      extractionClaims.set(t, (extractionClaims.get(t) ?? 0) + 1);
      extractionClaimCount++;
    }
    const id = r.document?.id ?? x.doc;
    for (const o of wanted.get(id) ?? []) {
      const s = x.sentences.find((s) => s.start <= o.start && o.start < s.end);
      const atts = (x.attributions ?? []).filter((a) => s && a.sentence === s.index && a.subject.mention);
      o.speakers = atts.map((a) => {
        const m = byId.get(a.subject.mention);
        return `[${r.text.slice(a.subject.start, a.subject.end)}] → ${m ? `${m.text ?? r.text.slice(m.start, m.end)} (${m.type})` : a.subject.mention}`;
      });
    }
  }
}

const distinct = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
console.log(`# distinct assertedBy sources (edge evidence${claimSources ? ' and graph claims' : ''}), most frequent first`);
for (const [key, n] of distinct.slice(0, top)) console.log(`${String(n).padStart(6)}  ${label(key)}  (${key})`);
if (distinct.length > top) console.log(`  … ${distinct.length - top} more`);
if (extractionsPath) {
  console.log(`\n# claims' assertedBy in the extractions (by mention text), most frequent first`);
  for (const [t, n] of [...extractionClaims.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(n).padStart(6)}  ${t}`);
}
console.log(`\n# sample of ${sample.length} evidence sources (seed ${seed})`);
sample.forEach((o, i) => {
  console.log(`\n${i + 1}. ${label(o.node)} (${nodes.get(o.node)?.type ?? '?'})  ${o.doc}  [${o.edge}]`);
  for (const sp of o.speakers ?? []) console.log(`   speaker ${sp}`);
  console.log(`   ${o.text.replace(/\s+/g, ' ').slice(0, 400)}`);
});
console.log(
  `\nassertedBy: ${occurrences.length} evidence sources, ${distinct.length} distinct, graph claims with a source ${claimSources}` +
    (extractionsPath ? `, extraction claims with a source ${extractionClaimCount} (${extractionClaims.size} distinct texts)` : ''),
);
