import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { defaultHubDegree, findAllPaths, findShortestPath } from './paths.js';

function makeGraph() {
  const g = new Graph({ type: 'directed', multi: true });
  for (const n of ['a', 'b', 'c', 'd', 'hub', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9']) g.addNode(n);
  g.addEdgeWithKey('ab', 'a', 'b', { family: 'attack', weight: 1 });
  g.addEdgeWithKey('ab2', 'a', 'b', { family: 'support', weight: 3 });
  g.addEdgeWithKey('cb', 'c', 'b', { family: 'role', weight: 1 });
  g.addEdgeWithKey('cd', 'c', 'd', { family: 'statement', weight: 1 });
  g.addEdgeWithKey('ah', 'a', 'hub', { family: 'statement', weight: 1 });
  g.addEdgeWithKey('hd', 'hub', 'd', { family: 'statement', weight: 1 });
  for (let i = 1; i <= 9; i++) g.addEdgeWithKey(`hx${i}`, 'hub', `x${i}`, { family: 'other', weight: 1 });
  return g;
}

describe('paths', () => {
  describe('findShortestPath', () => {
    it('should ignore direction and pick the heaviest parallel edge', () => {
      const r = findShortestPath(makeGraph(), 'a', 'd');
      expect(r.paths[0]?.nodes).toEqual(['a', 'hub', 'd']);
      const viaB = findShortestPath(makeGraph(), 'a', 'c');
      expect(viaB.paths[0]?.hops[0]).toMatchObject({ edge: 'ab2', reversed: false, edges: ['ab2', 'ab'] });
      expect(viaB.paths[0]?.hops[1]).toMatchObject({ source: 'b', target: 'c', edge: 'cb', reversed: true });
    });
    it('should exclude hubs but never the endpoints', () => {
      const r = findShortestPath(makeGraph(), 'a', 'd', { excludeHubs: true, hubDegree: 5 });
      expect(r.paths[0]?.nodes).toEqual(['a', 'b', 'c', 'd']);
      expect(findShortestPath(makeGraph(), 'a', 'hub', { excludeHubs: true, hubDegree: 5 }).paths[0]?.nodes).toEqual(['a', 'hub']);
    });
    it('should exclude relation families', () => {
      const r = findShortestPath(makeGraph(), 'a', 'd', { excludeFamilies: ['statement'] });
      expect(r.paths).toEqual([]);
      const r2 = findShortestPath(makeGraph(), 'a', 'c', { excludeFamilies: ['support'] });
      expect(r2.paths[0]?.hops[0]?.edge).toBe('ab');
    });
    it('should return nothing for unknown nodes', () => {
      expect(findShortestPath(makeGraph(), 'a', 'nope').paths).toEqual([]);
    });
  });
  describe('findAllPaths', () => {
    it('should list all simple paths within the hop limit, shortest first', () => {
      const r = findAllPaths(makeGraph(), 'a', 'd', 3);
      expect(r.paths.map((p) => p.nodes.join(''))).toEqual(['ahubd', 'abcd']);
      expect(r.cutoff).toBeNull();
      expect(findAllPaths(makeGraph(), 'a', 'd', 2).paths.map((p) => p.nodes.join(''))).toEqual(['ahubd']);
    });
    it('should never drop a shorter path for a longer one when the bound stops the search', () => {
      // A complete graph on 0..7 without the edge 0–7, and a last-added middle node m: a depth-first
      // search meets hundreds of long paths before 0–m–7.
      const g = new Graph({ type: 'directed', multi: true });
      for (let i = 0; i < 8; i++) g.addNode(String(i));
      for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) if (!(i === 0 && j === 7)) g.addEdge(String(i), String(j), { family: 'other' });
      g.addNode('m');
      g.addEdge('0', 'm', { family: 'other' });
      g.addEdge('m', '7', { family: 'other' });
      const r = findAllPaths(g, '0', '7', 5, { maxPaths: 20 });
      expect(r.paths).toHaveLength(20);
      const lengths = r.paths.map((p) => p.hops.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      // All 7 two-hop paths (through 1..6 and m), then three-hop ones.
      expect(r.paths.slice(0, 7).map((p) => p.nodes[1]).sort()).toEqual(['1', '2', '3', '4', '5', '6', 'm']);
      expect(lengths.slice(7).every((l) => l === 3)).toBe(true);
      expect(r.cutoff).toMatch(/every path of up to 2 hops is listed/);
    });
    it('should stop at the path bound with a message', () => {
      const g = new Graph({ type: 'directed', multi: true });
      // A complete graph on 9 nodes has many simple paths between two nodes.
      for (let i = 0; i < 9; i++) g.addNode(String(i));
      for (let i = 0; i < 9; i++) for (let j = i + 1; j < 9; j++) g.addEdge(String(i), String(j), { family: 'other' });
      const r = findAllPaths(g, '0', '8', 6, { maxPaths: 50 });
      expect(r.paths).toHaveLength(50);
      expect(r.cutoff).toMatch(/50 paths/);
      const r2 = findAllPaths(g, '0', '8', 7, { maxSteps: 100 });
      expect(r2.cutoff).toMatch(/steps/);
    });
  });
  describe('defaultHubDegree', () => {
    it('should take the percentile over the entities that have relations, not the unrelated majority', () => {
      const g = new Graph({ type: 'directed', multi: true });
      // 100 related entities: centre k is related to k leaves for k = 1..20 (neighbour counts 1..20).
      let leaf = 0;
      for (let k = 1; k <= 20; k++) {
        g.addNode(`c${k}`);
        for (let i = 0; i < k; i++) {
          g.addNode(`l${leaf}`);
          g.addEdge(`c${k}`, `l${leaf++}`, { family: 'other' });
        }
      }
      for (let i = 0; i < 5000; i++) g.addNode(`alone${i}`);
      const related = g.nodes().filter((n) => g.degree(n) > 0).map((n) => g.neighbors(n).length).sort((a, b) => a - b);
      expect(defaultHubDegree(g)).toBe(related[Math.floor(related.length * 0.95)]);
      expect(defaultHubDegree(g)).toBeGreaterThan(8);
    });
  });
});
