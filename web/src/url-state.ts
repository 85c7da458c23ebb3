/**
 * The view state that a link reproduces, kept in the URL hash (`#node=…&q=…`): selected node, edge
 * or claim, path request, query, filters. Pure parse / serialise; defaults are left out of the URL.
 */
import { DEFAULT_FILTERS, type Filters } from './filters.js';
import { MAX_PATH_HOPS, MIN_PATH_HOPS } from './paths.js';

export interface PathRequest {
  from: string;
  to: string;
  /** 0: shortest path only; k > 0: all simple paths up to k hops. */
  allUpTo: number;
  excludeHubs: boolean;
  excludeFamilies: string[];
}

export interface ViewState {
  node: string | null;
  edge: string | null;
  /** The claim group whose panel is open, by its `about`. */
  claim: string | null;
  path: PathRequest | null;
  query: string | null;
  filters: Filters;
}

export const EMPTY_STATE: ViewState = { node: null, edge: null, claim: null, path: null, query: null, filters: DEFAULT_FILTERS };

const list = (v: string | null): string[] => (v ? v.split(',').filter(Boolean) : []);

/** A day `YYYY-MM-DD`, or null for anything else. */
const day = (v: string | null): string | null => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && Number.isFinite(Date.parse(v)) ? v : null);

/**
 * Parse a hash (with or without the leading `#`). Unknown keys are ignored; bad values fall back to
 * defaults (`defaults`: the graph's own filter defaults, see defaultFilters).
 */
export function parseViewState(hash: string, defaults: Filters = DEFAULT_FILTERS): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const minWeight = Number(p.get('minw'));
  const filters: Filters = {
    hiddenTypes: list(p.get('ht')),
    hiddenFamilies: list(p.get('hf')),
    source: p.get('src') || null,
    doc: p.get('doc') || null,
    since: day(p.get('since')),
    until: day(p.get('until')),
    minWeight: Number.isFinite(minWeight) && minWeight > 1 ? Math.floor(minWeight) : 1,
    minRelations: p.has('minrel') ? Math.max(0, Math.floor(Number(p.get('minrel')) || 0)) : defaults.minRelations,
  };
  let path: PathRequest | null = null;
  const from = p.get('from');
  const to = p.get('to');
  if (from && to) {
    const k = Number(p.get('k'));
    path = {
      from,
      to,
      // the path finder's choices: a link never asks for one the select cannot show
      allUpTo: Number.isInteger(k) && k > 0 ? Math.min(MAX_PATH_HOPS, Math.max(MIN_PATH_HOPS, k)) : 0,
      excludeHubs: p.get('nohubs') === '1',
      excludeFamilies: list(p.get('xf')),
    };
  }
  return { node: p.get('node') || null, edge: p.get('edge') || null, claim: p.get('claim') || null, path, query: p.get('q') || null, filters };
}

/** Serialise to a hash string (no leading `#`); empty when the state is the default (`defaults`: as in parseViewState). */
export function serializeViewState(s: ViewState, defaults: Filters = DEFAULT_FILTERS): string {
  const p = new URLSearchParams();
  if (s.node) p.set('node', s.node);
  if (s.edge) p.set('edge', s.edge);
  if (s.claim) p.set('claim', s.claim);
  if (s.path) {
    p.set('from', s.path.from);
    p.set('to', s.path.to);
    if (s.path.allUpTo > 0) p.set('k', String(s.path.allUpTo));
    if (s.path.excludeHubs) p.set('nohubs', '1');
    if (s.path.excludeFamilies.length) p.set('xf', s.path.excludeFamilies.join(','));
  }
  if (s.query) p.set('q', s.query);
  const f = s.filters;
  if (f.hiddenTypes.length) p.set('ht', f.hiddenTypes.join(','));
  if (f.hiddenFamilies.length) p.set('hf', f.hiddenFamilies.join(','));
  if (f.source) p.set('src', f.source);
  if (f.doc) p.set('doc', f.doc);
  if (f.since) p.set('since', f.since);
  if (f.until) p.set('until', f.until);
  if (f.minWeight > 1) p.set('minw', String(f.minWeight));
  if (f.minRelations !== defaults.minRelations) p.set('minrel', String(f.minRelations));
  return p.toString();
}
