/**
 * Level of detail for big graphs: sigma draws `display`, which holds every node but only the
 * strongest edges (ranked by the loader: weight, then the importance of their ends). As the camera
 * zooms in the edge budget grows (×4 per halving of the view), and the next-ranked edges are added in
 * small chunks after the camera stops, so the page never blocks. Edges needed to show a selection,
 * a path or a query result are added on demand.
 *
 * The display graph starts empty and `fill` hands it to sigma in slices once sigma is up: sigma's
 * constructor would otherwise index every node and edge in one task of seconds.
 */
import type Sigma from 'sigma';
import { EDGE_BUDGET, slimEdge, slimNode, type LoadedGraph } from './load.js';

export interface Lod {
  /** Add every node and the first EDGE_BUDGET edges to the display graph, yielding to the page between slices; sigma draws once at the end. */
  fill(sigma: Sigma, onProgress?: (done: number, total: number) => void): Promise<void>;
  attach(sigma: Sigma): void;
  /** Make sure these edges are drawn (highlighting needs them). */
  ensure(edges: Iterable<string>): void;
}

const CHUNK = 3000;
/** A filling task yields to the page after this long. */
const SLICE_MS = 12;

export function createLod(loaded: LoadedGraph): Lod {
  const { graph, display, ranked } = loaded;
  if (display === graph) return { fill: async () => undefined, attach: () => undefined, ensure: () => undefined };
  let target = Math.min(EDGE_BUDGET, ranked.length);
  let next = loaded.displayed;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const add = (key: string) => {
    if (display.hasEdge(key) || !graph.hasEdge(key)) return;
    const [s, t] = graph.extremities(key);
    display.addEdgeWithKey(key, s, t, slimEdge(graph.getEdgeAttributes(key)));
  };
  const pump = () => {
    timer = undefined;
    const end = Math.min(target, next + CHUNK, ranked.length);
    for (; next < end; next++) add(ranked[next]!);
    if (next < Math.min(target, ranked.length)) timer = setTimeout(pump, 16);
  };
  return {
    async fill(sigma, onProgress) {
      // Each added item makes sigma schedule a render, which re-indexes the whole graph: hold those
      // back (an own property shadows sigma's method) and draw once when everything is in.
      const holder = sigma as unknown as { scheduleRender?: () => unknown };
      holder.scheduleRender = () => sigma;
      try {
        const nodes = graph.nodes();
        const edgeEnd = Math.min(target, ranked.length);
        const total = nodes.length + edgeEnd;
        let i = 0;
        const more = () => i < nodes.length || next < edgeEnd;
        while (more()) {
          const start = performance.now();
          for (let k = 1; more(); k++) {
            if (i < nodes.length) {
              const n = nodes[i++]!;
              if (!display.hasNode(n)) display.addNode(n, slimNode(graph.getNodeAttributes(n)));
            } else add(ranked[next++]!);
            if (k % 100 === 0 && performance.now() - start > SLICE_MS) break;
          }
          onProgress?.(i + next, total);
          if (more()) await new Promise<void>((r) => setTimeout(r, 0));
        }
      } finally {
        delete holder.scheduleRender;
      }
      sigma.refresh({ partialGraph: { nodes: [] }, schedule: false });
    },
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
