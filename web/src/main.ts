/**
 * The newsgraph viewer: loads graph.json from the server, draws it with sigma, and wires search,
 * neighbourhood highlight, evidence panels, path finder, query console, filters, claims, URL state
 * and exports. Display changes go through sigma's reducers; the graph is never mutated to highlight.
 */
import { EdgeArrowProgram } from 'sigma/rendering';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import type FA2Layout from 'graphology-layout-forceatlas2/worker';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';

import { $, el, clear } from './dom.js';
import { loadGraph, yieldToPage, type LoadedGraph } from './load.js';
import type { NameIndex } from './search-index.js';
import { createNameField } from './combobox.js';
import { docEntries, suggestDocs } from './doc-search.js';
import { FAMILY_ORDER, familyColor, familyGroup, typeColor } from './palette.js';
import { DEFAULT_FILTERS, defaultFilters, documentDays, edgePasses, hiddenNote, isFiltering, isFilteringEdges, nodePasses, visibleRelations, type Filters } from './filters.js';
import { parseViewState, serializeViewState, type PathRequest, type ViewState } from './url-state.js';
import { MAX_PATH_HOPS, MIN_PATH_HOPS, findAllPaths, findShortestPath, type PathSearchResult } from './paths.js';
import { renderClaimPanel, renderEdgePanel, renderNodePanel, renderPathPanel, docIndex, outletsOf, type PanelActions } from './panels.js';
import { createConsole } from './console.js';
import { createLod } from './lod.js';
import { LodEdgeProgram, LodNodeProgram, isCameraMoving } from './lod-programs.js';
import { createSigma } from './sliced-sigma.js';
import { watchForUpdates } from './updates.js';
import { boundedLabels, fitCamera } from './focus.js';
import { graphSummary, num } from './format.js';

const FADED_NODE = '#e3e3e3';
const FADED_EDGE = '#eeeeee';
/** Pointer travel (px) with the button down after which a press is a drag, not a click. */
const DRAG_START_PX = 4;

interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

/** A node and its neighbours, of which only `labels` have their label forced. */
interface Focus {
  node: string;
  neighbours: Set<string>;
  labels: Set<string>;
}

const state = {
  selectedNode: null as string | null,
  selectedEdge: null as string | null,
  /** The claim group (its `about`) whose panel is open. */
  selectedClaim: null as string | null,
  hoveredNode: null as string | null,
  hover: null as Focus | null,
  selected: null as Focus | null,
  filters: { ...DEFAULT_FILTERS } as Filters,
  path: null as PathRequest | null,
  pathResult: null as PathSearchResult | null,
  pathShown: 0,
  query: null as string | null,
  highlight: null as Highlight | null,
};

const status = $('status');
/** Let the browser paint and handle input between setup steps (no task should run long). */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const setStatus = (text: string) => (status.textContent = text);

async function main(): Promise<void> {
  setStatus('Loading graph…');
  const t0 = performance.now();
  let loaded: LoadedGraph;
  try {
    // Progress at most every 100 ms (formatting numbers for each slice cost more than the slice).
    let shown = 0;
    loaded = await loadGraph('api/graph', (p) => {
      const now = performance.now();
      if (now - shown < 100) return;
      shown = now;
      setStatus(`Loading graph… ${p.done} / ${p.total}`);
    });
  } catch (e) {
    setStatus(`Could not load the graph: ${e instanceof Error ? e.message : String(e)}`);
    document.body.dataset.state = 'error';
    return;
  }
  const { graph, display } = loaded;
  performance.mark('newsgraph:loaded');
  watchForUpdates(loaded);
  // A big graph made mostly of entities related to nothing opens without them (filters.ts); a link's
  // filters apply from the first picture on.
  let unrelated = 0;
  graph.forEachNode((n) => {
    if (graph.degree(n) === 0) unrelated++;
  });
  const filterDefaults = defaultFilters(graph.order, unrelated);
  /** Each document's publication day, for the date filter (undated documents are left out). */
  const days = documentDays(graph.getAttribute('documents') ?? []);
  state.filters = parseViewState(location.hash, filterDefaults).filters;
  // "Min. relations per entity" counts the relations the edge filters leave (null: all of them).
  let relCounts: Map<string, number> | null = null;
  const countRelations = () => (relCounts = isFilteringEdges(state.filters) ? visibleRelations((cb) => graph.forEachEdge(cb), state.filters, days) : null);
  const relationsOf = (n: string) => (relCounts ? (relCounts.get(n) ?? 0) : graph.degree(n));
  countRelations();
  /** The status line's summary of the graph (set once loaded; filter changes then update the line). */
  let statusBase = '';
  // heavy: points and plain lines, no edge picking, only the most important nodes drawn while
  // moving (lod-programs.ts), no hover highlight (each costs a full pass over the graph in software
  // WebGL); big: edges culled by weight at low zoom.
  const heavy = loaded.heavy;
  const container = $('graph');
  const lod = createLod(loaded);
  /** Whether any filter is set (kept in step with state.filters by applyFilters). */
  let filtering = isFiltering(state.filters);
  await lod.fill((done, total) => setStatus(`Preparing the view… ${done} / ${total}`));
  // A fresh task for sigma's set-up (WebGL contexts, shaders), not the end of the last slice's.
  await yieldToPage();

  const sigma = createSigma(display, container, {
    defaultEdgeType: heavy ? 'line' : 'arrow',
    nodeProgramClasses: heavy ? { circle: LodNodeProgram } : {},
    edgeProgramClasses: heavy ? { line: LodEdgeProgram } : { arrow: EdgeArrowProgram, curved: EdgeCurvedArrowProgram },
    renderEdgeLabels: graph.size <= 2000,
    enableEdgeEvents: !heavy,
    // LodEdgeProgram hides edges while moving; sigma's own hideEdgesOnMove would re-process the whole
    // graph after every drag.
    hideEdgesOnMove: false,
    hideLabelsOnMove: heavy,
    labelDensity: 0.6,
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: heavy ? 7 : 6,
    labelFont: 'system-ui, sans-serif',
    labelSize: 13,
    edgeLabelFont: 'system-ui, sans-serif',
    edgeLabelSize: 11,
    edgeLabelColor: { color: '#555' },
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 10,
    stagePadding: 40,
    nodeReducer: (node, data) => nodeReducer(node, data),
    edgeReducer: (edge, data) => edgeReducer(edge, data),
  });
  // The first picture is drawn once sigma's sliced processing of the display graph is done.
  const drawn = sigma.whenDrawn().then(() => {
    performance.mark('newsgraph:drawn');
    requestAnimationFrame(() => {
      (window as unknown as { __newsgraphTimings?: unknown }).__newsgraphTimings = { firstRender: performance.now() };
    });
  });
  lod.attach(sigma);
  /** The extent of the entities the relations filter shows, so that the fitted view frames them (null: the whole graph). */
  function shownBBox(): { x: [number, number]; y: [number, number] } | null {
    const min = state.filters.minRelations;
    if (min <= 0) return null;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    graph.forEachNode((n, a) => {
      if (relationsOf(n) < min) return;
      x0 = Math.min(x0, a.x);
      x1 = Math.max(x1, a.x);
      y0 = Math.min(y0, a.y);
      y1 = Math.max(y1, a.y);
    });
    return x0 < x1 && y0 < y1 ? { x: [x0, x1], y: [y0, y1] } : null;
  }
  sigma.setCustomBBox(shownBBox());
  if (heavy) {
    // Once the camera stops, draw everything again (the last frame of a move was drawn "moving").
    let settle: ReturnType<typeof setTimeout> | undefined;
    const settleLater = () => {
      clearTimeout(settle);
      settle = setTimeout(() => (isCameraMoving(sigma) ? settleLater() : sigma.scheduleRender()), 150);
    };
    sigma.getCamera().on('updated', settleLater);
    document.addEventListener('mouseup', settleLater);
    document.addEventListener('wheel', settleLater, { passive: true });
    // While dragging, keep pointer moves off sigma's mouse layer: its hover test reads pixels back
    // from the GPU on every move, which stalls software WebGL. Panning itself listens on document.
    // Only once the pointer has really moved: a click (down and up in place) must reach the mouse
    // layer, where sigma's click handler (clickNode / clickStage) listens.
    let down: { x: number; y: number } | null = null;
    container.addEventListener('mousedown', (e) => (down = e.button === 0 ? { x: e.clientX, y: e.clientY } : null), true);
    document.addEventListener(
      'mousemove',
      (e) => {
        if (down && Math.abs(e.clientX - down.x) + Math.abs(e.clientY - down.y) > DRAG_START_PX) {
          down = null;
          container.classList.add('dragging');
        }
      },
      true,
    );
    document.addEventListener(
      'mouseup',
      () => {
        down = null;
        container.classList.remove('dragging');
      },
      true,
    );
  }
  (window as unknown as { __newsgraph?: unknown }).__newsgraph = { sigma, graph, state };
  // A graph drawn whole (no level of detail) is a short job for sigma: its picture comes before the
  // rest of the page is set up. A big graph's picture takes seconds, and the page is set up meanwhile.
  if (display === graph) {
    await drawn;
    await nextTask(); // not in the frame's task, where drawn resolves
  }

  function focusSet(): Focus | null {
    if (state.hoveredNode && state.hover) return state.hover;
    if (state.selectedNode && state.selected) return state.selected;
    return null;
  }

  /** The labels a highlight forces (a path's every node; of a big query result, the most important). */
  let highlightLabelsCache: { hl: Highlight; labels: Set<string> } | null = null;
  function highlightLabels(hl: Highlight): Set<string> {
    if (highlightLabelsCache?.hl !== hl) highlightLabelsCache = { hl, labels: boundedLabels([], hl.nodes, importance) };
    return highlightLabelsCache.labels;
  }

  /** A selected edge is shown like a highlight of it and its two ends (cached: reducers ask per item). */
  let edgeFocusCache: { edge: string; hl: Highlight } | null = null;
  function edgeFocus(): Highlight | null {
    const e = state.selectedEdge;
    if (!e || !graph.hasEdge(e)) return null;
    if (edgeFocusCache?.edge !== e) {
      const [s, t] = graph.extremities(e);
      edgeFocusCache = { edge: e, hl: { nodes: new Set([s, t]), edges: new Set([e]) } };
    }
    return edgeFocusCache.hl;
  }

  // The reducers run for every item on each refresh (sigma hands them a fresh copy of the
  // attributes, so they change it in place) and return at once when nothing is selected or filtered.
  function nodeReducer(node: string, data: Record<string, unknown>): Partial<NodeDisplayData> {
    const res = data as Partial<NodeDisplayData> & Record<string, unknown>;
    if (!filtering && !state.highlight && !state.hoveredNode && !state.selectedNode && !state.selectedEdge) return res;
    // A query or path result shows even where the filters would hide it.
    if (filtering && !nodeVisible(node) && !state.highlight?.nodes.has(node)) {
      res.hidden = true;
      return res;
    }
    const focus = focusSet();
    const hl = edgeFocus() ?? state.highlight;
    // Only a bounded number of labels are forced (focus.ts): the others of a big selection go
    // through sigma's label grid; faded nodes have no label, so they do not take its cells.
    if (focus) {
      if (node === focus.node || focus.neighbours.has(node)) {
        if (focus.labels.has(node)) res.forceLabel = true;
        res.zIndex = 2;
        if (node === focus.node) res.highlighted = true;
      } else {
        res.color = FADED_NODE;
        res.label = null;
        res.zIndex = 0;
      }
    } else if (hl) {
      if (hl.nodes.has(node)) {
        if (highlightLabels(hl).has(node)) {
          res.forceLabel = true;
          res.highlighted = true;
        }
        res.zIndex = 2;
      } else {
        res.color = FADED_NODE;
        res.label = null;
        res.zIndex = 0;
      }
    }
    if (node === state.selectedNode) res.highlighted = true;
    return res;
  }

  function edgeReducer(edge: string, data: Record<string, unknown>): Partial<EdgeDisplayData> {
    const res = data as Partial<EdgeDisplayData> & Record<string, unknown>;
    if (!filtering && !state.highlight && !state.hoveredNode && !state.selectedNode && !state.selectedEdge) return res;
    const a = data as unknown as { family: string; weight: number; sources?: string[]; evidence?: { doc: string }[] };
    const [s, t] = graph.extremities(edge);
    if (filtering && !state.highlight?.edges.has(edge) && (!edgePasses(a, state.filters, days) || !nodeVisible(s) || !nodeVisible(t))) {
      res.hidden = true;
      return res;
    }
    const focus = focusSet();
    const hl = edgeFocus() ?? state.highlight;
    if (focus) {
      if (s !== focus.node && t !== focus.node) {
        res.hidden = true;
      } else {
        res.zIndex = 2;
        if (focus.labels.has(s === focus.node ? t : s)) res.forceLabel = true;
      }
    } else if (hl) {
      if (hl.edges.has(edge)) {
        res.zIndex = 2;
        res.size = Math.max(3, Number(data.size ?? 1) * 1.5);
        const labels = highlightLabels(hl);
        if (labels.has(s) && labels.has(t)) res.forceLabel = true;
      } else {
        res.color = FADED_EDGE;
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (edge === state.selectedEdge) {
      res.size = Math.max(4, Number(data.size ?? 1) * 2);
      res.zIndex = 3;
      res.forceLabel = true;
    }
    return res;
  }

  function nodeVisible(n: string): boolean {
    if (n === state.selectedNode) return true;
    const a = graph.getNodeAttributes(n);
    return nodePasses({ type: a.entityType, sources: a.sources, docs: a.docs, relations: relationsOf(n) }, state.filters, days);
  }

  /** How much a node's label matters when only some can be forced: its size, then its relations. */
  const importance = (n: string) => Number(graph.getNodeAttribute(n, 'size') ?? 0) + graph.degree(n) * 1e-6;
  function focusOf(n: string): Focus {
    const neighbours = new Set(graph.neighbors(n));
    return { node: n, neighbours, labels: boundedLabels([n], neighbours, importance) };
  }

  await nextTask();

  /* ---------------------------------------------------------------- name index / search */
  const index: NameIndex = loaded.index;
  const getIndex = () => index;

  const searchField = createNameField($('search') as HTMLInputElement, getIndex, (s) => {
    selectNode(s.node, { centre: true });
  });

  /* ---------------------------------------------------------------- sidebar (a drawer below 900 px) */
  const layoutRoot = $('layout-root');
  const sidebarToggle = $('sidebar-toggle');
  function showSidebar(open: boolean): void {
    layoutRoot.classList.toggle('sidebar-open', open);
    sidebarToggle.setAttribute('aria-expanded', String(open));
  }
  sidebarToggle.addEventListener('click', () => showSidebar(!layoutRoot.classList.contains('sidebar-open')));

  /* ---------------------------------------------------------------- panels */
  const panel = $('panel');
  const panelBody = $('panel-body');
  const actions: PanelActions = {
    selectNode: (n) => selectNode(n, { centre: true }),
    selectEdge: (e) => selectEdge(e),
    pathFrom: (n) => {
      showSidebar(true);
      fromField.set(n, graph.getNodeAttribute(n, 'label'));
      ($('path-box') as HTMLDetailsElement).open = true;
      toField.input.focus();
    },
    pathTo: (n) => {
      showSidebar(true);
      toField.set(n, graph.getNodeAttribute(n, 'label'));
      ($('path-box') as HTMLDetailsElement).open = true;
      fromField.input.focus();
    },
    showPath: (i) => {
      state.pathShown = i;
      showPathResult();
    },
  };

  function openPanel(content: HTMLElement): void {
    clear(panelBody);
    panelBody.append(content);
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function closePanel(): void {
    panel.hidden = true;
    clear(panelBody);
  }

  /** The last entity asked for that this graph does not have (said in the status line). */
  let missingNode: string | null = null;
  function selectNode(node: string | null, opts: { centre?: boolean; quiet?: boolean } = {}): void {
    if (node && !graph.hasNode(node)) {
      // a link made on another version of the graph, or a query answered by the graph the server
      // loaded after this page did (updates.ts)
      const newer = !$('update-banner').hidden;
      missingNode = node;
      setStatus(`${node} is not in the graph this page loaded${newer ? ": the server's is newer, load it to see it" : ''}.`);
      node = null;
    }
    state.selectedNode = node;
    state.selectedEdge = null;
    state.selectedClaim = null;
    state.selected = node ? focusOf(node) : null;
    if (node) lod.ensure(graph.edges(node));
    if (node) {
      openPanel(renderNodePanel(graph, node, actions));
      if (opts.centre) fitTo([node, ...[...state.selected!.neighbours].filter((n) => nodeVisible(n))]);
    } else if (!state.pathResult) closePanel();
    sigma.refresh();
    if (!opts.quiet) pushState();
  }

  function selectEdge(edge: string | null, opts: { quiet?: boolean } = {}): void {
    if (edge && !graph.hasEdge(edge)) edge = null;
    state.selectedEdge = edge;
    state.selectedNode = null;
    state.selectedClaim = null;
    state.selected = null;
    if (edge) lod.ensure([edge]);
    if (edge) openPanel(renderEdgePanel(graph, edge, actions));
    else closePanel();
    sigma.refresh();
    if (!opts.quiet) pushState();
  }

  /** Opens the panel of a claim group (by its `about`): each value with the sentences that report it. */
  function selectClaim(about: string | null, opts: { quiet?: boolean } = {}): void {
    const claim = about ? claims.find((c) => c.about === about) : undefined;
    if (about && !claim) setStatus(`No claim “${about}” in the graph this page loaded.`);
    state.selectedClaim = claim ? claim.about : null;
    state.selectedNode = null;
    state.selectedEdge = null;
    state.selected = null;
    if (claim) openPanel(renderClaimPanel(graph, claim, actions));
    else if (state.pathResult) showPathResult();
    else closePanel();
    sigma.refresh();
    if (!opts.quiet) pushState();
  }

  /**
   * Animate the camera to frame these nodes (a selection and its neighbours, a path, a query result).
   * Before a big graph's first picture is processed (a link opened cold) sigma has no positions yet:
   * the fit waits for it, unless another fit comes first.
   */
  let fitSeq = 0;
  function fitTo(nodes: Iterable<string>): void {
    const list = [...nodes];
    const my = ++fitSeq;
    if (sigma.isProcessing() && list.some((n) => !sigma.getNodeDisplayData(n))) {
      void sigma.whenDrawn().then(() => my === fitSeq && fitNow(list));
      return;
    }
    fitNow(list);
  }
  function fitNow(nodes: string[]): void {
    const points: { x: number; y: number }[] = [];
    for (const n of nodes) {
      const d = sigma.getNodeDisplayData(n);
      if (d) points.push({ x: d.x, y: d.y });
    }
    sigma.resize(); // the panel may just have opened or closed
    const camera = sigma.getCamera();
    const target = fitCamera(points, (p, c) => sigma.framedGraphToViewport(p, { cameraState: { x: c.x, y: c.y, ratio: 1, angle: 0 } }), sigma.getDimensions(), {
      padding: 60,
      minRatio: 0.05,
      maxRatio: 1.2,
      singleRatio: Math.min(camera.ratio, 0.6),
    });
    if (target) camera.animate({ ...target, angle: 0 }, { duration: 400 });
  }

  /** Selection, path and query (with its table) all cleared (Escape, the panel's close button). */
  function clearAll(): void {
    state.highlight = null;
    state.pathResult = null;
    state.path = null;
    clearQuery();
    selectNode(null);
    closePanel();
  }
  /** A query's highlight, its table and its place in the URL cleared (the text stays in the field). */
  function clearQuery(): void {
    if (!state.pathResult) state.highlight = null;
    state.query = null;
    qconsole.reset();
  }

  /* ---------------------------------------------------------------- sigma events */
  sigma.on('enterNode', ({ node }) => {
    container.style.cursor = 'pointer';
    if (heavy) return;
    state.hoveredNode = node;
    state.hover = focusOf(node);
    sigma.refresh();
  });
  sigma.on('leaveNode', () => {
    container.style.cursor = '';
    if (heavy) return;
    state.hoveredNode = null;
    state.hover = null;
    sigma.refresh();
  });
  sigma.on('clickNode', ({ node }) => selectNode(node));
  sigma.on('clickEdge', ({ edge }) => selectEdge(edge));
  sigma.on('enterEdge', () => (container.style.cursor = 'pointer'));
  sigma.on('leaveEdge', () => (container.style.cursor = ''));
  sigma.on('clickStage', () => {
    if (state.selectedNode || state.selectedEdge || state.selectedClaim) {
      state.selectedNode = null;
      state.selectedEdge = null;
      state.selectedClaim = null;
      state.selected = null;
      if (state.pathResult) showPathResult();
      else closePanel();
      sigma.refresh();
      pushState();
    } else if (state.query || (state.highlight && !state.pathResult)) {
      // then a query's highlight (a path's stays: its panel is open, with its own Clear button)
      clearQuery();
      sigma.refresh();
      pushState();
    }
  });

  /* ---------------------------------------------------------------- controls */
  const camera = sigma.getCamera();
  $('zoom-in').addEventListener('click', () => camera.animatedZoom({ duration: 250 }));
  $('zoom-out').addEventListener('click', () => camera.animatedUnzoom({ duration: 250 }));
  $('fit').addEventListener('click', () => camera.animatedReset({ duration: 300 }));
  $('fullscreen').addEventListener('click', () => {
    const root = $('layout-root');
    if (document.fullscreenElement) void document.exitFullscreen();
    else void root.requestFullscreen?.().catch(() => setStatus('Full screen is not allowed here.'));
  });

  // The layout worker and the PNG exporter are loaded when first used, not before the first frame.
  // The button shows the intent at once; the worker starts or stops when its code has loaded.
  let layoutOn = false;
  let fa2: Promise<FA2Layout> | null = null;
  const layoutBtn = $('layout');
  const showLayout = () => {
    layoutBtn.textContent = layoutOn ? 'Layout ⏸' : 'Layout ▶';
    layoutBtn.setAttribute('aria-pressed', String(layoutOn));
  };
  layoutBtn.addEventListener('click', () => {
    layoutOn = !layoutOn;
    showLayout();
    fa2 ??= Promise.all([import('graphology-layout-forceatlas2/worker'), import('graphology-layout-forceatlas2')]).then(
      ([{ default: Layout }, { inferSettings }]) => new Layout(display, { settings: { ...inferSettings(display), barnesHutOptimize: graph.order > 2000 } }),
    );
    fa2.then(
      (layout) => {
        if (layoutOn && !layout.isRunning()) layout.start();
        else if (!layoutOn && layout.isRunning()) layout.stop();
      },
      (e: unknown) => {
        fa2 = null;
        layoutOn = false;
        showLayout();
        setStatus(`Layout failed: ${String(e)}`);
      },
    );
  });

  $('export-png').addEventListener('click', () => {
    void import('@sigma/export-image')
      .then(({ downloadAsPNG }) => downloadAsPNG(sigma, { fileName: 'newsgraph', backgroundColor: '#ffffff' }))
      .catch((e: unknown) => setStatus(`PNG export failed: ${String(e)}`));
  });
  $('share').addEventListener('click', () => {
    pushState('replace');
    const url = location.href;
    setStatus(`Link: ${url}`);
    if (navigator.clipboard) void navigator.clipboard.writeText(url).then(() => setStatus(`Link copied: ${url}`), () => undefined);
  });

  await nextTask();

  /* ---------------------------------------------------------------- legend & filters */
  // Counted by the loader as items arrived (a pass over 250k edges here would block the page).
  const { typeCounts, familyCounts: famCounts } = loaded;
  const types = [...typeCounts.keys()].sort();
  const families = FAMILY_ORDER.filter((f) => famCounts.has(f));

  const legendTypes = $('legend-types');
  const legendFamilies = $('legend-families');
  function renderLegend(): void {
    clear(legendTypes);
    for (const t of types) {
      const on = !state.filters.hiddenTypes.includes(t);
      legendTypes.append(
        el('li', null, el('button', { type: 'button', class: 'legend-item', 'aria-pressed': on ? 'true' : 'false', 'data-type': t, title: on ? `Hide ${t}` : `Show ${t}`, onclick: () => toggle('hiddenTypes', t) }, el('span', { class: 'dot', style: `background:${typeColor(t, types)}` }), t, el('span', { class: 'count' }, ` ${num(typeCounts.get(t) ?? 0)}`))),
      );
    }
    clear(legendFamilies);
    for (const f of families) {
      const on = !state.filters.hiddenFamilies.includes(f);
      legendFamilies.append(
        el('li', null, el('button', { type: 'button', class: 'legend-item', 'aria-pressed': on ? 'true' : 'false', 'data-family': f, title: `${familyGroup(f)}`, onclick: () => toggle('hiddenFamilies', f) }, el('span', { class: 'swatch', style: `background:${familyColor(f)}` }), f, el('span', { class: 'group' }, ` ${familyGroup(f)}`), el('span', { class: 'count' }, ` ${num(famCounts.get(f) ?? 0)}`))),
      );
    }
  }
  function toggle(key: 'hiddenTypes' | 'hiddenFamilies', value: string): void {
    const list = state.filters[key];
    state.filters = { ...state.filters, [key]: list.includes(value) ? list.filter((x) => x !== value) : [...list, value] };
    applyFilters();
  }
  const docs = graph.getAttribute('documents') ?? [];
  const sourceSel = $('filter-source') as HTMLSelectElement;
  for (const s of [...new Set(docs.map((d) => d.source).filter(Boolean))].sort()) sourceSel.append(el('option', { value: s }, s));
  // The document filter finds a document by what is typed: a corpus has thousands of them.
  const docList = docEntries(docs);
  const docLabelOf = new Map(docList.map((d) => [d.id, d.label]));
  const docInput = $('filter-doc') as HTMLInputElement;
  const docField = createNameField(
    docInput,
    getIndex,
    (s) => ((state.filters = { ...state.filters, doc: s.node }), applyFilters()),
    (text, limit) => suggestDocs(docList, text, limit),
  );
  docInput.addEventListener('input', () => {
    if (!docInput.value.trim() && state.filters.doc !== null) ((state.filters = { ...state.filters, doc: null }), applyFilters());
  });
  // Publication dates: shown when documents have them; a day picked keeps what those days reported.
  const sinceInput = $('filter-since') as HTMLInputElement;
  const untilInput = $('filter-until') as HTMLInputElement;
  const allDays = [...new Set(days.values())].sort();
  $('filter-dates').hidden = allDays.length === 0;
  for (const input of [sinceInput, untilInput]) {
    input.min = allDays[0] ?? '';
    input.max = allDays[allDays.length - 1] ?? '';
  }
  const dayOf = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);
  sinceInput.addEventListener('change', () => ((state.filters = { ...state.filters, since: dayOf(sinceInput.value) }), applyFilters()));
  untilInput.addEventListener('change', () => ((state.filters = { ...state.filters, until: dayOf(untilInput.value) }), applyFilters()));
  const weightInput = $('filter-weight') as HTMLInputElement;
  const maxWeight = graph.reduceEdges((m, _e, a) => Math.max(m, a.weight), 1);
  weightInput.max = String(maxWeight);
  sourceSel.addEventListener('change', () => ((state.filters = { ...state.filters, source: sourceSel.value || null }), applyFilters()));
  weightInput.addEventListener('change', () => {
    const w = Math.max(1, Math.floor(Number(weightInput.value) || 1));
    state.filters = { ...state.filters, minWeight: w };
    applyFilters();
  });
  const relationsInput = $('filter-relations') as HTMLInputElement;
  relationsInput.addEventListener('change', () => {
    state.filters = { ...state.filters, minRelations: Math.max(0, Math.floor(Number(relationsInput.value) || 0)) };
    applyFilters();
  });
  $('filter-reset').addEventListener('click', () => ((state.filters = { ...filterDefaults }), applyFilters()));

  let appliedFilters = JSON.stringify(state.filters);
  /** What the bounding box of the shown entities depends on. */
  const bboxKey = () => (state.filters.minRelations > 0 ? JSON.stringify(state.filters) : '');
  let appliedBBox = bboxKey();
  function applyFilters(opts: { quiet?: boolean } = {}): void {
    sourceSel.value = state.filters.source ?? '';
    if (document.activeElement !== docInput || state.filters.doc === null) docField.set(state.filters.doc, state.filters.doc ? (docLabelOf.get(state.filters.doc) ?? state.filters.doc) : undefined);
    sinceInput.value = state.filters.since ?? '';
    untilInput.value = state.filters.until ?? '';
    weightInput.value = String(state.filters.minWeight);
    relationsInput.value = String(state.filters.minRelations);
    renderLegend();
    // A refresh re-processes the whole graph: only when the filters really changed.
    const now = JSON.stringify(state.filters);
    if (now !== appliedFilters) {
      appliedFilters = now;
      filtering = isFiltering(state.filters);
      countRelations();
      if (bboxKey() !== appliedBBox) {
        appliedBBox = bboxKey();
        sigma.setCustomBBox(shownBBox());
      }
      sigma.refresh();
      if (statusBase) showStatus();
    }
    if (!opts.quiet) pushState('replace');
  }

  await nextTask();

  /** The status line's summary of the graph and of what the filters hide now. */
  function showStatus(extra = ''): void {
    let hiddenNodes = 0;
    let hiddenEdges = 0;
    if (filtering) {
      const hidden = new Set<string>();
      graph.forEachNode((n) => void (!nodeVisible(n) && hidden.add(n)));
      hiddenNodes = hidden.size;
      graph.forEachEdge((_e, a, s, t) => void ((hidden.has(s) || hidden.has(t) || !edgePasses(a, state.filters, days)) && hiddenEdges++));
    }
    const note = hiddenNote(state.filters, { nodes: hiddenNodes, edges: hiddenEdges }, { nodes: graph.order, edges: graph.size }, unrelated);
    setStatus(`${statusBase}${note ? ` · ${note}` : ''}${extra}`);
  }

  /* ---------------------------------------------------------------- claims */
  const claims = graph.getAttribute('claims') ?? [];
  const docMap = docIndex(graph);
  const disputed = claims.filter((c) => c.disputed);
  $('claims-count').textContent = `(${disputed.length})`;
  const claimsBox = $('claims');
  if (!claims.length) claimsBox.append(el('p', { class: 'empty' }, 'No claims extracted.'));
  const claimList = el('ul', { class: 'claims' });
  for (const c of [...disputed, ...claims.filter((x) => !x.disputed)]) {
    claimList.append(
      el(
        'li',
        { class: c.disputed ? 'claim disputed' : 'claim' },
        el(
          'div',
          { class: 'about' },
          el('button', { type: 'button', class: 'link', title: 'Show the sentences that report each value', onclick: () => selectClaim(c.about) }, c.about),
          c.disputed ? el('span', { class: 'badge warn' }, 'disputed') : null,
        ),
        el(
          'ul',
          { class: 'values' },
          c.values.map((v) =>
            el('li', null, el('strong', null, v.value), v.surfaces.length ? ` (${v.surfaces.join(', ')})` : '', ' — ', outletsOf(v.docs, docMap).join(', ')),
          ),
        ),
      ),
    );
  }
  claimsBox.append(claimList);

  /* ---------------------------------------------------------------- path finder */
  const fromField = createNameField($('path-from') as HTMLInputElement, getIndex, () => undefined);
  const toField = createNameField($('path-to') as HTMLInputElement, getIndex, () => undefined);
  const modeSel = $('path-mode') as HTMLSelectElement;
  for (let k = MIN_PATH_HOPS; k <= MAX_PATH_HOPS; k++) modeSel.append(el('option', { value: String(k) }, `all paths ≤ ${k} hops`));
  const noHubs = $('path-nohubs') as HTMLInputElement;
  const famBox = $('path-families');
  for (const f of families) {
    famBox.append(el('label', { class: 'check' }, el('input', { type: 'checkbox', value: f, 'data-family': f }), ` ${f}`));
  }
  const excludedFamilies = () => [...famBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);

  $('path-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = fromField.value();
    const to = toField.value();
    if (!from || !to) {
      setStatus(!from ? 'Path finder: choose a "from" entity.' : 'Path finder: choose a "to" entity.');
      return;
    }
    runPath({ from, to, allUpTo: Number(modeSel.value) || 0, excludeHubs: noHubs.checked, excludeFamilies: excludedFamilies() });
  });
  $('path-clear').addEventListener('click', () => {
    fromField.set(null);
    toField.set(null);
    state.path = null;
    state.pathResult = null;
    state.highlight = null;
    if (!state.selectedNode && !state.selectedEdge) closePanel();
    sigma.refresh();
    pushState();
  });

  function runPath(req: PathRequest, opts: { quiet?: boolean } = {}): void {
    if (!graph.hasNode(req.from) || !graph.hasNode(req.to)) {
      setStatus('Path finder: unknown entity.');
      return;
    }
    fromField.set(req.from, graph.getNodeAttribute(req.from, 'label'));
    toField.set(req.to, graph.getNodeAttribute(req.to, 'label'));
    modeSel.value = String(req.allUpTo);
    noHubs.checked = req.excludeHubs;
    famBox.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = req.excludeFamilies.includes(i.value)));
    const popts = {
      excludeFamilies: req.excludeFamilies,
      excludeHubs: req.excludeHubs,
      nodeFilter: (n: string) => nodeVisible(n),
      edgeFilter: (e: string) => edgePasses(graph.getEdgeAttributes(e), state.filters, days),
    };
    const t = performance.now();
    state.pathResult = req.allUpTo > 0 ? findAllPaths(graph, req.from, req.to, req.allUpTo, popts) : findShortestPath(graph, req.from, req.to, popts);
    state.path = req;
    state.pathShown = 0;
    state.selectedNode = null;
    state.selectedEdge = null;
    state.selected = null;
    setStatus(`Path search: ${state.pathResult.paths.length} path(s) in ${Math.round(performance.now() - t)} ms.`);
    showPathResult();
    if (!opts.quiet) pushState();
  }

  function showPathResult(): void {
    const r = state.pathResult;
    if (!r || !state.path) return;
    const p = r.paths[state.pathShown];
    state.highlight = p ? { nodes: new Set(p.nodes), edges: new Set(p.hops.map((h) => h.edge)) } : null;
    if (state.highlight) {
      lod.ensure(state.highlight.edges);
      fitTo(state.highlight.nodes);
    }
    const from = graph.getNodeAttribute(state.path.from, 'label');
    const to = graph.getNodeAttribute(state.path.to, 'label');
    openPanel(renderPathPanel(graph, r, state.pathShown, actions, `${from} → ${to}`));
    sigma.refresh();
  }

  /* ---------------------------------------------------------------- console */
  const qconsole = createConsole({
    graph,
    onHighlight: (h, restoring) => {
      state.highlight = h && (h.nodes.size || h.edges.size) ? h : null;
      if (state.highlight) lod.ensure(state.highlight.edges);
      state.pathResult = null;
      // A selection's neighbourhood is drawn over any highlight: a query the user runs now clears it,
      // as the path finder does, so its result shows (a link's query and node are both restored).
      if (state.highlight && !restoring && (state.selectedNode || state.selectedEdge)) selectNode(null, { quiet: true });
      // Shown even where the filters would hide them: say how many.
      if (state.highlight && filtering) {
        let outside = 0;
        for (const n of state.highlight.nodes) if (!nodeVisible(n)) outside++;
        if (outside) setStatus(`${outside.toLocaleString('en')} of the ${state.highlight.nodes.size.toLocaleString('en')} results are outside the filters (shown anyway).`);
      }
      // Frame the result (a link that also selects a node frames that node instead).
      if (state.highlight && !(restoring && (state.selectedNode || state.selectedEdge))) fitTo(state.highlight.nodes);
      sigma.refresh();
    },
    onQuery: (q) => {
      state.query = q;
      pushState();
    },
    selectNode: (n) => selectNode(n, { centre: true }),
    selectEdge: (e) => selectEdge(e),
  });

  /* ---------------------------------------------------------------- URL state */
  let applying = false;
  function currentState(): ViewState {
    return {
      node: state.selectedNode,
      edge: state.selectedEdge,
      claim: state.selectedClaim,
      path: state.path,
      query: state.query,
      filters: state.filters,
    };
  }
  /**
   * Write the view to the URL: a new history entry for what the user looks at (selection, path,
   * query: Back returns to the previous one), the current entry replaced for filters and links.
   */
  function pushState(mode: 'push' | 'replace' = 'push'): void {
    if (applying) return;
    const hash = serializeViewState(currentState(), filterDefaults);
    const url = `${location.pathname}${location.search}${hash ? '#' + hash : ''}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (mode === 'push') history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }
  /** Show a view state (a link, Back / Forward): what it does not name is cleared. */
  function applyState(s: ViewState): void {
    applying = true;
    let dirty = false;
    try {
      state.filters = s.filters;
      applyFilters({ quiet: true });
      if (s.path) runPath(s.path, { quiet: true });
      else if (state.path) {
        state.path = null;
        state.pathResult = null;
        state.highlight = null;
        fromField.set(null);
        toField.set(null);
        if (!s.node && !s.edge) closePanel();
        dirty = true;
      }
      if (s.query) {
        if (s.query !== state.query) void qconsole.run(s.query, { quiet: true });
        state.query = s.query;
      } else if (state.query) {
        clearQuery();
        dirty = true;
      }
      if (s.node) selectNode(s.node, { centre: true, quiet: true });
      else if (s.edge) selectEdge(s.edge, { quiet: true });
      else if (s.claim) selectClaim(s.claim, { quiet: true });
      else if (state.selectedNode || state.selectedEdge || state.selectedClaim) selectNode(null, { quiet: true });
      else if (dirty) sigma.refresh();
    } finally {
      applying = false;
    }
  }
  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) !== serializeViewState(currentState(), filterDefaults)) applyState(parseViewState(location.hash, filterDefaults));
  });

  /* ---------------------------------------------------------------- keyboard */
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
    if (e.key === 'Escape') {
      if (!panel.hidden || state.highlight || state.query) {
        clearAll();
        searchField.input.focus();
      } else if (typing) target?.blur();
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      searchField.input.focus();
      searchField.input.select();
    } else if (e.key === ':') {
      e.preventDefault();
      qconsole.focus();
    } else if (e.key === '+' || e.key === '=') camera.animatedZoom({ duration: 200 });
    else if (e.key === '-') camera.animatedUnzoom({ duration: 200 });
    else if (e.key === '0') camera.animatedReset({ duration: 200 });
    else if (e.key === 'f') $('fullscreen').click();
  });
  $('panel-close').addEventListener('click', () => clearAll());

  renderLegend();
  await nextTask();
  applyState(parseViewState(location.hash, filterDefaults));
  const missingNote = missingNode ? ` · ${missingNode} (from the link) is not in the graph this page loaded` : '';
  statusBase = graphSummary(graph.order, graph.size, docs.length, performance.now() - t0);
  showStatus(missingNote);
  await drawn;
  performance.mark('newsgraph:ready');
  document.body.dataset.state = 'ready';
}

main().catch((e: unknown) => {
  setStatus(`The viewer failed: ${e instanceof Error ? e.message : String(e)}`);
  document.body.dataset.state = 'error';
  console.error(e);
});
