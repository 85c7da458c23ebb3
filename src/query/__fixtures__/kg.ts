/**
 * A small knowledge graph in the shape graph/ builds (NodeAttributes / EdgeAttributes), for the
 * query tests. The evidence sentences were written for this fixture; they are not quotations.
 */
import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, EntityType, EventFamily, NodeAttributes } from '../../types.js';

interface N {
  key: string;
  type: EntityType;
  label: string;
  aliases: string[];
  mentionCount: number;
}
interface E {
  key: string;
  source: string;
  target: string;
  predicate: string;
  family: EventFamily;
  text: string;
}

const NODES: N[] = [
  { key: 'person:recep-tayyip-erdogan', type: 'person', label: 'Recep Tayyip Erdoğan', aliases: ['Erdogan', 'Erdoğan', 'Recep Tayyip Erdogan'], mentionCount: 12 },
  { key: 'person:bashar-al-assad', type: 'person', label: 'Bashar al-Assad', aliases: ['Assad', 'al-Assad'], mentionCount: 9 },
  { key: 'person:jens-stoltenberg', type: 'person', label: 'Jens Stoltenberg', aliases: ['Stoltenberg'], mentionCount: 5 },
  { key: 'person:mevlut-cavusoglu', type: 'person', label: 'Mevlüt Çavuşoğlu', aliases: [], mentionCount: 3 },
  { key: 'organization:nato', type: 'organization', label: 'NATO', aliases: ['North Atlantic Treaty Organization'], mentionCount: 7 },
  { key: 'place:turkey', type: 'place', label: 'Turkey', aliases: ['Türkiye'], mentionCount: 10 },
  { key: 'place:syria', type: 'place', label: 'Syria', aliases: [], mentionCount: 8 },
  { key: 'place:syrian-arab-republic', type: 'place', label: 'Syrian Arab Republic', aliases: [], mentionCount: 1 },
];

const EDGES: E[] = [
  { key: 'e1', source: 'person:recep-tayyip-erdogan', target: 'person:bashar-al-assad', predicate: 'condemn', family: 'criticise', text: 'Erdogan condemned Assad over the attack in Idlib.' },
  { key: 'e2', source: 'person:jens-stoltenberg', target: 'person:recep-tayyip-erdogan', predicate: 'urge', family: 'demand', text: 'Stoltenberg urged Erdogan to show restraint.' },
  { key: 'e3', source: 'place:turkey', target: 'place:syria', predicate: 'retaliate against', family: 'attack', text: 'Turkey retaliated against Syrian government targets.' },
  { key: 'e4', source: 'person:mevlut-cavusoglu', target: 'place:turkey', predicate: 'foreign minister of', family: 'role', text: 'Turkish Foreign Minister Mevlüt Çavuşoğlu spoke to reporters.' },
  { key: 'e5', source: 'person:jens-stoltenberg', target: 'organization:nato', predicate: 'secretary general of', family: 'role', text: 'NATO Secretary General Jens Stoltenberg called for de-escalation.' },
  { key: 'e6', source: 'organization:nato', target: 'place:turkey', predicate: 'express solidarity with', family: 'support', text: 'NATO expressed solidarity with Turkey.' },
  { key: 'e7', source: 'person:recep-tayyip-erdogan', target: 'place:turkey', predicate: 'president of', family: 'role', text: 'Turkish President Recep Tayyip Erdogan spoke on Friday.' },
  { key: 'e8', source: 'person:bashar-al-assad', target: 'place:syria', predicate: 'president of', family: 'role', text: 'Syrian President Bashar al-Assad did not comment.' },
];

/** Build the fixture graph (a fresh copy each call). */
export function buildFixtureGraph(): MultiDirectedGraph<NodeAttributes, EdgeAttributes> {
  const g = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
  NODES.forEach((n, i) => {
    g.addNode(n.key, {
      label: n.label,
      type: n.type,
      aliases: n.aliases,
      mentions: [{ doc: 'a.txt', start: i * 10, end: i * 10 + 5 }],
      roles: [],
      docs: ['a.txt'],
      sources: ['Example Wire'],
      mentionCount: n.mentionCount,
      pagerank: 0.1,
      x: i,
      y: -i,
      size: 5,
      color: '#888888',
      mergeReasons: [],
    });
  });
  for (const e of EDGES) {
    g.addEdgeWithKey(e.key, e.source, e.target, {
      predicate: e.predicate,
      label: e.predicate,
      verbs: [e.predicate],
      family: e.family,
      quad: 'neutral',
      evidence: [{ doc: 'a.txt', start: 0, end: e.text.length, text: e.text }],
      weight: 1,
      sources: ['Example Wire'],
      assertedBy: [],
      negated: false,
      hedged: false,
      size: 1,
      color: '#cccccc',
    });
  }
  return g;
}
