/**
 * Deterministic ForceAtlas2 layout: seeded initial positions (or the previous positions, for a warm
 * start), then a fixed number of iterations. Same graph in, same positions out.
 */
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { AbstractGraph } from 'graphology-types';

export interface LayoutOptions {
  /** Iterations; default scales down with graph size. */
  iterations?: number;
  /** Positions to start from (warm start); nodes without one are placed near their neighbours. */
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
  graph.forEachNode((key) => {
    const p = previous?.get(key);
    if (p) {
      graph.mergeNodeAttributes(key, { x: p.x, y: p.y });
      return;
    }
    let placed = false;
    if (previous) {
      // Near an already placed neighbour, with a seeded offset.
      for (const n of graph.neighbors(key)) {
        const q = previous.get(n);
        if (q) {
          const off = seededPoint(key, 5);
          graph.mergeNodeAttributes(key, { x: q.x + off.x, y: q.y + off.y });
          placed = true;
          break;
        }
      }
    }
    if (!placed) graph.mergeNodeAttributes(key, seededPoint(key, radius));
  });
  const iterations = options.iterations ?? (previous ? Math.ceil(defaultIterations(order) / 3) : defaultIterations(order));
  if (graph.size > 0 && iterations > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations,
      settings: { ...settings, barnesHutOptimize: order > 2000, adjustSizes: false },
      getEdgeWeight: 'weight',
    });
  }
  graph.forEachNode((key, attrs) => {
    const x = Number.isFinite(attrs.x) ? round(attrs.x as number) : 0;
    const y = Number.isFinite(attrs.y) ? round(attrs.y as number) : 0;
    graph.mergeNodeAttributes(key, { x, y });
  });
}
