/**
 * Path finding in the page: shortest path (BFS, direction ignored, parallel edges collapsed to the
 * heaviest) and all simple paths up to k hops, bounded in count and work with a clear cut-off.
 * Hubs and relation families can be excluded. Works on any graphology graph; pure otherwise.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';

export interface PathOptions {
  /** Skip these relation families. */
  excludeFamilies?: string[];
  /** Skip hub nodes (other than the endpoints): nodes with more neighbours than `hubDegree`. */
  excludeHubs?: boolean;
  hubDegree?: number;
  /** Extra predicates (the view filters). */
  nodeFilter?: (node: string) => boolean;
  edgeFilter?: (edge: string) => boolean;
}

export interface FoundHop {
  source: string;
  target: string;
  /** The edge used (the heaviest of the parallel ones), and its direction relative to the walk. */
  edge: string;
  reversed: boolean;
  /** All edges between the two nodes that pass the filters. */
  edges: string[];
}

export interface FoundPath {
  nodes: string[];
  hops: FoundHop[];
}

export interface PathSearchResult {
  paths: FoundPath[];
  /** Set when a bound stopped the search: say so to the user. */
  cutoff: string | null;
}

type G = AbstractGraph<Attributes, Attributes, Attributes>;

/**
 * The hub threshold: at least 8 neighbours and above the 95th percentile of neighbour counts, among
 * the entities that have a neighbour (a news graph is mostly entities related to nothing: counting
 * them put the percentile at 0 and every entity with more than 8 neighbours counted as a hub).
 */
export function defaultHubDegree(graph: G): number {
  const degrees: number[] = [];
  graph.forEachNode((n) => {
    const d = graph.neighbors(n).length;
    if (d > 0) degrees.push(d);
  });
  degrees.sort((a, b) => a - b);
  const p95 = degrees[Math.floor(degrees.length * 0.95)] ?? 0;
  return Math.max(8, p95);
}

/** Every edge between two nodes, either direction, once each. */
export function edgesBetween(graph: G, a: string, b: string): string[] {
  const out = new Set<string>();
  graph.forEachEdge(a, b, (e) => void out.add(e));
  graph.forEachEdge(b, a, (e) => void out.add(e));
  return [...out];
}

function makeStepper(graph: G, from: string, to: string, opts: PathOptions) {
  const fams = new Set(opts.excludeFamilies ?? []);
  const hub = opts.excludeHubs ? (opts.hubDegree ?? defaultHubDegree(graph)) : Infinity;
  const nodeOk = (n: string): boolean => {
    if (n === from || n === to) return true;
    if (opts.nodeFilter && !opts.nodeFilter(n)) return false;
    if (hub !== Infinity && graph.neighbors(n).length > hub) return false;
    return true;
  };
  const edgeOk = (e: string): boolean => {
    if (fams.size && fams.has(String(graph.getEdgeAttribute(e, 'family') ?? 'other'))) return false;
    if (opts.edgeFilter && !opts.edgeFilter(e)) return false;
    return true;
  };
  /** Neighbours of n reachable over at least one passing edge. */
  const step = (n: string): string[] => {
    const out = new Set<string>();
    graph.forEachEdge(n, (e, _a, s, t) => {
      const other = s === n ? t : s;
      if (other === n || out.has(other)) return;
      if (!edgeOk(e) || !nodeOk(other)) return;
      out.add(other);
    });
    return [...out];
  };
  const hopBetween = (a: string, b: string): FoundHop => {
    const edges = edgesBetween(graph, a, b).filter(edgeOk);
    const weight = (e: string) => Number(graph.getEdgeAttribute(e, 'weight') ?? 1);
    edges.sort((x, y) => weight(y) - weight(x) || (x < y ? -1 : 1));
    const edge = edges[0]!;
    return { source: a, target: b, edge, reversed: graph.source(edge) !== a, edges };
  };
  return { step, hopBetween, nodeOk };
}

function toPath(nodes: string[], hopBetween: (a: string, b: string) => FoundHop): FoundPath {
  const hops: FoundHop[] = [];
  for (let i = 0; i + 1 < nodes.length; i++) hops.push(hopBetween(nodes[i]!, nodes[i + 1]!));
  return { nodes, hops };
}

/** The shortest path (fewest hops) between two nodes, or none. */
export function findShortestPath(graph: G, from: string, to: string, opts: PathOptions = {}): PathSearchResult {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return { paths: [], cutoff: null };
  const { step, hopBetween } = makeStepper(graph, from, to, opts);
  if (from === to) return { paths: [{ nodes: [from], hops: [] }], cutoff: null };
  const parent = new Map<string, string>([[from, '']]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of step(n)) {
        if (parent.has(m)) continue;
        parent.set(m, n);
        if (m === to) {
          const nodes = [to];
          let cur = n;
          while (cur) {
            nodes.push(cur);
            cur = parent.get(cur)!;
          }
          nodes.reverse();
          return { paths: [toPath(nodes, hopBetween)], cutoff: null };
        }
        next.push(m);
      }
    }
    frontier = next;
  }
  return { paths: [], cutoff: null };
}

/** The hop limits "all paths" offers (the path finder's choices, and what a link's `k` is clamped to). */
export const MIN_PATH_HOPS = 2;
export const MAX_PATH_HOPS = 5;

/**
 * All simple paths of at most `maxHops` hops, by increasing length: every path of 1 hop, then of 2,
 * … (iterative deepening), so that a bound never drops a shorter path for a longer one. Stops at
 * `maxPaths` paths or `maxSteps` expansions (whichever comes first) with a cut-off message that says
 * up to which length the list is complete.
 */
export function findAllPaths(
  graph: G,
  from: string,
  to: string,
  maxHops: number,
  opts: PathOptions & { maxPaths?: number; maxSteps?: number } = {},
): PathSearchResult {
  if (!graph.hasNode(from) || !graph.hasNode(to) || from === to) return { paths: [], cutoff: null };
  const maxPaths = opts.maxPaths ?? 200;
  const maxSteps = opts.maxSteps ?? 200_000;
  const { step, hopBetween } = makeStepper(graph, from, to, opts);
  // Distance to `to` (BFS, bounded) prunes branches that cannot reach it within the hop budget.
  const dist = new Map<string, number>([[to, 0]]);
  let frontier = [to];
  for (let d = 1; d <= maxHops && frontier.length; d++) {
    const next: string[] = [];
    for (const n of frontier) for (const m of step(n)) if (!dist.has(m)) (dist.set(m, d), next.push(m));
    frontier = next;
  }
  // Neighbour lists are asked for again at each length: keep them.
  const steps = new Map<string, string[]>();
  const stepOf = (n: string): string[] => {
    let s = steps.get(n);
    if (!s) steps.set(n, (s = step(n)));
    return s;
  };
  const found: string[][] = [];
  let work = 0;
  let cutoff: string | null = null;
  const stack = [from];
  const onPath = new Set([from]);
  const complete = (len: number) => (len > 1 ? `every path of up to ${len - 1} hops is listed, longer ones may be missing` : 'no path is complete');
  /** Paths of exactly `len` hops that continue the stack. */
  const dfs = (n: string, len: number): void => {
    for (const m of stepOf(n)) {
      if (cutoff) return;
      if (++work > maxSteps) {
        cutoff = `stopped after ${maxSteps.toLocaleString('en')} steps with ${found.length} paths (${complete(len)}): narrow the search (fewer hops, exclude hubs or families)`;
        return;
      }
      if (onPath.has(m)) continue;
      const d = dist.get(m);
      if (d === undefined || stack.length + d > len) continue;
      if (m === to) {
        if (stack.length !== len) continue; // a shorter path: listed at its own length
        found.push([...stack, m]);
        if (found.length >= maxPaths) {
          cutoff = `stopped after ${maxPaths} paths (${complete(len)}): narrow the search (fewer hops, exclude hubs or families)`;
          return;
        }
        continue;
      }
      if (stack.length >= len) continue;
      stack.push(m);
      onPath.add(m);
      dfs(m, len);
      stack.pop();
      onPath.delete(m);
    }
  };
  const shortest = dist.get(from);
  if (shortest !== undefined) for (let len = Math.max(1, shortest); len <= maxHops && !cutoff; len++) dfs(from, len);
  return { paths: found.map((nodes) => toPath(nodes, hopBetween)), cutoff };
}
