import type { KnowledgeGraph } from '../../src/graph/build.js';
import type { SerializedGraph } from '../../src/types.js';

/** Graph content without positions: nodes, edges, claims and documents, as plain data. */
export function graphContent(graph: KnowledgeGraph | SerializedGraph) {
  const data = ('export' in graph ? graph.export() : graph) as SerializedGraph;
  return {
    nodes: data.nodes.map((n) => {
      const { x: _x, y: _y, ...rest } = n.attributes;
      return { key: n.key, attributes: rest };
    }),
    edges: data.edges,
    claims: data.attributes.claims,
    documents: data.attributes.documents,
  };
}
