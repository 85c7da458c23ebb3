/**
 * GEXF 1.3 for Gephi: positions, colours and sizes in the viz namespace, entity and relation
 * attributes flattened to GEXF attribute types. Validates against the GEXF 1.3 RELAX NG schema.
 */
import { write } from 'graphology-gexf';
import type { KnowledgeGraph } from '../graph/index.js';

/** `#rrggbb` → `rgb(r,g,b)`, which graphology-gexf writes as r/g/b attributes (networkx's reader needs them, not hex). */
function rgb(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 'rgb(153,153,153)';
  return `rgb(${parseInt(m[1]!, 16)},${parseInt(m[2]!, 16)},${parseInt(m[3]!, 16)})`;
}

/** Serialises the knowledge graph as GEXF 1.3. */
export function toGexf(graph: KnowledgeGraph): string {
  const xml = write(graph, {
    version: '1.3',
    pedantic: true,
    pretty: true,
    formatNode: (_key, a) => ({
      label: a.label,
      viz: { x: a.x, y: a.y, size: a.size, color: rgb(a.color) },
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
      viz: { color: rgb(a.color), thickness: a.size },
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
