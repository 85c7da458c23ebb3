/**
 * What a running query carries: a view of the graph in the query model (labels, types,
 * properties), the options resolved with their defaults, and the time and result budget.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import { QueryLimitError } from '../errors.js';
import { nameIndexFor, normalizeName, type NameIndex } from './names.js';
import { fromJs, newMap, type MapValue, type Value, formatCount } from './values.js';

/** Options of runQuery; all optional. */
export interface QueryOptions {
  /** Time budget in milliseconds (default 2000); exceeding it throws QueryLimitError. */
  timeoutMs?: number;
  /** Rows returned at most (default 10000); more rows are cut off with `truncated: true` and a notice. */
  maxRows?: number;
  /** Paths a variable-length pattern, shortestPath or path shortcut may enumerate (default 1000); cut off with a notice. */
  maxPaths?: number;
  /** Hops an unbounded `*` may follow (default 6); longer paths are not explored, with a notice. */
  maxDepth?: number;
  /** Rows one clause may hold at once (default 500000); more throws QueryLimitError (keeps memory bounded). */
  maxIntermediateRows?: number;
  /** Values for `$name` parameters. */
  params?: Record<string, unknown>;
  /**
   * Attributes left out of returned nodes' and relationships' `properties` (e.g. `['mentions']`,
   * which can be long for frequent entities). Queries can still read them (`n.mentions`).
   */
  omitProperties?: string[];
  /**
   * The clock used for the time budget, in milliseconds (default `performance.now`). The only
   * clock the query engine reads; tests pass a fake one.
   */
  now?: () => number;
}

export interface ResolvedQueryOptions {
  timeoutMs: number;
  maxRows: number;
  maxPaths: number;
  maxDepth: number;
  maxIntermediateRows: number;
  params: Record<string, unknown>;
  omitProperties: string[];
  now: () => number;
}

export function resolveQueryOptions(options: QueryOptions = {}): ResolvedQueryOptions {
  const pos = (v: unknown, d: number): number => (typeof v === 'number' && v > 0 && !Number.isNaN(v) ? v : d);
  return {
    timeoutMs: pos(options.timeoutMs, 2000),
    maxRows: Math.floor(pos(options.maxRows, 10_000)),
    maxPaths: Math.floor(pos(options.maxPaths, 1000)),
    maxDepth: Math.floor(pos(options.maxDepth, 6)),
    maxIntermediateRows: Math.floor(pos(options.maxIntermediateRows, 500_000)),
    params: options.params ?? {},
    omitProperties: Array.isArray(options.omitProperties) ? options.omitProperties.filter((p) => typeof p === 'string') : [],
    now: options.now ?? (() => performance.now()),
  };
}

/** The time budget and cut-off notices of one query. */
export class Budget {
  private ticks = 0;
  readonly start: number;
  readonly deadline: number;
  readonly notices = new Set<string>();
  truncated = false;
  pathsEnumerated = 0;
  /** Set when maxPaths was reached: every path search stops. */
  pathsExhausted = false;
  /** Rows held at once in one clause before the query is stopped (keeps memory bounded). */
  readonly maxIntermediateRows: number;

  constructor(readonly options: ResolvedQueryOptions) {
    this.start = options.now();
    this.deadline = this.start + options.timeoutMs;
    this.maxIntermediateRows = options.maxIntermediateRows;
  }

  /** Call in every loop that can run long; checks the clock every 256 calls. */
  tick(): void {
    if ((++this.ticks & 255) === 0) this.checkTime();
  }

  checkTime(): void {
    const now = this.options.now();
    if (now > this.deadline) {
      throw new QueryLimitError(
        `query stopped: it ran longer than its time budget of ${this.options.timeoutMs} ms; add labels, names or a LIMIT, bound variable-length patterns (*1..3), or raise timeoutMs`,
      );
    }
  }

  checkRows(count: number): void {
    if (count > this.maxIntermediateRows) {
      throw new QueryLimitError(
        `query stopped: more than ${formatCount(this.maxIntermediateRows)} intermediate rows; add labels, names or conditions to narrow the patterns`,
      );
    }
  }

  notice(text: string): void {
    this.notices.add(text);
  }

  elapsed(): number {
    return this.options.now() - this.start;
  }
}

const adjacencies = new WeakMap<Graph, Map<string, string[]>[]>();
const watchedGraphs = new WeakSet<Graph>();
const EDGE_EVENTS = ['edgeAdded', 'edgeDropped', 'nodeDropped', 'cleared', 'edgesCleared'] as const;

/**
 * Adjacency lists (out, in, both) of a graph, filled lazily and kept across queries until an
 * edge or node is added or dropped (the cache listens to the graph's events).
 */
function adjacencyFor(graph: Graph): Map<string, string[]>[] {
  let adj = adjacencies.get(graph);
  if (adj) return adj;
  adj = [new Map(), new Map(), new Map()];
  if (typeof graph.on === 'function') {
    if (!watchedGraphs.has(graph)) {
      watchedGraphs.add(graph);
      const invalidate = (): void => {
        adjacencies.delete(graph);
      };
      for (const event of EDGE_EVENTS) graph.on(event, invalidate);
    }
    adjacencies.set(graph, adj);
  }
  return adj;
}

/** The graph as the query model sees it. */
export class GraphView {
  private readonly nodeProps = new Map<string, MapValue>();
  private readonly relProps = new Map<string, MapValue>();
  private names: NameIndex | null = null;
  private readonly nameCache = new Map<string, Set<string>>();

  private readonly adjacency: Map<string, string[]>[];
  private readonly typeNames = new Map<string, string>();

  constructor(readonly graph: Graph) {
    this.adjacency = adjacencyFor(graph);
  }

  /**
   * Edges at a node with the node at their other end, flattened as [edge, other, edge, other…]:
   * 'out', 'in' or 'both' (a self-loop once). Cached per query, because graphology's per-call
   * iteration over multi-edges and its source/target lookups dominate path expansion otherwise.
   */
  edgesAt(node: string, direction: 'out' | 'in' | 'both'): string[] {
    const cache = this.adjacency[direction === 'out' ? 0 : direction === 'in' ? 1 : 2]!;
    let list = cache.get(node);
    if (!list) {
      const out: string[] = [];
      const g = this.graph;
      if (direction === 'out') g.forEachOutEdge(node, (e, _a, _s, t) => void out.push(e, t));
      else if (direction === 'in') g.forEachInEdge(node, (e, _a, s) => void out.push(e, s));
      else {
        const seen = new Set<string>();
        g.forEachEdge(node, (e, _a, s, t) => {
          if (s === t) {
            if (seen.has(e)) return;
            seen.add(e);
          }
          out.push(e, s === node ? t : s);
        });
      }
      list = out;
      cache.set(node, list);
    }
    return list;
  }

  /** A node is in "property-graph" form (test graphs) when it has a `labels` array; otherwise it is a knowledge-graph entity. */
  isEntity(key: string): boolean {
    return !Array.isArray(this.graph.getNodeAttribute(key, 'labels'));
  }

  labels(key: string): string[] {
    const attrs = this.graph.getNodeAttributes(key) as Record<string, unknown>;
    if (Array.isArray(attrs.labels)) return attrs.labels.filter((l): l is string => typeof l === 'string');
    return typeof attrs.type === 'string' ? [attrs.type] : [];
  }

  hasLabel(key: string, label: string): boolean {
    const attrs = this.graph.getNodeAttributes(key) as Record<string, unknown>;
    if (Array.isArray(attrs.labels)) return attrs.labels.includes(label);
    if (typeof attrs.type !== 'string') return false;
    const l = label.toLowerCase();
    const t = attrs.type.toLowerCase();
    return t === l || (l === 'organisation' && t === 'organization') || (l === 'location' && t === 'place');
  }

  nodeProperties(key: string): MapValue {
    let m = this.nodeProps.get(key);
    if (m) return m;
    const attrs = this.graph.getNodeAttributes(key) as Record<string, unknown>;
    m = newMap();
    const entity = !Array.isArray(attrs.labels);
    for (const [k, v] of Object.entries(attrs)) {
      if (!entity && k === 'labels') continue;
      if (v === undefined || v === null) continue;
      m[k] = fromJs(v);
    }
    if (entity && !('name' in m) && typeof attrs.label === 'string') m.name = attrs.label;
    this.nodeProps.set(key, m);
    return m;
  }

  nodeProperty(key: string, name: string): Value {
    const cached = this.nodeProps.get(key);
    if (cached) return cached[name] ?? null;
    // Read one attribute rather than converting them all (mentions and evidence can be long).
    const attrs = this.graph.getNodeAttributes(key) as Record<string, unknown>;
    const entity = !Array.isArray(attrs.labels);
    if (!entity && name === 'labels') return null;
    const v = attrs[name];
    if (v === undefined && entity && name === 'name' && typeof attrs.label === 'string') return attrs.label;
    return fromJs(v);
  }

  relType(key: string): string {
    const attrs = this.graph.getEdgeAttributes(key) as Record<string, unknown>;
    if (typeof attrs.type === 'string') return attrs.type;
    if (typeof attrs.predicate === 'string') return attrs.predicate;
    return '';
  }

  /** `[:condemn]` matches the predicate, `[:attack]` the family too; `retaliate_against` = `retaliate against`. */
  relHasType(key: string, type: string): boolean {
    const attrs = this.graph.getEdgeAttributes(key) as Record<string, unknown>;
    if (typeof attrs.type === 'string') return attrs.type === type;
    let t = this.typeNames.get(type);
    if (t === undefined) {
      t = type.toLowerCase().replace(/[_\s]+/g, ' ').trim();
      this.typeNames.set(type, t);
    }
    return (typeof attrs.predicate === 'string' && attrs.predicate.toLowerCase() === t) || (typeof attrs.family === 'string' && attrs.family.toLowerCase() === t);
  }

  relProperties(key: string): MapValue {
    let m = this.relProps.get(key);
    if (m) return m;
    const attrs = this.graph.getEdgeAttributes(key) as Record<string, unknown>;
    m = newMap();
    const entity = typeof attrs.type !== 'string';
    for (const [k, v] of Object.entries(attrs)) {
      if (!entity && k === 'type') continue;
      if (v === undefined || v === null) continue;
      m[k] = fromJs(v);
    }
    this.relProps.set(key, m);
    return m;
  }

  relProperty(key: string, name: string): Value {
    const cached = this.relProps.get(key);
    if (cached) return cached[name] ?? null;
    const attrs = this.graph.getEdgeAttributes(key) as Record<string, unknown>;
    if (name === 'type' && typeof attrs.type === 'string') return null;
    return fromJs(attrs[name]);
  }

  nameIndex(): NameIndex {
    if (!this.names) this.names = nameIndexFor(this.graph);
    return this.names;
  }

  /** Keys of the entity nodes a `{name: …}` map matches (findNodes semantics). */
  nodesNamed(name: string): Set<string> {
    let s = this.nameCache.get(name);
    if (!s) {
      s = new Set(this.nameIndex().find(name));
      this.nameCache.set(name, s);
    }
    return s;
  }

  /** True when a `{name: value}` entry matches this node: real `name` property, or the entity's label and aliases. */
  nameMatches(key: string, value: Value): boolean | null {
    const attrs = this.graph.getNodeAttributes(key) as Record<string, unknown>;
    if (!this.isEntity(key) || 'name' in attrs || typeof value !== 'string') return null;
    return this.nodesNamed(value).has(key);
  }
}

export { normalizeName };
