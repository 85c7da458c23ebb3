/**
 * Loading graph.json into the viewer's graphology graph without blocking the page: the JSON is
 * fetched and parsed in a worker and streamed here in chunks, each added in its own task, and the
 * viewer's display attributes (colour by type, size by importance, edge colour by family, curvature
 * for parallel edges) are computed on the way.
 */
import Graph from 'graphology';
import type { SerializedGraph, GraphAttributes, NodeAttributes, EdgeAttributes } from '../../src/types.js';
import { familyColor, typeColor } from './palette.js';

export type ViewerGraph = Graph<ViewerNode, ViewerEdge, GraphAttributes>;

export interface ViewerNode extends Partial<NodeAttributes> {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  type: NodeAttributes['type'];
  /** sigma's program type is `type` in sigma; entity type is kept here. */
  entityType: string;
  importance: number;
}

export interface ViewerEdge extends Partial<EdgeAttributes> {
  label: string;
  size: number;
  color: string;
  type: string;
  curvature?: number;
  weight: number;
  family: EdgeAttributes['family'];
}

export interface LoadProgress {
  phase: 'fetch' | 'nodes' | 'edges' | 'done';
  done: number;
  total: number;
}

type WorkerMessage =
  | { kind: 'meta'; attributes: GraphAttributes; nodes: number; edges: number; raw?: undefined }
  | { kind: 'nodes'; items: SerializedGraph['nodes'] }
  | { kind: 'edges'; items: SerializedGraph['edges'] }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/** Fetch and stream the graph through the loader worker. */
export function loadGraph(url: string, onProgress: (p: LoadProgress) => void): Promise<ViewerGraph> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module' });
    const graph: ViewerGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
    let total = { nodes: 0, edges: 0 };
    let maxMentions = 1;
    let types: string[] = [];
    const pending: WorkerMessage[] = [];
    worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const m = ev.data;
      if (m.kind === 'error') {
        worker.terminate();
        reject(new Error(m.message));
        return;
      }
      if (m.kind === 'meta') {
        graph.replaceAttributes(m.attributes);
        total = { nodes: m.nodes, edges: m.edges };
        onProgress({ phase: 'nodes', done: 0, total: total.nodes + total.edges });
        return;
      }
      pending.push(m);
      if (m.kind === 'nodes') {
        for (const n of m.items) {
          maxMentions = Math.max(maxMentions, n.attributes.mentionCount ?? 0);
          if (!types.includes(n.attributes.type)) types.push(n.attributes.type);
        }
        return;
      }
      if (m.kind === 'done') {
        worker.terminate();
        types = types.sort();
        drain();
      }
    };
    worker.onerror = (e) => reject(new Error(`graph loader: ${e.message}`));
    worker.postMessage({ url: new URL(url, location.href).href });

    // Add chunks one task at a time so the page stays responsive.
    const drain = () => {
      let done = 0;
      const next = () => {
        const m = pending.shift();
        if (!m) {
          finish(graph);
          onProgress({ phase: 'done', done, total: total.nodes + total.edges });
          resolve(graph);
          return;
        }
        if (m.kind === 'nodes') {
          for (const n of m.items) graph.addNode(n.key, toViewerNode(n.attributes, maxMentions, types));
          done += m.items.length;
          onProgress({ phase: 'nodes', done, total: total.nodes + total.edges });
        } else if (m.kind === 'edges') {
          for (const e of m.items) {
            if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
            graph.addEdgeWithKey(e.key, e.source, e.target, toViewerEdge(e.attributes));
          }
          done += m.items.length;
          onProgress({ phase: 'edges', done, total: total.nodes + total.edges });
        }
        setTimeout(next, 0);
      };
      next();
    };
  });
}

/** Load an already-parsed graph (tests, small graphs). */
export function graphFromSerialized(data: SerializedGraph): ViewerGraph {
  const graph: ViewerGraph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
  graph.replaceAttributes(data.attributes);
  const maxMentions = Math.max(1, ...data.nodes.map((n) => n.attributes.mentionCount ?? 0));
  const types = [...new Set(data.nodes.map((n) => n.attributes.type))].sort();
  for (const n of data.nodes) graph.addNode(n.key, toViewerNode(n.attributes, maxMentions, types));
  for (const e of data.edges) {
    if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.addEdgeWithKey(e.key, e.source, e.target, toViewerEdge(e.attributes));
  }
  finish(graph);
  return graph;
}

function toViewerNode(a: NodeAttributes, maxMentions: number, types: string[]): ViewerNode {
  const entityType = String(a.type ?? 'other');
  const mentions = Number(a.mentionCount ?? a.mentions?.length ?? 1);
  const importance = Math.sqrt(Math.max(1, mentions) / maxMentions);
  return {
    ...a,
    label: String(a.label ?? ''),
    x: Number.isFinite(a.x) ? a.x : Math.random() * 100,
    y: Number.isFinite(a.y) ? a.y : Math.random() * 100,
    size: 3 + 15 * importance,
    color: typeColor(entityType, types),
    // sigma reads `type` as the node program; our entity type lives in `entityType`.
    type: 'circle' as NodeAttributes['type'],
    entityType,
    importance: mentions + (a.pagerank ?? 0),
  };
}

function toViewerEdge(a: EdgeAttributes): ViewerEdge {
  const weight = Number(a.weight ?? 1);
  return {
    ...a,
    label: String(a.label ?? a.predicate ?? ''),
    weight,
    family: a.family ?? 'other',
    size: 1 + Math.min(5, Math.log2(Math.max(1, weight)) * 1.5),
    color: familyColor(a.family ?? 'other'),
    type: 'arrow',
  };
}

/** Curve parallel and reciprocal edges so each stays visible with its own label. */
function finish(graph: ViewerGraph): void {
  const groups = new Map<string, string[]>();
  graph.forEachEdge((edge, _a, s, t) => {
    const k = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
    const g = groups.get(k);
    if (g) g.push(edge);
    else groups.set(k, [edge]);
  });
  for (const edges of groups.values()) {
    if (edges.length < 2) continue;
    const n = edges.length;
    edges.forEach((edge, i) => {
      // Spread curvatures symmetrically; an edge drawn in the other direction flips its sign.
      const base = 0.25 * (1 + Math.floor(i / 2)) * (i % 2 === 0 ? 1 : -1) * (n > 6 ? 6 / n : 1);
      const [s, t] = graph.extremities(edge);
      const flip = s < t ? 1 : -1;
      graph.mergeEdgeAttributes(edge, { type: 'curved', curvature: base * flip });
    });
  }
}
