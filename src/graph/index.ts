/** graph/: the graphology knowledge graph — build, layout, metrics, and the whole-build pipeline. */
export { buildGraph, assignMetrics, createKnowledgeGraph, outletOf, GENERATOR } from './build.js';
export type { KnowledgeGraph, BuildGraphOptions } from './build.js';
export { assignLayout, defaultIterations } from './layout.js';
export type { LayoutOptions } from './layout.js';
export { buildFromInputs, extractInputs, extractRecord } from './pipeline.js';
export type { PipelineOptions, PipelineProgress, PipelineResult } from './pipeline.js';
export { TYPE_COLORS, QUAD_COLORS } from './appearance.js';
export { countInputDocuments, extractStream, resolveWorkerCount } from './pipeline.js';
export type { ExtractOptions, ExtractItem, ReadItem } from './pipeline.js';
export { createExtractPool, defaultWorkerCount } from './pool.js';
export type { ExtractPool } from './pool.js';
export { addDocuments, addItems, removeDocuments, positionsOf } from './incremental.js';
export type { GraphState, IncrementalOptions, IncrementalResult } from './incremental.js';
export { warmIterations } from './incremental.js';
