/**
 * Shared by the loader worker and the page: rank the edges (weight, then the importance of their
 * ends) and cut a parsed graph.json into the messages the page adds one task at a time.
 */
import type { GraphAttributes, SerializedGraph } from '../../src/types.js';

export const NODE_CHUNK = 500;
export const EDGE_CHUNK = 1000;

/**
 * Heavy: drawn with the level-of-detail programs (lod-programs.ts): points and plain lines, and
 * nodes handed over least important first so the most important are drawn last (on top) and kept
 * while the camera moves.
 */
export function isHeavy(nodes: number, edges: number): boolean {
  return nodes > 3000 || edges > 3000;
}

/** A node's importance: how often it is mentioned (plus its PageRank, which is below 1). */
export function nodeImportance(a: { mentionCount?: number; mentions?: unknown[]; pagerank?: number } | undefined): number {
  const mentions = Number(a?.mentionCount ?? a?.mentions?.length ?? 1) || 1;
  return mentions + (Number(a?.pagerank) || 0);
}

export type LoadMessage =
  | { kind: 'meta'; attributes: GraphAttributes; nodes: number; edges: number; maxMentions: number; types: string[] }
  | { kind: 'nodes'; items: SerializedGraph['nodes'] }
  | { kind: 'edges'; items: SerializedGraph['edges'] }
  | { kind: 'done' }
  | { kind: 'error'; message: string };

/** The messages for one graph, edges strongest first. */
export function* toLoadMessages(data: SerializedGraph): Generator<LoadMessage> {
  const nodes = Array.isArray(data.nodes) ? data.nodes : [];
  const edges = Array.isArray(data.edges) ? data.edges : [];
  const importance = new Map<string, number>();
  let maxMentions = 1;
  const types = new Set<string>();
  for (const n of nodes) {
    const m = Number(n.attributes?.mentionCount ?? 1) || 1;
    importance.set(n.key, m);
    if (m > maxMentions) maxMentions = m;
    types.add(String(n.attributes?.type ?? 'other'));
  }
  const score = new Float64Array(edges.length);
  edges.forEach((e, i) => {
    score[i] = (Number(e.attributes?.weight ?? 1) || 1) * 1e9 + (importance.get(e.source) ?? 0) + (importance.get(e.target) ?? 0);
  });
  const order = Array.from(edges.keys()).sort((a, b) => score[b]! - score[a]! || a - b);
  yield { kind: 'meta', attributes: data.attributes ?? ({} as GraphAttributes), nodes: nodes.length, edges: edges.length, maxMentions, types: [...types].sort() };
  // Heavy graphs: least important first (a stable sort keeps the file's order among equals).
  const ordered = isHeavy(nodes.length, edges.length) ? nodes.map((n, i) => ({ n, i, v: nodeImportance(n.attributes) })).sort((a, b) => a.v - b.v || a.i - b.i).map((x) => x.n) : nodes;
  for (let i = 0; i < ordered.length; i += NODE_CHUNK) yield { kind: 'nodes', items: ordered.slice(i, i + NODE_CHUNK) };
  for (let i = 0; i < order.length; i += EDGE_CHUNK) yield { kind: 'edges', items: order.slice(i, i + EDGE_CHUNK).map((j) => edges[j]!) };
  yield { kind: 'done' };
}
