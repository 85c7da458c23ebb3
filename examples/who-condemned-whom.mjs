// Who criticised or condemned whom, with how many outlets reported it.
// Run: node examples/who-condemned-whom.mjs [GRAPH_DIR]   (default: graph/, the seeds build)
import { openGraph, query } from 'newsgraph';

const graph = await openGraph(process.argv[2] ?? 'graph');
const result = query(
  graph,
  `MATCH (a)-[r:criticise|accuse|condemn]->(b)
   RETURN a.name AS critic, r.predicate AS how, b.name AS target, r.weight AS documents
   ORDER BY documents DESC, critic, target`,
);
for (const [critic, how, target, documents] of result.rows) {
  console.log(`${critic} —${how}→ ${target}  (${documents} document${documents === 1 ? '' : 's'})`);
}
console.log(`${result.rows.length} criticisms`);
