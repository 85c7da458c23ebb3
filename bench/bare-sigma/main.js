// Baseline for bench/viewer.mjs: a bare sigma instance with default settings on the same graph.json
// the viewer loads (fetched and imported on the main thread, as a minimal app would). First render
// is taken as the viewer's is: at the first animation frame after sigma has drawn.
import Graph from 'graphology';
import Sigma from 'sigma';

const t0 = performance.now();
const res = await fetch('api/graph');
const data = await res.json();
// sigma reads `type` as its program name; the entity type is not one.
for (const n of data.nodes) delete n.attributes.type;
const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
graph.import(data);
const sigma = new Sigma(graph, document.getElementById('graph'));
window.__bench = { sigma, t0 };
requestAnimationFrame(() => {
  window.__bench.firstRender = performance.now();
  document.body.dataset.state = 'ready';
});
