/**
 * Deterministic ForceAtlas2 layout: seeded initial positions (or the previous positions, for a warm
 * start), then a fixed number of iterations. Same graph in, same positions out.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { AbstractGraph } from 'graphology-types';

export interface LayoutOptions {
  /** Iterations; default scales down with graph size. */
  iterations?: number;
  /** Positions to start from (warm start); nodes without one start at the centre of their placed neighbours. */
  previous?: Map<string, { x: number; y: number }>;
}

/** 32-bit FNV-1a hash of a string, for seeded positions. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function seededPoint(key: string, radius: number): { x: number; y: number } {
  const a = (hash(key) / 0xffffffff) * 2 * Math.PI;
  const r = radius * Math.sqrt((hash(`r:${key}`) / 0xffffffff) * 0.9 + 0.1);
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Graphs up to this many nodes are laid out in LinLog mode. */
export const LINLOG_MAX_ORDER = 5000;

/** Default iterations for a graph of `order` nodes: many for small graphs, few for huge ones. */
export function defaultIterations(order: number): number {
  if (order <= 500) return 600;
  if (order <= 5000) return 200;
  if (order <= 50000) return 60;
  return 25;
}

/** Assigns `x`/`y` to every node of the graph with ForceAtlas2 (mutates the graph). */
export function assignLayout(graph: AbstractGraph, options: LayoutOptions = {}): void {
  const order = graph.order;
  if (order === 0) return;
  const radius = Math.max(10, Math.sqrt(order) * 10);
  const previous = options.previous;
  const placed = new Map<string, { x: number; y: number }>();
  const unplaced: string[] = [];
  graph.forEachNode((key) => {
    const p = previous?.get(key);
    if (p) placed.set(key, p);
    else unplaced.push(key);
  });
  let pending = unplaced;
  if (previous) {
    // New nodes start at the centre of their placed neighbours (with a seeded offset), in passes so that
    // a chain of new nodes grows outward from the placed ones; old nodes keep their positions.
    for (let progress = true; pending.length && progress; ) {
      const next: string[] = [];
      const placedNow: [string, { x: number; y: number }][] = [];
      for (const key of pending) {
        let sx = 0;
        let sy = 0;
        let n = 0;
        graph.forEachNeighbor(key, (nb) => {
          const q = placed.get(nb);
          if (q) {
            sx += q.x;
            sy += q.y;
            n++;
          }
        });
        if (!n) {
          next.push(key);
          continue;
        }
        const off = seededPoint(key, 5);
        placedNow.push([key, { x: sx / n + off.x, y: sy / n + off.y }]);
      }
      for (const [key, p] of placedNow) placed.set(key, p);
      progress = placedNow.length > 0;
      pending = next;
    }
  }
  for (const key of pending) placed.set(key, seededPoint(key, radius));
  graph.forEachNode((key) => {
    const p = placed.get(key)!;
    graph.mergeNodeAttributes(key, { x: p.x, y: p.y });
  });
  const iterations = options.iterations ?? (previous ? Math.ceil(defaultIterations(order) / 3) : defaultIterations(order));
  if (graph.size > 0 && iterations > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations,
      // LinLog (Noack's energy model, Gephi's "LinLog mode") for graphs that get 200 iterations or
      // more: it spreads a news graph's dense core of actors, which the linear model packs into a
      // small disc (overlapping labels) inside a wide ring of unconnected nodes.
      settings: { ...settings, barnesHutOptimize: order > 2000, adjustSizes: false, linLogMode: order <= LINLOG_MAX_ORDER },
      getEdgeWeight: 'weight',
    });
  }
  graph.forEachNode((key, attrs) => {
    const x = Number.isFinite(attrs.x) ? round(attrs.x as number) : 0;
    const y = Number.isFinite(attrs.y) ? round(attrs.y as number) : 0;
    graph.mergeNodeAttributes(key, { x, y });
  });
}
