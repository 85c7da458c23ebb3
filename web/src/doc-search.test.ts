import { describe, expect, it } from 'vitest';
import { docEntries, docLabel, suggestDocs } from './doc-search.js';

const docs = docEntries([
  { id: 'business/001.txt', title: 'Ad sales boost Time Warner profit', source: '' },
  { id: 'reuters.jsonl#12', title: 'Brazil suspends interest payments', source: 'Reuters' },
  { id: 'reuters.jsonl#13', title: 'Time to pay: Brazil talks', source: 'Reuters' },
  { id: 'notes.txt', title: null, source: null },
]);

describe('doc-search', () => {
  it('should label documents by outlet and title, or by id', () => {
    expect(docs.map((d) => d.label)).toEqual(['Ad sales boost Time Warner profit', 'Reuters: Brazil suspends interest payments', 'Reuters: Time to pay: Brazil talks', 'notes.txt']);
    expect(docLabel({ id: 'x', title: 'T', source: 'S' })).toBe('S: T');
  });

  it('should find documents holding every word typed, titles that start with it first', () => {
    expect(suggestDocs(docs, 'brazil', 10).map((s) => s.node)).toEqual(['reuters.jsonl#12', 'reuters.jsonl#13']);
    expect(suggestDocs(docs, 'time', 10).map((s) => s.node)).toEqual(['reuters.jsonl#13', 'business/001.txt']);
    expect(suggestDocs(docs, 'brazil talks', 10).map((s) => s.node)).toEqual(['reuters.jsonl#13']);
    expect(suggestDocs(docs, 'BUSINESS/001', 10).map((s) => s.node)).toEqual(['business/001.txt']);
    expect(suggestDocs(docs, '', 10)).toEqual([]);
    expect(suggestDocs(docs, 'reuters', 1)).toHaveLength(1);
  });
});
