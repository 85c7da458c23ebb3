import { beforeAll, describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parseHTML } from 'linkedom';
import { DOCS_PAGE, renderClaimPanel, renderNodePanel, type PanelActions } from './panels.js';
import type { ClaimGroup } from '../../src/types.js';
import type { ViewerGraph } from './load.js';

/** One document for the file's panels (they build detached elements); its window for events. */
let win: { Event: typeof Event };
beforeAll(() => {
  const dom = parseHTML('<!doctype html><html><body></body></html>');
  (globalThis as unknown as { document: Document }).document = dom.document as unknown as Document;
  win = dom.window as unknown as { Event: typeof Event };
});

const noop: PanelActions = { selectNode: () => undefined, selectEdge: () => undefined, pathFrom: () => undefined, pathTo: () => undefined, showPath: () => undefined };

describe('node panel of a hub', () => {
  function hub(docs: number): ViewerGraph {
    const g = new Graph({ type: 'directed', multi: true });
    const documents = Array.from({ length: docs }, (_, i) => ({ id: `d${i}`, path: `d${i}.txt`, title: `Doc ${i}`, source: i % 2 ? 'Reuters' : 'BBC' }));
    g.setAttribute('documents', documents);
    g.addNode('us', { label: 'United States', entityType: 'place', color: '#888', docs: documents.map((d) => d.id), aliases: [], roles: [], mentions: [] });
    for (let i = 0; i < 3; i++) {
      g.addNode(`p${i}`, { label: `Person ${i}`, entityType: 'person', color: '#888' });
      g.addEdge(`p${i}`, 'us', { predicate: 'visit', label: 'visit', family: 'meeting', weight: 1, evidence: [{ doc: 'd0', text: `Person ${i} visited the United States.` }] });
    }
    return g as unknown as ViewerGraph;
  }

  it('should show the relations first and only the first documents, with a button for more', () => {
    const panel = renderNodePanel(hub(4189), 'us', noop);
    const headings = [...panel.querySelectorAll('h3')].map((h) => h.textContent ?? '');
    const rel = headings.findIndex((h) => h.startsWith('Relations'));
    const docs = headings.findIndex((h) => h.startsWith('Documents'));
    expect(rel).toBeGreaterThanOrEqual(0);
    expect(docs).toBeGreaterThan(rel);
    expect(headings[docs]).toBe('Documents (4,189)');
    expect(panel.querySelectorAll('ul.docs li')).toHaveLength(DOCS_PAGE);
    expect(panel.querySelectorAll('*').length).toBeLessThan(200);
    const more = panel.querySelector('button.more')!;
    expect(more.textContent).toContain(`${DOCS_PAGE} of 4,189 shown`);
    more.dispatchEvent(new win.Event('click'));
    expect(panel.querySelectorAll('ul.docs li')).toHaveLength(2 * DOCS_PAGE);
  });

  it('should list a few documents whole, without a button', () => {
    const panel = renderNodePanel(hub(5), 'us', noop);
    expect(panel.querySelectorAll('ul.docs li')).toHaveLength(5);
    expect(panel.querySelector('button.more')).toBeNull();
  });
});

describe('claim panel', () => {
  function graphWith(): ViewerGraph {
    const g = new Graph({ type: 'directed', multi: true });
    g.setAttribute('documents', [
      { id: 'a.txt', path: 'a.txt', title: 'Strike in Idlib', source: 'Anadolu' },
      { id: 'b.txt', path: 'b.txt', title: 'Soldiers killed', source: 'Reuters' },
      { id: 'c.txt', path: 'c.txt', title: 'Old graph', source: 'BBC' },
    ]);
    g.addNode('org:sohr', { label: 'Syrian Observatory for Human Rights', entityType: 'organization', color: '#888' });
    return g as unknown as ViewerGraph;
  }
  const claim: ClaimGroup = {
    about: 'killed: turkish soldiers',
    property: 'killed',
    subject: 'turkish soldiers',
    disputed: true,
    values: [
      { value: '33', docs: ['a.txt'], surfaces: ['33'], evidence: [{ doc: 'a.txt', start: 0, end: 34, text: 'At least 33 soldiers were killed.' }] },
      {
        value: '34',
        docs: ['b.txt'],
        surfaces: ['thirty-four'],
        evidence: [{ doc: 'b.txt', start: 10, end: 60, text: 'Thirty-four soldiers died, the Observatory said.', assertedBy: 'org:sohr' }],
      },
      { value: '36', docs: ['c.txt'], surfaces: ['36'] },
    ],
  };

  it('should show each value with its outlets and the sentences that report it, the value marked', () => {
    const selected: string[] = [];
    const panel = renderClaimPanel(graphWith(), claim, { ...noop, selectNode: (n) => void selected.push(n) });
    expect(panel.querySelector('h2')!.textContent).toBe('killed: turkish soldiers');
    expect(panel.querySelector('.badge')!.textContent).toBe('disputed');
    expect(panel.querySelector('.meta')!.textContent).toContain('3 values from 3 outlets');
    const values = [...panel.querySelectorAll('h3.claim-value')].map((h) => h.textContent);
    expect(values).toEqual(['33 — Anadolu', '34 (as written: thirty-four) — Reuters', '36 — BBC']);
    const cards = [...panel.querySelectorAll('figure.evidence-card')];
    expect(cards.map((c) => c.querySelector('q')!.textContent)).toEqual(['At least 33 soldiers were killed.', 'Thirty-four soldiers died, the Observatory said.']);
    expect(cards.map((c) => c.querySelector('mark')?.textContent)).toEqual(['33', 'Thirty-four']);
    const said = cards[1]!.querySelector('button[data-node]')!;
    expect(said.textContent).toBe('Syrian Observatory for Human Rights');
    said.dispatchEvent(new win.Event('click'));
    expect(selected).toEqual(['org:sohr']);
  });

  it('should list the documents of a value that carries no sentences (a graph written before they were kept)', () => {
    const panel = renderClaimPanel(graphWith(), claim, noop);
    const docs = [...panel.querySelectorAll('ul.docs li')].map((li) => li.textContent);
    expect(docs).toEqual(['BBC · Old graph']);
  });
});
