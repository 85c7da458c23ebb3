import { describe, expect, it } from 'vitest';
import { buildGraph } from './build.js';
import { RECORDS } from './__fixtures__/records.js';

describe('graph', () => {
  describe('buildGraph', () => {
    const graph = buildGraph(RECORDS);

    it('should make one node per entity with its mentions, documents and outlets', () => {
      expect(graph.order).toBe(3);
      const alice = graph.findNode((_, a) => a.label === 'Alice Martin');
      expect(alice).toBeDefined();
      const a = graph.getNodeAttributes(alice!);
      expect(a.type).toBe('person');
      expect(a.mentions).toHaveLength(3);
      expect(a.docs).toEqual(['a.txt', 'b.txt']);
      expect(a.sources).toEqual(['Daily One', 'Evening Two']);
      expect(a.size).toBeGreaterThan(0);
      expect(a.color).toMatch(/^#[0-9a-f]{6}$/);
    });

    it('should group relation mentions into one directed edge with evidence from each document', () => {
      const edges = graph.filterEdges((_, a) => a.predicate === 'condemn');
      expect(edges).toHaveLength(1);
      const e = graph.getEdgeAttributes(edges[0]!);
      expect(graph.getNodeAttribute(graph.source(edges[0]!), 'label')).toBe('Alice Martin');
      expect(graph.getNodeAttribute(graph.target(edges[0]!), 'label')).toBe('Borduria');
      expect(e.weight).toBe(2);
      expect(e.sources).toEqual(['Daily One', 'Evening Two']);
      expect(e.evidence.map((v) => v.doc)).toEqual(['a.txt', 'b.txt']);
      expect(e.evidence[0]!.text).toBe('Alice Martin condemned Borduria.');
      expect(e.family).toBe('criticise');
    });

    it('should never create an edge without evidence, a self-loop, or one whose ends are not mentions', () => {
      graph.forEachEdge((_, a, s, t) => {
        expect(a.evidence.length).toBeGreaterThan(0);
        expect(s).not.toBe(t);
      });
      expect(graph.size).toBe(2);
    });

    it('should give the same export whatever the order of the records', () => {
      const again = buildGraph([...RECORDS].reverse());
      expect(JSON.stringify(again.export())).toBe(JSON.stringify(graph.export()));
    });

    it('should lay the nodes out at finite, distinct positions', () => {
      const pos = graph.mapNodes((_, a) => `${a.x},${a.y}`);
      for (const p of pos) expect(p).toMatch(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/);
      expect(new Set(pos).size).toBe(pos.length);
    });

    it('should record documents and an empty claim list in the graph attributes', () => {
      expect(graph.getAttribute('documents').map((d) => d.id)).toEqual(['a.txt', 'b.txt']);
      expect(graph.getAttribute('claims')).toEqual([]);
    });

    it("should give each claim value the sentences that report it, cut from the documents' texts", () => {
      const withClaims = RECORDS.map((r, i) => {
        const at = r.text.indexOf('Borduria');
        const sentence = r.extraction.sentences.findIndex((s) => s.start <= at && at < s.end);
        const claim = { about: 'location: attack', property: 'location', subject: '', value: 'borduria', surface: 'Borduria', span: { start: at, end: at + 8 }, sentence, event: 'killed: people' };
        const casualty = { about: 'killed: people', property: 'killed', subject: 'people', value: String(3 + i), surface: String(3 + i), span: { start: at, end: at + 1 }, sentence };
        return { ...r, extraction: { ...r.extraction, claims: [claim, casualty] } };
      });
      const claims = buildGraph(withClaims).getAttribute('claims');
      const killed = claims.find((c) => c.property === 'killed')!;
      expect(killed.disputed).toBe(true);
      for (const c of claims) {
        for (const v of c.values) {
          expect(v.evidence?.map((e) => e.doc)).toEqual(v.docs);
          for (const e of v.evidence!) {
            const r = withClaims.find((x) => x.document.id === e.doc)!;
            expect(e.text).toBe(r.text.slice(e.start, e.end));
            expect(e.text).toContain('Borduria');
          }
        }
      }
    });

    it('should build an empty graph from no records', () => {
      const empty = buildGraph([]);
      expect(empty.order).toBe(0);
      expect(empty.getAttribute('documents')).toEqual([]);
    });
  });
});

describe('graph/layout', () => {
  describe('assignLayout', () => {
    it('should lay out a big graph\'s related nodes and ring the others around them, the same each time', async () => {
      const { assignLayout, RING_MIN_ORDER } = await import('./layout.js');
      const { MultiDirectedGraph } = await import('graphology');
      const make = () => {
        const g = new MultiDirectedGraph();
        for (let i = 0; i < RING_MIN_ORDER + 100; i++) g.addNode(`n${i}`);
        for (let i = 0; i < 60; i++) g.addEdge(`n${i}`, `n${(i * 7 + 3) % 60}`, { weight: 1 + (i % 3) });
        assignLayout(g);
        return g;
      };
      const g = make();
      const related = g.filterNodes((n) => g.degree(n) > 0);
      const pos = (n: string) => g.getNodeAttributes(n) as { x: number; y: number };
      const cx = related.reduce((s, n) => s + pos(n).x, 0) / related.length;
      const cy = related.reduce((s, n) => s + pos(n).y, 0) / related.length;
      const reach = Math.max(...related.map((n) => Math.hypot(pos(n).x - cx, pos(n).y - cy)));
      const unrelated = g.filterNodes((n) => g.degree(n) === 0);
      expect(unrelated.length).toBe(RING_MIN_ORDER + 40);
      // every unrelated node lies outside the related ones: 1.1–1.4x their reach, or of a radius wide
      // enough for the ring not to crowd when they are few (rounding aside)
      const r0 = Math.max(reach, 7 * Math.sqrt(unrelated.length));
      for (const n of unrelated) {
        const d = Math.hypot(pos(n).x - cx, pos(n).y - cy);
        expect(d).toBeGreaterThan(Math.max(reach, r0 * 1.09));
        expect(d).toBeLessThan(r0 * 1.41);
      }
      const again = make();
      g.forEachNode((n, a) => expect(again.getNodeAttributes(n)).toMatchObject({ x: a.x, y: a.y }));
    });

    it('should spread a big graph without any relation over a ring wide enough for all its nodes', async () => {
      const { assignLayout, RING_MIN_ORDER } = await import('./layout.js');
      const { MultiDirectedGraph } = await import('graphology');
      const g = new MultiDirectedGraph();
      for (let i = 0; i <= RING_MIN_ORDER; i++) g.addNode(`n${i}`);
      assignLayout(g);
      const d = g.mapNodes((_n, a) => Math.hypot(a.x as number, a.y as number));
      expect(Math.min(...d)).toBeGreaterThan(7 * Math.sqrt(g.order));
    });

    it('should keep seeded positions and not throw with 0 iterations', async () => {
      const { assignLayout } = await import('./layout.js');
      const g = buildGraph(RECORDS, { layout: false });
      assignLayout(g, { iterations: 0 });
      g.forEachNode((_, a) => {
        expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
      });
    });
  });
});
