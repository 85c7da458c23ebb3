import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Graph, { MultiDirectedGraph } from 'graphology';
import { parse } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build.js';
import { RECORDS } from '../graph/__fixtures__/records.js';
import { hasXmllint, pythonWithNetworkx, REQUIRE_TOOLS, SHARED } from '../../test/helpers/tools.js';
import { toGexf } from './gexf.js';

const graph = buildGraph(RECORDS);
const xml = toGexf(graph);
const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-gexf-'));
const file = path.join(dir, 'graph.gexf');
writeFileSync(file, xml);

describe('export/gexf', () => {
  describe('toGexf', () => {
    it('should write GEXF 1.3 with viz positions, colours and sizes', () => {
      expect(xml).toContain('<gexf version="1.3" xmlns="http://gexf.net/1.3"');
      expect(xml).toMatch(/<viz:position x="-?[\d.]+" y="-?[\d.]+"/);
      expect(xml).toMatch(/<viz:color r="\d+" g="\d+" b="\d+"/);
      expect(xml).toMatch(/<viz:size value="[\d.]+"/);
      expect(xml).not.toContain('schemaLocation');
    });

    it('should be read back by graphology-gexf with the same nodes, edges and attributes', () => {
      const back = parse(MultiDirectedGraph, xml);
      expect(back.order).toBe(graph.order);
      expect(back.size).toBe(graph.size);
      graph.forEachNode((key, a) => {
        expect(back.getNodeAttribute(key, 'label')).toBe(a.label);
        expect(back.getNodeAttribute(key, 'type')).toBe(a.type);
      });
      graph.forEachEdge((key, a, s, t) => {
        expect(back.source(key)).toBe(s);
        expect(back.target(key)).toBe(t);
        expect(back.getEdgeAttribute(key, 'predicate')).toBe(a.predicate);
      });
    });

    it.skipIf(!hasXmllint() && !REQUIRE_TOOLS)('should validate against the GEXF 1.3 RELAX NG schema with xmllint', () => {
      const rng = path.join(SHARED, 'schemas', 'gexf', '1.3', 'gexf.rng');
      expect(() => execFileSync('xmllint', ['--noout', '--relaxng', rng, file], { stdio: 'pipe' })).not.toThrow();
    });

    const python = pythonWithNetworkx();
    it.skipIf(!python && !REQUIRE_TOOLS)('should be read by networkx with the same numbers of nodes and edges', () => {
      const out = execFileSync(python ?? 'python3', ['-c', `import networkx as nx; g = nx.read_gexf(${JSON.stringify(file)}); print(g.number_of_nodes(), g.number_of_edges())`]).toString().trim();
      expect(out).toBe(`${graph.order} ${graph.size}`);
    });

    it('should escape markup in labels', () => {
      const g = buildGraph([]);
      g.addNode('x', { ...graph.getNodeAttributes(graph.nodes()[0]!), label: '<script>&"' });
      const text = toGexf(g);
      expect(text).not.toContain('<script>');
      expect(parse(Graph, text).getNodeAttribute('x', 'label')).toBe('<script>&"');
    });
  });
});
