import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { NameIndex, normalizeName } from './names.js';

/** The tiers of NameIndex.find written as plain scans over every node: what the index must give. */
function findByScan(graph: Graph, name: string): string[] {
  const q = normalizeName(name);
  if (q === '') return [];
  const entries: { key: string; names: string[]; words: string[]; weight: number }[] = [];
  graph.forEachNode((key, a) => {
    const names = [...new Set([a.label, ...(a.aliases ?? [])].map((x: string) => normalizeName(x)).filter(Boolean))];
    if (names.length) entries.push({ key, names, words: names.flatMap((n) => n.split(' ')), weight: a.mentionCount ?? 0 });
  });
  const rank = (list: typeof entries) =>
    list.sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1)).map((e) => e.key);
  const qWords = q.split(' ');
  const exact = entries.filter((e) => e.names.includes(q));
  if (exact.length) return rank(exact);
  const subset = entries.filter((e) => qWords.every((w) => e.words.includes(w)));
  if (subset.length) return rank(subset);
  return rank(entries.filter((e) => e.names.some((n) => n.startsWith(q)) || qWords.every((w) => e.words.some((x) => x.startsWith(w)))));
}

/** A deterministic pseudo-random graph of names built from a small vocabulary (many shared words and prefixes). */
function randomNames(count: number, seed: number): Graph {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const vocabulary = ['al', 'alan', 'albert', 'bank', 'banks', 'bar', 'barak', 'new', 'newton', 'york', 'yorkshire', 'the', 'of', 'syria', 'syrian', 'sy', 'north', 'northern', 'o\u2019neil', 'zoë', 'zoe', '3m'];
  const word = () => vocabulary[Math.floor(next() * vocabulary.length)]!;
  const phrase = () => Array.from({ length: 1 + Math.floor(next() * 3) }, word).join(' ');
  const g = new Graph();
  for (let i = 0; i < count; i++) {
    g.addNode(`n${i}`, { label: phrase(), aliases: Array.from({ length: Math.floor(next() * 3) }, phrase), mentionCount: Math.floor(next() * 5) });
  }
  return g;
}

describe('NameIndex.find', () => {
  it('should give what a scan of every name gives, tier by tier, for words, prefixes, name prefixes and misses', () => {
    const g = randomNames(400, 11);
    const index = new NameIndex(g);
    const queries = ['al', 'Al Bank', 'bank al', 'ban', 'ba ne', 'new yor', 'New York', 'yorks', 'the bar', 'sy', 'Syr', 'syrian north', 'nort ba', 'O’Neil', 'zoe', 'Zoë', '3', 'x', 'albert albert', 'of the', 'b a', ''];
    let tiers = 0;
    for (const q of queries) {
      const want = findByScan(g, q);
      if (want.length) tiers++;
      expect(index.find(q), q).toEqual(want);
    }
    expect(tiers).toBeGreaterThan(15); // most queries find something: the comparison is not vacuous
  });

  it('should find a node by a prefix of its whole name, and by prefixes of words in any order', () => {
    const g = new Graph();
    g.addNode('a', { label: 'Syrian Observatory for Human Rights', mentionCount: 3 });
    g.addNode('b', { label: 'Human Rights Watch', mentionCount: 5 });
    const index = new NameIndex(g);
    expect(index.find('syrian observatory for hum')).toEqual(['a']);
    expect(index.find('hum rig')).toEqual(['b', 'a']);
    expect(index.find('rights human')).toEqual(['b', 'a']);
    expect(index.find('watch hum')).toEqual(['b']);
    expect(index.find('watchdog')).toEqual([]);
  });
});
