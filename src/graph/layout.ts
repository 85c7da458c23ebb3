/**
 * Deterministic ForceAtlas2 layout: seeded initial positions (or the previous positions, for a warm
 * start), then a fixed number of iterations. Same graph in, same positions out.
 */
import Graph from 'graphology';
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

/**
 * Graphs over this many nodes lay out only the nodes that have a relation; the others (in a big news
 * corpus most entities: names mentioned once) go on a ring around them. They only pushed each other
 * apart, at most of the layout's cost, and the viewer opens such graphs without them.
 */
export const RING_MIN_ORDER = LINLOG_MAX_ORDER;

/** Default iterations for a graph of `order` nodes: many for small graphs, few for huge ones. */
export function defaultIterations(order: number): number {
  if (order <= 500) return 600;
  if (order <= 5000) return 200;
  if (order <= 50000) return 60;
  return 25;
}

/** A copy of the graph's nodes (positions) but `left` — nodes without edges — and of its edges (weights). */
function subgraphWithout(graph: AbstractGraph, left: ReadonlySet<string>): AbstractGraph {
  const core = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  graph.forEachNode((key, a) => {
    if (!left.has(key)) core.addNode(key, { x: a.x, y: a.y });
  });
  graph.forEachEdge((_e, a, s, t) => {
    core.addEdge(s, t, { weight: typeof a.weight === 'number' ? a.weight : 1 });
  });
  return core;
}

/**
 * Puts the nodes without an edge that have no previous position on a seeded ring just outside the
 * others: radius 1.1–1.4× the farthest related node's distance from their centre (or wider, when
 * the related nodes are few).
 */
function ring(graph: AbstractGraph, ringed: ReadonlySet<string>, previous: LayoutOptions['previous']): void {
  let cx = 0;
  let cy = 0;
  let n = 0;
  graph.forEachNode((key, a) => {
    if (ringed.has(key)) return;
    cx += a.x as number;
    cy += a.y as number;
    n++;
  });
  if (n) {
    cx /= n;
    cy /= n;
  }
  // at least wide enough for the ring's nodes not to crowd (≈100 square units each, as in the seeded disc)
  let r = 7 * Math.sqrt(ringed.size);
  graph.forEachNode((key, a) => {
    if (!ringed.has(key)) r = Math.max(r, Math.hypot((a.x as number) - cx, (a.y as number) - cy));
  });
  for (const key of ringed) {
    if (previous?.has(key)) continue;
    const angle = (hash(key) / 0xffffffff) * 2 * Math.PI;
    const d = r * (1.1 + 0.3 * (hash(`r:${key}`) / 0xffffffff));
    graph.mergeNodeAttributes(key, { x: cx + d * Math.cos(angle), y: cy + d * Math.sin(angle) });
  }
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
  const ringed = new Set<string>();
  if (order > RING_MIN_ORDER) graph.forEachNode((key) => void (graph.degree(key) === 0 && ringed.add(key)));
  const moving = order - ringed.size;
  const iterations = options.iterations ?? (previous ? Math.ceil(defaultIterations(moving) / 3) : defaultIterations(moving));
  if (graph.size > 0 && iterations > 0) {
    // The related nodes only, when some go on the ring (same keys, positions and weights).
    const core = ringed.size ? subgraphWithout(graph, ringed) : graph;
    const settings = forceAtlas2.inferSettings(core);
    forceAtlas2.assign(core, {
      iterations,
      // LinLog (Noack's energy model, Gephi's "LinLog mode") for small graphs: it spreads a news
      // graph's dense core of actors, which the linear model packs into a small disc (overlapping
      // labels) inside a wide ring of unconnected nodes. A big graph's related nodes keep the linear
      // model: many small components around a main one, which LinLog mixes into one uniform ball.
      settings: { ...settings, barnesHutOptimize: core.order > 2000, adjustSizes: false, linLogMode: order <= LINLOG_MAX_ORDER },
      getEdgeWeight: 'weight',
    });
    if (core !== graph) core.forEachNode((key, a) => graph.mergeNodeAttributes(key, { x: a.x, y: a.y }));
  }
  if (ringed.size) ring(graph, ringed, previous);
  graph.forEachNode((key, attrs) => {
    const x = Number.isFinite(attrs.x) ? round(attrs.x as number) : 0;
    const y = Number.isFinite(attrs.y) ? round(attrs.y as number) : 0;
    graph.mergeNodeAttributes(key, { x, y });
  });
}
