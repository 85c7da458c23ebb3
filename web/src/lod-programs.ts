/**
 * WebGL programs for big graphs, with level of detail while the camera moves.
 *
 * Measured in headless Chromium with software WebGL (SwiftShader), where every frame's drawing
 * blocks the page when the compositor reads the canvases back: sigma's default circle program
 * (instanced triangles) costs ≈35 µs per node and pass, and sigma draws each node twice (the
 * picture and the picking layer); gl.POINTS costs about a tenth of that. So for big graphs:
 * - nodes are points, and the loader hands them to sigma least important first, so that the most
 *   important ones are the last in the program's buffer (drawn on top);
 * - at rest the last `NODE_BUDGET` nodes are drawn at the fitted view and ×4 more per halving of
 *   the view (minor nodes culled at low zoom, as the edges are by lod.ts); while the camera moves
 *   only the last `MOVE_NODE_BUDGET`, without the picking layer (nothing is hovered during a drag);
 * - selected and highlighted nodes get a higher zIndex, which sigma sorts to the end: always drawn;
 * - edges are 1-pixel lines, not drawn while the camera moves.
 * When the camera stops, everything is drawn again (main.ts schedules that render).
 */
import type Sigma from 'sigma';
import { NodePointProgram, EdgeLineProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

/** Nodes drawn while the camera moves (the most important ones). */
export const MOVE_NODE_BUDGET = 6000;
/** Nodes drawn at rest at the fitted view; each halving of the view draws ×4 more (like the edges, lod.ts). */
export const NODE_BUDGET = 10000;

/** How many times the view has been halved from the fitted view (camera ratio 1) — 0 when zoomed out. */
export function zoomLevel(ratio: number): number {
  return Math.max(0, Math.floor(-Math.log2(Math.max(ratio, 1e-6))));
}

/** How many nodes are drawn at rest at this camera ratio (1 = fitted view). */
export function nodeBudget(ratio: number): number {
  return NODE_BUDGET * 4 ** Math.min(zoomLevel(ratio), 10);
}

type ProgramInfo = Parameters<NodePointProgram['drawWebGL']>[1];

/** sigma's own test for "moving" (sigma.ts render()), which decides hideLabelsOnMove. */
export function isCameraMoving(sigma: Sigma): boolean {
  const mouse = sigma.getMouseCaptor();
  return sigma.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents > 0 || mouse.currentWheelDirection !== 0;
}

export class LodNodeProgram extends NodePointProgram {
  private pickParams: RenderParams | null = null;

  override render(params: RenderParams): void {
    if (this.hasNothingToRender()) {
      this.pickParams = null;
      return;
    }
    // The picture now; the picking layer (what is under the pointer) in a task of its own right
    // after, so one frame never pays for both passes — and not at all while the camera moves,
    // when nothing is hovered.
    this.normalProgram.gl.viewport(0, 0, params.width * params.pixelRatio, params.height * params.pixelRatio);
    this.bindProgram(this.normalProgram);
    this.renderProgram(params, this.normalProgram);
    this.unbindProgram(this.normalProgram);
    if (isCameraMoving(this.renderer as unknown as Sigma) || !this.pickProgram) {
      this.pickParams = null;
      return;
    }
    const pending = !!this.pickParams;
    this.pickParams = params;
    if (!pending) setTimeout(() => this.renderPicking(), 0);
  }

  /** The picking pass of the last picture (skipped when a newer render has taken its place). */
  private renderPicking(): void {
    const params = this.pickParams;
    const pick = this.pickProgram;
    this.pickParams = null;
    if (!params || !pick || this.hasNothingToRender()) return;
    pick.gl.viewport(0, 0, (params.width * params.pixelRatio) / params.downSizingRatio, (params.height * params.pixelRatio) / params.downSizingRatio);
    this.bindProgram(pick);
    this.renderProgram({ ...params, pixelRatio: params.pixelRatio / params.downSizingRatio }, pick);
    this.unbindProgram(pick);
  }

  override drawWebGL(method: number, { gl, frameBuffer }: ProgramInfo): void {
    gl.bindFramebuffer(gl.FRAMEBUFFER, frameBuffer);
    const sigma = this.renderer as unknown as Sigma;
    const budget = isCameraMoving(sigma) ? MOVE_NODE_BUDGET : nodeBudget(sigma.getCamera().ratio);
    const count = Math.min(this.verticesCount, budget);
    gl.drawArrays(method, this.verticesCount - count, count);
  }
}

export class LodEdgeProgram extends EdgeLineProgram {
  override render(params: RenderParams): void {
    if (isCameraMoving(this.renderer as unknown as Sigma)) return;
    super.render(params);
  }
}
