/**
 * What a selection, path or query result shows of itself on a big graph: which labels are forced
 * (a bounded number of the most important, so that a hub's 130 neighbours stay readable: the rest
 * go through sigma's label grid like any label), and the camera that frames the focused nodes.
 * Pure: no sigma, no DOM.
 */

/** At most this many labels are forced besides the selected node's own. */
export const FORCED_LABELS = 20;

/**
 * The nodes whose labels are forced: every one of `always` (the selected node), then the `limit`
 * best of `candidates` by `score` (highest first, ties by id so the choice is stable).
 */
export function boundedLabels(always: Iterable<string>, candidates: Iterable<string>, score: (node: string) => number, limit = FORCED_LABELS): Set<string> {
  const out = new Set(always);
  const ranked = [...candidates].filter((n) => !out.has(n)).map((n) => ({ n, s: score(n) }));
  ranked.sort((a, b) => b.s - a.s || (a.n < b.n ? -1 : a.n > b.n ? 1 : 0));
  for (const { n } of ranked.slice(0, Math.max(0, limit))) out.add(n);
  return out;
}

export interface Point {
  x: number;
  y: number;
}

export interface CameraTarget {
  x: number;
  y: number;
  ratio: number;
}

/**
 * The camera state (sigma's framed-graph coordinates) that shows every one of `points` (framed-graph
 * coordinates too) with `padding` pixels to spare on each side. `project` maps a framed-graph point
 * to viewport pixels for a camera at ratio 1 centred on the given point (sigma's framedGraphToViewport
 * with a camera-state override); the picture scales as 1 / ratio. The ratio is kept within
 * [minRatio, maxRatio]; a single point (or points all in one place) gets `singleRatio`.
 */
export function fitCamera(
  points: Point[],
  project: (p: Point, centre: Point) => Point,
  viewport: { width: number; height: number },
  opts: { padding?: number; minRatio?: number; maxRatio?: number; singleRatio?: number } = {},
): CameraTarget | null {
  if (!points.length) return null;
  const padding = opts.padding ?? 40;
  const minRatio = opts.minRatio ?? 0.05;
  const maxRatio = opts.maxRatio ?? 10;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  const centre = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
  const a = project({ x: x0, y: y0 }, centre);
  const b = project({ x: x1, y: y1 }, centre);
  const w = Math.abs(b.x - a.x);
  const h = Math.abs(b.y - a.y);
  const availW = Math.max(1, viewport.width - 2 * padding);
  const availH = Math.max(1, viewport.height - 2 * padding);
  const fit = Math.max(w / availW, h / availH);
  const ratio = fit > 0 ? Math.min(maxRatio, Math.max(minRatio, fit)) : (opts.singleRatio ?? Math.max(minRatio, Math.min(maxRatio, 0.6)));
  return { x: centre.x, y: centre.y, ratio };
}
