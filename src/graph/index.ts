/** graph/: the graphology knowledge graph — build, layout, metrics, and the whole-build pipeline. */
export { buildGraph, buildGraphAndMemo, assignMetrics, createKnowledgeGraph, outletOf, GENERATOR } from './build.js';
export type { KnowledgeGraph, BuildGraphOptions, BuiltGraph } from './build.js';
export { assignLayout, defaultIterations } from './layout.js';
export type { LayoutOptions } from './layout.js';
export {
  buildFromInputs,
  countInputDocuments,
  dropCopies,
  dropRecordCopies,
  extractInputs,
  extractRecord,
  extractStream,
  resolveWorkerCount,
  SameContent,
  sameContentReason,
} from './pipeline.js';
export type { ExtractItem, ExtractOptions, PipelineOptions, PipelineProgress, PipelineResult, ReadItem } from './pipeline.js';
export { TYPE_COLORS, QUAD_COLORS } from './appearance.js';
export { createExtractPool, defaultWorkerCount } from './pool.js';
export type { ExtractPool } from './pool.js';
export { addDocuments, addItems, removeDocuments, positionsOf, previousOf, previousOfSerialized, warmIterations } from './incremental.js';
export type { GraphState, IncrementalOptions, IncrementalResult, PreviousGraph } from './incremental.js';
