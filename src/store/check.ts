// `newsgraph check`: is a graph folder whole and consistent — the graph readable (its journal
// replayed), one valid extraction record per document, the caches usable — and, with `rebuild`, is
// the graph that incremental updates left exactly the one a build from its records gives?
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GraphFormatError } from '../errors.js';
import { buildGraph } from '../graph/build.js';
import type { ExtractionRecord, SerializedGraph } from '../types.js';
import { indexFileOf } from './journal.js';
import { EXTRACTIONS_FILE, GRAPH_FILE, RESOLVE_MEMO_FILE, documentsWithoutRecords, readGraphIndex, readGraphRecords, readResolveMemo, readSerializedGraph } from './index.js';

export interface FolderCheck {
  documents: number;
  nodes: number;
  edges: number;
  /** What makes the folder wrong: a reader refuses a file, or the graph is not what its records give. */
  problems: string[];
  /** What an update repairs by itself (a stale cache, an interrupted update to catch up with). */
  notes: string[];
  /** With `rebuild`: the graph built from the records again, compared (entities, relations, claims, documents). */
  rebuilt?: { same: boolean; ms: number; differences: string[] };
}

/** Checks a graph folder (see FolderCheck); never throws for what it finds. */
export async function checkGraphFolder(dir: string, options: { rebuild?: boolean } = {}): Promise<FolderCheck> {
  const out: FolderCheck = { documents: 0, nodes: 0, edges: 0, problems: [], notes: [] };
  const note = (message: string) => out.notes.push(message);
  let graph: SerializedGraph;
  try {
    graph = await readSerializedGraph(dir, { onWarning: note });
  } catch (error) {
    if (!(error instanceof GraphFormatError)) throw error;
    out.problems.push(error.message);
    return out;
  }
  out.documents = graph.attributes.documents.length;
  out.nodes = graph.nodes.length;
  out.edges = graph.edges.length;

  let records: ExtractionRecord[] | undefined;
  const removed = new Set<string>();
  if (!existsSync(path.join(dir, EXTRACTIONS_FILE))) {
    if (out.documents) out.problems.push(`no ${EXTRACTIONS_FILE}: add, remove and watch cannot update this graph (build it again from its articles to have one).`);
  } else {
    try {
      records = await readGraphRecords(dir, { onWarning: note, removed });
    } catch (error) {
      if (!(error instanceof GraphFormatError)) throw error;
      out.problems.push(error.message);
    }
  }
  let lagging = false;
  if (records) {
    const ids = new Set(records.map((r) => r.document.id));
    const inGraph = new Set(graph.attributes.documents.map((d) => d.id));
    const noRecord = documentsWithoutRecords([...inGraph], records, removed);
    const removing = [...inGraph].filter((id) => removed.has(id));
    const notInGraph = [...ids].filter((id) => !inGraph.has(id));
    if (removing.length) {
      lagging = true;
      note(`${removing.length} document${removing.length === 1 ? ' is' : 's are'} removed in ${EXTRACTIONS_FILE} but still in the graph (${listed(removing)}): a remove was interrupted before it wrote the graph; the next add or remove completes it.`);
    }
    if (noRecord.length) {
      out.problems.push(`${noRecord.length} document${noRecord.length === 1 ? '' : 's'} of the graph ${noRecord.length === 1 ? 'has' : 'have'} no extraction record (${listed(noRecord)}): an update would drop ${noRecord.length === 1 ? 'it' : 'them'}.`);
    }
    if (notInGraph.length) {
      lagging = true;
      note(`${notInGraph.length} record${notInGraph.length === 1 ? ' is' : 's are'} not in the graph yet (${listed(notInGraph)}): an update was interrupted before it wrote the graph; the next add or remove brings it up to date.`);
    }
  }
  if (existsSync(indexFileOf(path.join(dir, GRAPH_FILE))) && !(await readGraphIndex(dir))) {
    note(`${path.basename(indexFileOf(GRAPH_FILE))} does not describe ${GRAPH_FILE} as it is: the next update reads the whole graph and writes it anew.`);
  }
  if (existsSync(path.join(dir, RESOLVE_MEMO_FILE)) && !(await readResolveMemo(dir))) {
    note(`${RESOLVE_MEMO_FILE} cannot be used (written by another version, or damaged): the next update classifies every document's names again.`);
  }

  if (options.rebuild && records && !out.problems.length) {
    if (lagging) note('not rebuilt: the graph is behind its records (see above).');
    else {
      const started = performance.now();
      const fresh = buildGraph(records, { layout: false, name: graph.attributes.name, skipped: graph.attributes.skipped }).export() as SerializedGraph;
      const differences = compareGraphs(graph, fresh);
      out.rebuilt = { same: differences.length === 0, ms: performance.now() - started, differences };
      if (differences.length) out.problems.push(`the graph is not the one its records give (${differences.length} difference${differences.length === 1 ? '' : 's'}; the first: ${differences[0]}).`);
    }
  }
  return out;
}

const listed = (ids: string[]): string => ids.slice(0, 3).map((id) => `"${id}"`).join(', ') + (ids.length > 3 ? ', …' : '');

/** What differs between a stored graph and a rebuilt one, positions aside: entities, relations, claims, documents. */
function compareGraphs(stored: SerializedGraph, fresh: SerializedGraph): string[] {
  const found: string[] = [];
  const compare = <T extends { key: string }>(kind: string, a: T[], b: T[], json: (item: T) => string) => {
    const mine = new Map(a.map((item) => [item.key, json(item)]));
    const theirs = new Map(b.map((item) => [item.key, json(item)]));
    for (const [key, text] of theirs) {
      if (!mine.has(key)) found.push(`${kind} "${key}" is missing`);
      else if (mine.get(key) !== text) found.push(`${kind} "${key}" differs`);
    }
    for (const key of mine.keys()) if (!theirs.has(key)) found.push(`${kind} "${key}" should not be there`);
  };
  compare('entity', stored.nodes, fresh.nodes, (n) => {
    const { x: _x, y: _y, ...rest } = n.attributes;
    return JSON.stringify(rest);
  });
  compare('relation', stored.edges, fresh.edges, (e) => JSON.stringify(e));
  if (JSON.stringify(stored.attributes.claims) !== JSON.stringify(fresh.attributes.claims)) found.push('the disputed claims differ');
  if (JSON.stringify(stored.attributes.documents) !== JSON.stringify(fresh.attributes.documents)) found.push('the documents\' metadata differs');
  return found;
}
