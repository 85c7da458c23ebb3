/** export/: the formats the graph leaves in. */
export { toGexf } from './gexf.js';
export { toJson, toSerialized } from './json.js';
export { toGraphml } from './graphml.js';
export { toNodesCsv, toEdgesCsv, toClaimsCsv, parseCsv, csvField } from './csv.js';
export { toNeo4j, relationshipType, nodeLabel, ARRAY_DELIMITER } from './neo4j.js';
export type { Neo4jExport } from './neo4j.js';
