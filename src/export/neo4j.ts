/**
 * Neo4j import files: nodes.csv and relationships.csv in neo4j-admin import format, and import.cypher,
 * a LOAD CSV script for a running database or cluster (where neo4j-admin import, which only fills an
 * empty database offline, is not an option). This is the way to move a graph that outgrows one
 * process into Neo4j.
 */
import type { KnowledgeGraph } from '../graph/build.js';
import { csvField } from './csv.js';

/** neo4j-admin's array delimiter (passed as --array-delimiter). */
export const ARRAY_DELIMITER = ';';

/** Relationship type for a predicate: `retaliate against` → `RETALIATE_AGAINST`. */
export function relationshipType(predicate: string): string {
  const t = predicate
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return !t ? 'RELATED_TO' : /^[0-9]/.test(t) ? `R_${t}` : t;
}

/** Node label for an entity type: `organization` → `Organization`. */
export function nodeLabel(type: string): string {
  const t = type.replace(/[^A-Za-z0-9]+/g, '');
  return t ? t[0]!.toUpperCase() + t.slice(1) : 'Other';
}

const list = (values: string[]) => values.map((v) => v.split(ARRAY_DELIMITER).join(',')).join(ARRAY_DELIMITER);
const line = (fields: unknown[]) => `${fields.map(csvField).join(',')}\n`;

export interface Neo4jExport {
  /** File name → content: nodes.csv, relationships.csv, import.cypher, README.txt. */
  files: Record<string, string>;
}

/** Builds the Neo4j import files for the graph. */
export function toNeo4j(graph: KnowledgeGraph): Neo4jExport {
  let nodes = line(['entityId:ID(Entity)', 'name', 'type', 'aliases:string[]', 'mentionCount:int', 'documentCount:int', 'outlets:string[]', 'roles:string[]', 'pagerank:float', ':LABEL']);
  const types = new Set<string>();
  graph.forEachNode((key, a) => {
    types.add(a.type);
    nodes += line([key, a.label, a.type, list(a.aliases), a.mentionCount, a.docs.length, list(a.sources), list(a.roles.map((r) => r.role)), a.pagerank, `Entity${ARRAY_DELIMITER}${nodeLabel(a.type)}`]);
  });
  // A relationship is known by its edge key within the graph it came from (the graph's name), so that
  // running import.cypher again updates what it wrote, while graphs of other partitions (time
  // windows, outlets) exported into the same database keep relationships of their own.
  const graphName = String(graph.getAttribute('name') ?? '');
  let rels = line([':START_ID(Entity)', ':END_ID(Entity)', ':TYPE', 'edgeId', 'graph', 'predicate', 'family', 'quad', 'weight:int', 'outlets:string[]', 'evidenceCount:int', 'negated:boolean', 'hedged:boolean', 'firstEvidence']);
  const relTypes = new Set<string>();
  graph.forEachEdge((key, a, s, t) => {
    const type = relationshipType(a.predicate);
    relTypes.add(type);
    rels += line([s, t, type, key, graphName, a.predicate, a.family, a.quad, a.weight, list(a.sources), a.evidence.length, a.negated, a.hedged, a.evidence[0]?.text ?? '']);
  });

  const col = (name: string) => `row.\`${name}\``;
  const cypher: string[] = [
    '// newsgraph → Neo4j with LOAD CSV, for a running database or cluster.',
    "// Copy nodes.csv and relationships.csv into the database's import folder, then run this file with",
    '// cypher-shell -f import.cypher (in Neo4j Browser, prefix each CALL … IN TRANSACTIONS statement with :auto).',
    '',
    'CREATE CONSTRAINT newsgraph_entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.entityId IS UNIQUE;',
    '',
    "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
    'CALL {',
    '  WITH row',
    `  MERGE (e:Entity {entityId: ${col('entityId:ID(Entity)')}})`,
    `  SET e.name = row.name, e.type = row.type,`,
    `      e.aliases = split(${col('aliases:string[]')}, '${ARRAY_DELIMITER}'),`,
    `      e.mentionCount = toInteger(${col('mentionCount:int')}), e.documentCount = toInteger(${col('documentCount:int')}),`,
    `      e.outlets = split(${col('outlets:string[]')}, '${ARRAY_DELIMITER}'), e.roles = split(${col('roles:string[]')}, '${ARRAY_DELIMITER}'),`,
    `      e.pagerank = toFloat(${col('pagerank:float')})`,
    '} IN TRANSACTIONS OF 1000 ROWS;',
    '',
  ];
  for (const type of [...types].sort()) {
    cypher.push(`MATCH (e:Entity {type: '${type.replace(/'/g, "\\'")}'}) SET e:${nodeLabel(type)};`);
  }
  cypher.push('');
  for (const type of [...relTypes].sort()) {
    cypher.push(
      "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row",
      `WITH row WHERE ${col(':TYPE')} = '${type}'`,
      'CALL {',
      '  WITH row',
      `  MATCH (s:Entity {entityId: ${col(':START_ID(Entity)')}}), (t:Entity {entityId: ${col(':END_ID(Entity)')}})`,
      `  MERGE (s)-[r:${type} {edgeId: row.edgeId, graph: coalesce(row.graph, '')}]->(t)`,
      `  SET r.predicate = row.predicate, r.family = row.family, r.quad = row.quad, r.weight = toInteger(${col('weight:int')}),`,
      `      r.outlets = split(${col('outlets:string[]')}, '${ARRAY_DELIMITER}'), r.evidenceCount = toInteger(${col('evidenceCount:int')}),`,
      `      r.negated = ${col('negated:boolean')} = 'true', r.hedged = ${col('hedged:boolean')} = 'true', r.firstEvidence = row.firstEvidence`,
      '} IN TRANSACTIONS OF 1000 ROWS;',
      '',
    );
  }
  const readme = [
    'newsgraph export for Neo4j',
    '',
    'Offline, into a new empty database (fastest; neo4j-admin import format):',
    `  neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv --array-delimiter="${ARRAY_DELIMITER}" --multiline-fields=true neo4j`,
    '  (--multiline-fields: evidence sentences of hard-wrapped articles keep their line breaks)',
    '',
    'Online, into a running database or cluster: copy the two CSV files into the import folder and run',
    '  cypher-shell -f import.cypher',
    'Running it again updates what it wrote (entities are merged on entityId, relationships on edgeId and',
    'graph, the name of the graph they came from): nothing is duplicated, but what is no longer in the',
    'graph is not deleted. Graphs built per partition (time window, outlet) and imported into one database',
    'share their entities and keep one relationship per graph.',
    '',
  ].join('\n');
  return { files: { 'nodes.csv': nodes, 'relationships.csv': rels, 'import.cypher': `${cypher.join('\n')}\n`, 'README.txt': readme } };
}
