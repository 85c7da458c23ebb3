import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addToGraph, build, buildFromTexts, openGraphWithRecords, removeFromGraph, saveGraph } from './api.js';
import { ExportError, GraphFormatError, InputError, UsageError } from './errors.js';

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

describe('api: copies', () => {
  it('should pass over a text given twice under two ids, as build passes over a copied file, unless two outlets give it', () => {
    const copy = { ...TEXTS[0]!, id: 'copy.txt' };
    const r = buildFromTexts([TEXTS[0]!, TEXTS[1]!, copy], { layoutIterations: 0 });
    expect(r.records.map((x) => x.document.id)).toEqual(['a.txt', 'b.txt']);
    expect(r.skipped).toEqual([{ path: 'copy.txt', reason: 'the same content as "a.txt", read before it (not counted twice)', duplicateOf: 'a.txt' }]);
    expect(r.graph.getAttribute('skipped')).toEqual(r.skipped);
    const once = buildFromTexts(TEXTS, { layoutIterations: 0 });
    expect(r.graph.mapEdges((key, a) => [key, a.weight])).toEqual(once.graph.mapEdges((key, a) => [key, a.weight]));
    // the same wire story from two outlets is two documents
    const wire = buildFromTexts([{ ...TEXTS[0]!, source: 'Reuters' }, { ...copy, source: 'Daily One' }], { layoutIterations: 0 });
    expect(wire.records).toHaveLength(2);
    expect(wire.skipped).toEqual([]);
  });
});

describe('api: outlet', () => {
  it('should name the outlet of the documents that name none in build, buildFromTexts and addToGraph, and keep their own', async () => {
    const input = mkdtempSync(path.join(os.tmpdir(), 'ng-api-outlet-'));
    writeFileSync(path.join(input, 'a.txt'), TEXTS[0]!.text);
    writeFileSync(path.join(input, 'b.txt'), `---\nsource: Reuters\n---\n${TEXTS[1]!.text}`);
    const sources = (r: { graph: { getAttribute(name: 'documents'): { id: string; source: string }[] } }) => Object.fromEntries(r.graph.getAttribute('documents').map((d) => [d.id, d.source]));
    const built = await build([input], { outlet: 'BBC', layoutIterations: 0 });
    expect(sources(built)).toEqual({ 'a.txt': 'BBC', 'b.txt': 'Reuters' });
    expect(built.graph.getNodeAttribute(built.graph.nodes().find((k) => built.graph.getNodeAttribute(k, 'label') === 'Recep Tayyip Erdogan')!, 'sources')).toEqual(['BBC', 'Reuters']);
    expect(sources(await build([input], { layoutIterations: 0 }))).toEqual({ 'a.txt': '', 'b.txt': 'Reuters' });
    const texts = buildFromTexts([TEXTS[0]!, { ...TEXTS[1]!, source: 'AP' }], { outlet: 'BBC', layoutIterations: 0 });
    expect(sources(texts)).toEqual({ 'a.txt': 'BBC', 'b.txt': 'AP' });

    const more = mkdtempSync(path.join(os.tmpdir(), 'ng-api-outlet-more-'));
    writeFileSync(path.join(more, 'c.txt'), 'Stoltenberg said Erdogan and Assad must respect the ceasefire in Idlib.');
    writeFileSync(path.join(more, 'd.txt'), 'Vladimir Putin met Erdogan in Moscow on Thursday.');
    const added = await addToGraph(built, [path.join(more, 'c.txt')], { outlet: 'Deutsche Welle' });
    expect(added.added).toEqual(['c.txt']);
    const plain = await addToGraph(added, [path.join(more, 'd.txt')]);
    expect(sources(plain)).toEqual({ 'a.txt': 'BBC', 'b.txt': 'Reuters', 'c.txt': 'Deutsche Welle', 'd.txt': '' });
    expect(plain.records.find((r) => r.document.id === 'a.txt')!.document.source).toBe('BBC');
  });

  it('should refuse an outlet that is not a non-blank string', async () => {
    await expect(build(['x'], { outlet: '' })).rejects.toThrow(UsageError);
    await expect(build(['x'], { outlet: '  ' })).rejects.toThrow('build: options.outlet must be the name of an outlet (a non-blank string), got "  ".');
    expect(() => buildFromTexts(TEXTS, { outlet: 42 as never })).toThrow('buildFromTexts: options.outlet must be the name of an outlet (a non-blank string), got 42.');
    await expect(addToGraph(buildFromTexts(TEXTS, { layoutIterations: 0 }), ['x'], { outlet: '' })).rejects.toThrow(/^addToGraph: options\.outlet must be/);
  });
});

describe('api: what it refuses', () => {
  it('should refuse to save over a folder another process wrote since it was opened, and allow saving again what it saved', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-api-race-'));
    await saveGraph(dir, buildFromTexts(TEXTS, { layoutIterations: 0 }));
    const input = mkdtempSync(path.join(os.tmpdir(), 'ng-api-race-in-'));
    writeFileSync(path.join(input, 'c.txt'), 'Stoltenberg said Erdogan and Assad must respect the ceasefire in Idlib.');
    writeFileSync(path.join(input, 'd.txt'), 'Vladimir Putin met Erdogan in Moscow on Thursday.');
    const opened = await openGraphWithRecords(dir);
    const mine = await addToGraph(opened, [path.join(input, 'c.txt')]);
    await saveGraph(dir, mine);
    // an update from what it saved may be saved over it
    const next = removeFromGraph(mine, ['a.txt']);
    await saveGraph(dir, next);
    // another writer meanwhile (here: another script's save of a different update)
    const stale = await addToGraph(next, [path.join(input, 'd.txt')]);
    const other = await openGraphWithRecords(dir);
    await saveGraph(dir, await addToGraph(other, [path.join(input, 'd.txt')]));
    await expect(saveGraph(dir, stale)).rejects.toThrow(GraphFormatError);
    await expect(saveGraph(dir, stale)).rejects.toThrow(/was written by another process .* since openGraphWithRecords read it/);
    // the folder is left as the other writer left it
    expect((await openGraphWithRecords(dir)).records.map((r) => r.document.id)).toEqual(['b.txt', 'c.txt', 'd.txt']);
    // the same through a graph.json path
    appendFileSync(path.join(input, 'c.txt'), ' More.');
    const viaFile = await openGraphWithRecords(path.join(dir, 'graph.json'));
    expect(viaFile.records).toHaveLength(3);
    await saveGraph(dir, await addToGraph(viaFile, [path.join(input, 'c.txt')]));
  });

  it('should name arguments of the wrong kind instead of reading a string letter by letter', async () => {
    const built = buildFromTexts(TEXTS, { layoutIterations: 0 });
    await expect(build('seeds' as never)).rejects.toThrow(UsageError);
    await expect(build('seeds' as never)).rejects.toThrow('build: paths must be an array of strings, got the string "seeds" (write ["seeds"])');
    await expect(build([42] as never)).rejects.toThrow('build: paths[0] must be a non-empty string, got 42');
    await expect(addToGraph(built, 'x.txt' as never)).rejects.toThrow(UsageError);
    await expect(addToGraph({} as never, ['x.txt'])).rejects.toThrow(/addToGraph: the first argument must be what build/);
    expect(() => removeFromGraph(built, 'a.txt' as never)).toThrow(UsageError);
    expect(() => removeFromGraph(built, undefined as never)).toThrow('removeFromGraph: ids must be an array of strings, got undefined');
    await expect(openGraphWithRecords({} as never)).rejects.toThrow(UsageError);
    expect(() => buildFromTexts(TEXTS, { layoutIterations: -1 })).toThrow('buildFromTexts: options.layoutIterations must be a whole number ≥ 0 (0: no layout pass), got -1.');
    expect(() => buildFromTexts(TEXTS, { name: 42 as never })).toThrow(UsageError);
    await expect(build(['x'], { layoutIterations: 'abc' as never })).rejects.toThrow(UsageError);
    expect(() => buildFromTexts([{ id: 'a', text: 'One.' }, { id: 'a', text: 'Two.' }])).toThrow(InputError);
    expect(() => buildFromTexts([{ id: 'a', text: 'One.' }, { id: 'a', text: 'Two.' }])).toThrow('texts[0] and texts[1] have the same id "a"');
  });

  it('should write nothing when the graph cannot be written, leaving the folder as it was', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-api-unwritable-'));
    await saveGraph(dir, buildFromTexts(TEXTS, { layoutIterations: 0 }));
    const files = () => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const before = files();
    const opened = await openGraphWithRecords(dir);
    const input = mkdtempSync(path.join(os.tmpdir(), 'ng-api-unwritable-in-'));
    writeFileSync(path.join(input, 'c.txt'), 'Stoltenberg said Erdogan and Assad must respect the ceasefire in Idlib.');
    const added = await addToGraph(opened, [path.join(input, 'c.txt')]);
    added.graph.setNodeAttribute(added.graph.nodes()[0]!, 'score' as never, 10n as never);
    await expect(saveGraph(dir, added)).rejects.toThrow(ExportError);
    await expect(saveGraph(dir, added)).rejects.toThrow(/the graph cannot be written \(nothing was\): .*BigInt/);
    expect(files()).toEqual(before);
  });

  it('should say a folder without records has none, rather than that they were lost', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ng-api-norec-'));
    await saveGraph(dir, buildFromTexts(TEXTS, { layoutIterations: 0 }));
    rmSync(path.join(dir, 'extractions.jsonl'));
    await expect(openGraphWithRecords(dir)).rejects.toThrow(/has no extractions\.jsonl \(the per-document extractions updates start from\)/);
  });
});
