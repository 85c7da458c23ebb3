// Build a graph from files, add one more article from a string, and export it for Gephi and Neo4j.
// Run: node examples/build-and-export.mjs [INPUT_DIR] [OUT_DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, buildFromTexts, toGexf } from 'newsgraph';

const [input = 'seeds', out = path.join('node_modules', '.cache', 'newsgraph-example')] = process.argv.slice(2);
const { graph, skipped } = await build([input]);
console.log(`${graph.getAttribute('documents').length} documents → ${graph.order} entities, ${graph.size} relations`);
for (const s of skipped) console.log(`skipped ${s.path}: ${s.reason}`);

const extra = buildFromTexts([{ id: 'note', source: 'My notes', text: 'Jens Stoltenberg met Recep Tayyip Erdogan in Ankara.' }]);
console.log(`a one-sentence note gives ${extra.graph.order} entities`);

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'graph.gexf'), toGexf(graph));
console.log(`wrote ${path.join(out, 'graph.gexf')}`);
