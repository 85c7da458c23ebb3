/**
 * GEXF 1.3 for Gephi: positions, colours and sizes in the viz namespace, entity and relation
 * attributes flattened to GEXF attribute types. Validates against the GEXF 1.3 RELAX NG schema.
 */
import { write } from 'graphology-gexf';
import type { KnowledgeGraph } from '../graph/index.js';

/** Serialises the knowledge graph as GEXF 1.3. */
export function toGexf(graph: KnowledgeGraph): string {
  const xml = write(graph, {
    version: '1.3',
    pedantic: true,
    pretty: true,
    formatNode: (_key, a) => ({
      label: a.label,
      viz: { x: a.x, y: a.y, size: a.size, color: a.color },
      attributes: {
        type: a.type,
        aliases: a.aliases.join(' | '),
        mentionCount: a.mentionCount,
        documentCount: a.docs.length,
        outlets: a.sources.join(' | '),
        roles: a.roles.map((r) => r.role).join(' | '),
        pagerank: a.pagerank,
      },
    }),
    formatEdge: (_key, a) => ({
      label: a.predicate,
      weight: a.weight,
      viz: { color: a.color, thickness: a.size },
      attributes: {
        predicate: a.predicate,
        family: a.family,
        quad: a.quad,
        evidenceCount: a.evidence.length,
        outlets: a.sources.join(' | '),
        negated: a.negated,
        hedged: a.hedged,
      },
    }),
  });
  // RELAX NG (the normative grammar) does not allow xsi:schemaLocation on the root.
  return xml.replace(/\s+xsi:schemaLocation="[^"]*"/, '').replace(/\s+xmlns:xsi="[^"]*"/, '');
}
