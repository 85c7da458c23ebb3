/**
 * Converting engine values into the shared QueryValue shapes (types.ts): integers become numbers,
 * nodes/relationships/paths become QueryNode / QueryEdge / QueryPathValue with each hop's evidence.
 */
import type { Evidence, PathHop, QueryEdge, QueryNode, QueryPathValue, QueryValue } from '../types.js';
import type { GraphView } from './context.js';
import { isMap, NodeRef, PathVal, RelRef, type Value } from './values.js';

export class OutputConverter {
  private readonly nodes = new Map<string, QueryNode>();
  private readonly edges = new Map<string, QueryEdge>();
  constructor(private readonly view: GraphView) {}

  node(key: string): QueryNode {
    let n = this.nodes.get(key);
    if (!n) {
      n = { $kind: 'node', id: key, labels: this.view.labels(key), properties: this.map(this.view.nodeProperties(key)) };
      this.nodes.set(key, n);
    }
    return n;
  }

  edge(key: string): QueryEdge {
    let e = this.edges.get(key);
    if (!e) {
      const g = this.view.graph;
      e = { $kind: 'edge', id: key, type: this.view.relType(key), source: g.source(key), target: g.target(key), properties: this.map(this.view.relProperties(key)) };
      this.edges.set(key, e);
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
    return { $kind: 'path', nodes: p.nodes.map((k) => this.node(k)), edges: p.rels.map((k) => this.edge(k)), hops };
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
