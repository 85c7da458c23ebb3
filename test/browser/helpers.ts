/**
 * Helpers for the browser tests: Debian's chromium through playwright-core (never a downloaded
 * browser), the web build, graphs built with the real CLI, and a blank-screenshot check.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`browser tests: ${executablePath} is missing; install Debian's chromium (apt-get install -y chromium)`);
  // playwright-core creates a fresh user data dir for each launch.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Build web/dist when it is missing (npm test builds it first through `pretest`). */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/** Run the real CLI: `newsgraph build INPUT --out DIR`. */
export function buildGraphWithCli(input: string, outDir?: string): string {
  const out = outDir ?? mkdtempSync(path.join(tmpdir(), 'newsgraph-browser-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'newsgraph.mjs'), 'build', input, '--out', out], { encoding: 'utf8', cwd: ROOT });
  if (r.status !== 0 && !existsSync(path.join(out, 'graph.json'))) {
    throw new Error(`newsgraph build ${input} failed (exit ${r.status}): ${r.stderr || r.stdout}`);
  }
  return out;
}

/** Collects page errors and console errors; GPU driver chatter is not an error. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

/** Standard deviation of the grey levels of a PNG (decoded by the browser itself). */
export async function pixelStdDev(page: Page, png: Buffer): Promise<number> {
  const probe = await page.context().browser()!.newPage();
  try {
    await probe.goto('about:blank');
    return await probe.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      let sq = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const g = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
        sum += g;
        sq += g * g;
      }
      const mean = sum / n;
      return Math.sqrt(Math.max(0, sq / n - mean * mean));
    }, png.toString('base64'));
  } finally {
    await probe.close();
  }
}

export async function waitForViewer(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]', { timeout: 60_000 });
}
