/// <reference lib="webworker" />
/**
 * Loader worker: fetches and parses graph.json off the main thread, ranks edges (weight, then the
 * importance of their ends) so the page can draw the strongest first, and posts everything in small
 * chunks so that no task on the page has much to do.
 */
import type { SerializedGraph } from '../../src/types.js';

const NODE_CHUNK = 2000;
const EDGE_CHUNK = 4000;

self.onmessage = async (ev: MessageEvent<{ url: string }>) => {
  try {
    const res = await fetch(ev.data.url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${ev.data.url}: HTTP ${res.status}`);
    const data = (await res.json()) as SerializedGraph;
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
    postMessage({ kind: 'meta', attributes: data.attributes ?? {}, nodes: nodes.length, edges: edges.length, maxMentions, types: [...types].sort() });
    for (let i = 0; i < nodes.length; i += NODE_CHUNK) postMessage({ kind: 'nodes', items: nodes.slice(i, i + NODE_CHUNK) });
    for (let i = 0; i < order.length; i += EDGE_CHUNK) postMessage({ kind: 'edges', items: order.slice(i, i + EDGE_CHUNK).map((j) => edges[j]) });
    postMessage({ kind: 'done' });
  } catch (e) {
    postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
