/**
 * The console shortcuts over the knowledge graph: `path A -> B` (shortest path by breadth-first
 * search, edges followed in either direction), `paths A -> B max N` (simple paths up to N hops,
 * pruned by distance to B and bounded by maxPaths), `neighbors A` and `find TEXT`. Both path
 * shortcuts accept `without family role, support` and `without NAME, NAME` to avoid hubs.
 */
import { QueryError } from '../errors.js';
import type { ShortcutAst } from './ast.js';
import type { Budget, GraphView } from './context.js';
import type { RawResult } from './execute.js';
import { NodeRef, PathVal, RelRef, type Value, formatCount } from './values.js';

/** Hops `path A -> B` searches at most when no `max` is given. */
export const DEFAULT_PATH_HOPS = 12;
/** Hops `paths A -> B` searches when no `max` is given. */
export const DEFAULT_PATHS_HOPS = 3;

function resolveName(view: GraphView, name: string, budget: Budget): string {
  if (view.graph.hasNode(name)) return name;
  const found = view.nameIndex().find(name);
  const first = found[0];
  if (first === undefined) {
    throw new QueryError(`no node named "${name}": expected the name or an alias of an entity; try \`find ${name.split(/\s+/)[0] ?? name}\``);
  }
  if (found.length > 1) {
    const label = (k: string): string => String(view.graph.getNodeAttribute(k, 'label') ?? k);
    budget.notice(`"${name}" matched ${found.length} nodes (${found.slice(0, 4).map(label).join(', ')}${found.length > 4 ? ', …' : ''}); used ${label(first)}`);
  }
  return first;
}

interface Walker {
  /** Edges usable from `node`, with the node at their other end. */
  neighbours(node: string): [edge: string, next: string][];
}

function makeWalker(view: GraphView, ast: ShortcutAst, ends: string[], budget: Budget): Walker {
  const g = view.graph;
  const families = new Set(ast.withoutFamilies.map((f) => f.toLowerCase()));
  const excluded = new Set<string>();
  const hubLimit = ast.withoutHubsOver;
  for (const name of ast.withoutNodes) {
    for (const k of view.nameIndex().find(name)) if (!ends.includes(k)) excluded.add(k);
  }
  return {
    neighbours(node) {
      const out: [string, string][] = [];
      const adj = view.edgesAt(node, 'both');
      for (let i = 0; i < adj.length; i += 2) {
        const edge = adj[i]!;
        const next = adj[i + 1]!;
        budget.tick();
        if (families.size > 0) {
          const a = g.getEdgeAttributes(edge) as Record<string, unknown>;
          const fam = typeof a.family === 'string' ? a.family.toLowerCase() : '';
          const pred = typeof a.predicate === 'string' ? a.predicate.toLowerCase() : typeof a.type === 'string' ? a.type.toLowerCase() : '';
          if (families.has(fam) || families.has(pred)) continue;
        }
        if (excluded.has(next)) continue;
        if (hubLimit !== null && !ends.includes(next) && g.degree(next) > hubLimit) continue;
        out.push([edge, next]);
      }
      return out;
    },
  };
}

/** Distances (in hops) from `from` up to `max`, following the walker. */
function bfs(walker: Walker, from: string, max: number, stopAt?: string): Map<string, { d: number; via: [string, string] | null }> {
  const seen = new Map<string, { d: number; via: [string, string] | null }>([[from, { d: 0, via: null }]]);
  let frontier = [from];
  for (let d = 0; d < max && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const [edge, other] of walker.neighbours(node)) {
        if (seen.has(other)) continue;
        seen.set(other, { d: d + 1, via: [node, edge] });
        if (other === stopAt) return seen;
        next.push(other);
      }
    }
    frontier = next;
  }
  return seen;
}

/** Run a console shortcut. @throws QueryError when a name matches no node. */
export function executeShortcut(ast: ShortcutAst, view: GraphView, budget: Budget): RawResult {
  const g = view.graph;
  if (ast.command === 'find') {
    const keys = view.nameIndex().search(ast.from);
    const rows: Value[][] = keys.map((k) => [new NodeRef(k), String(g.getNodeAttribute(k, 'type') ?? view.labels(k)[0] ?? ''), BigInt(g.degree(k))]);
    return { columns: ['node', 'type', 'degree'], rows };
  }
  const from = resolveName(view, ast.from, budget);
  if (ast.command === 'neighbors') {
    const edges = g.edges(from).map((e) => ({ e, w: Number(g.getEdgeAttribute(e, 'weight') ?? 0) }));
    edges.sort((a, b) => b.w - a.w || (a.e < b.e ? -1 : 1));
    return { columns: ['source', 'relationship', 'target'], rows: edges.map(({ e }) => [new NodeRef(g.source(e)), new RelRef(e), new NodeRef(g.target(e))]) };
  }
  const to = resolveName(view, ast.to!, budget);
  const walker = makeWalker(view, ast, [from, to], budget);
  if (ast.command === 'path') {
    const max = ast.maxHops ?? DEFAULT_PATH_HOPS;
    if (from === to) return { columns: ['path', 'length'], rows: [[new PathVal([from], []), 0n]] };
    const seen = bfs(walker, from, max, to);
    const hit = seen.get(to);
    if (!hit) {
      budget.notice(`no path between ${String(g.getNodeAttribute(from, 'label') ?? from)} and ${String(g.getNodeAttribute(to, 'label') ?? to)} within ${max} hops`);
      return { columns: ['path', 'length'], rows: [] };
    }
    const nodes = [to];
    const rels: string[] = [];
    let cur = hit;
    while (cur.via) {
      nodes.push(cur.via[0]);
      rels.push(cur.via[1]);
      cur = seen.get(cur.via[0])!;
    }
    nodes.reverse();
    rels.reverse();
    return { columns: ['path', 'length'], rows: [[new PathVal(nodes, rels), BigInt(rels.length)]] };
  }
  // paths: every simple path of at most `max` hops, pruned by the distance to the target.
  const max = ast.maxHops ?? DEFAULT_PATHS_HOPS;
  const toTarget = bfs(walker, to, max);
  const maxPaths = budget.options.maxPaths;
  const found: PathVal[] = [];
  const nodes = [from];
  const rels: string[] = [];
  const onPath = new Set([from]);
  let cut = false;
  // One pass per length, shortest first, so that a search stopped at maxPaths keeps the shortest paths
  // (one depth-first pass over every length kept whichever it met first: `max 6` between two hubs
  // returned 1,000 paths of 5 and 6 hops and none of the 2-hop ones `max 3` finds). Within a length,
  // paths come in the order of that search, as before.
  const dfs = (node: string, length: number): void => {
    if (cut) return;
    for (const [edge, next] of walker.neighbours(node)) {
      if (onPath.has(next)) continue;
      const d = toTarget.get(next)?.d;
      if (d === undefined || rels.length + 1 + d > length) continue;
      nodes.push(next);
      rels.push(edge);
      if (next === to) {
        if (rels.length === length) {
          if (found.length >= maxPaths) cut = true;
          else found.push(new PathVal([...nodes], [...rels]));
        }
      } else {
        onPath.add(next);
        dfs(next, length);
        onPath.delete(next);
      }
      nodes.pop();
      rels.pop();
      if (cut) return;
    }
  };
  if (from === to) found.push(new PathVal([from], []));
  else for (let length = 1; length <= max && !cut; length++) dfs(from, length);
  if (cut) {
    budget.truncated = true;
    budget.notice(`stopped after ${formatCount(maxPaths)} paths (maxPaths); lower max or exclude hubs with "without NAME"`);
  }
  if (found.length === 0) {
    budget.notice(`no path between ${String(g.getNodeAttribute(from, 'label') ?? from)} and ${String(g.getNodeAttribute(to, 'label') ?? to)} within ${max} hops`);
  }
  found.sort((a, b) => a.rels.length - b.rels.length);
  return { columns: ['path', 'length'], rows: found.map((p) => [p, BigInt(p.rels.length)]) };
}
