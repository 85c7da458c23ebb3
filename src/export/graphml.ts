/**
 * GraphML (directed, with parallel edges) with typed data keys, for yEd, Cytoscape, networkx, igraph.
 */
import type { KnowledgeGraph } from '../graph/build.js';
import type { EdgeAttributes, NodeAttributes } from '../types.js';

/** Escapes text for XML attribute values and text nodes; drops characters XML 1.0 forbids. */
export function escapeXml(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type KeyType = 'string' | 'int' | 'double' | 'boolean';
interface Key<A> {
  id: string;
  type: KeyType;
  get: (a: A) => unknown;
}

type NodeAttrs = NodeAttributes;
type EdgeAttrs = EdgeAttributes;

const NODE_KEYS: Key<NodeAttrs>[] = [
  { id: 'label', type: 'string', get: (a) => a.label },
  { id: 'type', type: 'string', get: (a) => a.type },
  { id: 'aliases', type: 'string', get: (a) => a.aliases.join(' | ') },
  { id: 'mentionCount', type: 'int', get: (a) => a.mentionCount },
  { id: 'documentCount', type: 'int', get: (a) => a.docs.length },
  { id: 'outlets', type: 'string', get: (a) => a.sources.join(' | ') },
  { id: 'roles', type: 'string', get: (a) => a.roles.map((r) => r.role).join(' | ') },
  { id: 'pagerank', type: 'double', get: (a) => a.pagerank },
  { id: 'x', type: 'double', get: (a) => a.x },
  { id: 'y', type: 'double', get: (a) => a.y },
  { id: 'size', type: 'double', get: (a) => a.size },
  { id: 'color', type: 'string', get: (a) => a.color },
];

const EDGE_KEYS: Key<EdgeAttrs>[] = [
  { id: 'predicate', type: 'string', get: (a) => a.predicate },
  { id: 'family', type: 'string', get: (a) => a.family },
  { id: 'quad', type: 'string', get: (a) => a.quad },
  { id: 'weight', type: 'double', get: (a) => a.weight },
  { id: 'evidenceCount', type: 'int', get: (a) => a.evidence.length },
  { id: 'outlets', type: 'string', get: (a) => a.sources.join(' | ') },
  { id: 'negated', type: 'boolean', get: (a) => a.negated },
  { id: 'hedged', type: 'boolean', get: (a) => a.hedged },
];

function data<A>(keys: Key<A>[], prefix: string, a: A): string {
  let out = '';
  for (const k of keys) {
    const v = k.get(a);
    if (v === undefined || v === null || v === '') continue;
    out += `<data key="${prefix}_${k.id}">${escapeXml(String(v))}</data>`;
  }
  return out;
}

/** Serialises the knowledge graph as GraphML. */
export function toGraphml(graph: KnowledgeGraph): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
  ];
  for (const k of NODE_KEYS) parts.push(`  <key id="n_${k.id}" for="node" attr.name="${k.id}" attr.type="${k.type}"/>\n`);
  for (const k of EDGE_KEYS) parts.push(`  <key id="e_${k.id}" for="edge" attr.name="${k.id}" attr.type="${k.type}"/>\n`);
  parts.push(`  <graph id="${escapeXml(graph.getAttribute('name') ?? 'newsgraph')}" edgedefault="directed">\n`);
  graph.forEachNode((key, a) => parts.push(`    <node id="${escapeXml(key)}">${data(NODE_KEYS, 'n', a)}</node>\n`));
  graph.forEachEdge((key, a, s, t) =>
    parts.push(`    <edge id="${escapeXml(key)}" source="${escapeXml(s)}" target="${escapeXml(t)}">${data(EDGE_KEYS, 'e', a)}</edge>\n`),
  );
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}
