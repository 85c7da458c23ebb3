/**
 * View filters: entity type, event family, outlet, document, publication dates, minimum weight,
 * minimum number of relations per entity. Pure predicates used by the sigma reducers (the graph
 * itself is never changed by filtering).
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
  /** When set, only items reported in documents published on or after this day (`YYYY-MM-DD`). */
  since: string | null;
  /** When set, only items reported in documents published on or before this day. */
  until: string | null;
  /** Edges with a lower weight are hidden. */
  minWeight: number;
  /** Entities with fewer relations are hidden (0: all shown). */
  minRelations: number;
}

export const DEFAULT_FILTERS: Filters = {
  hiddenTypes: [],
  hiddenFamilies: [],
  source: null,
  doc: null,
  since: null,
  until: null,
  minWeight: 1,
  minRelations: 0,
};

/** Graphs below this many entities always open with every entity shown. */
export const SPRAWL_MIN_ORDER = 2000;

/**
 * The filters a graph opens with. A big news graph is mostly names mentioned once and related to
 * nothing (BBC: 11,500 of 12,800 entities): when more than half of a graph of at least
 * SPRAWL_MIN_ORDER entities have no relation, it opens on the entities that have one, and the
 * Filters panel shows how to bring the others back.
 */
export function defaultFilters(order: number, unrelated: number): Filters {
  const sprawling = order >= SPRAWL_MIN_ORDER && unrelated * 2 > order && unrelated < order; // never an empty view
  return { ...DEFAULT_FILTERS, minRelations: sprawling ? 1 : 0 };
}

export interface FilterableNode {
  type?: string;
  /** Number of relations (edges) of the entity. */
  relations?: number;
  sources?: string[];
  docs?: string[];
}

export interface FilterableEdge {
  family?: string;
  weight?: number;
  sources?: string[];
  evidence?: { doc: string }[];
}

/** Each document's publication day (`YYYY-MM-DD`); undated documents are left out. */
export type DocumentDays = ReadonlyMap<string, string>;

/** The publication days of documents (`published` as the graph has it: an ISO date or time, or null). */
export function documentDays(docs: readonly { id: string; published?: string | null }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of docs) if (d.published && /^\d{4}-\d{2}-\d{2}/.test(d.published)) out.set(d.id, d.published.slice(0, 10));
  return out;
}

const isDating = (f: Filters): boolean => f.since !== null || f.until !== null;

/** A document published within the filters' days (an undated one never is, while dates are asked for). */
function inDays(doc: string, f: Filters, days: DocumentDays | undefined): boolean {
  const day = days?.get(doc);
  return day !== undefined && (f.since === null || day >= f.since) && (f.until === null || day <= f.until);
}

export function isFiltering(f: Filters): boolean {
  return f.hiddenTypes.length > 0 || f.hiddenFamilies.length > 0 || f.source !== null || f.doc !== null || isDating(f) || f.minWeight > 1 || f.minRelations > 0;
}

export function nodePasses(n: FilterableNode, f: Filters, days?: DocumentDays): boolean {
  if (f.hiddenTypes.length && f.hiddenTypes.includes(n.type ?? 'other')) return false;
  if (f.minRelations > 0 && (n.relations ?? 0) < f.minRelations) return false;
  if (f.source !== null && !(n.sources ?? []).includes(f.source)) return false;
  if (f.doc !== null && !(n.docs ?? []).includes(f.doc)) return false;
  if (isDating(f) && !(n.docs ?? []).some((d) => inDays(d, f, days))) return false;
  return true;
}

export function edgePasses(e: FilterableEdge, f: Filters, days?: DocumentDays): boolean {
  if (f.hiddenFamilies.length && f.hiddenFamilies.includes(e.family ?? 'other')) return false;
  if ((e.weight ?? 1) < f.minWeight) return false;
  if (f.source !== null && !(e.sources ?? []).includes(f.source)) return false;
  if (f.doc !== null && !(e.evidence ?? []).some((ev) => ev.doc === f.doc)) return false;
  if (isDating(f) && !(e.evidence ?? []).some((ev) => inDays(ev.doc, f, days))) return false;
  return true;
}

/** Whether any edge filter is set (else every relation counts, and a node's count is its degree). */
export function isFilteringEdges(f: Filters): boolean {
  return f.hiddenFamilies.length > 0 || f.source !== null || f.doc !== null || isDating(f) || f.minWeight > 1;
}

/**
 * Relations per entity that pass the edge filters (an entity missing from the map has none): what
 * "min. relations per entity" counts, so that raising "min. documents per relation" also hides the
 * entities it leaves unconnected. `forEachEdge` is graphology's.
 */
export function visibleRelations(
  forEachEdge: (cb: (edge: string, attrs: FilterableEdge, source: string, target: string) => void) => void,
  f: Filters,
  days?: DocumentDays,
): Map<string, number> {
  const counts = new Map<string, number>();
  forEachEdge((_e, a, s, t) => {
    if (!edgePasses(a, f, days)) return;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (t !== s) counts.set(t, (counts.get(t) ?? 0) + 1);
  });
  return counts;
}

/**
 * The status line's note on what the filters hide now (empty when they hide nothing). `unrelated`:
 * entities with no relation at all, named as such when the only filter is the default "at least one
 * relation".
 */
export function hiddenNote(f: Filters, hidden: { nodes: number; edges: number }, totals: { nodes: number; edges: number }, unrelated: number): string {
  if (!hidden.nodes && !hidden.edges) return '';
  const n = (x: number) => x.toLocaleString('en');
  if (f.minRelations === 1 && !isFilteringEdges(f) && !f.hiddenTypes.length && hidden.nodes === unrelated && !hidden.edges) {
    return `the ${n(unrelated)} without a relation are hidden (Filters)`;
  }
  const parts: string[] = [];
  if (hidden.nodes) parts.push(`${n(hidden.nodes)} of ${n(totals.nodes)} entities`);
  if (hidden.edges) parts.push(`${n(hidden.edges)} of ${n(totals.edges)} relations`);
  return `filters hide ${parts.join(' and ')}`;
}
