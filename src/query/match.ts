/**
 * Pattern matching over the graph: node and relationship patterns, variable-length expansion
 * (bounded by maxDepth and counted against maxPaths), named paths and shortestPath /
 * allShortestPaths by breadth-first search. Relationships are never reused within one MATCH.
 */
import type { Expr, NodePattern, PatternPart, RelPattern } from './ast.js';
import { evaluate, type EvalContext, type Row } from './evaluate.js';
import { equals, isMap, NodeRef, PathVal, RelRef, typeName, type Value, formatCount } from './values.js';
import { QueryError } from '../errors.js';

/** Hard cap on explicit variable-length bounds (`*..100000`), so expansion stays iterative-safe. */
export const MAX_EXPLICIT_DEPTH = 100;

interface Step {
  node: NodePattern;
  rel: RelPattern | null; // the relationship leading to `node` (null for the first)
}

function boundNode(row: Row, variable: string | null): NodeRef | null | undefined {
  if (variable === null || !row.has(variable)) return undefined;
  const v = row.get(variable)!;
  if (v === null) return null;
  if (!(v instanceof NodeRef)) throw new QueryError(`variable \`${variable}\` is a ${typeName(v)}, expected a node in the pattern`);
  return v;
}

function patternVariables(part: PatternPart): string[] {
  const out: string[] = [];
  if (part.variable) out.push(part.variable);
  for (const n of part.nodes) if (n.variable) out.push(n.variable);
  for (const r of part.rels) if (r.variable) out.push(r.variable);
  return out;
}

/** Variables a list of patterns introduces (for OPTIONAL MATCH nulls and RETURN *). */
export function variablesOf(parts: PatternPart[]): string[] {
  return [...new Set(parts.flatMap(patternVariables))];
}

function propsMatch(
  ctx: EvalContext,
  props: Expr | null,
  row: Row,
  get: (k: string) => Value,
  nameMatch: ((v: Value) => boolean | null) | null,
): boolean {
  if (props === null) return true;
  const m = evaluate(props, row, ctx);
  if (m === null) return true;
  if (!isMap(m)) throw new QueryError(`pattern properties: expected a map, found ${typeName(m)}`);
  for (const k in m) {
    const want = m[k]!;
    if (k === 'name' && nameMatch) {
      const r = nameMatch(want);
      if (r !== null) {
        if (!r) return false;
        continue;
      }
    }
    if (equals(get(k), want) !== true) return false;
  }
  return true;
}

function nodeOk(ctx: EvalContext, np: NodePattern, key: string, row: Row): boolean {
  if (np.labels.length === 0 && np.properties === null) return true;
  const view = ctx.view;
  for (const l of np.labels) if (!view.hasLabel(key, l)) return false;
  return propsMatch(ctx, np.properties, row, (k) => view.nodeProperty(key, k), (v) => view.nameMatches(key, v));
}

function relOk(ctx: EvalContext, rp: RelPattern, key: string, row: Row): boolean {
  if (rp.types.length === 0 && rp.properties === null) return true;
  const view = ctx.view;
  if (rp.types.length > 0 && !rp.types.some((t) => view.relHasType(key, t))) return false;
  return propsMatch(ctx, rp.properties, row, (k) => view.relProperty(key, k), null);
}

/** [edge, other, edge, other…] at `node` in the traversal direction. */
function edgesFrom(ctx: EvalContext, node: string, direction: RelPattern['direction']): string[] {
  return ctx.view.edgesAt(node, direction);
}

function flip(d: RelPattern['direction']): RelPattern['direction'] {
  return d === 'out' ? 'in' : d === 'in' ? 'out' : 'both';
}

function score(ctx: EvalContext, np: NodePattern): number {
  if (np.properties) return np.properties.kind === 'map' && np.properties.entries.some(([k]) => k === 'name') ? 3 : 2;
  return np.labels.length > 0 ? 1 : 0;
}

function candidates(ctx: EvalContext, np: NodePattern, row: Row): Iterable<string> {
  const bound = boundNode(row, np.variable);
  if (bound !== undefined) return bound === null ? [] : [bound.key];
  // Use the name index for `{name: '…'}` on knowledge-graph entities.
  if (np.properties && np.properties.kind === 'map') {
    const entry = np.properties.entries.find(([k]) => k === 'name');
    if (entry) {
      const v = evaluate(entry[1], row, ctx);
      if (typeof v === 'string') {
        const named = ctx.view.nodesNamed(v);
        const exact: string[] = [];
        ctx.view.graph.forEachNode((key, attrs) => {
          if (!ctx.view.isEntity(key) || 'name' in attrs) {
            if (equals(ctx.view.nodeProperty(key, 'name'), v) === true) exact.push(key);
          }
        });
        return new Set([...named, ...exact]);
      }
    }
  }
  return ctx.view.graph.nodes();
}

/** Match a list of comma-separated patterns against a row: yields each extended row. */
export function* matchPatterns(ctx: EvalContext, parts: PatternPart[], row: Row, used: Set<string> = new Set()): Generator<Row> {
  // Order: patterns touching already-bound variables first.
  const remaining = [...parts];
  const ordered: PatternPart[] = [];
  const bound = new Set(row.keys());
  while (remaining.length > 0) {
    let idx = remaining.findIndex((p) => p.nodes.some((n) => n.variable !== null && bound.has(n.variable)));
    if (idx < 0) idx = 0;
    const p = remaining.splice(idx, 1)[0]!;
    ordered.push(p);
    for (const v of patternVariables(p)) bound.add(v);
  }
  yield* matchFrom(ctx, ordered, 0, row, used);
}

function* matchFrom(ctx: EvalContext, parts: PatternPart[], i: number, row: Row, used: Set<string>): Generator<Row> {
  if (i === parts.length) {
    yield row;
    return;
  }
  const part = parts[i]!;
  const inner = part.shortest ? matchShortest(ctx, part, row) : matchPart(ctx, part, row, used);
  // The last pattern's rows go straight out: no generator per row.
  if (i === parts.length - 1) yield* inner;
  else for (const r of inner) yield* matchFrom(ctx, parts, i + 1, r, used);
}

function* matchPart(ctx: EvalContext, part: PatternPart, row: Row, used: Set<string>): Generator<Row> {
  const first = part.nodes[0]!;
  const last = part.nodes[part.nodes.length - 1]!;
  const firstBound = boundNode(row, first.variable) !== undefined;
  const lastBound = boundNode(row, last.variable) !== undefined;
  const reverse = part.rels.length > 0 && !firstBound && (lastBound || score(ctx, last) > score(ctx, first));
  const steps: Step[] = [];
  if (!reverse) {
    part.nodes.forEach((n, k) => steps.push({ node: n, rel: k === 0 ? null : part.rels[k - 1]! }));
  } else {
    for (let k = part.nodes.length - 1; k >= 0; k--) {
      const r = k === part.nodes.length - 1 ? null : part.rels[k]!;
      steps.push({ node: part.nodes[k]!, rel: r ? { ...r, direction: flip(r.direction) } : null });
    }
  }
  const pathNodes: string[] = [];
  const pathRels: string[] = [];
  const relLists = new Map<string, string[]>();

  const finish = (r: Row): Row => {
    let out = r;
    if (reverse && relLists.size > 0) {
      out = new Map(out);
      for (const [v, list] of relLists) out.set(v, [...list].reverse().map((k) => new RelRef(k)));
    }
    if (part.variable) {
      if (out === r) out = new Map(out);
      const nodes = reverse ? [...pathNodes].reverse() : [...pathNodes];
      const rels = reverse ? [...pathRels].reverse() : [...pathRels];
      out.set(part.variable, new PathVal(nodes, rels));
    }
    return out;
  };

  const bindNode = (np: NodePattern, key: string, r: Row): Row | null => {
    if (np.variable === null) return r;
    const b = r.get(np.variable);
    if (b !== undefined) return b instanceof NodeRef && b.key === key ? r : null;
    const out = new Map(r);
    out.set(np.variable, new NodeRef(key));
    return out;
  };

  function* step(k: number, node: string, r: Row): Generator<Row> {
    if (k === steps.length) {
      yield finish(r);
      return;
    }
    const s = steps[k]!;
    const rp = s.rel!;
    if (rp.length) {
      yield* varLength(k, node, r, rp, s.node);
      return;
    }
    const adj = edgesFrom(ctx, node, rp.direction);
    for (let a = 0; a < adj.length; a += 2) {
      const edge = adj[a]!;
      const next = adj[a + 1]!;
      ctx.budget.tick();
      if (used.has(edge)) continue;
      if (!relOk(ctx, rp, edge, r)) continue;
      {
        let r2: Row = r;
        let copied = false;
        if (rp.variable !== null) {
          const b = r.get(rp.variable);
          if (b !== undefined) {
            if (!(b instanceof RelRef && b.key === edge)) continue;
          } else {
            r2 = new Map(r);
            copied = true;
            r2.set(rp.variable, new RelRef(edge));
          }
        }
        if (!nodeOk(ctx, s.node, next, r2)) continue;
        // Bind the node into the same copy as the relationship (one Map per row, not two).
        const nv = s.node.variable;
        if (nv !== null) {
          const b = r2.get(nv);
          if (b !== undefined) {
            if (!(b instanceof NodeRef && b.key === next)) continue;
          } else {
            if (!copied) r2 = new Map(r2);
            r2.set(nv, new NodeRef(next));
          }
        }
        if (k + 1 === steps.length) {
          // Last hop: yield directly instead of through another generator (fewer allocations).
          pathNodes.push(next);
          pathRels.push(edge);
          const done = finish(r2);
          pathNodes.pop();
          pathRels.pop();
          used.add(edge);
          try {
            yield done;
          } finally {
            used.delete(edge);
          }
          continue;
        }
        used.add(edge);
        pathNodes.push(next);
        pathRels.push(edge);
        try {
          yield* step(k + 1, next, r2);
        } finally {
          used.delete(edge);
          pathNodes.pop();
          pathRels.pop();
        }
      }
    }
  }

  function* varLength(k: number, start: string, r: Row, rp: RelPattern, np: NodePattern): Generator<Row> {
    const len = rp.length!;
    const unbounded = len.max === null;
    let max = len.max ?? ctx.budget.options.maxDepth;
    if (max > MAX_EXPLICIT_DEPTH) {
      max = MAX_EXPLICIT_DEPTH;
      ctx.budget.notice(`variable-length patterns are limited to ${MAX_EXPLICIT_DEPTH} hops`);
    }
    const boundList = rp.variable !== null ? r.get(rp.variable) : undefined;
    const rels: string[] = [];
    const budget = ctx.budget;
    const maxPaths = budget.options.maxPaths;
    const self = function* (node: string, depth: number): Generator<Row> {
      if (budget.pathsExhausted) return;
      if (depth >= len.min) {
        if (budget.pathsEnumerated >= maxPaths) {
          budget.truncated = true;
          budget.pathsExhausted = true;
          budget.notice(`stopped after ${formatCount(maxPaths)} paths (maxPaths); results are incomplete — bound the pattern (*1..3) or add names`);
          return;
        }
        let ok = true;
        let r2: Row | null = r;
        if (rp.variable !== null) {
          const list = rels.map((e) => new RelRef(e));
          if (boundList !== undefined) ok = equals(boundList, reverse ? [...list].reverse() : list) === true;
          else {
            r2 = new Map(r);
            r2.set(rp.variable, list);
            relLists.set(rp.variable, [...rels]);
          }
        }
        if (ok && nodeOk(ctx, np, node, r2)) {
          r2 = bindNode(np, node, r2);
          if (r2 !== null) {
            if (depth > 0) budget.pathsEnumerated++;
            yield* step(k + 1, node, r2);
          }
        }
        if (rp.variable !== null) relLists.delete(rp.variable);
      }
      if (depth >= max) {
        if (unbounded && edgesFrom(ctx, node, rp.direction).some((e, i) => i % 2 === 0 && !used.has(e))) {
          budget.notice(`unbounded * followed at most ${max} hops (maxDepth); longer paths were not explored`);
        }
        return;
      }
      const adj = edgesFrom(ctx, node, rp.direction);
      for (let a = 0; a < adj.length; a += 2) {
        const edge = adj[a]!;
        const next = adj[a + 1]!;
        budget.tick();
        if (used.has(edge)) continue;
        if (!relOk(ctx, rp, edge, r)) continue;
        {
          used.add(edge);
          rels.push(edge);
          pathNodes.push(next);
          pathRels.push(edge);
          try {
            yield* self(next, depth + 1);
          } finally {
            used.delete(edge);
            rels.pop();
            pathNodes.pop();
            pathRels.pop();
          }
        }
      }
    };
    yield* self(start, 0);
  }

  const firstStep = steps[0]!;
  for (const key of candidates(ctx, firstStep.node, row)) {
    ctx.budget.tick();
    if (!ctx.view.graph.hasNode(key)) continue;
    if (!nodeOk(ctx, firstStep.node, key, row)) continue;
    const r = bindNode(firstStep.node, key, row);
    if (r === null) continue;
    pathNodes.length = 0;
    pathRels.length = 0;
    pathNodes.push(key);
    yield* step(1, key, r);
  }
}

/** shortestPath / allShortestPaths: breadth-first search between every pair of end candidates. */
function* matchShortest(ctx: EvalContext, part: PatternPart, row: Row): Generator<Row> {
  const a = part.nodes[0]!;
  const b = part.nodes[1]!;
  const rp = part.rels[0]!;
  const min = rp.length ? rp.length.min : 1;
  let max = rp.length ? (rp.length.max ?? Math.max(ctx.budget.options.maxDepth, 15)) : 1;
  max = Math.min(max, MAX_EXPLICIT_DEPTH);
  const g = ctx.view.graph;
  const budget = ctx.budget;
  const targets: string[] = [];
  for (const key of candidates(ctx, b, row)) if (nodeOk(ctx, b, key, row)) targets.push(key);
  if (targets.length === 0) return;
  for (const start of candidates(ctx, a, row)) {
    if (!g.hasNode(start) || !nodeOk(ctx, a, start, row)) continue;
    const r0 = bindTo(row, a.variable, new NodeRef(start));
    if (r0 === null) continue;
    // BFS with predecessor edges.
    const dist = new Map<string, number>([[start, 0]]);
    const pending = new Set(targets);
    pending.delete(start);
    const preds = new Map<string, [string, string][]>();
    let frontier = [start];
    for (let d = 0; d < max && frontier.length > 0; d++) {
      const nextFrontier: string[] = [];
      for (const node of frontier) {
        const adj = edgesFrom(ctx, node, rp.direction);
        for (let a = 0; a < adj.length; a += 2) {
          const edge = adj[a]!;
          const next = adj[a + 1]!;
          budget.tick();
          if (!relOk(ctx, rp, edge, r0)) continue;
          {
            const dn = dist.get(next);
            if (dn === undefined) {
              dist.set(next, d + 1);
              preds.set(next, [[node, edge]]);
              nextFrontier.push(next);
            } else if (dn === d + 1) {
              preds.get(next)!.push([node, edge]);
            }
          }
        }
      }
      frontier = nextFrontier;
      // Every target reached (at this depth or before): deeper levels cannot shorten any path.
      if (pending.size > 0) for (const n of nextFrontier) pending.delete(n);
      if (pending.size === 0) break;
    }
    for (const end of targets) {
      const r1 = bindTo(r0, b.variable, new NodeRef(end));
      if (r1 === null) continue;
      if (end === start) {
        if (min === 0) yield* emit(r1, [start], []);
        continue;
      }
      const d = dist.get(end);
      if (d === undefined || d < min) continue;
      // Enumerate shortest paths backwards from `end`.
      const paths: { nodes: string[]; rels: string[] }[] = [];
      const walk = (node: string, nodes: string[], rels: string[]): void => {
        if (paths.length >= (part.shortest === 'single' ? 1 : budget.options.maxPaths)) return;
        budget.tick();
        if (node === start) {
          paths.push({ nodes: [...nodes].reverse(), rels: [...rels].reverse() });
          return;
        }
        for (const [p, e] of preds.get(node) ?? []) {
          nodes.push(p);
          rels.push(e);
          walk(p, nodes, rels);
          nodes.pop();
          rels.pop();
        }
      };
      walk(end, [end], []);
      for (const p of paths) {
        if (budget.pathsEnumerated >= budget.options.maxPaths) {
          budget.truncated = true;
          budget.notice(`stopped after ${formatCount(budget.options.maxPaths)} paths (maxPaths); results are incomplete`);
          return;
        }
        budget.pathsEnumerated++;
        yield* emit(r1, p.nodes, p.rels);
      }
    }
  }

  function* emit(r: Row, nodes: string[], rels: string[]): Generator<Row> {
    let out = r;
    if (rp.variable !== null) {
      const v: Value = rp.length ? rels.map((e) => new RelRef(e)) : rels[0] ? new RelRef(rels[0]) : null;
      const bound = out.get(rp.variable);
      if (bound !== undefined && equals(bound, v) !== true) return;
      out = new Map(out);
      out.set(rp.variable, v);
    }
    if (part.variable) {
      out = new Map(out);
      out.set(part.variable, new PathVal(nodes, rels));
    }
    yield out;
  }
}

function bindTo(row: Row, variable: string | null, v: NodeRef): Row | null {
  if (variable === null) return row;
  const b = row.get(variable);
  if (b !== undefined) return b instanceof NodeRef && b.key === v.key ? row : null;
  const out = new Map(row);
  out.set(variable, v);
  return out;
}

/** Does the pattern match with the row's bindings (pattern predicates and EXISTS { … })? */
export function patternExists(parts: PatternPart[], where: Expr | null, row: Row, ctx: EvalContext): boolean {
  for (const r of matchPatterns(ctx, parts, row)) {
    if (where === null || evaluate(where, r, ctx) === true) return true;
  }
  return false;
}
