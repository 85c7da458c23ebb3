/**
 * The viewer in a real browser (Debian chromium via playwright-core) against the real server and a
 * graph built from seeds/ by the real CLI (issue 5.10).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, WEB_DIST, buildGraphWithCli, ensureWebBuild, launchChromium, pixelStdDev, waitForViewer, watchErrors } from './helpers.js';

interface Started {
  listen(): Promise<{ url: string }>;
  close(): Promise<void>;
  reload(): Promise<void>;
}

describe('viewer', () => {
  let browser: Browser;
  let server: Started;
  let url: string;
  let graphDir: string;

  beforeAll(async () => {
    await ensureWebBuild();
    graphDir = buildGraphWithCli(path.join(ROOT, 'seeds'));
    const { createServer } = await import('../../src/server/index.js');
    server = await createServer({ graphDir, webDir: WEB_DIST, port: 0, queryWorkers: 1 });
    url = (await server.listen()).url;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(hash = ''): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 850 } });
    const errors = watchErrors(page);
    await page.goto(url + hash);
    await waitForViewer(page);
    return { page, errors };
  }

  async function pick(page: Page, selector: string, text: string): Promise<void> {
    await page.fill(selector, text);
    await page.waitForSelector(`${selector} + .suggestions li`);
    await page.press(selector, 'Enter');
  }

  describe('loading the seeds graph', () => {
    it('should draw a non-blank graph with a legend and no console errors', async () => {
      const { page, errors } = await open();
      await expect.poll(() => page.locator('#legend-types li').count()).toBeGreaterThan(1);
      await expect.poll(() => page.locator('#legend-families li').count()).toBeGreaterThan(0);
      await page.waitForTimeout(500);
      const shot = await page.locator('#graph').screenshot();
      expect(await pixelStdDev(page, shot)).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('a narrow window', () => {
    it('should open and close the sidebar with its toggle button', async () => {
      const { page, errors } = await open();
      await page.setViewportSize({ width: 800, height: 700 });
      expect(await page.locator('#sidebar').isVisible()).toBe(false);
      const toggle = page.locator('#sidebar-toggle');
      expect(await toggle.isVisible()).toBe(true);
      await toggle.click();
      await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(true);
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      // Its controls work: a filter, through the drawer.
      await page.fill('#filter-relations', '1');
      await page.press('#filter-relations', 'Enter');
      await page.waitForFunction(() => location.hash.includes('minrel=1'));
      await toggle.click();
      await expect.poll(() => page.locator('#sidebar').isVisible()).toBe(false);
      // A wide window shows the sidebar without the button.
      await page.setViewportSize({ width: 1300, height: 850 });
      expect(await page.locator('#sidebar').isVisible()).toBe(true);
      expect(await toggle.isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('search', () => {
    it('should select Stoltenberg and show an evidence sentence naming him', async () => {
      const { page, errors } = await open();
      await pick(page, '#search', 'Stoltenberg');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(true);
      const sentence = page.locator('#panel .sentence', { hasText: 'Stoltenberg' }).first();
      await sentence.waitFor({ state: 'visible' });
      expect(await sentence.textContent()).toContain('Stoltenberg');
      expect(page.url()).toContain('node=');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('claims', () => {
    it("should open a disputed claim's sentences per value from the claims panel, keep it in the link, and reopen it from the link", async () => {
      const { page, errors } = await open();
      await page.click('#claims-box > summary');
      const about = page.locator('#claims .claim.disputed .about button', { hasText: 'killed: turkish soldiers' }).first();
      await about.click();
      await page.locator('#panel .claim-panel').waitFor({ state: 'visible' });
      expect(await page.locator('#panel h2').textContent()).toBe('killed: turkish soldiers');
      const values = await page.locator('#panel h3.claim-value strong').allTextContents();
      expect(values).toEqual(expect.arrayContaining(['33', '34']));
      // each value's sentences, the value marked in them
      const marks = await page.locator('#panel .evidence-card mark').allTextContents();
      expect(marks.some((m) => /33/.test(m))).toBe(true);
      expect(marks.some((m) => /34|thirty-four/i.test(m))).toBe(true);
      expect(page.url()).toContain('claim=');
      const link = page.url();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(false);
      expect(page.url()).not.toContain('claim=');
      // the link opens the same panel
      const again = await browser.newPage({ viewport: { width: 1300, height: 850 } });
      const errors2 = watchErrors(again);
      await again.goto(link);
      await waitForViewer(again);
      await again.locator('#panel .claim-panel').waitFor({ state: 'visible' });
      expect(await again.locator('#panel h2').textContent()).toBe('killed: turkish soldiers');
      // who a document says gave the figure opens as a node
      const said = again.locator('#panel .evidence-card figcaption button[data-node]').first();
      expect(await said.count()).toBe(1);
      await said.click();
      await expect.poll(() => again.url()).toContain('node=');
      expect(again.url()).not.toContain('claim=');
      expect(errors).toEqual([]);
      expect(errors2).toEqual([]);
      await page.close();
      await again.close();
    });
  });

  describe('path finder', () => {
    it('should find a path from Stoltenberg to Assad and list its hops with evidence', async () => {
      const { page, errors } = await open();
      await pick(page, '#path-from', 'Stoltenberg');
      await pick(page, '#path-to', 'Assad');
      await page.click('#path-go');
      await page.locator('#panel .hop').first().waitFor({ state: 'visible' });
      expect(await page.locator('#panel .hop').count()).toBeGreaterThan(0);
      expect(await page.locator('#panel .hop .sentence').count()).toBeGreaterThan(0);
      expect(page.url()).toMatch(/from=.*to=/);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('query console', () => {
    it('should run a query and show rows', async () => {
      const { page, errors } = await open();
      await page.fill('#console-input', 'MATCH (n) RETURN n LIMIT 5');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output table.results tbody tr').first().waitFor({ state: 'visible' });
      expect(await page.locator('#console-output table.results tbody tr').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should hide entities with fewer relations than asked, and keep that in the link', async () => {
      const { page, errors } = await open();
      const count = () =>
        page.evaluate(async () => {
          const w = (window as unknown as { __newsgraph: { sigma: { whenDrawn(): Promise<void>; getNodeDisplayData(n: string): { hidden?: boolean } | undefined }; graph: { nodes(): string[]; degree(n: string): number } } }).__newsgraph;
          await w.sigma.whenDrawn();
          const shown = w.graph.nodes().filter((n) => !w.sigma.getNodeDisplayData(n)?.hidden);
          return { shown: shown.length, unrelatedShown: shown.filter((n) => w.graph.degree(n) === 0).length, all: w.graph.nodes().length };
        });
      const before = await count();
      // The seeds are small: they open with every entity, related or not.
      expect(before.shown).toBe(before.all);
      expect(before.unrelatedShown).toBeGreaterThan(0);
      await page.fill('#filter-relations', '1');
      await page.press('#filter-relations', 'Enter');
      await page.waitForFunction(() => location.hash.includes('minrel=1'));
      const after = await count();
      expect(after.unrelatedShown).toBe(0);
      expect(after.shown).toBe(before.all - before.unrelatedShown);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should find a document to filter by from what is typed, keep it in the link, and drop it when the field is cleared', async () => {
      const { page, errors } = await open();
      const docs = await page.evaluate(() => (window as unknown as { __newsgraph: { graph: { getAttribute(k: string): { id: string; title: string }[] } } }).__newsgraph.graph.getAttribute('documents'));
      const target = docs.find((d) => /Turkish soldiers/.test(d.title))!;
      expect(await page.locator('#filter-doc option').count()).toBe(0); // no list of every document
      expect(await page.isHidden('#filter-dates')).toBe(true); // the seeds give no publication dates
      await pick(page, '#filter-doc', 'turkish soldiers');
      await page.waitForFunction((id) => new URLSearchParams(location.hash.slice(1)).get('doc') === id, target.id);
      expect(await page.inputValue('#filter-doc')).toContain(target.title);
      await page.fill('#filter-doc', '');
      await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has('doc'));
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should show a selected edge and its two ends over the rest of the graph, faded', async () => {
      const { page, errors } = await open();
      const edge = await page.evaluate(() => {
        const g = (window as unknown as { __newsgraph: { graph: { edges(): string[] } } }).__newsgraph.graph;
        return g.edges()[0]!;
      });
      await page.evaluate((e) => (location.hash = `edge=${encodeURIComponent(e)}`), edge);
      await page.locator('#panel h2').waitFor({ state: 'visible' });
      const view = await page.evaluate(async (e) => {
        const w = (window as unknown as { __newsgraph: { sigma: { whenDrawn(): Promise<void>; getNodeDisplayData(n: string): { color: string; highlighted?: boolean } | undefined; getEdgeDisplayData(e: string): { color: string } | undefined; getGraph(): { nodes(): string[]; extremities(e: string): string[] } } } }).__newsgraph;
        await w.sigma.whenDrawn(); // display data is that of the last complete refresh
        const g = w.sigma.getGraph();
        const ends = g.extremities(e);
        const others = g.nodes().filter((n) => !ends.includes(n));
        return {
          endsHighlighted: ends.every((n) => w.sigma.getNodeDisplayData(n)?.highlighted === true),
          othersFaded: others.every((n) => w.sigma.getNodeDisplayData(n)?.color === '#e3e3e3'),
          others: others.length,
        };
      }, edge);
      expect(view.endsHighlighted).toBe(true);
      expect(view.others).toBeGreaterThan(0);
      expect(view.othersFaded).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("should show a query's result on the graph over a node selected before it", async () => {
      const { page, errors } = await open();
      await pick(page, '#search', 'Stoltenberg');
      await page.locator('#panel h2').waitFor({ state: 'visible' });
      await page.fill('#console-input', 'path "Stoltenberg" -> "Assad"');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output table.results tbody tr').first().waitFor({ state: 'visible' });
      const view = await page.evaluate(async () => {
        const w = (window as unknown as { __newsgraph: { sigma: { whenDrawn(): Promise<void>; getNodeDisplayData(n: string): { highlighted?: boolean } | undefined; getGraph(): { nodes(): string[]; getNodeAttribute(n: string, k: string): string } }; state: { selectedNode: string | null } } }).__newsgraph;
        await w.sigma.whenDrawn();
        const g = w.sigma.getGraph();
        const highlighted = g.nodes().filter((n) => w.sigma.getNodeDisplayData(n)?.highlighted).map((n) => g.getNodeAttribute(n, 'label'));
        return { selected: w.state.selectedNode, highlighted };
      });
      expect(view.selected).toBeNull();
      // The path's ends (and the hops between them) are what is highlighted now.
      expect(view.highlighted.some((l) => /Stoltenberg/.test(l))).toBe(true);
      expect(view.highlighted.some((l) => /Assad/.test(l))).toBe(true);
      expect(view.highlighted.length).toBeGreaterThan(2);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should show a bad query\'s error with its position', async () => {
      const { page } = await open();
      await page.fill('#console-input', 'MATCH (n RETURN n');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output .console-error').waitFor({ state: 'visible' });
      expect(await page.locator('#console-output .console-error').textContent()).toMatch(/\S/);
      await page.close();
    });
  });

  describe('keyboard and controls', () => {
    it('should be usable without a mouse: / search, Enter select, : console, Escape close', async () => {
      const { page, errors } = await open();
      await page.locator('body').press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
      await page.keyboard.type('stolten');
      await page.waitForSelector('#search + .suggestions li');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await page.locator('#panel .node-panel').waitFor({ state: 'visible' });
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('#panel').isVisible()).toBe(false);
      // Escape returned focus to the search box; Escape again leaves it, then `:` opens the console.
      await page.keyboard.press('Escape');
      await page.keyboard.press(':');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('console-input');
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should run and stop ForceAtlas2 in a worker under the server\'s CSP', async () => {
      const { page, errors } = await open();
      const positions = () =>
        page.evaluate(() => {
          const g = (window as unknown as { __newsgraph: { sigma: { getGraph(): { mapNodes(f: (n: string, a: { x: number; y: number }) => string): string[] } } } }).__newsgraph.sigma.getGraph();
          return g.mapNodes((_n, a) => `${a.x},${a.y}`).join(';');
        });
      const before = await positions();
      await page.click('#layout');
      expect(await page.getAttribute('#layout', 'aria-pressed')).toBe('true');
      // The worker (loaded on first use) really runs: the nodes move.
      await expect.poll(positions, { timeout: 20_000 }).not.toBe(before);
      await page.click('#layout');
      expect(await page.getAttribute('#layout', 'aria-pressed')).toBe('false');
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('exports', () => {
    it('should download the view as PNG and the graph as GEXF and JSON', async () => {
      const { page, errors } = await open();
      const png = page.waitForEvent('download');
      await page.click('#export-png');
      const pngFile = await png;
      expect(pngFile.suggestedFilename()).toMatch(/\.png$/);
      const pngPath = await pngFile.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');
      for (const [id, ext, head] of [['#export-gexf', 'gexf', '<?xml'], ['#export-json', 'json', '{']] as const) {
        const dl = page.waitForEvent('download');
        await page.click(id);
        const file = await dl;
        expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
        expect(readFileSync(await file.path(), 'utf8').trimStart().startsWith(head)).toBe(true);
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('URL state', () => {
    it('should say so when a link names an entity the graph does not have', async () => {
      const { page, errors } = await open('#node=person%3Anobody-at-all');
      await page.locator('#status', { hasText: 'person:nobody-at-all (from the link) is not in the graph this page loaded' }).waitFor();
      expect(await page.isHidden('#panel')).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('should reproduce a selected node and a path from a link', async () => {
      const { page } = await open();
      await pick(page, '#search', 'Stoltenberg');
      await page.locator('#panel .sentence').first().waitFor();
      const link = page.url();
      const second = await browser.newPage();
      await second.goto(link);
      await waitForViewer(second);
      await second.locator('#panel .node-panel h2', { hasText: 'Stoltenberg' }).waitFor({ state: 'visible' });
      await second.close();
      await page.close();
    });
  });

  describe('updates on the server', () => {
    it('should offer the graph the server loaded after an update, and load it with the view kept', async () => {
      const { page, errors } = await open();
      await pick(page, '#search', 'Stoltenberg');
      await page.locator('#panel .sentence').first().waitFor();
      expect(await page.isHidden('#update-banner')).toBe(true);
      // The folder loaded again unchanged (a `compact`, a restart) is no update.
      await server.reload();
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.waitForTimeout(300);
      expect(await page.isHidden('#update-banner')).toBe(true);
      // Another writer changes the graph, and the server loads it (what the watch does once `newsgraph add` has written the folder).
      const file = path.join(graphDir, 'graph.json');
      const data = JSON.parse(readFileSync(file, 'utf8')) as { attributes: { name: string } };
      data.attributes.name = 'renamed';
      writeFileSync(file, `${JSON.stringify(data)}\n`);
      await server.reload();
      await page.evaluate(() => window.dispatchEvent(new Event('focus'))); // checked at once when the tab is looked at again
      await page.locator('#update-banner:not([hidden])').waitFor();
      expect(await page.textContent('#update-banner')).toMatch(/The graph was updated on the server \(now 5 documents, \d+ entities, \d+ relations\)/);
      await Promise.all([page.waitForEvent('load'), page.click('#update-reload')]);
      await waitForViewer(page);
      await page.locator('#panel .node-panel h2', { hasText: 'Stoltenberg' }).waitFor({ state: 'visible' });
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await page.waitForTimeout(300);
      expect(await page.isHidden('#update-banner')).toBe(true); // the page now has the latest graph
      expect(errors).toEqual([]);
      await page.close();
    });
  });
});
