import { describe, expect, it } from 'vitest';
import { FORCED_LABELS, boundedLabels, fitCamera, type Point } from './focus.js';

describe('focus', () => {
  describe('boundedLabels', () => {
    it("should force the selected node's label and only the most important of a hub's neighbours", () => {
      const neighbours = Array.from({ length: 134 }, (_, i) => `n${i}`);
      const size = (n: string) => Number(n.slice(1)); // n133 is the biggest
      const labels = boundedLabels(['hub'], neighbours, size);
      expect(labels.size).toBe(FORCED_LABELS + 1);
      expect(labels.has('hub')).toBe(true);
      expect(labels.has('n133')).toBe(true);
      expect(labels.has(`n${133 - FORCED_LABELS + 1}`)).toBe(true);
      expect(labels.has(`n${133 - FORCED_LABELS}`)).toBe(false);
    });
    it('should keep every label of a small selection, and break ties stably', () => {
      expect([...boundedLabels(['a'], ['b', 'c'], () => 1)].sort()).toEqual(['a', 'b', 'c']);
      expect([...boundedLabels([], ['c', 'b', 'a'], () => 1, 2)]).toEqual(['a', 'b']);
      expect([...boundedLabels(['a'], ['a', 'b'], () => 1, 0)]).toEqual(['a']);
    });
  });

  describe('fitCamera', () => {
    // A viewport 800×600 that shows the framed square [0, 1]² across its height at ratio 1.
    const viewport = { width: 800, height: 600 };
    const project = (p: Point, c: Point) => ({ x: 400 + (p.x - c.x) * 600, y: 300 - (p.y - c.y) * 600 });
    const onScreen = (cam: { x: number; y: number; ratio: number }, p: Point, pad: number) => {
      const v = { x: 400 + ((p.x - cam.x) * 600) / cam.ratio, y: 300 - ((p.y - cam.y) * 600) / cam.ratio };
      return v.x >= pad - 1e-6 && v.x <= 800 - pad + 1e-6 && v.y >= pad - 1e-6 && v.y <= 600 - pad + 1e-6;
    };
    it('should frame every point with the padding to spare, as tightly as it can', () => {
      const pts = [
        { x: 0.1, y: 0.2 },
        { x: 0.9, y: 0.25 },
        { x: 0.5, y: 0.7 },
      ];
      const cam = fitCamera(pts, project, viewport, { padding: 40 })!;
      expect(cam.x).toBeCloseTo(0.5);
      expect(cam.y).toBeCloseTo(0.45);
      for (const p of pts) expect(onScreen(cam, p, 40)).toBe(true);
      // The widest extent touches the padding: 0.8 × 600 px over 720 px.
      expect(cam.ratio).toBeCloseTo((0.8 * 600) / 720);
    });
    it('should zoom in on a small cluster, within the bounds', () => {
      const cam = fitCamera([{ x: 0.5, y: 0.5 }, { x: 0.51, y: 0.5 }], project, viewport, { padding: 40, minRatio: 0.05 })!;
      expect(cam.ratio).toBe(0.05);
      expect(fitCamera([{ x: 0.3, y: 0.3 }], project, viewport, { singleRatio: 0.4 })).toEqual({ x: 0.3, y: 0.3, ratio: 0.4 });
      expect(fitCamera([], project, viewport)).toBeNull();
    });
  });
});
