import { describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { findAllPaths, findShortestPath } from './paths.js';

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
});
