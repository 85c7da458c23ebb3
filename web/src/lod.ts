/**
 * Level of detail for big graphs: at low zoom only the strongest edges are drawn (ranked by weight,
 * then by the importance of their ends), with the budget growing as the camera zooms in. Only the
 * edges whose state changes are re-processed, after the camera stops moving.
 */
import type Sigma from 'sigma';
import type { ViewerGraph } from './load.js';

/** Edges drawn at the fitted view of a big graph. */
export const EDGE_BUDGET = 15_000;

export interface Lod {
  attach(sigma: Sigma): void;
  culled(edge: string): boolean;
}

export function createLod(graph: ViewerGraph, big: boolean): Lod {
  if (!big || graph.size <= EDGE_BUDGET) return { attach: () => undefined, culled: () => false };
  const edges = graph.edges();
  const score = (e: string) => {
    const a = graph.getEdgeAttributes(e);
    const [s, t] = graph.extremities(e);
    return a.weight * 1e6 + graph.getNodeAttribute(s, 'importance') + graph.getNodeAttribute(t, 'importance');
  };
  const scores = new Float64Array(edges.length);
  edges.forEach((e, i) => (scores[i] = score(e)));
  const order = edges.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const rank = new Map<string, number>();
  const sorted: string[] = new Array(edges.length);
  order.forEach((i, r) => {
    rank.set(edges[i]!, r);
    sorted[r] = edges[i]!;
  });
  let budget = EDGE_BUDGET;
  const budgetFor = (ratio: number) => {
    const level = Math.max(0, Math.floor(-Math.log2(Math.max(ratio, 1e-6))));
    return Math.min(edges.length, EDGE_BUDGET * 4 ** level);
  };
  return {
    culled: (edge) => (rank.get(edge) ?? 0) >= budget,
    attach(sigma) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      sigma.getCamera().on('updated', (cam) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          const next = budgetFor(cam.ratio);
          if (next === budget) return;
          const [lo, hi] = next > budget ? [budget, next] : [next, budget];
          budget = next;
          sigma.refresh({ partialGraph: { edges: sorted.slice(lo, hi) }, skipIndexation: true });
        }, 150);
      });
    },
  };
}
