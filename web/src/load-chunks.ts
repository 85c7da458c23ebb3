/**
 * Shared by the loader worker and the page: rank the edges (weight, then the importance of their
 * ends) and cut a parsed graph.json into the messages the page adds one task at a time.
 */
import type { GraphAttributes, SerializedGraph } from '../../src/types.js';

export const NODE_CHUNK = 2000;
export const EDGE_CHUNK = 4000;

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
  for (let i = 0; i < nodes.length; i += NODE_CHUNK) yield { kind: 'nodes', items: nodes.slice(i, i + NODE_CHUNK) };
  for (let i = 0; i < order.length; i += EDGE_CHUNK) yield { kind: 'edges', items: order.slice(i, i + EDGE_CHUNK).map((j) => edges[j]!) };
  yield { kind: 'done' };
}
