#!/usr/bin/env node
// Viewer scale benchmark (issue 5.11): time to first render, longest main-thread task while loading,
// and frame rate while panning, for generated graphs of 1k, 10k and 50k nodes (5 edges per node),
// the newsgraph viewer next to a bare sigma instance with default settings, in the same headless
// Debian chromium run (software WebGL). Figures are printed and written to bench/results/viewer.json.
// Usage: node bench/viewer.mjs [--sizes 1000,10000,50000] [--pan-ms 3000]
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startStaticServer } from '../test/browser/static-server.mjs';
import { arg, rng } from './lib/common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIZES = arg('sizes', '1000,10000,50000').split(',').map(Number);
const PAN_MS = Number(arg('pan-ms', '3000'));
const EDGES_PER_NODE = 5;

const TYPES = ['person', 'organization', 'place', 'event', 'other'];
const FAMILIES = ['statement', 'criticise', 'demand', 'threaten', 'attack', 'support', 'consult', 'aid', 'accuse', 'reject', 'role', 'other'];

/** A graph.json-shaped graph: clustered positions, mostly local edges, skewed weights and mentions. */
export function generateGraph(n, m = n * EDGES_PER_NODE, seed = 42) {
  const r = rng(seed);
  const clusters = Math.max(4, Math.round(Math.sqrt(n) / 3));
  const centres = Array.from({ length: clusters }, () => [r() * 1000, r() * 1000]);
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const c = centres[i % clusters];
    const a = r() * Math.PI * 2;
    const d = Math.sqrt(-2 * Math.log(r() + 1e-12)) * 40;
    const mentionCount = 1 + Math.floor(-Math.log(r() + 1e-12) * 3) + (r() < 0.01 ? Math.floor(r() * 200) : 0);
    nodes.push({
      key: `n${i}`,
      attributes: {
        label: `Entity ${i}`, type: TYPES[Math.floor(r() * r() * TYPES.length)], aliases: [`E${i}`], mentions: [], roles: [], docs: [], sources: [],
        mentionCount, pagerank: 0, x: c[0] + Math.cos(a) * d, y: c[1] + Math.sin(a) * d, size: 2 + Math.sqrt(mentionCount), color: '#888888', mergeReasons: [],
      },
    });
  }
  const edges = [];
  for (let i = 0; i < m; i++) {
    const s = Math.floor(r() * n);
    // Mostly within the same cluster (same i mod clusters), sometimes anywhere.
    const t = r() < 0.8 ? (s + clusters * (1 + Math.floor(r() * 20))) % n : Math.floor(r() * n);
    if (s === t) continue;
    const family = FAMILIES[Math.floor(r() * FAMILIES.length)];
    edges.push({
      key: `e${i}`, source: `n${s}`, target: `n${t}`,
      attributes: {
        predicate: family, label: family, verbs: [], family, quad: 'neutral', evidence: [], weight: 1 + Math.floor(-Math.log(r() + 1e-12) * 0.8),
        sources: [], assertedBy: [], negated: false, hedged: false, size: 1, color: '#cccccc',
      },
    });
  }
  return { attributes: { name: `generated-${n}`, generator: 'bench/viewer.mjs', documents: [], claims: [], skipped: [] }, options: { type: 'directed', multi: true, allowSelfLoops: true }, nodes, edges };
}

const LONGTASK_OBSERVER = () => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* not supported */
  }
};

/**
 * Each page gets a browser of its own: pages of one site share a renderer process and so its main
 * thread, and tearing down the previous page's 50k-node sigma showed up as a multi-second "long
 * task" of the next page.
 */
async function measure(url, which) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await measurePage(browser, url, which);
  } finally {
    await browser.close();
  }
}

async function measurePage(browser, url, which) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(LONGTASK_OBSERVER);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]', { timeout: 600_000 });
  const firstRender = await page.evaluate(
    (w) => new Promise((resolve) => {
      const t = (w === 'viewer' ? window.__newsgraphTimings?.firstRender : window.__bench?.firstRender);
      if (t !== undefined) return resolve(t);
      requestAnimationFrame(() => resolve(performance.now()));
    }),
    which,
  );
  // Let trailing work (scheduled renders) finish before reading long tasks and panning.
  await page.waitForTimeout(1500);
  const longtasks = await page.evaluate(() => window.__longtasks ?? []);
  const loadTasks = longtasks.filter((t) => t.start <= firstRender + 1000);
  const maxTask = loadTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  // Pan: drag the stage for PAN_MS with one pointer move per animation frame (as a browser delivers
  // them), dispatched in the page to whatever element is under the pointer, and count sigma's renders.
  // In-page events keep the harness's own round trips out of the figure.
  const box = await page.locator('#graph').boundingBox();
  const pan = await page.evaluate(
    ({ w, panMs, box }) =>
      new Promise((resolve) => {
        const sigma = w === 'viewer' ? window.__newsgraph.sigma : window.__bench.sigma;
        let renders = 0;
        sigma.on('afterRender', () => renders++);
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        const fire = (type, x, y) => {
          const target = type === 'mouseup' ? document : (document.elementFromPoint(x, y) ?? document);
          target.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0, buttons: type === 'mouseup' ? 0 : 1 }));
        };
        fire('mousedown', cx, cy);
        const t0 = performance.now();
        let moves = 0;
        let x = cx;
        let y = cy;
        const step = () => {
          moves++;
          x = cx + Math.cos(moves / 10) * 150;
          y = cy + Math.sin(moves / 10) * 100;
          fire('mousemove', x, y);
          if (performance.now() - t0 < panMs) requestAnimationFrame(step);
          else {
            const elapsed = performance.now() - t0;
            fire('mouseup', x, y);
            resolve({ renders, moves, elapsed });
          }
        };
        requestAnimationFrame(step);
      }),
    { w: which, panMs: PAN_MS, box },
  );
  const renders = pan.renders;
  const elapsed = Math.round(pan.elapsed);
  const moves = pan.moves;
  await page.close();
  // The longest load tasks, with their start relative to first render (negative: before it).
  const longestTasks = [...loadTasks].sort((a, b) => b.duration - a.duration).slice(0, 5).map((t) => ({ atMs: Math.round(t.start - firstRender), ms: Math.round(t.duration) }));
  return { firstRenderMs: Math.round(firstRender), maxLoadTaskMs: Math.round(maxTask), longestTasks, panFps: +((renders / elapsed) * 1000).toFixed(2), panRenders: renders, panMoves: moves, panMs: elapsed, errors };
}

/** Run the benchmark; prints figures and writes bench/results/viewer.json. */
export async function runViewerBench() {
  console.log('building the viewer and the bare-sigma page…');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  const bareDir = mkdtempSync(path.join(tmpdir(), 'newsgraph-bare-sigma-'));
  await build({ configFile: false, root: path.join(ROOT, 'bench', 'bare-sigma'), base: './', logLevel: 'warn', build: { outDir: bareDir, emptyOutDir: true, target: 'es2022' } });
  const results = [];
  for (const n of SIZES) {
    const g = generateGraph(n);
    const json = JSON.stringify(g);
    const viewer = await startStaticServer({ graph: json });
    const bare = await startStaticServer({ graph: json, webDir: bareDir });
    try {
      const b = await measure(bare.url, 'bare');
      const v = await measure(viewer.url, 'viewer');
      const row = { nodes: n, edges: g.edges.length, jsonMB: +(json.length / 1e6).toFixed(1), bare: b, viewer: v, firstRenderRatio: +(v.firstRenderMs / b.firstRenderMs).toFixed(2) };
      results.push(row);
      console.log(
        `${String(n).padStart(6)} nodes ${String(g.edges.length).padStart(7)} edges | first render: bare ${b.firstRenderMs} ms, viewer ${v.firstRenderMs} ms (×${row.firstRenderRatio}) | ` +
          `pan: bare ${b.panFps} fps, viewer ${v.panFps} fps | longest load task: bare ${b.maxLoadTaskMs} ms, viewer ${v.maxLoadTaskMs} ms`,
      );
      for (const e of [...b.errors, ...v.errors]) console.log('  page error:', e);
    } finally {
      await viewer.close();
      await bare.close();
    }
  }
  const out = {
    benchmark: 'viewer',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGB: Math.round(totalmem() / 2 ** 30), node: process.version, browser: 'Debian chromium, headless, software WebGL' },
    method: 'first render: ms from navigation start to the first frame after the graph is drawn; longest load task: longest main-thread task (PerformanceObserver longtask) up to 1 s after first render; pan: sigma renders per second while the stage is dragged (mousedown, one mousemove per animation frame for --pan-ms, mouseup, dispatched in the page to the element under the pointer)',
    results,
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', 'viewer.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('written bench/results/viewer.json');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await runViewerBench();
