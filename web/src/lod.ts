/**
 * Level of detail for big graphs: sigma draws `display`, which holds every node but only the
 * strongest edges (ranked by the loader: weight, then the importance of their ends). As the camera
 * zooms in the edge budget grows (×4 per halving of the view), and the next-ranked edges are added in
 * small chunks after the camera stops, so the page never blocks. Edges needed to show a selection,
 * a path or a query result are added on demand.
 *
 * The display graph starts empty and `fill` adds the nodes and the first edges in time-boxed slices
 * before sigma is created. (Filling it under a live sigma costs ~10× more per item: each added item
 * goes through sigma's event handlers and a partial refresh.)
 */
import type { SlicedSigma } from './sliced-sigma.js';
import { EDGE_BUDGET, SLICE_MS, slimEdge, slimNode, yieldToPage, type LoadedGraph } from './load.js';
import { zoomLevel } from './lod-programs.js';

export interface Lod {
  /** Add every node and the first EDGE_BUDGET edges to the display graph, yielding to the page between slices. */
  fill(onProgress?: (done: number, total: number) => void): Promise<void>;
  attach(sigma: SlicedSigma): void;
  /** Make sure these edges are drawn (highlighting needs them). */
  ensure(edges: Iterable<string>): void;
}

const CHUNK = 3000;

export function createLod(loaded: LoadedGraph): Lod {
  const { graph, display, ranked } = loaded;
  if (display === graph) return { fill: async () => undefined, attach: () => undefined, ensure: () => undefined };
  let target = Math.min(EDGE_BUDGET, ranked.length);
  let next = 0; // the display graph of a big graph starts with no edges
  let timer: ReturnType<typeof setTimeout> | undefined;
  let renderer: SlicedSigma | undefined;
  const add = (key: string) => {
    if (display.hasEdge(key) || !graph.hasEdge(key)) return;
    const [s, t] = graph.extremities(key);
    display.addEdgeWithKey(key, s, t, slimEdge(graph.getEdgeAttributes(key)));
  };
  const pump = () => {
    timer = undefined;
    // Each chunk makes sigma process its graph again; wait until it is done with the last one.
    if (renderer?.isProcessing()) {
      timer = setTimeout(pump, 50);
      return;
    }
    const end = Math.min(target, next + CHUNK, ranked.length);
    for (; next < end; next++) add(ranked[next]!);
    if (next < Math.min(target, ranked.length)) timer = setTimeout(pump, 16);
  };
  return {
    async fill(onProgress) {
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
          if (k % 200 === 0 && performance.now() - start > SLICE_MS) break;
        }
        onProgress?.(i + next, total);
        if (more()) await yieldToPage();
      }
    },
    ensure(edges) {
      for (const e of edges) add(e);
    },
    attach(sigma) {
      renderer = sigma;
      let debounce: ReturnType<typeof setTimeout> | undefined;
      sigma.getCamera().on('updated', (cam) => {
        clearTimeout(debounce);
        debounce = setTimeout(() => {
          const level = zoomLevel(cam.ratio);
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
