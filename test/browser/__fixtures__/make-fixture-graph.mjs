// Hand-made fixture graph (SerializedGraph) for developing the viewer before the real build exists.
// Sentences come from the five seed articles in seeds/ (public news articles; see seeds/).
// Run: node test/browser/__fixtures__/make-fixture-graph.mjs > test/browser/__fixtures__/graph.json
import { readFileSync, readdirSync } from 'node:fs';

const seeds = readdirSync('seeds').sort();
const texts = Object.fromEntries(seeds.map((f) => [f, readFileSync(`seeds/${f}`, 'utf8')]));
const outlets = ['Dhaka Tribune', 'The Daily Star', 'The Warsan', 'Diplomatie', 'Press TV'];
const documents = seeds.map((f, i) => ({ id: f, path: f, title: texts[f].trim().split('\n')[0].trim().slice(0, 80), source: outlets[i], published: '2020-02-28', url: null, hash: '' }));

function ev(needle) {
  for (const f of seeds) {
    const t = texts[f];
    const at = t.indexOf(needle);
    if (at < 0) continue;
    let s = t.lastIndexOf('\n', at) + 1;
    const dot = t.lastIndexOf('. ', at);
    if (dot + 2 > s) s = dot + 2;
    let e = t.indexOf('. ', at + needle.length);
    const nl = t.indexOf('\n', at);
    if (e < 0 || (nl >= 0 && nl < e)) e = nl < 0 ? t.length : nl; else e += 1;
    return { doc: f, start: s, end: e, text: t.slice(s, e).trim() };
  }
  throw new Error('not found: ' + needle);
}

const N = (key, label, type, aliases, mentionCount, x, y, docs) => ({ key, attributes: { label, type, aliases: [...new Set([label, ...aliases])].sort(), mentions: [], roles: [], docs, sources: docs.map((d) => outlets[seeds.indexOf(d)]).sort(), mentionCount, pagerank: mentionCount / 100, x, y, size: 5, color: '#999', mergeReasons: [] } });
const all = seeds;
const nodes = [
  N('person:jens-stoltenberg', 'Jens Stoltenberg', 'person', ['Stoltenberg'], 4, 10, 40, [all[0], all[3]]),
  N('organization:nato', 'NATO', 'organization', ['North Atlantic Treaty Organization'], 6, 0, 20, [all[0], all[3]]),
  N('person:bashar-al-assad', 'Bashar al-Assad', 'person', ['Assad', 'Bashar Al-Assad'], 7, 60, 0, [all[0], all[2], all[3]]),
  N('person:recep-tayyip-erdogan', 'Recep Tayyip Erdoğan', 'person', ['Erdogan', 'Tayyip Erdogan'], 9, 30, -10, [all[0], all[2], all[4]]),
  N('place:turkey', 'Turkey', 'place', ['Ankara'], 12, 20, -40, all),
  N('place:russia', 'Russia', 'place', ['Moscow'], 6, 70, 40, [all[0], all[3]]),
  N('place:idlib', 'Idlib', 'place', [], 10, 50, -50, all),
  N('person:fahrettin-altun', 'Fahrettin Altun', 'person', ['Altun'], 4, -10, -20, [all[0], all[3]]),
  N('organization:syrian-observatory-for-human-rights', 'Syrian Observatory for Human Rights', 'organization', ['SOHR', 'Syrian Observatory'], 3, 90, -10, [all[0], all[2]]),
  N('person:mevlut-cavusoglu', 'Mevlüt Çavuşoğlu', 'person', ['Mevlüt Cavusoglu'], 1, -20, 50, [all[3]]),
  N('organization:us-state-department', 'US State Department', 'organization', ['State Department'], 2, -30, 10, [all[2], all[3]]),
  N('person:xss', 'Evil <img src=x onerror=alert(1)> Name', 'person', ['<script>window.__pwned=1</script>'], 1, 100, 60, [all[4]]),
];
let i = 0;
const E = (s, t, predicate, family, quad, needles, extra = {}) => {
  const evidence = needles.map(ev);
  return { key: `e${i++}`, source: s, target: t, attributes: { predicate, label: predicate, verbs: [predicate], family, quad, evidence, weight: new Set(evidence.map((e) => e.doc)).size, sources: [...new Set(evidence.map((e) => outlets[seeds.indexOf(e.doc)]))].sort(), assertedBy: [], negated: false, hedged: false, size: 1, color: '#999', ...extra } };
};
const edges = [
  E('person:jens-stoltenberg', 'person:bashar-al-assad', 'condemn', 'criticise', 'verbal-conflict', ['Jens Stoltenberg condemning', 'NATO, of which Turkey is a member, has condemned']),
  E('person:jens-stoltenberg', 'place:russia', 'condemn', 'criticise', 'verbal-conflict', ['Jens Stoltenberg condemning']),
  E('person:jens-stoltenberg', 'organization:nato', 'secretary general of', 'role', 'neutral', ['NATO Secretary General Jens Stoltenberg']),
  E('person:jens-stoltenberg', 'person:mevlut-cavusoglu', 'meet with', 'consult', 'verbal-cooperation', ['Stoltenberg met with']),
  E('person:jens-stoltenberg', 'place:russia', 'urge', 'demand', 'verbal-conflict', ['He called Damascus and Moscow']),
  E('place:turkey', 'person:bashar-al-assad', 'retaliate against', 'attack', 'material-conflict', ['Ankara retaliated by targeting']),
  E('person:bashar-al-assad', 'place:turkey', 'attack', 'attack', 'material-conflict', ["several have come under fire from Syrian President Bashar al-Assad's forces"]),
  E('person:recep-tayyip-erdogan', 'place:turkey', 'president of', 'role', 'neutral', ['Turkish President Recep Tayyip Erdogan hastily']),
  E('person:recep-tayyip-erdogan', 'person:bashar-al-assad', 'warn', 'threaten', 'verbal-conflict', ['Erdogan warned the Syrian government']),
  E('person:fahrettin-altun', 'person:recep-tayyip-erdogan', 'aide of', 'role', 'neutral', ["Erdogan's top press aide, Fahrettin Altun"]),
  E('organization:us-state-department', 'place:turkey', 'support', 'support', 'verbal-cooperation', ['We support our NATO ally']),
  E('place:russia', 'person:bashar-al-assad', 'ally of', 'support', 'material-cooperation', ['Assad government ally Russia']),
  E('place:turkey', 'place:idlib', 'deploy in', 'other', 'neutral', ['Turkey has 12 observation posts']),
  E('organization:syrian-observatory-for-human-rights', 'place:russia', 'accuse', 'accuse', 'verbal-conflict', ['The Syrian Observatory said the air strikes were carried out']),
  E('person:mevlut-cavusoglu', 'place:turkey', 'foreign minister of', 'role', 'neutral', ['Turkish Foreign Minister']),
  E('person:xss', 'place:idlib', 'say', 'statement', 'neutral', ['Syria']),
];
// The hostile sentence: make it explicit.
edges[edges.length - 1].attributes.evidence = [{ doc: all[4], start: 0, end: 10, text: 'Evil said <img src=x onerror=alert(1)> and <script>window.__pwned=1</script> about Idlib.' }];
const claims = [
  { about: 'killed: turkish soldiers', property: 'killed', subject: 'turkish soldiers', values: [{ value: '33', docs: [all[0], all[1], all[2], all[3]], surfaces: ['at least 33', '33'] }, { value: '34', docs: [all[2], all[4]], surfaces: ['34'] }], disputed: true },
  { about: 'injured: turkish soldiers', property: 'injured', subject: 'turkish soldiers', values: [{ value: '30', docs: [all[3]], surfaces: ['Thirty'] }], disputed: false },
];
const graph = { attributes: { name: 'fixture', generator: 'hand-made fixture', documents, claims, skipped: [] }, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes, edges };
process.stdout.write(JSON.stringify(graph, null, 1) + '\n');
