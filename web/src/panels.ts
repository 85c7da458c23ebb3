/**
 * The evidence panels: node (type, aliases, roles, documents and outlets, relations grouped by
 * predicate), edge (supporting sentences side by side per outlet, entity names highlighted) and path
 * (hop by hop with evidence) and claim (each value a fact's reports give, with the sentences and
 * outlets that give it). Everything is built from text nodes; nothing is parsed as HTML.
 */
import type { ClaimGroup, DocumentInfo, Evidence } from '../../src/types.js';
import { el } from './dom.js';
import { splitHighlights } from './text.js';
import { fillMentions } from './mentions.js';
import { familyColor } from './palette.js';
import type { ViewerGraph } from './load.js';
import { edgesBetween, type FoundPath, type PathSearchResult } from './paths.js';

export interface PanelActions {
  selectNode(node: string): void;
  selectEdge(edge: string): void;
  pathFrom(node: string): void;
  pathTo(node: string): void;
  showPath(index: number): void;
}

/** Documents shown at first in a node's panel, and added by each "show more". */
export const DOCS_PAGE = 20;

const docIndexes = new WeakMap<object, { list: DocumentInfo[]; map: Map<string, DocumentInfo> }>();
/** The graph's documents by id (kept per documents list: a hub's panel asked for 21,000 of them on every open). */
export function docIndex(graph: ViewerGraph): Map<string, DocumentInfo> {
  const list = graph.getAttribute('documents') ?? [];
  const cached = docIndexes.get(graph);
  if (cached?.list === list) return cached.map;
  const map = new Map<string, DocumentInfo>();
  for (const d of list) map.set(d.id, d);
  docIndexes.set(graph, { list, map });
  return map;
}

/** A list of `ids` that shows the first `page` and a button for the next `page` at a time. */
function pagedList(ids: string[], item: (id: string) => HTMLElement, page: number, cls: string): HTMLElement {
  const ul = el('ul', { class: cls });
  const box = el('div', { class: 'paged' }, ul);
  let shown = 0;
  const more = el('button', { type: 'button', class: 'link small more' });
  const showMore = () => {
    const next = ids.slice(shown, shown + page);
    ul.append(...next.map(item));
    shown += next.length;
    if (shown >= ids.length) more.remove();
    else more.textContent = `Show ${Math.min(page, ids.length - shown)} more (${shown.toLocaleString('en')} of ${ids.length.toLocaleString('en')} shown)`;
  };
  more.addEventListener('click', showMore);
  box.append(more);
  showMore();
  return box;
}

const namesOf = (graph: ViewerGraph, node: string): string[] => {
  if (!graph.hasNode(node)) return [];
  const a = graph.getNodeAttributes(node);
  return [a.label, ...(a.aliases ?? [])];
};

/** A sentence with the given entities' names marked. */
export function sentence(text: string, groups: string[][]): HTMLElement {
  const q = el('q', { class: 'sentence' });
  for (const piece of splitHighlights(text, groups)) {
    if (piece.mark < 0) q.appendChild(document.createTextNode(piece.text));
    else q.appendChild(el('mark', { class: `m${piece.mark}` }, piece.text));
  }
  return q;
}

function docLine(d: DocumentInfo | undefined, id: string): HTMLElement {
  if (!d) return el('span', { class: 'doc' }, id);
  return el(
    'span',
    { class: 'doc', title: d.path },
    el('span', { class: 'outlet' }, d.source || d.path || d.id),
    d.published ? ` · ${d.published}` : '',
    ' · ',
    el('span', { class: 'title' }, d.title || d.id),
  );
}

function nodeButton(graph: ViewerGraph, node: string, actions: PanelActions): HTMLElement {
  const label = graph.hasNode(node) ? graph.getNodeAttribute(node, 'label') : node;
  return el('button', { type: 'button', class: 'link', 'data-node': node, onclick: () => actions.selectNode(node) }, label);
}

export function renderNodePanel(graph: ViewerGraph, node: string, actions: PanelActions): HTMLElement {
  const a = graph.getNodeAttributes(node);
  const docs = docIndex(graph);
  const root = el('section', { class: 'node-panel', 'aria-label': `Details of ${a.label}` });
  root.append(
    el('h2', null, el('span', { class: 'dot', style: `background:${a.color}` }), a.label),
    el('p', { class: 'meta' }, el('span', { class: 'badge' }, a.entityType), ` · ${(a.mentionCount ?? 0).toLocaleString('en')} mentions · ${graph.degree(node).toLocaleString('en')} relations`),
    el(
      'p',
      { class: 'actions' },
      el('button', { type: 'button', onclick: () => actions.pathFrom(node) }, 'Path from here'),
      el('button', { type: 'button', onclick: () => actions.pathTo(node) }, 'Path to here'),
    ),
  );
  const aliases = (a.aliases ?? []).filter((x) => x !== a.label);
  if (aliases.length) root.append(el('h3', null, 'Also called'), el('ul', { class: 'aliases' }, aliases.map((x) => el('li', null, x))));
  if (a.roles?.length) {
    root.append(
      el('h3', null, 'Roles'),
      el(
        'ul',
        { class: 'roles' },
        a.roles.map((r) =>
          el('li', null, r.role, r.of ? [' of ', nodeButton(graph, r.of, actions)] : null, el('span', { class: 'count' }, ` (${r.docs.length} doc${r.docs.length === 1 ? '' : 's'})`)),
        ),
      ),
    );
  }
  // Relations grouped by predicate, both directions.
  const byPred = new Map<string, { edge: string; out: boolean; other: string }[]>();
  graph.forEachEdge(node, (edge, e, s, t) => {
    const key = e.predicate ?? e.label;
    const list = byPred.get(key) ?? [];
    list.push({ edge, out: s === node, other: s === node ? t : s });
    byPred.set(key, list);
  });
  const preds = [...byPred.keys()].sort((x, y) => byPred.get(y)!.length - byPred.get(x)!.length || x.localeCompare(y));
  root.append(el('h3', null, `Relations (${graph.degree(node).toLocaleString('en')})`));
  if (!preds.length) root.append(el('p', { class: 'empty' }, 'No relations.'));
  for (const p of preds) {
    const items = byPred.get(p)!;
    const family = graph.getEdgeAttribute(items[0]!.edge, 'family');
    const group = el('div', { class: 'relation-group' }, el('h4', null, el('span', { class: 'swatch', style: `background:${familyColor(family)}` }), p, el('span', { class: 'count' }, ` ${items.length}`)));
    for (const it of items) {
      const e = graph.getEdgeAttributes(it.edge);
      const names = [namesOf(graph, graph.source(it.edge)), namesOf(graph, graph.target(it.edge))];
      const li = el(
        'div',
        { class: 'relation' },
        el(
          'div',
          { class: 'rel-head' },
          it.out ? el('span', { class: 'dir' }, `${a.label} → `) : null,
          nodeButton(graph, it.other, actions),
          !it.out ? el('span', { class: 'dir' }, ` → ${a.label}`) : null,
          el('span', { class: 'count' }, ` · ${e.weight} doc${e.weight === 1 ? '' : 's'}${e.negated ? ' · negated' : ''}${e.hedged ? ' · hedged' : ''}`),
          el('button', { type: 'button', class: 'link small', onclick: () => actions.selectEdge(it.edge) }, 'evidence'),
        ),
        el('ul', { class: 'evidence' }, (e.evidence ?? []).slice(0, 3).map((ev) => el('li', null, sentence(ev.text, names), ' ', docLine(docs.get(ev.doc), ev.doc)))),
      );
      group.append(li);
    }
    root.append(group);
  }
  // After the relations: a hub is in thousands of documents. Outlets from the documents' metadata
  // (the source of truth for who published what).
  const outlets = [...new Set((a.docs ?? []).map((d) => docs.get(d)?.source).filter((x): x is string => !!x))].sort();
  if (outlets.length) root.append(el('h3', null, 'Outlets'), el('p', { class: 'outlets' }, outlets.join(' · ')));
  if (a.docs?.length) {
    root.append(
      el('h3', null, `Documents (${a.docs.length.toLocaleString('en')})`),
      pagedList(a.docs, (d) => el('li', null, docLine(docs.get(d), d)), DOCS_PAGE, 'docs'),
    );
  }
  if (a.mentions?.length) {
    const list = el('ul', { class: 'evidence mentions', 'aria-busy': 'true' });
    root.append(el('h3', null, `Mentioned in (${a.mentions.length.toLocaleString('en')})`), list);
    void fillMentions(list, a.mentions, (d) => docLine(docs.get(d), d)).finally(() => list.removeAttribute('aria-busy'));
  }
  return root;
}

export function renderEdgePanel(graph: ViewerGraph, edge: string, actions: PanelActions): HTMLElement {
  const e = graph.getEdgeAttributes(edge);
  const [s, t] = graph.extremities(edge);
  const docs = docIndex(graph);
  const names = [namesOf(graph, s), namesOf(graph, t)];
  const root = el('section', { class: 'edge-panel', 'aria-label': 'Relation details' });
  root.append(
    el('h2', null, nodeButton(graph, s, actions), el('span', { class: 'pred', style: `color:${familyColor(e.family)}` }, ` ${e.predicate ?? e.label} → `), nodeButton(graph, t, actions)),
    el(
      'p',
      { class: 'meta' },
      el('span', { class: 'badge', style: `background:${familyColor(e.family)}` }, e.family),
      ` ${e.quad ?? ''} · weight ${e.weight}`,
      e.negated ? ' · negated' : '',
      e.hedged ? ' · hedged' : '',
      e.verbs?.length ? ` · as written: ${e.verbs.join(', ')}` : '',
    ),
  );
  if (e.assertedBy?.length) root.append(el('p', { class: 'meta' }, 'Asserted by ', e.assertedBy.map((n, i) => [i ? ', ' : '', nodeButton(graph, n, actions)]).flat()));
  // Side by side per outlet.
  const byOutlet = new Map<string, Evidence[]>();
  for (const ev of e.evidence ?? []) {
    const d = docs.get(ev.doc);
    const outlet = d?.source || d?.title || ev.doc;
    const list = byOutlet.get(outlet) ?? [];
    list.push(ev);
    byOutlet.set(outlet, list);
  }
  const cols = el('div', { class: 'outlet-columns' });
  for (const [outlet, evs] of [...byOutlet].sort((x, y) => x[0].localeCompare(y[0]))) {
    cols.append(
      el(
        'div',
        { class: 'outlet-column' },
        el('h3', null, outlet),
        evs.map((ev) =>
          el(
            'figure',
            { class: 'evidence-card' },
            sentence(ev.text, names),
            el('figcaption', null, docLine(docs.get(ev.doc), ev.doc), ev.assertedBy ? [' · said by ', nodeButton(graph, ev.assertedBy, actions)] : null, ev.negated ? ' · negated' : '', ev.hedged ? ' · hedged' : ''),
          ),
        ),
      ),
    );
  }
  root.append(el('h3', null, `Supporting sentences (${(e.evidence ?? []).length})`), cols);
  // Other relations between the same two entities.
  const others = edgesBetween(graph, s, t).filter((x) => x !== edge);
  if (others.length) {
    root.append(
      el('h3', null, 'Also between them'),
      el(
        'ul',
        null,
        others.map((x) => {
          const o = graph.getEdgeAttributes(x);
          return el('li', null, el('button', { type: 'button', class: 'link', onclick: () => actions.selectEdge(x) }, `${graph.getNodeAttribute(graph.source(x), 'label')} ${o.predicate} ${graph.getNodeAttribute(graph.target(x), 'label')}`));
        }),
      ),
    );
  }
  return root;
}

export function renderPathPanel(graph: ViewerGraph, result: PathSearchResult, shown: number, actions: PanelActions, title: string): HTMLElement {
  const root = el('section', { class: 'path-panel', 'aria-label': 'Paths' }, el('h2', null, title));
  if (result.cutoff) root.append(el('p', { class: 'notice', role: 'status' }, result.cutoff));
  if (!result.paths.length) {
    root.append(el('p', { class: 'empty' }, 'No path found with these settings.'));
    return root;
  }
  if (result.paths.length > 1) {
    root.append(
      el('p', null, `${result.paths.length} paths. `),
      el(
        'ol',
        { class: 'path-list' },
        result.paths.slice(0, 200).map((p, i) =>
          el('li', null, el('button', { type: 'button', class: i === shown ? 'link current' : 'link', 'aria-current': i === shown ? 'true' : null, onclick: () => actions.showPath(i) }, p.nodes.map((n) => graph.getNodeAttribute(n, 'label')).join(' — '))),
        ),
      ),
    );
  }
  const p = result.paths[shown];
  if (p) root.append(renderHops(graph, p, actions));
  return root;
}

export function renderHops(graph: ViewerGraph, p: FoundPath, actions: PanelActions): HTMLElement {
  const docs = docIndex(graph);
  return el(
    'ol',
    { class: 'hops' },
    p.hops.map((h) => {
      const e = graph.getEdgeAttributes(h.edge);
      const names = [namesOf(graph, h.source), namesOf(graph, h.target)];
      return el(
        'li',
        { class: 'hop' },
        el(
          'div',
          { class: 'rel-head' },
          nodeButton(graph, h.source, actions),
          el('span', { class: 'pred', style: `color:${familyColor(e.family)}` }, h.reversed ? ` ← ${e.predicate} ← ` : ` → ${e.predicate} → `),
          nodeButton(graph, h.target, actions),
          h.edges.length > 1 ? el('span', { class: 'count' }, ` (+${h.edges.length - 1} more relations)`) : null,
          el('button', { type: 'button', class: 'link small', onclick: () => actions.selectEdge(h.edge) }, 'evidence'),
        ),
        el('ul', { class: 'evidence' }, (e.evidence ?? []).slice(0, 2).map((ev) => el('li', null, sentence(ev.text, names), ' ', docLine(docs.get(ev.doc), ev.doc)))),
      );
    }),
  );
}

/** The documents' outlets, in order of first appearance, without repeats. */
export function outletsOf(docIds: readonly string[], docs: ReadonlyMap<string, DocumentInfo>): string[] {
  return [...new Set(docIds.map((d) => docs.get(d)?.source || d))];
}

/**
 * A fact documents report (`killed: turkish soldiers`): each value with the outlets that give it and
 * the sentences they give it in, the value as written marked, and who the document says asserted it.
 * A graph written before values carried sentences lists the documents instead.
 */
export function renderClaimPanel(graph: ViewerGraph, claim: ClaimGroup, actions: PanelActions): HTMLElement {
  const docs = docIndex(graph);
  const root = el('section', { class: 'claim-panel', 'aria-label': 'Claim details' });
  const outlets = outletsOf(claim.values.flatMap((v) => v.docs), docs);
  root.append(
    el('h2', null, claim.about),
    el(
      'p',
      { class: 'meta' },
      claim.disputed ? el('span', { class: 'badge warn' }, 'disputed') : el('span', { class: 'badge' }, 'agreed'),
      ` ${claim.property} · ${claim.values.length.toLocaleString('en')} value${claim.values.length === 1 ? '' : 's'} from ${outlets.length.toLocaleString('en')} outlet${outlets.length === 1 ? '' : 's'}`,
    ),
  );
  for (const v of claim.values) {
    const by = outletsOf(v.docs, docs);
    root.append(
      el(
        'h3',
        { class: 'claim-value' },
        el('strong', null, v.value),
        v.surfaces.length && (v.surfaces.length > 1 || v.surfaces[0] !== v.value) ? ` (as written: ${v.surfaces.join(', ')})` : '',
        ` — ${by.join(', ')}`,
      ),
    );
    const evidence = v.evidence ?? [];
    if (!evidence.length) {
      root.append(el('ul', { class: 'docs' }, v.docs.map((d) => el('li', null, docLine(docs.get(d), d)))));
      continue;
    }
    root.append(
      el(
        'div',
        { class: 'claim-evidence' },
        evidence.map((ev: Evidence) =>
          el(
            'figure',
            { class: 'evidence-card' },
            sentence(ev.text, [v.surfaces]),
            el('figcaption', null, docLine(docs.get(ev.doc), ev.doc), ev.assertedBy && graph.hasNode(ev.assertedBy) ? [' · said by ', nodeButton(graph, ev.assertedBy, actions)] : null),
          ),
        ),
      ),
    );
  }
  return root;
}
