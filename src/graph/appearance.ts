/**
 * Colours and sizes shared by the graph file, GEXF and the viewer's defaults. Pure data.
 */
import type { EntityType, QuadClass } from '../types.js';

/** Node colour per entity type (colour-blind-friendly Tableau 10). */
export const TYPE_COLORS: Record<EntityType, string> = {
  person: '#e15759',
  organization: '#4e79a7',
  place: '#59a14f',
  event: '#f28e2b',
  other: '#9c755f',
};

/** Edge colour per quad class: conflict in reds, cooperation in greens, neutral in grey. */
export const QUAD_COLORS: Record<QuadClass, string> = {
  'material-conflict': '#d62728',
  'verbal-conflict': '#ff9896',
  'material-cooperation': '#2ca02c',
  'verbal-cooperation': '#98df8a',
  neutral: '#9e9e9e',
};

/** Node size from its importance in [0, 1]. */
export function nodeSize(importance: number): number {
  return Math.round((3 + 17 * Math.sqrt(Math.max(0, Math.min(1, importance)))) * 100) / 100;
}

/** Edge thickness from the number of supporting documents. */
export function edgeSize(weight: number): number {
  return Math.min(8, 1 + Math.log2(Math.max(1, weight)) * 1.5);
}
