import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build.js';
import { RECORDS } from '../graph/__fixtures__/records.js';
import { pythonWithNetworkx, REQUIRE_TOOLS } from '../../test/helpers/tools.js';
import { csvField, parseCsv, toClaimsCsv, toEdgesCsv, toNodesCsv } from './csv.js';
import { toGraphml } from './graphml.js';
import { nodeLabel, relationshipType, toNeo4j } from './neo4j.js';

const graph = buildGraph(RECORDS);
// A node whose name needs escaping in every format.
graph.addNode('person:x', { ...graph.getNodeAttributes(graph.nodes()[0]!), label: 'O\'Brien, "Bob" <b>&;=cmd', aliases: ['a;b', '=1+2'] });
const python = pythonWithNetworkx();

describe('export', () => {
  describe('toGraphml', () => {
    it.skipIf(!python && !REQUIRE_TOOLS)('should be read back by networkx with the same nodes, edges and attributes', () => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ng-graphml-')), 'g.graphml');
      writeFileSync(file, toGraphml(graph));
      const script = `import networkx as nx, json
g = nx.read_graphml(${JSON.stringify(file)})
print(json.dumps({"n": g.number_of_nodes(), "e": g.number_of_edges(), "directed": g.is_directed(), "label": g.nodes["person:x"]["label"], "preds": sorted(d["predicate"] for _, _, d in g.edges(data=True))}))`;
      const out = JSON.parse(execFileSync(python ?? 'python3', ['-c', script]).toString()) as { n: number; e: number; directed: boolean; label: string; preds: string[] };
      expect(out.n).toBe(graph.order);
      expect(out.e).toBe(graph.size);
      expect(out.directed).toBe(true);
      expect(out.label).toBe('O\'Brien, "Bob" <b>&;=cmd');
      expect(out.preds).toEqual(graph.mapEdges((_, a) => a.predicate).sort());
    });
  });

  describe('toNodesCsv / toEdgesCsv', () => {
    it('should write one row per node and edge that parses back to the same values', () => {
      const nodes = parseCsv(toNodesCsv(graph));
      expect(nodes[0]).toContain('label');
      expect(nodes).toHaveLength(graph.order + 1);
      const x = nodes.find((r) => r[0] === 'person:x')!;
      expect(x[1]).toBe('O\'Brien, "Bob" <b>&;=cmd');
      const edges = parseCsv(toEdgesCsv(graph));
      expect(edges).toHaveLength(graph.size + 1);
      for (const r of edges.slice(1)) expect(r).toHaveLength(edges[0]!.length);
    });

    it('should write one claim row per sentence reporting a value, and one per document for a value without sentences', () => {
      const g = buildGraph(RECORDS);
      g.setAttribute('claims', [
        {
          about: 'killed: soldiers',
          property: 'killed',
          subject: 'soldiers',
          disputed: true,
          values: [
            { value: '33', docs: ['a.txt'], surfaces: ['33', 'thirty-three'], amount: 33, bound: 'exact', evidence: [{ doc: 'a.txt', start: 0, end: 20, text: 'He said, "33 died".', assertedBy: 'person:x' }] },
            { value: '34', docs: ['a.txt', 'b.txt'], surfaces: ['34'] },
          ],
        },
      ]);
      const rows = parseCsv(toClaimsCsv(g));
      const head = rows[0]!;
      const col = (r: string[], name: string) => r[head.indexOf(name)];
      expect(rows).toHaveLength(4);
      expect(rows.slice(1).map((r) => [col(r, 'value'), col(r, 'document'), col(r, 'outlet')])).toEqual([
        ['33', 'a.txt', 'Daily One'],
        ['34', 'a.txt', 'Daily One'],
        ['34', 'b.txt', 'Evening Two'],
      ]);
      expect(col(rows[1]!, 'sentence')).toBe('He said, "33 died".');
      expect(col(rows[1]!, 'as_written')).toBe('33 | thirty-three');
      expect(col(rows[1]!, 'asserted_by')).toBe('person:x');
      expect(col(rows[1]!, 'disputed')).toBe('true');
      expect(col(rows[2]!, 'sentence')).toBe('');
    });

    it.each([
      ['plain', 'abc', 'abc'],
      ['comma', 'a,b', '"a,b"'],
      ['quote', 'say "hi"', '"say ""hi"""'],
      ['newline', 'a\nb', '"a\nb"'],
      ['formula', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
      ['negative number stays a number', '-3.5', '-3.5'],
      ['list', ['a', 'b'], 'a | b'],
      ['null', null, ''],
    ])('should quote %s fields', (_label, value, expected) => {
      expect(csvField(value)).toBe(expected);
    });
  });

  describe('toNeo4j', () => {
    const { files } = toNeo4j(graph);
    const nodes = parseCsv(files['nodes.csv']!);
    const rels = parseCsv(files['relationships.csv']!);

    it('should write neo4j-admin import headers', () => {
      expect(nodes[0]![0]).toBe('entityId:ID(Entity)');
      expect(nodes[0]).toContain(':LABEL');
      expect(nodes[0]).toContain('aliases:string[]');
      expect(rels[0]!.slice(0, 3)).toEqual([':START_ID(Entity)', ':END_ID(Entity)', ':TYPE']);
    });

    it('should give every row the header\'s columns, and every relationship known ends', () => {
      for (const r of nodes) expect(r).toHaveLength(nodes[0]!.length);
      for (const r of rels) expect(r).toHaveLength(rels[0]!.length);
      const ids = new Set(nodes.slice(1).map((r) => r[0]));
      for (const r of rels.slice(1)) {
        expect(ids.has(r[0])).toBe(true);
        expect(ids.has(r[1])).toBe(true);
        expect(r[2]).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }
    });

    it('should name every relationship by its edge key and its graph, so that a second import updates it', () => {
      const head = rels[0]!;
      const keys = rels.slice(1).map((r) => r[head.indexOf('edgeId')]);
      expect(keys.sort()).toEqual([...graph.edges()].sort());
      for (const r of rels.slice(1)) expect(r[head.indexOf('graph')]).toBe(String(graph.getAttribute('name') ?? ''));
    });

    it('should keep array values apart and labels typed', () => {
      const x = nodes.find((r) => r[0] === 'person:x')!;
      expect(x[3]!.split(';')).toEqual(['a,b', '=1+2']);
      expect(x[x.length - 1]).toBe('Entity;Person');
    });

    it('should write a LOAD CSV script with one statement per relationship type', () => {
      const script = files['import.cypher']!;
      expect(script).toContain("LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'");
      for (const type of new Set(rels.slice(1).map((r) => r[2]))) expect(script).toContain(`MERGE (s)-[r:${type} {edgeId: row.edgeId, graph: coalesce(row.graph, '')}]->(t)`);
      expect(script).not.toMatch(/\bCREATE \(/); // running the script again must not duplicate anything
      expect(files['README.txt']).toContain('neo4j-admin database import full');
    });

    it.each([
      ['retaliate against', 'RETALIATE_AGAINST'],
      ['foreign minister of', 'FOREIGN_MINISTER_OF'],
      ['condemn', 'CONDEMN'],
      ['3rd party', 'R_3RD_PARTY'],
      ['', 'RELATED_TO'],
    ])('should map predicate %s to relationship type %s', (p, t) => {
      expect(relationshipType(p)).toBe(t);
    });

    it('should capitalise labels', () => {
      expect(nodeLabel('organization')).toBe('Organization');
    });
  });
});
