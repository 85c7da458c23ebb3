/** graphology's serialised graph (graph.json), with stable formatting. */
import type { KnowledgeGraph } from '../graph/index.js';
import type { SerializedGraph } from '../types.js';

/** The graph as graphology's `export()` object. */
export function toSerialized(graph: KnowledgeGraph): SerializedGraph {
  return graph.export() as unknown as SerializedGraph;
}

/** The graph as graph.json text (compact, one trailing newline). */
export function toJson(graph: KnowledgeGraph): string {
  return `${JSON.stringify(toSerialized(graph))}\n`;
}
