/**
 * Builds the knowledge graph (graphology) from per-document extraction records: entities become
 * nodes, relation mentions are grouped into edges by (subject entity, predicate, object entity) with
 * their evidence sentences, claims are grouped into disputed / agreed facts; then metrics, appearance
 * and a seeded ForceAtlas2 layout. Deterministic: the same records (in any order) give the same graph.
 */
import { MultiDirectedGraph } from 'graphology';
import pagerank from 'graphology-metrics/centrality/pagerank.js';
import { groupClaims } from '../resolve/claims.js';
import { resolveEntities, type ResolveMemo } from '../resolve/index.js';
import type {
  DocumentInfo,
  EdgeAttributes,
  Evidence,
  ExtractionRecord,
  GraphAttributes,
  MentionRef,
  NodeAttributes,
  SkippedInput,
} from '../types.js';
import { edgeSize, nodeSize, QUAD_COLORS, TYPE_COLORS } from './appearance.js';
import { assignLayout, type LayoutOptions } from './layout.js';

export type KnowledgeGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** The version written into graph files (`generator`). */
export const GENERATOR = 'newsgraph 0.1.0';

export interface BuildGraphOptions {
  /** Graph name (graph attribute `name`). */
  name?: string;
  /** Inputs that could not be read, kept in the graph attribute `skipped`. */
  skipped?: SkippedInput[];
  /** Layout options; `false` skips the layout (positions stay at seeded points). */
  layout?: LayoutOptions | false;
  /** A previous build's resolver memo: documents it describes are not classified again. */
  resolveMemo?: ResolveMemo;
  /** Return this build's resolver memo (`buildGraphAndMemo`), for later incremental updates. */
  keepResolveMemo?: boolean;
  /**
   * The caller holds the returned memo in memory for its next update (see `ResolveOptions.holdMemo`):
   * that update then takes the entities it does not change over from this build.
   */
  holdResolveMemo?: boolean;
}

/** A built graph with, when asked for, the resolver's memo of it. */
export interface BuiltGraph {
  graph: KnowledgeGraph;
  memo?: ResolveMemo;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The outlet a document counts for: its source, or its id when the source is unknown. */
export function outletOf(doc: DocumentInfo): string {
  return doc.source || doc.id;
}

/** The documents of an entity's mentions, sorted (the mentions are sorted by document already). */
function docsOfMentions(mentions: readonly MentionRef[]): string[] {
  const out: string[] = [];
  for (const m of mentions) if (out.length === 0 || out[out.length - 1] !== m.doc) out.push(m.doc);
  for (let i = 1; i < out.length; i++) if (byString(out[i - 1]!, out[i]!) >= 0) return [...new Set(out)].sort(byString);
  return out;
}

/** Creates an empty knowledge graph with the right options. */
export function createKnowledgeGraph(): KnowledgeGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>({ allowSelfLoops: false });
}

/** Builds the knowledge graph from extraction records. */
export function buildGraph(records: ExtractionRecord[], options: BuildGraphOptions = {}): KnowledgeGraph {
  return buildGraphAndMemo(records, options).graph;
}

/**
 * Builds the knowledge graph from extraction records, and with `keepResolveMemo` the resolver's memo
 * (what `newsgraph add` reuses; the graph is the same with or without a memo given).
 */
export function buildGraphAndMemo(records: ExtractionRecord[], options: BuildGraphOptions = {}): BuiltGraph {
  const sorted = [...records].sort((a, b) => byString(a.document.id, b.document.id));
  const docs = new Map(sorted.map((r) => [r.document.id, r]));
  const extractions = sorted.map((r) => r.extraction);
  const documents = sorted.map((r) => r.document);
  const { entities, entityOf, memo } = resolveEntities(extractions, documents, new Map(sorted.map((r) => [r.document.id, r.text])), {
    memo: options.resolveMemo,
    keepMemo: options.keepResolveMemo,
    holdMemo: options.holdResolveMemo,
  });

  const graph = createKnowledgeGraph();
  graph.replaceAttributes({
    name: options.name ?? 'newsgraph',
    generator: GENERATOR,
    documents,
    claims: [], // grouped once the nodes know their documents (below)
    skipped: [...(options.skipped ?? [])].sort((a, b) => byString(a.path, b.path)),
  });

  for (const e of entities) {
    const docIds = docsOfMentions(e.mentions);
    const sources = [...new Set(docIds.map((d) => outletOf(docs.get(d)!.document)))].sort(byString);
    graph.addNode(e.id, {
      label: e.label,
      type: e.type,
      aliases: e.aliases,
      mentions: e.mentions,
      roles: e.roles,
      docs: docIds,
      sources,
      mentionCount: e.mentions.length,
      pagerank: 0,
      x: 0,
      y: 0,
      size: 1,
      color: TYPE_COLORS[e.type] ?? TYPE_COLORS.other,
      mergeReasons: e.mergeReasons,
    });
  }

  graph.setAttribute(
    'claims',
    groupClaims(extractions, {
      entityOf,
      labels: new Map(entities.map((e) => [e.id, e.label])),
      published: new Map(documents.map((d) => [d.id, d.published])),
      documentCount: (id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'docs').length : 0),
      textOf: (id) => docs.get(id)?.text,
    }),
  );

  // Group relation mentions into edges.
  interface Acc {
    source: string;
    target: string;
    attrs: EdgeAttributes;
    evidenceKeys: Set<string>;
    docs: Set<string>;
    negatedAll: boolean;
    hedgedAll: boolean;
  }
  const acc = new Map<string, Acc>();
  for (const r of sorted) {
    const docId = r.document.id;
    const ex = r.extraction;
    for (const rel of ex.relations) {
      const s = rel.subject.mention && entityOf.of(docId, rel.subject.mention);
      const t = rel.object.mention && entityOf.of(docId, rel.object.mention);
      if (!s || !t || s === t || !graph.hasNode(s) || !graph.hasNode(t)) continue;
      const sentence = ex.sentences[rel.sentence];
      if (!sentence) continue;
      const key = `${s}|${rel.predicate}|${t}`;
      let a = acc.get(key);
      if (!a) {
        a = {
          source: s,
          target: t,
          attrs: {
            predicate: rel.predicate,
            label: rel.predicate,
            verbs: [],
            family: rel.family,
            quad: rel.quad,
            evidence: [],
            weight: 0,
            sources: [],
            assertedBy: [],
            negated: false,
            hedged: false,
            size: 1,
            color: QUAD_COLORS[rel.quad] ?? QUAD_COLORS.neutral,
          },
          evidenceKeys: new Set(),
          docs: new Set(),
          negatedAll: true,
          hedgedAll: true,
        };
        acc.set(key, a);
      }
      if (!a.attrs.verbs.includes(rel.verb)) a.attrs.verbs.push(rel.verb);
      a.docs.add(docId);
      a.negatedAll &&= rel.negated;
      a.hedgedAll &&= rel.hedged;
      const asserted = rel.assertedBy ? entityOf.of(docId, rel.assertedBy) : undefined;
      if (asserted && !a.attrs.assertedBy.includes(asserted)) a.attrs.assertedBy.push(asserted);
      const evKey = `${docId}#${sentence.start}`;
      if (!a.evidenceKeys.has(evKey)) {
        a.evidenceKeys.add(evKey);
        const ev: Evidence = { doc: docId, start: sentence.start, end: sentence.end, text: r.text.slice(sentence.start, sentence.end) };
        if (asserted) ev.assertedBy = asserted;
        if (rel.negated) ev.negated = true;
        if (rel.hedged) ev.hedged = true;
        a.attrs.evidence.push(ev);
      }
    }
  }
  for (const key of [...acc.keys()].sort(byString)) {
    const a = acc.get(key)!;
    const docIds = [...a.docs].sort(byString);
    a.attrs.verbs.sort(byString);
    a.attrs.assertedBy.sort(byString);
    a.attrs.weight = docIds.length;
    a.attrs.sources = [...new Set(docIds.map((d) => outletOf(docs.get(d)!.document)))].sort(byString);
    a.attrs.negated = a.negatedAll;
    a.attrs.hedged = a.hedgedAll;
    a.attrs.size = edgeSize(a.attrs.weight);
    graph.addDirectedEdgeWithKey(key, a.source, a.target, a.attrs);
  }

  assignMetrics(graph);
  if (options.layout !== false) assignLayout(graph, options.layout ?? {});
  return memo ? { graph, memo } : { graph };
}

/** Computes PageRank and node sizes (mutates the graph). */
export function assignMetrics(graph: KnowledgeGraph): void {
  if (graph.order === 0) return;
  const ranks = graph.size > 0 ? pagerank(graph, { getEdgeWeight: 'weight' }) : {};
  let maxMentions = 1;
  graph.forEachNode((_, a) => {
    maxMentions = Math.max(maxMentions, a.mentionCount);
  });
  let maxRank = 0;
  for (const v of Object.values(ranks)) maxRank = Math.max(maxRank, v);
  graph.forEachNode((key, a) => {
    const rank = ranks[key] ?? 0;
    const importance = 0.5 * (a.mentionCount / maxMentions) + 0.5 * (maxRank > 0 ? rank / maxRank : 0);
    a.pagerank = Math.round(rank * 1e6) / 1e6; // in place: nothing listens to a graph being built
    a.size = nodeSize(importance);
  });
}
