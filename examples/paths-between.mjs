// Every simple path (up to 3 hops) between two actors, each hop with the sentence that supports it.
// Run: node examples/paths-between.mjs [FROM] [TO] [GRAPH_DIR]
import { openGraph, query } from 'newsgraph';

const [from = 'Stoltenberg', to = 'Erdogan', dir = 'graph'] = process.argv.slice(2);
const graph = await openGraph(dir);
const result = query(graph, `paths ${from} -> ${to} max 3`);
const paths = result.rows.flat().filter((v) => v && v.$kind === 'path');
for (const path of paths) {
  console.log(path.nodes.map((n) => n.properties.label ?? n.id).join(' — '));
  for (const hop of path.hops) {
    const evidence = hop.evidence[0];
    console.log(`   ${hop.source} -[${hop.predicate}]-> ${hop.target}: ${evidence ? `"${evidence.text}" (${evidence.doc})` : ''}`);
  }
}
console.log(`${paths.length} path${paths.length === 1 ? '' : 's'} from ${from} to ${to}`);
for (const note of result.notices) console.log(`note: ${note}`);
