/**
 * Converting engine values into the shared QueryValue shapes (types.ts): integers become numbers,
 * nodes/relationships/paths become QueryNode / QueryEdge / QueryPathValue with each hop's evidence.
 */
import type { Evidence, PathHop, QueryEdge, QueryNode, QueryPathValue, QueryValue } from '../types.js';
import type { GraphView } from './context.js';
import { FloatBox, isMap, NodeRef, PathVal, RelRef, type Value } from './values.js';

/** A graph attribute as a QueryValue, copied in one pass (attributes are JSON-like already). */
function attributeValue(x: unknown, depth = 0): QueryValue {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'number':
    case 'string':
    case 'boolean':
      return x;
    case 'bigint':
      return Number(x);
    case 'object': {
      if (depth > 50) return null;
      if (x instanceof FloatBox) return x.value;
      if (Array.isArray(x)) return x.map((e) => attributeValue(e, depth + 1));
      const out: Record<string, QueryValue> = {};
      for (const [k, v] of Object.entries(x as Record<string, unknown>)) out[k] = attributeValue(v, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

function attributesOf(attrs: Record<string, unknown>, skip: string | null, omit: ReadonlySet<string>): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const k of Object.keys(attrs)) {
    if (k === skip || omit.has(k)) continue;
    const v = attrs[k];
    if (v === undefined || v === null) continue;
    out[k] = attributeValue(v);
  }
  return out;
}

export class OutputConverter {
  private readonly nodes = new Map<string, QueryNode>();
  private readonly edges = new Map<string, QueryEdge>();
  private readonly pathEdges = new Map<string, QueryEdge>();
  private readonly omit: ReadonlySet<string>;
  constructor(
    private readonly view: GraphView,
    omitProperties: string[] = [],
  ) {
    this.omit = new Set(omitProperties);
  }

  node(key: string): QueryNode {
    let n = this.nodes.get(key);
    if (!n) {
      const attrs = this.view.graph.getNodeAttributes(key) as Record<string, unknown>;
      const entity = !Array.isArray(attrs.labels);
      const properties = attributesOf(attrs, entity ? null : 'labels', this.omit);
      if (entity && !('name' in attrs) && typeof attrs.label === 'string' && !this.omit.has('name')) properties.name = attrs.label;
      n = { $kind: 'node', id: key, labels: this.view.labels(key), properties };
      this.nodes.set(key, n);
    }
    return n;
  }

  edge(key: string): QueryEdge {
    let e = this.edges.get(key);
    if (!e) {
      const g = this.view.graph;
      const attrs = g.getEdgeAttributes(key) as Record<string, unknown>;
      const properties = attributesOf(attrs, typeof attrs.type === 'string' ? 'type' : null, this.omit);
      e = { $kind: 'edge', id: key, type: this.view.relType(key), source: g.source(key), target: g.target(key), properties };
      this.edges.set(key, e);
    }
    return e;
  }

  /**
   * A relationship as one of a path's `edges`: without its `evidence`, which the path's hop for it
   * carries (the same sentences twice made a 1,000-path answer between two hubs 31 MB).
   */
  private pathEdge(key: string): QueryEdge {
    let e = this.pathEdges.get(key);
    if (!e) {
      const { properties, ...rest } = this.edge(key);
      const { evidence: _evidence, ...others } = properties;
      e = { ...rest, properties: others };
      this.pathEdges.set(key, e);
    }
    return e;
  }

  path(p: PathVal): QueryPathValue {
    const g = this.view.graph;
    const hops: PathHop[] = p.rels.map((edge, i) => {
      const from = p.nodes[i]!;
      const to = p.nodes[i + 1]!;
      const ev = g.getEdgeAttribute(edge, 'evidence') as unknown;
      return {
        source: from,
        target: to,
        edge,
        predicate: this.view.relType(edge),
        reversed: !(g.source(edge) === from && g.target(edge) === to),
        evidence: Array.isArray(ev) ? (ev as Evidence[]) : [],
      };
    });
    return { $kind: 'path', nodes: p.nodes.map((k) => this.node(k)), edges: p.rels.map((k) => this.pathEdge(k)), hops };
  }

  value(v: Value): QueryValue {
    if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v instanceof NodeRef) return this.node(v.key);
    if (v instanceof RelRef) return this.edge(v.key);
    if (v instanceof PathVal) return this.path(v);
    if (isMap(v)) return this.map(v);
    return null;
  }

  private map(m: Record<string, Value>): Record<string, QueryValue> {
    const out: Record<string, QueryValue> = {};
    for (const k of Object.keys(m)) out[k] = this.value(m[k]!);
    return out;
  }
}
