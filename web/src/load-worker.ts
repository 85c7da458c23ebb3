/// <reference lib="webworker" />
/**
 * Loader worker: fetches and parses graph.json off the main thread, then posts it in chunks so the
 * page never parses or copies the whole graph in one task.
 */
import type { SerializedGraph } from '../../src/types.js';

const NODE_CHUNK = 4000;
const EDGE_CHUNK = 8000;

self.onmessage = async (ev: MessageEvent<{ url: string }>) => {
  try {
    const res = await fetch(ev.data.url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${ev.data.url}: HTTP ${res.status}`);
    const data = (await res.json()) as SerializedGraph;
    const nodes = data.nodes ?? [];
    const edges = data.edges ?? [];
    postMessage({ kind: 'meta', attributes: data.attributes ?? {}, nodes: nodes.length, edges: edges.length });
    for (let i = 0; i < nodes.length; i += NODE_CHUNK) postMessage({ kind: 'nodes', items: nodes.slice(i, i + NODE_CHUNK) });
    for (let i = 0; i < edges.length; i += EDGE_CHUNK) postMessage({ kind: 'edges', items: edges.slice(i, i + EDGE_CHUNK) });
    postMessage({ kind: 'done' });
  } catch (e) {
    postMessage({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
