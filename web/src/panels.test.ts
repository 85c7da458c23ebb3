import { beforeAll, describe, expect, it } from 'vitest';
import Graph from 'graphology';
import { parseHTML } from 'linkedom';
import { DOCS_PAGE, renderNodePanel, type PanelActions } from './panels.js';
import type { ViewerGraph } from './load.js';

const noop: PanelActions = { selectNode: () => undefined, selectEdge: () => undefined, pathFrom: () => undefined, pathTo: () => undefined, showPath: () => undefined };

describe('node panel of a hub', () => {
  let win: { Event: typeof Event };
  beforeAll(() => {
    const dom = parseHTML('<!doctype html><html><body></body></html>');
    (globalThis as unknown as { document: Document }).document = dom.document as unknown as Document;
    win = dom.window as unknown as { Event: typeof Event };
  });

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
