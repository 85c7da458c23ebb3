/**
 * View filters: entity type, event family, outlet, document, minimum weight. Pure predicates used
 * by the sigma reducers (the graph itself is never changed by filtering).
 */

export interface Filters {
  /** Entity types hidden (empty: all shown). */
  hiddenTypes: string[];
  /** Event families hidden. */
  hiddenFamilies: string[];
  /** When set, only items reported by this outlet. */
  source: string | null;
  /** When set, only items from this document id. */
  doc: string | null;
  /** Edges with a lower weight are hidden. */
  minWeight: number;
}

export const DEFAULT_FILTERS: Filters = {
  hiddenTypes: [],
  hiddenFamilies: [],
  source: null,
  doc: null,
  minWeight: 1,
};

export interface FilterableNode {
  type?: string;
  sources?: string[];
  docs?: string[];
}

export interface FilterableEdge {
  family?: string;
  weight?: number;
  sources?: string[];
  evidence?: { doc: string }[];
}

export function isFiltering(f: Filters): boolean {
  return f.hiddenTypes.length > 0 || f.hiddenFamilies.length > 0 || f.source !== null || f.doc !== null || f.minWeight > 1;
}

export function nodePasses(n: FilterableNode, f: Filters): boolean {
  if (f.hiddenTypes.length && f.hiddenTypes.includes(n.type ?? 'other')) return false;
  if (f.source !== null && !(n.sources ?? []).includes(f.source)) return false;
  if (f.doc !== null && !(n.docs ?? []).includes(f.doc)) return false;
  return true;
}

export function edgePasses(e: FilterableEdge, f: Filters): boolean {
  if (f.hiddenFamilies.length && f.hiddenFamilies.includes(e.family ?? 'other')) return false;
  if ((e.weight ?? 1) < f.minWeight) return false;
  if (f.source !== null && !(e.sources ?? []).includes(f.source)) return false;
  if (f.doc !== null && !(e.evidence ?? []).some((ev) => ev.doc === f.doc)) return false;
  return true;
}
