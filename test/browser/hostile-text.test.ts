/**
 * No script from text (issues 5.10 and 8.4): article text full of HTML and JavaScript reaches the
 * page only as text. One test runs the real pipeline on a generated corpus; one runs a hand-made
 * graph whose names, aliases and sentences are themselves markup, so the viewer is tested even
 * where extraction would drop such names.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIST, buildGraphWithCli, ensureWebBuild, launchChromium, waitForViewer, watchErrors } from './helpers.js';
// @ts-expect-error plain ESM helper without types
import { startStaticServer } from './static-server.mjs';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>window.__pwned = 1; alert(2)</script>';

/** Every way a page could run the payload: dialogs, the flag, injected elements. */
async function assertNothingRan(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length)).toBe(0);
}

function trackDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

describe('hostile text', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureWebBuild();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('an article built by the real pipeline', () => {
    let server: { listen(): Promise<{ url: string }>; close(): Promise<void> };
    let url: string;
    beforeAll(async () => {
      const corpus = mkdtempSync(path.join(tmpdir(), 'newsgraph-hostile-'));
      writeFileSync(
        path.join(corpus, 'hostile.txt'),
        [
          'Hostile markup in Brussels',
          '',
          `NATO Secretary General Jens Stoltenberg condemned Russia on Friday after ${IMG} appeared in the statement.`,
          `Jens Stoltenberg criticised Russia again, quoting ${SCRIPT} from the leaked page.`,
          'Russia rejected the criticism by Jens Stoltenberg.',
          '',
        ].join('\n'),
      );
      const graphDir = buildGraphWithCli(corpus);
      const { createServer } = await import('../../src/server/index.js');
      server = await createServer({ graphDir, webDir: WEB_DIST, port: 0, queryWorkers: 1 });
      url = (await server.listen()).url;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('should show the markup as text and run nothing', async () => {
      const page = await browser.newPage();
      const dialogs = trackDialogs(page);
      const errors = watchErrors(page);
      await page.goto(url);
      await waitForViewer(page);
      await page.fill('#search', 'Stoltenberg');
      await page.waitForSelector('#search + .suggestions li');
      await page.press('#search', 'Enter');
      await page.locator('#panel .sentence').first().waitFor({ state: 'visible' });
      const text = await page.locator('#panel').textContent();
      expect(text).toMatch(/<img src=x onerror=alert\(1\)>|<script>/);
      await assertNothingRan(page, dialogs);
      expect(errors).toEqual([]);
      await page.close();
    });
  });

  describe('a graph whose names and sentences are markup', () => {
    let stop: () => Promise<void>;
    let url: string;
    beforeAll(async () => {
      const graph = readFileSync(new URL('./__fixtures__/graph.json', import.meta.url), 'utf8');
      const s = await startStaticServer({ graph, webDir: WEB_DIST });
      url = s.url;
      stop = s.close;
    });
    afterAll(async () => {
      await stop?.();
    });

    it('should show hostile names, aliases and evidence as text in suggestions and panels', async () => {
      const page = await browser.newPage();
      const dialogs = trackDialogs(page);
      await page.goto(url);
      await waitForViewer(page);
      await page.fill('#search', 'evil');
      const option = page.locator('#search + .suggestions li').first();
      await option.waitFor({ state: 'visible' });
      expect(await option.textContent()).toContain(IMG);
      await page.press('#search', 'Enter');
      await page.locator('#panel .node-panel').waitFor({ state: 'visible' });
      const panel = (await page.locator('#panel').textContent()) ?? '';
      expect(panel).toContain(IMG);
      expect(panel).toContain('<script>window.__pwned=1</script>');
      // The edge panel, with the hostile sentence side by side per outlet.
      await page.locator('#panel button', { hasText: 'evidence' }).first().click();
      await page.locator('#panel .edge-panel .evidence-card').first().waitFor({ state: 'visible' });
      expect(await page.locator('#panel .edge-panel').textContent()).toContain('<script>window.__pwned=1</script>');
      await assertNothingRan(page, dialogs);
      await page.close();
    });

    it('should carry hostile text in the URL without running it', async () => {
      const page = await browser.newPage();
      const dialogs = trackDialogs(page);
      await page.goto(`${url}#node=${encodeURIComponent('"><img src=x onerror=alert(3)>')}&q=${encodeURIComponent(SCRIPT)}`);
      await waitForViewer(page);
      await page.waitForTimeout(300);
      await assertNothingRan(page, dialogs);
      await page.close();
    });
  });
});
