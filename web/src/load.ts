/**
 * Loading graph.json into the viewer without blocking the page: the JSON is fetched, parsed and
 * ranked in a worker and streamed here in small chunks, each added in its own short task. The
 * viewer's display attributes (colour by type, size by importance, edge colour by family, curvature
 * for parallel edges) are computed on the way, and so is the name index for search.
 *
 * Two graphs come out: `graph`, everything (panels, paths, filters), and `display`, what sigma
 * draws. For small graphs they are the same object; for big ones `display` holds every node but only
 * the strongest edges, and more are added as the camera zooms in (lod.ts).
 */
import Graph from 'graphology';
import type { SerializedGraph, GraphAttributes, NodeAttributes, EdgeAttributes } from '../../src/types.js';
import { familyColor, typeColor } from './palette.js';
import { addToNameIndex, type NameIndex } from './search-index.js';
import { isHeavy, nodeImportance, toLoadMessages, type LoadMessage } from './load-chunks.js';

export { isHeavy };

/** Graph files up to this size are parsed on the page (faster to first render); bigger ones in a worker. */
export const SMALL_GRAPH_BYTES = 4_000_000;

export type ViewerGraph = Graph<ViewerNode, ViewerEdge, GraphAttributes>;

export interface ViewerNode extends Partial<Omit<NodeAttributes, 'type'>> {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** sigma's node program (sigma reads `type`); the entity type is in `entityType`. */
  type: string;
  entityType: string;
  importance: number;
}

export interface ViewerEdge extends Partial<EdgeAttributes> {
  label: string;
  size: number;
  color: string;
  /** sigma's edge program: `arrow` or `curved`. */
  type: string;
  curvature?: number;
  weight: number;
  family: EdgeAttributes['family'];
  /** Position in the worker's ranking (0 = strongest). */
  rank: number;
}

/** Edges drawn at first on a big graph. */
export const EDGE_BUDGET = 8_000;

export interface LoadedGraph {
  graph: ViewerGraph;
  display: ViewerGraph;
  /** Edge keys by rank, strongest first. */
  ranked: string[];
  index: NameIndex;
  types: string[];
  heavy: boolean;
  /** Nodes per entity type and edges per event family, counted while loading (for the legend). */
  typeCounts: Map<string, number>;
  familyCounts: Map<string, number>;
  /** The server's generation of the graph (X-Newsgraph-Generation), when it says. */
  generation?: number;
  /** Which graph the server sent (its ETag), when it says: see updates.ts. */
  version?: string;
}

export interface LoadProgress {
  done: number;
  total: number;
}

const newGraph = (): ViewerGraph => new Graph({ type: 'directed', multi: true, allowSelfLoops: true });

/**
 * Fetch the graph: small files are parsed here in one go, big ones in the loader worker and streamed
 * back in chunks, each added in its own task.
 */
export async function loadGraph(url: string, onProgress: (p: LoadProgress) => void): Promise<LoadedGraph> {
  // No custom headers: index.html preloads api/graph, and a preload is only reused by a request
  // that matches it.
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  // Which load of its folder the server sent (it reloads the folder after an update): see updates.ts.
  const generation = Number(res.headers.get('x-newsgraph-generation') ?? NaN);
  const version = res.headers.get('etag') ?? undefined;
  const loaded = await loadResponse(url, res, onProgress);
  return { ...loaded, ...(Number.isInteger(generation) ? { generation } : {}), ...(version ? { version } : {}) };
}

async function loadResponse(url: string, res: Response, onProgress: (p: LoadProgress) => void): Promise<LoadedGraph> {
  const length = Number(res.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0 && length <= SMALL_GRAPH_BYTES) {
    // Here too the chunks are added in time-boxed slices, so no task grows with the graph.
    const data = (await res.json()) as SerializedGraph;
    performance.mark('newsgraph:parsed');
    const out = await feed(toLoadMessages(data), createSink());
    if (out) return out;
    throw new Error(`GET ${url}: empty graph`);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { type: 'module' });
    const sink = createSink(onProgress);
    // Messages wait in a queue and are added in slices of at most SLICE_ITEMS items, yielding to the
    // page whenever a task has run for SLICE_MS: no task grows with the size of the graph.
    const pending: LoadMessage[] = [];
    let draining = false;
    const fail = (e: unknown) => {
      worker.terminate();
      pending.length = 0;
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const queued = function* () {
      while (pending.length) yield pending.shift()!;
    };
    const drain = async () => {
      const out = await feed(queued(), sink);
      if (out) {
        worker.terminate();
        resolve(out);
      } else draining = false;
    };
    worker.onmessage = (ev: MessageEvent<string>) => {
      let m: LoadMessage;
      try {
        m = JSON.parse(ev.data) as LoadMessage;
      } catch (e) {
        fail(e);
        return;
      }
      if ((m.kind === 'nodes' || m.kind === 'edges') && m.items.length > SLICE_ITEMS) {
        for (let i = 0; i < m.items.length; i += SLICE_ITEMS) pending.push({ ...m, items: m.items.slice(i, i + SLICE_ITEMS) } as LoadMessage);
      } else pending.push(m);
      if (!draining) {
        draining = true;
        drain().catch(fail);
      }
    };
    worker.onerror = (e) => fail(new Error(`graph loader: ${e.message}`));
    // Hand the response body to the worker (no second download); where streams cannot be
    // transferred, the worker fetches the URL itself.
    try {
      if (!res.body) throw new Error('no body');
      worker.postMessage({ body: res.body }, [res.body as unknown as Transferable]);
    } catch {
      void res.body?.cancel().catch(() => undefined);
      worker.postMessage({ url: new URL(url, location.href).href });
    }
  });
}

/**
 * Hands messages to the sink until it returns the loaded graph, yielding to the page whenever a task
 * has run for SLICE_MS; null when the messages end first.
 */
async function feed(messages: Iterable<LoadMessage>, sink: (m: LoadMessage) => LoadedGraph | null): Promise<LoadedGraph | null> {
  let start = performance.now();
  for (const m of messages) {
    const out = sink(m);
    if (out) return out;
    if (performance.now() - start > SLICE_MS) {
      await yieldToPage();
      start = performance.now();
    }
  }
  return null;
}

/** Items added to the graph between two checks of the clock. */
const SLICE_ITEMS = 250;
/**
 * A loading task yields to the page after this long (well under the 200 ms a page may block). The
 * garbage collector's pauses land inside these tasks, on top of their own work: while sigma's caches
 * fill for 50k nodes a scavenge takes 50–100 ms, so the slice leaves room for one (at 40 ms, the
 * longest load tasks were 119–142 ms at load 1–2 and one reached 565 ms under heavy load; at 25 ms,
 * 91–101 ms at load 3).
 */
export const SLICE_MS = 25;

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * End the current task and continue in a new one, letting the page paint and handle input first. A
 * message to ourselves, not setTimeout(0), which browsers stretch to 4 ms once nested.
 */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== 'function') return void setTimeout(resolve, 0);
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** Adds load messages to the graphs; returns the result on `done`. */
function createSink(onProgress?: (p: LoadProgress) => void): (m: LoadMessage) => LoadedGraph | null {
  const graph = newGraph();
  let display = graph;
  let big = false;
  let heavy = false;
  let maxMentions = 1;
  let types: string[] = [];
  let total = 0;
  let done = 0;
  const ranked: string[] = [];
  const index: NameIndex = { entries: [] };
  const pairs = new Map<string, string[]>();
  const typeCounts = new Map<string, number>();
  const familyCounts = new Map<string, number>();
  return (m) => {
    if (m.kind === 'error') throw new Error(m.message);
    if (m.kind === 'meta') {
      graph.replaceAttributes(m.attributes);
      maxMentions = m.maxMentions;
      types = m.types;
      total = m.nodes + m.edges;
      big = isBig(m.nodes, m.edges);
      heavy = isHeavy(m.nodes, m.edges);
      if (big) display = newGraph();
    } else if (m.kind === 'nodes') {
      const added: { key: string; label: string; aliases?: string[]; type: string; importance: number }[] = [];
      for (const n of m.items) {
        if (graph.hasNode(n.key)) continue;
        const a = toViewerNode(n.attributes, maxMentions, types);
        graph.addNode(n.key, a);
        typeCounts.set(a.entityType, (typeCounts.get(a.entityType) ?? 0) + 1);
        added.push({ key: n.key, label: a.label, aliases: a.aliases, type: a.entityType, importance: a.importance });
      }
      addToNameIndex(index, added);
      done += m.items.length;
    } else if (m.kind === 'edges') {
      for (const e of m.items) {
        if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || graph.hasEdge(e.key)) continue;
        const a = toViewerEdge(e.attributes, ranked.length);
        if (heavy) a.type = 'line';
        graph.addEdgeWithKey(e.key, e.source, e.target, a);
        familyCounts.set(a.family, (familyCounts.get(a.family) ?? 0) + 1);
        ranked.push(e.key);
        if (heavy) continue; // heavy graphs draw straight lines: no curvature to spread
        const k = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
        const g = pairs.get(k);
        if (g) g.push(e.key);
        else pairs.set(k, [e.key]);
      }
      done += m.items.length;
    } else if (m.kind === 'done') {
      if (!heavy) curveParallelEdges(graph, pairs);
      return { graph, display, ranked, index, types, heavy, typeCounts, familyCounts };
    }
    onProgress?.({ done, total });
    return null;
  };
}

/** Big: edges culled by rank at low zoom (a separate display graph). */
export function isBig(nodes: number, edges: number): boolean {
  return nodes > 5000 || edges > 20000;
}


/**
 * What sigma needs of a node in the display graph of a big graph: sigma copies every attribute of
 * every item on each refresh, so the display graph keeps only what is drawn or filtered on.
 */
export function slimNode(a: ViewerNode): ViewerNode {
  return { label: a.label, x: a.x, y: a.y, size: a.size, color: a.color, type: a.type, entityType: a.entityType, importance: a.importance, sources: a.sources, docs: a.docs };
}

/** The display graph's copy of an edge (see slimNode). */
export function slimEdge(a: ViewerEdge): ViewerEdge {
  // no curvature: display graphs belong to big graphs, which are heavy and drawn with straight lines
  return { label: a.label, size: a.size, color: a.color, type: a.type, weight: a.weight, family: a.family, rank: a.rank, sources: a.sources, evidence: a.evidence };
}

/**
 * The viewer's attributes of a node, written into `a` itself: the loader's items are parsed fresh
 * for it, and a copy of each of 50k nodes' and 250k edges' attributes was garbage enough for
 * multi-hundred-millisecond collections while loading.
 */
function toViewerNode(a: NodeAttributes, maxMentions: number, types: string[]): ViewerNode {
  const entityType = String(a.type ?? 'other');
  const mentions = Number(a.mentionCount ?? a.mentions?.length ?? 1) || 1;
  const importance = Math.sqrt(Math.max(1, mentions) / maxMentions);
  const v = a as unknown as ViewerNode;
  v.label = String(a.label ?? '');
  v.x = Number.isFinite(a.x) ? a.x : 0;
  v.y = Number.isFinite(a.y) ? a.y : 0;
  v.size = 3 + 15 * importance;
  v.color = typeColor(entityType, types);
  v.importance = nodeImportance(a);
  v.type = 'circle';
  v.entityType = entityType;
  return v;
}

/** The viewer's attributes of an edge, written into `a` itself (see toViewerNode). */
function toViewerEdge(a: EdgeAttributes, rank: number): ViewerEdge {
  const weight = Number(a.weight ?? 1) || 1;
  const family = a.family ?? 'other';
  const v = a as unknown as ViewerEdge;
  v.label = String(a.label ?? a.predicate ?? '');
  v.weight = weight;
  v.family = family;
  v.size = 1 + Math.min(5, Math.log2(Math.max(1, weight)) * 1.5);
  v.color = familyColor(family);
  v.type = 'arrow';
  v.rank = rank;
  return v;
}

/**
 * Curve parallel and reciprocal edges so each stays visible with its own label. Only graphs drawn
 * from the loaded graph itself get curves: a separate display graph belongs to a big graph, which is
 * heavy and drawn with straight lines.
 */
function curveParallelEdges(graph: ViewerGraph, pairs: Map<string, string[]>): void {
  for (const edges of pairs.values()) {
    if (edges.length < 2) continue;
    const n = edges.length;
    edges.forEach((edge, i) => {
      // Spread curvatures symmetrically; an edge drawn in the other direction flips its sign.
      const base = 0.25 * (1 + Math.floor(i / 2)) * (i % 2 === 0 ? 1 : -1) * (n > 6 ? 6 / n : 1);
      const [s, t] = graph.extremities(edge);
      const patch = { type: 'curved', curvature: base * (s < t ? 1 : -1) };
      graph.mergeEdgeAttributes(edge, patch);
    });
  }
}

/** Build a viewer graph from parsed data in one go (unit tests, tiny graphs). */
export function graphFromSerialized(data: SerializedGraph): ViewerGraph {
  const graph = newGraph();
  graph.replaceAttributes(data.attributes);
  const maxMentions = data.nodes.reduce((m, n) => Math.max(m, n.attributes.mentionCount ?? 0), 1);
  const types = [...new Set(data.nodes.map((n) => n.attributes.type))].sort();
  for (const n of data.nodes) graph.addNode(n.key, toViewerNode({ ...n.attributes }, maxMentions, types));
  const pairs = new Map<string, string[]>();
  data.edges.forEach((e, i) => {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) return;
    graph.addEdgeWithKey(e.key, e.source, e.target, toViewerEdge({ ...e.attributes }, i));
    const k = e.source < e.target ? `${e.source}\u0000${e.target}` : `${e.target}\u0000${e.source}`;
    pairs.set(k, [...(pairs.get(k) ?? []), e.key]);
  });
  curveParallelEdges(graph, pairs);
  return graph;
}
