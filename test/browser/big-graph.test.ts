/**
 * The viewer on a generated graph big enough for its level-of-detail path (issue 5.11): loaded by
 * the worker in slices, drawn with the point and line programs, the display graph filled after
 * sigma is up with only the strongest edges. Speed is measured in bench/viewer.mjs, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuild, launchChromium, pixelStdDev, watchErrors } from './helpers.js';
// @ts-expect-error plain ESM helper without types
import { startStaticServer } from './static-server.mjs';
// @ts-expect-error plain ESM benchmark module without types
import { generateGraph } from '../../bench/viewer.mjs';
import { EDGE_BUDGET } from '../../web/src/load.js';

const NODES = 6000;
const EDGES = 18000;

interface Exposed {
  sigma: { getGraph(): { order: number; size: number; hasEdge(e: string): boolean }; on(ev: string, f: () => void): void };
  graph: { order: number; size: number; edges(n: string): string[] };
  state: { selectedNode: string | null };
}

describe('viewer on a big graph', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    await ensureWebBuild();
    // Over SMALL_GRAPH_BYTES, so it goes through the loader worker.
    server = await startStaticServer({ graph: JSON.stringify(generateGraph(NODES, EDGES, 7)) });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A new page on `url`, with `beforeLoad` run in it before the viewer's own scripts, once the viewer is ready. */
  async function open(url: string, beforeLoad?: () => void): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = watchErrors(page);
    try {
      if (beforeLoad) await page.addInitScript(beforeLoad);
      await page.goto(url);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 120_000 });
    } catch (err) {
      await page.close();
      throw err;
    }
    return { page, errors };
  }

  it('should draw every node and only the strongest edges, select from search, and pan', async () => {
    const { page, errors } = await open(server.url);
    const counts = await page.evaluate(() => {
      const w = (window as unknown as { __newsgraph: Exposed }).__newsgraph;
      return { order: w.graph.order, size: w.graph.size, shownOrder: w.sigma.getGraph().order, shownSize: w.sigma.getGraph().size };
    });
    expect(counts.order).toBe(NODES);
    expect(counts.shownOrder).toBe(NODES);
    expect(counts.size).toBeGreaterThan(EDGE_BUDGET);
    expect(counts.shownSize).toBe(EDGE_BUDGET);
    expect(await pixelStdDev(page, await page.locator('#graph').screenshot())).toBeGreaterThan(5);

    await page.fill('#search', 'Entity 4321');
    await page.waitForSelector('#search + .suggestions li');
    await page.press('#search', 'Enter');
    await page.locator('#panel .node-panel h2', { hasText: 'Entity 4321' }).waitFor({ state: 'visible' });
    // The selection's edges are drawn even when they are not among the strongest.
    const missing = await page.evaluate(() => {
      const w = (window as unknown as { __newsgraph: Exposed }).__newsgraph;
      return w.graph.edges(w.state.selectedNode!).filter((e) => !w.sigma.getGraph().hasEdge(e));
    });
    expect(missing).toEqual([]);
    await page.keyboard.press('Escape');

    // Drag the stage: sigma keeps rendering while the camera moves, and draws the view after.
    await page.evaluate(() => {
      const w = window as unknown as { __newsgraph: Exposed; __renders: number };
      w.__renders = 0;
      w.__newsgraph.sigma.on('afterRender', () => w.__renders++);
    });
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 15, box.y + box.height / 2 + i * 5);
    await page.mouse.up();
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => (window as unknown as { __renders: number }).__renders)).toBeGreaterThan(1);
    expect(await pixelStdDev(page, await page.locator('#graph').screenshot())).toBeGreaterThan(5);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it("should process a full refresh in slices into exactly what sigma's own process() gives", async () => {
    const { page, errors } = await open(server.url);
    const result = await page.evaluate(async () => {
      type Part = { array: Float32Array; capacity: number; programs?: Part[] };
      const s = (window as unknown as { __newsgraph: { sigma: Record<string, unknown> & { refresh(): void; whenDrawn(): Promise<void>; isProcessing(): boolean; process(): void; on(e: string, f: () => void): void } } }).__newsgraph.sigma;
      const parts = (p: Part): Part[] => (p.programs ? p.programs.flatMap(parts) : [p]);
      const snapshot = () => {
        const programs = [...Object.values(s.nodePrograms as Record<string, Part>), ...Object.values(s.edgePrograms as Record<string, Part>)].flatMap(parts);
        const buffers = programs.map((p) => {
          const bits = new Uint32Array(p.array.buffer, p.array.byteOffset, p.array.length);
          let h = 2166136261;
          for (let i = 0; i < bits.length; i++) h = Math.imul(h ^ bits[i]!, 16777619);
          return `${p.capacity}:${bits.length}:${h >>> 0}`;
        });
        const ids = JSON.stringify([s.nodeIndices, s.edgeIndices]);
        return { buffers, ids: ids.length, idsHead: ids.slice(0, 200), labels: JSON.stringify((s.labelGrid as { cells: unknown }).cells).length };
      };
      let rendersWhileProcessing = 0;
      let renders = 0;
      s.on('afterRender', () => {
        renders++;
        if (s.isProcessing()) rendersWhileProcessing++;
      });
      s.refresh();
      // Camera moves while the job runs are drawn from the last complete state. A camera move asks
      // for a render in the next frame, before this loop's own frame callback: when the job is still
      // running at that callback, it was running at the render too (no task runs between the two).
      let framesWhileProcessing = 0;
      for (let i = 0; i < 3 && s.isProcessing(); i++) {
        (s as unknown as { getCamera(): { setState(x: object): void } }).getCamera().setState({ x: 0.6 + i * 0.02 });
        await new Promise((r) => requestAnimationFrame(r));
        if (s.isProcessing()) framesWhileProcessing++;
      }
      await s.whenDrawn();
      const after = { processing: s.isProcessing(), ...snapshot() };
      s.process(); // sigma's own, in one go
      return { renders, rendersWhileProcessing, framesWhileProcessing, after, reference: snapshot() };
    });
    expect(result.after.processing).toBe(false);
    expect(result.after.buffers.length).toBeGreaterThan(0);
    expect(result.after.buffers).toEqual(result.reference.buffers);
    expect(result.after.ids).toBe(result.reference.ids);
    expect(result.after.idsHead).toBe(result.reference.idsHead);
    expect(result.after.labels).toBe(result.reference.labels);
    // Frames that came while the job ran were drawn (from the last complete state).
    expect(result.rendersWhileProcessing).toBeGreaterThanOrEqual(result.framesWhileProcessing);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('should draw the first picture one WebGL layer per frame and leave empty hover layers alone', async () => {
    // Log every clear and draw on the canvases themselves (not the picking framebuffers), by frame.
    const { page, errors } = await open(server.url, () => {
      const w = window as unknown as { __gl: [number, string, string][]; __frame: number };
      w.__gl = [];
      w.__frame = 0;
      const tick = () => {
        w.__frame++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      for (const C of [WebGLRenderingContext, WebGL2RenderingContext] as unknown as { prototype: Record<string, unknown> }[]) {
        for (const m of ['clear', 'drawArrays', 'drawArraysInstanced', 'createProgram']) {
          const orig = C.prototype[m] as ((...a: unknown[]) => unknown) | undefined;
          if (!orig) continue;
          C.prototype[m] = function (this: WebGL2RenderingContext, ...a: unknown[]) {
            if (m === 'createProgram' || !this.getParameter(this.FRAMEBUFFER_BINDING)) w.__gl.push([w.__frame, m, (this.canvas as HTMLCanvasElement).className]);
            return orig.apply(this, a);
          };
        }
      }
    });
    const log = await page.evaluate(() => (window as unknown as { __gl: [number, string, string][] }).__gl.splice(0));
    const touches = (frame: number, layer: string) => log.some(([f, m, c]) => f === frame && m !== 'createProgram' && c.includes(`sigma-${layer}`));
    const drawFrames = (layer: string) => log.filter(([, m, c]) => m.startsWith('draw') && c.includes(`sigma-${layer}`)).map(([f]) => f);
    const firstEdges = Math.min(...drawFrames('edges'));
    const firstNodes = Math.min(...drawFrames('nodes'));
    // Edges first, alone; then nodes, alone (each frame's WebGL canvases are read back in software WebGL).
    expect(firstEdges).toBeLessThan(firstNodes);
    expect(touches(firstEdges, 'nodes')).toBe(false);
    expect(touches(firstNodes, 'edges')).toBe(false);
    // Programs are compiled, but not before the graph is there to draw.
    expect(log.filter(([, m]) => m === 'createProgram').length).toBeGreaterThan(0);

    // Renders with nothing hovered or highlighted never touch the hover-nodes canvas…
    const hoverTouches = async (action: string) =>
      page.evaluate(async (act) => {
        const w = window as unknown as { __gl: [number, string, string][]; __newsgraph: { sigma: { getGraph(): { nodes(): string[]; setNodeAttribute(n: string, k: string, v: unknown): void }; refresh(): void; whenDrawn(): Promise<void>; render(): void } } };
        const s = w.__newsgraph.sigma;
        const node = s.getGraph().nodes()[0]!;
        if (act === 'highlight') s.getGraph().setNodeAttribute(node, 'highlighted', true);
        if (act === 'unhighlight') s.getGraph().setNodeAttribute(node, 'highlighted', false);
        await s.whenDrawn();
        for (let i = 0; i < 3; i++) {
          s.render();
          await new Promise((r) => requestAnimationFrame(r));
        }
        return w.__gl.splice(0).filter(([, , c]) => c.includes('sigma-hoverNodes')).map(([, m]) => m);
      }, action);
    expect(await hoverTouches('none')).toEqual([]);
    // …a highlighted node is drawn there, and once it is no longer highlighted the layer is cleared once.
    expect(await hoverTouches('highlight')).toContain('drawArrays');
    expect((await hoverTouches('unhighlight')).filter((m) => m === 'clear').length).toBeGreaterThan(0);
    expect(await hoverTouches('none')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('should open a big graph made mostly of unrelated entities on the related ones, and show all on request', async () => {
    // 3,000 entities, 400 relations: most entities have none (as in a real news corpus).
    const sparse = await startStaticServer({ graph: JSON.stringify(generateGraph(3000, 400, 11)) });
    try {
      const { page, errors } = await open(sparse.url);
      const count = () =>
        page.evaluate(async () => {
          const w = (window as unknown as { __newsgraph: { sigma: { whenDrawn(): Promise<void>; getNodeDisplayData(n: string): { hidden?: boolean } | undefined }; graph: { nodes(): string[]; degree(n: string): number } } }).__newsgraph;
          await w.sigma.whenDrawn();
          const nodes = w.graph.nodes();
          return { unrelated: nodes.filter((n) => w.graph.degree(n) === 0).length, shownUnrelated: nodes.filter((n) => w.graph.degree(n) === 0 && !w.sigma.getNodeDisplayData(n)?.hidden).length, shown: nodes.filter((n) => !w.sigma.getNodeDisplayData(n)?.hidden).length };
        });
      const first = await count();
      expect(first.unrelated).toBeGreaterThan(1500);
      expect(first.shownUnrelated).toBe(0);
      expect(await page.locator('#status').textContent()).toContain('without a relation are hidden');
      expect(await page.inputValue('#filter-relations')).toBe('1');
      expect(page.url()).not.toContain('minrel'); // the graph's default stays out of the link
      await page.fill('#filter-relations', '0');
      await page.press('#filter-relations', 'Enter');
      await page.waitForFunction(() => location.hash.includes('minrel=0'));
      expect((await count()).shown).toBe(3000);
      // The status line says what the filters hide now.
      await expect.poll(() => page.locator('#status').textContent()).not.toContain('hidden');
      // Relations are counted among those the edge filters leave: a higher minimum weight also
      // hides the entities it leaves unconnected.
      await page.fill('#filter-relations', '1');
      await page.press('#filter-relations', 'Enter');
      await page.fill('#filter-weight', '2');
      await page.press('#filter-weight', 'Enter');
      await page.waitForFunction(() => location.hash.includes('minw=2'));
      const heavyEnds = await page.evaluate(() => {
        const g = (window as unknown as { __newsgraph: { graph: { forEachEdge(cb: (e: string, a: { weight: number }, s: string, t: string) => void): void } } }).__newsgraph.graph;
        const ends = new Set<string>();
        g.forEachEdge((_e, a, s, t) => void (a.weight >= 2 && (ends.add(s), ends.add(t))));
        return ends.size;
      });
      expect(heavyEnds).toBeGreaterThan(0);
      expect((await count()).shown).toBe(heavyEnds);
      expect(await page.locator('#status').textContent()).toContain(`filters hide ${(3000 - heavyEnds).toLocaleString('en')} of 3,000 entities`);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await sparse.close();
    }
  }, 180_000);

  /** The viewport position (page pixels) of the biggest drawn node well inside the view, and a point of the stage far from any node. */
  async function clickTargets(page: Page): Promise<{ node: string; at: { x: number; y: number }; empty: { x: number; y: number } | null }> {
    return page.evaluate(async () => {
      type Sig = {
        whenDrawn(): Promise<void>;
        getNodeDisplayData(n: string): { x: number; y: number; size: number; hidden?: boolean } | undefined;
        framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
        getDimensions(): { width: number; height: number };
        scaleSize(s: number): number;
      };
      const w = (window as unknown as { __newsgraph: { sigma: Sig; graph: { nodes(): string[] } } }).__newsgraph;
      await w.sigma.whenDrawn();
      const { width, height } = w.sigma.getDimensions();
      const r = document.querySelector('#graph')!.getBoundingClientRect();
      const pts: { n: string; x: number; y: number; r: number }[] = [];
      for (const n of w.graph.nodes()) {
        const d = w.sigma.getNodeDisplayData(n);
        if (!d || d.hidden) continue;
        const p = w.sigma.framedGraphToViewport(d);
        pts.push({ n, x: p.x, y: p.y, r: w.sigma.scaleSize(d.size) });
      }
      const inside = pts.filter((p) => p.x > 100 && p.y > 100 && p.x < width - 100 && p.y < height - 100);
      inside.sort((a, b) => b.r - a.r);
      const best = inside[0]!;
      let empty: { x: number; y: number } | null = null;
      for (let y = 30; y < height - 30 && !empty; y += 10)
        for (let x = 30; x < width - 30 && !empty; x += 10) if (pts.every((p) => Math.hypot(p.x - x, p.y - y) > p.r + 25)) empty = { x: x + r.left, y: y + r.top };
      return { node: best.n, at: { x: best.x + r.left, y: best.y + r.top }, empty };
    });
  }

  it('should select a node clicked on the canvas, and deselect on a click on the background', async () => {
    const { page, errors } = await open(server.url);
    const { node, at, empty } = await clickTargets(page);
    await page.mouse.click(at.x, at.y);
    await page.locator('#panel .node-panel h2').waitFor({ state: 'visible', timeout: 10_000 });
    const selected = await page.evaluate(() => (window as unknown as { __newsgraph: Exposed }).__newsgraph.state.selectedNode);
    expect(selected).toBe(node);
    expect(page.url()).toContain(`node=${node}`);
    expect(empty).not.toBeNull();
    // Past sigma's double-click window (300 ms): a second click within it is a double click, not a click.
    await page.waitForTimeout(400);
    await page.mouse.click(empty!.x, empty!.y);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __newsgraph: Exposed }).__newsgraph.state.selectedNode), { timeout: 10_000 }).toBeNull();
    await expect.poll(() => page.locator('#panel').isVisible(), { timeout: 10_000 }).toBe(false);
    // A drag still pans without selecting anything.
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(at.x + i * 12, at.y + i * 4);
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(box.width).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __newsgraph: Exposed }).__newsgraph.state.selectedNode)).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('should frame the node of a link opened cold, before the first picture is processed', async () => {
    // The node whose neighbourhood is the smallest: a fitted camera is well inside the full view.
    const data = generateGraph(NODES, EDGES, 7) as { nodes: { key: string; attributes: { x: number; y: number } }[]; edges: { source: string; target: string }[] };
    const pos = new Map(data.nodes.map((n) => [n.key, n.attributes]));
    const nb = new Map<string, string[]>();
    for (const e of data.edges) {
      nb.set(e.source, [...(nb.get(e.source) ?? []), e.target]);
      nb.set(e.target, [...(nb.get(e.target) ?? []), e.source]);
    }
    const extent = (n: string) => {
      const ps = [n, ...nb.get(n)!].map((k) => pos.get(k)!);
      return Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x)) + Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y));
    };
    const node = [...nb.keys()].sort((a, b) => extent(a) - extent(b))[0]!;
    const { page, errors } = await open(`${server.url}#node=${node}`);
    await page.locator('#panel .node-panel h2').waitFor({ state: 'visible' });
    await page.waitForTimeout(700); // the camera's animation
    const cam = await page.evaluate(async (ids) => {
      type Sig = {
        whenDrawn(): Promise<void>;
        getNodeDisplayData(n: string): { x: number; y: number } | undefined;
        framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
        getDimensions(): { width: number; height: number };
        getCamera(): { getState(): { x: number; y: number; ratio: number } };
      };
      const s = (window as unknown as { __newsgraph: { sigma: Sig } }).__newsgraph.sigma;
      await s.whenDrawn();
      const { width, height } = s.getDimensions();
      const inView = ids.filter((id) => {
        const p = s.framedGraphToViewport(s.getNodeDisplayData(id)!);
        return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
      }).length;
      return { ...s.getCamera().getState(), inView };
    }, [...new Set([node, ...nb.get(node)!])]);
    expect(cam.ratio).toBeLessThan(0.9);
    expect(cam.inView).toBe(new Set([node, ...nb.get(node)!]).size);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  describe('selections, paths and query results on a big sparse graph with a hub', () => {
    // 4,000 entities (drawn with the level-of-detail programs), most related to nothing, and a hub
    // related to 140 entities spread over the whole picture.
    const HUB_DEGREE = 140;
    const g = generateGraph(4000, 500, 13) as { nodes: { key: string; attributes: Record<string, unknown> }[]; edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[] };
    g.nodes[0]!.attributes.label = 'Hubbington';
    const template = g.edges[0]!.attributes;
    for (let i = 1; i <= HUB_DEGREE; i++) g.edges.push({ key: `hub${i}`, source: 'n0', target: `n${i * 28}`, attributes: { ...template } });
    const related = new Set(g.edges.flatMap((e) => [e.source, e.target]));
    const lonely = g.nodes.map((n) => n.key).filter((k) => !related.has(k)).slice(0, 3);
    const hubNeighbours = [...new Set(g.edges.filter((e) => e.source === 'n0' || e.target === 'n0').map((e) => (e.source === 'n0' ? e.target : e.source)))];
    const node = (id: string) => ({ $kind: 'node', id, labels: [], properties: {} });
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      server = await startStaticServer({
        graph: JSON.stringify(g),
        extraRoutes: {
          // Canned answers: `find lonely` gives entities with no relation, anything else the hub's neighbours.
          '/api/query': (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, headers: Record<string, string>) => {
            let body = '';
            req.on('data', (c: Buffer) => (body += c));
            req.on('end', () => {
              const q = String((JSON.parse(body) as { query: string }).query);
              const ids = q.startsWith('find lonely') ? lonely : hubNeighbours;
              res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
              res.end(JSON.stringify({ columns: ['n'], rows: ids.map((id) => [node(id)]), notices: [], truncated: false, elapsedMs: 1 }));
            });
          },
        },
      });
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Forced labels, and how many of `ids` are drawn inside the view, once the camera has settled. */
    async function view(page: Page, ids: string[]): Promise<{ forced: number; highlighted: number; inView: number; hidden: number; ratio: number }> {
      await page.waitForTimeout(700); // the camera's animation
      return page.evaluate(async (ids) => {
        type Sig = {
          whenDrawn(): Promise<void>;
          getNodeDisplayData(n: string): { x: number; y: number; hidden?: boolean; forceLabel?: boolean; highlighted?: boolean } | undefined;
          framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
          getDimensions(): { width: number; height: number };
          getCamera(): { ratio: number };
          getGraph(): { nodes(): string[] };
        };
        const s = (window as unknown as { __newsgraph: { sigma: Sig } }).__newsgraph.sigma;
        await s.whenDrawn();
        const { width, height } = s.getDimensions();
        const all = s.getGraph().nodes().map((n) => s.getNodeDisplayData(n));
        let inView = 0;
        let hidden = 0;
        for (const id of ids) {
          const d = s.getNodeDisplayData(id)!;
          if (d.hidden) hidden++;
          const p = s.framedGraphToViewport(d);
          if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) inView++;
        }
        return { forced: all.filter((d) => d?.forceLabel && !d.hidden).length, highlighted: all.filter((d) => d?.highlighted && !d.hidden).length, inView, hidden, ratio: s.getCamera().ratio };
      }, ids);
    }

    it("should force only a bounded number of a hub's labels and frame all its neighbours, for a selection and a query result", async () => {
      const { page, errors } = await open(server.url);
      await page.fill('#search', 'Hubbington');
      await page.waitForSelector('#search + .suggestions li');
      await page.press('#search', 'Enter');
      await page.locator('#panel .node-panel h2', { hasText: 'Hubbington' }).waitFor({ state: 'visible' });
      const selected = await view(page, ['n0', ...hubNeighbours]);
      expect(selected.forced).toBeLessThanOrEqual(21);
      expect(selected.forced).toBeGreaterThan(1);
      expect(selected.inView).toBe(hubNeighbours.length + 1);

      await page.keyboard.press('Escape');
      // Zoom in somewhere else first: the query result must bring the camera to itself.
      await page.evaluate(() => (window as unknown as { __newsgraph: { sigma: { getCamera(): { setState(s: object): void } } } }).__newsgraph.sigma.getCamera().setState({ x: 0.05, y: 0.05, ratio: 0.1 }));
      await page.fill('#console-input', 'neighbours Hubbington');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output table.results tbody tr').first().waitFor({ state: 'visible' });
      const queried = await view(page, hubNeighbours);
      expect(queried.forced).toBeLessThanOrEqual(20);
      expect(queried.highlighted).toBeLessThanOrEqual(20);
      expect(queried.inView).toBe(hubNeighbours.length);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);

    it("should frame a link's node, go Back to the previous selection, and clear a query with Escape or a click on the background", async () => {
      // An entity whose neighbourhood is small, away from the hub.
      const pos = new Map(g.nodes.map((n) => [n.key, n.attributes as { x: number; y: number }]));
      const nb = new Map<string, Set<string>>();
      for (const e of g.edges) {
        if (!nb.has(e.source)) nb.set(e.source, new Set());
        if (!nb.has(e.target)) nb.set(e.target, new Set());
        nb.get(e.source)!.add(e.target);
        nb.get(e.target)!.add(e.source);
      }
      const extent = (n: string) => {
        const ps = [n, ...nb.get(n)!].map((k) => pos.get(k)!);
        return Math.max(...ps.map((p) => p.x)) - Math.min(...ps.map((p) => p.x)) + Math.max(...ps.map((p) => p.y)) - Math.min(...ps.map((p) => p.y));
      };
      const small = [...nb.keys()].filter((n) => n !== 'n0' && !nb.get('n0')!.has(n) && nb.get(n)!.size >= 2).sort((a, b) => extent(a) - extent(b))[0]!;
      const { page, errors } = await open(`${server.url}#node=${small}`);
      const selected = () => page.evaluate(() => (window as unknown as { __newsgraph: Exposed }).__newsgraph.state.selectedNode);
      const cold = await view(page, [small, ...nb.get(small)!]);
      expect(cold.ratio).toBeLessThan(0.8); // framed, not the whole graph
      expect(cold.inView).toBe(nb.get(small)!.size + 1);

      // Each selection is a history entry: Back returns to the previous one.
      await page.fill('#search', 'Hubbington');
      await page.waitForSelector('#search + .suggestions li');
      await page.press('#search', 'Enter');
      await expect.poll(selected).toBe('n0');
      await page.goBack();
      await expect.poll(selected).toBe(small);
      await page.locator('#panel .node-panel h2', { hasText: `Entity ${small.slice(1)}` }).waitFor({ state: 'visible' });

      // Escape clears a query: highlight, table and link.
      const highlighted = () => page.evaluate(() => !!(window as unknown as { __newsgraph: { state: { highlight: unknown } } }).__newsgraph.state.highlight);
      await page.fill('#console-input', 'find lonely');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output table.results').waitFor({ state: 'visible' });
      await expect.poll(() => page.url()).toContain('q=find');
      expect(await highlighted()).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(highlighted).toBe(false);
      expect(page.url()).not.toContain('q=');
      expect(await page.locator('#console-output table.results').count()).toBe(0);
      // Back brings the query back.
      await page.goBack();
      await expect.poll(highlighted).toBe(true);
      await page.locator('#console-output table.results').waitFor({ state: 'visible' });

      // So does a click on the background, once nothing is selected.
      if (await selected()) await page.keyboard.press('Escape');
      await page.fill('#console-input', 'find lonely');
      await page.press('#console-input', 'Enter');
      await expect.poll(highlighted).toBe(true);
      await page.waitForTimeout(700); // the camera's move to the result
      const { empty } = await clickTargets(page);
      expect(empty).not.toBeNull();
      await page.mouse.click(empty!.x, empty!.y);
      await expect.poll(highlighted).toBe(false);
      expect(page.url()).not.toContain('q=');
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);

    it('should show a query result of entities with no relation although the default filter hides those', async () => {
      const { page, errors } = await open(server.url);
      expect(await page.inputValue('#filter-relations')).toBe('1');
      await page.fill('#console-input', 'find lonely');
      await page.press('#console-input', 'Enter');
      await page.locator('#console-output table.results tbody tr').first().waitFor({ state: 'visible' });
      const shown = await view(page, lonely);
      expect(shown.hidden).toBe(0);
      expect(shown.inView).toBe(lonely.length);
      expect(await page.locator('#status').textContent()).toMatch(/3 of the 3 results are outside the filters/);
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
  });
});
