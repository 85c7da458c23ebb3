/**
 * newsgraph's public Node API: named exports only, no logic.
 */
export { addToGraph, build, buildFromTexts, openGraph, openGraphWithRecords, query, removeFromGraph, saveGraph } from './api.js';
export type { AddOptions, BuildOptions, BuildResult, GraphWithRecords, TextInput, UpdateResult } from './api.js';
export type { ResolveMemo } from './resolve/index.js';
export { toGexf, toJson, toSerialized, toGraphml, toNodesCsv, toEdgesCsv, toNeo4j } from './export/index.js';
export { buildGraph, type KnowledgeGraph } from './graph/index.js';
export { runQuery, parseQuery, formatResult, findNodes } from './query/index.js';
export type { QueryOptions } from './query/index.js';
export { extractDocument } from './nlp/index.js';
export { readDocuments, documentFromText } from './ingest/index.js';
export { createServer } from './server/index.js';
export { checkGraphFolder, type FolderCheck } from './store/check.js';
export * from './errors.js';
export type * from './types.js';
