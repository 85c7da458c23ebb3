import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToGraph, buildFromTexts, openGraphWithRecords, removeFromGraph, saveGraph } from './api.js';

const TEXTS = [
  { id: 'a.txt', text: 'Turkish President Recep Tayyip Erdogan condemned the Syrian government on Friday. Erdogan spoke in Ankara.' },
  { id: 'b.txt', text: 'NATO Secretary General Jens Stoltenberg met Erdogan in Brussels on Monday, NATO said.' },
];

describe('api: incremental updates with the resolver memo', () => {
  it('should save the memo, open it again and carry it through adds and removes, giving a full build', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-api-'));
    const built = buildFromTexts(TEXTS, { layoutIterations: 0 });
    expect(built.memo?.docs.map((d) => d.doc)).toEqual(['a.txt', 'b.txt']);
    await saveGraph(dir, built);
    expect(readdirSync(dir)).toContain('resolve-memo.json');

    const opened = await openGraphWithRecords(dir);
    expect(opened.memo?.docs).toHaveLength(2);
    const input = mkdtempSync(path.join(os.tmpdir(), 'ng-api-in-'));
    writeFileSync(path.join(input, 'c.txt'), 'Stoltenberg said Erdogan and Assad must respect the ceasefire in Idlib.');
    const added = await addToGraph(opened, [path.join(input, 'c.txt')]);
    expect(added.added).toEqual(['c.txt']);
    expect(added.memo?.docs.map((d) => d.doc)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const removed = removeFromGraph(added, ['a.txt']);
    expect(removed.memo?.docs.map((d) => d.doc)).toEqual(['b.txt', 'c.txt']);

    // the same documents built at once
    const full = buildFromTexts([TEXTS[1]!, { id: 'c.txt', text: 'Stoltenberg said Erdogan and Assad must respect the ceasefire in Idlib.' }], { layoutIterations: 0 });
    const nodes = (g: typeof full.graph) => g.mapNodes((key, a) => [key, a.label, a.mentionCount, a.aliases, a.mergeReasons]);
    expect(nodes(removed.graph)).toEqual(nodes(full.graph));
    expect(removed.graph.mapEdges((key) => key)).toEqual(full.graph.mapEdges((key) => key));
  });
});
