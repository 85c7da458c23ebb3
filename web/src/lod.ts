/**
 * Level of detail for big graphs: sigma draws `display`, which holds every node but only the
 * strongest edges (ranked by the loader: weight, then the importance of their ends). As the camera
 * zooms in the edge budget grows (×4 per halving of the view), and the next-ranked edges are added in
 * small chunks after the camera stops, so the page never blocks. Edges needed to show a selection,
 * a path or a query result are added on demand.
 */
import type Sigma from 'sigma';
import { EDGE_BUDGET, type LoadedGraph } from './load.js';

export interface Lod {
  attach(sigma: Sigma): void;
  /** Make sure these edges are drawn (highlighting needs them). */
  ensure(edges: Iterable<string>): void;
}

const CHUNK = 3000;

export function createLod(loaded: LoadedGraph): Lod {
  const { graph, display, ranked } = loaded;
  if (display === graph) return { attach: () => undefined, ensure: () => undefined };
  let target = loaded.displayed;
  let next = loaded.displayed;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const add = (key: string) => {
    if (display.hasEdge(key) || !graph.hasEdge(key)) return;
    const [s, t] = graph.extremities(key);
    display.addEdgeWithKey(key, s, t, { ...graph.getEdgeAttributes(key) });
  };
  const pump = () => {
    timer = undefined;
    const end = Math.min(target, next + CHUNK, ranked.length);
    for (; next < end; next++) add(ranked[next]!);
    if (next < Math.min(target, ranked.length)) timer = setTimeout(pump, 16);
  };
  return {
    ensure(edges) {
      for (const e of edges) add(e);
    },
    attach(sigma) {
      let debounce: ReturnType<typeof setTimeout> | undefined;
      sigma.getCamera().on('updated', (cam) => {
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          const level = Math.max(0, Math.floor(-Math.log2(Math.max(cam.ratio, 1e-6))));
          const budget = Math.min(ranked.length, EDGE_BUDGET * 4 ** level);
          if (budget > target) {
            target = budget;
            if (!timer) timer = setTimeout(pump, 0);
          }
        }, 200);
      });
    },
  };
}
