// Entities that only one outlet reports: what would you miss reading a single source?
// Run: node examples/single-outlet-entities.mjs [GRAPH_DIR]
import { openGraph } from 'newsgraph';

const graph = await openGraph(process.argv[2] ?? 'graph');
const byOutlet = new Map();
graph.forEachNode((key, a) => {
  if (a.sources.length !== 1) return;
  const list = byOutlet.get(a.sources[0]) ?? [];
  list.push(`${a.label} (${a.type})`);
  byOutlet.set(a.sources[0], list);
});
for (const [outlet, names] of [...byOutlet].sort()) {
  console.log(`${outlet}: ${names.sort().join(', ')}`);
}
console.log(`${[...byOutlet.values()].flat().length} entities reported by a single outlet`);
