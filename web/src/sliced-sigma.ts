/**
 * sigma v3 with its whole-graph work cut into short tasks.
 *
 * sigma runs two passes over the whole graph in one synchronous task: a full `refresh()` (in its
 * constructor, and whenever reducers or settings change) copies every node's and edge's attributes
 * through the reducers into its display-data caches, and the `process()` that the next render runs
 * puts every item into the WebGL programs' buffers and the label grid. On 50,000 nodes that is
 * seconds with the page frozen.
 *
 * `SlicedSigma` does the same work, in the same order and with the same results, as a job that runs
 * for at most `SLICE_MS` per task and then yields to the page. The job builds fresh caches beside
 * the live ones, program buffers included (swapped in only while it runs), so between its tasks
 * events, hover, the public getters and every frame drawn (the camera stays live) see the last
 * complete state. Changes that arrive while a job runs go into the live state at once and another
 * job follows, so a stream of changes (a layout running, edges added as the camera zooms) still
 * gets drawn.
 * A job that finishes in its first slice — any small graph — behaves exactly like sigma: a full
 * `refresh()` draws before it returns (except the constructor's own, see registerNodeProgram).
 *
 * It also spares software WebGL (where the page waits while every WebGL canvas touched in a frame
 * is read back) some work: the shaders are compiled after the constructor, a few per task; layers
 * with nothing on them are not cleared again; and the first picture is drawn one layer per frame.
 *
 * It reaches into sigma's private members (sigma 3.0.x, `process()` in sigma.ts); the browser tests
 * load graphs through it and would fail on a sigma whose internals moved.
 */
import Sigma, { Camera } from 'sigma';
import type { Settings } from 'sigma/settings';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { createNormalizationFunction, graphExtent, matrixFromCamera, zIndexOrdering } from 'sigma/utils';
import type Graph from 'graphology';
import { SLICE_MS, yieldToPage } from './load.js';

/** Items handled between two looks at the clock. */
const CHECK_EVERY = 256;

type Extent = [number, number];
interface Program {
  reallocate(capacity: number): void;
}
interface LabelGrid {
  resizeAndClear(dimensions: { width: number; height: number }, cellSize: number): void;
  add(key: string, size: number, position: { x: number; y: number }): void;
  organize(): void;
}

/** The private parts of sigma the job reads and writes. */
interface Internals {
  graph: Graph;
  settings: Settings;
  needToProcess: boolean;
  nodeDataCache: Record<string, NodeDisplayData>;
  edgeDataCache: Record<string, EdgeDisplayData>;
  nodePrograms: Record<string, Program>;
  edgePrograms: Record<string, Program>;
  nodeExtent: { x: Extent; y: Extent };
  nodeZExtent: Extent;
  edgeZExtent: Extent;
  customBBox: { x: Extent; y: Extent } | null;
  normalizationFunction: ReturnType<typeof createNormalizationFunction>;
  labelGrid: LabelGrid;
  itemIDsIndex: Record<number, { type: 'node' | 'edge'; id: string }>;
  nodeIndices: Record<string, number>;
  edgeIndices: Record<string, number>;
  addNode(key: string): void;
  addEdge(key: string): void;
  addNodeToProgram(node: string, fingerprint: number, position: number): void;
  addEdgeToProgram(edge: string, fingerprint: number, position: number): void;
  clearNodeIndices(): void;
  clearEdgeIndices(): void;
  webGLContexts: Record<'nodes' | 'edges' | 'hoverNodes', WebGLRenderingContext>;
  canvasContexts: Record<'labels' | 'hovers' | 'edgeLabels', CanvasRenderingContext2D>;
  hoveredNode: string | null;
  highlightedNodes: Set<string>;
  width: number;
  height: number;
  render(): unknown;
  renderHighlightedNodes(): void;
  renderEdgeLabels(): unknown;
  renderLabels(): unknown;
  scheduleRender(): unknown;
  registerNodeProgram(key: string, program: unknown, hoverProgram?: unknown): unknown;
  registerEdgeProgram(key: string, program: unknown): unknown;
  refresh(opts?: RefreshOptions): unknown;
  kill(): void;
  clear(): unknown;
}

/** The fields a job rebuilds; swapped in while a slice runs, kept when the job completes. */
const STATE = [
  'nodeDataCache',
  'edgeDataCache',
  'nodeProgramIndex',
  'edgeProgramIndex',
  'nodesWithForcedLabels',
  'edgesWithForcedLabels',
  'nodeZExtent',
  'edgeZExtent',
  'highlightedNodes',
  'labelGrid',
  'nodeExtent',
  'normalizationFunction',
  'itemIDsIndex',
  'nodeIndices',
  'edgeIndices',
] as const;
type State = Record<(typeof STATE)[number], unknown>;

/** The parts of a WebGL program that hold its items (a compound program holds programs). */
interface ProgramPart {
  array: Float32Array;
  capacity: number;
  verticesCount: number;
  programs?: ProgramPart[];
}
type Buffers = Pick<ProgramPart, 'array' | 'capacity' | 'verticesCount'>[];
/** A program's item buffer as it is now. */
const bufferOf = (p: ProgramPart): Buffers[number] => ({ array: p.array, capacity: p.capacity, verticesCount: p.verticesCount });

/** Size each program for its items, and reset the counts to serve as each program's next position. */
function reallocate(programs: Record<string, Program>, counts: Record<string, number>): void {
  for (const [type, program] of Object.entries(programs)) {
    program.reallocate(counts[type] || 0);
    counts[type] = 0;
  }
}

const parts = (p: ProgramPart): ProgramPart[] => (p.programs ? p.programs.flatMap(parts) : [p]);

interface Job {
  steps: Generator<void, void, void>;
  /** The job's caches between slices. */
  state: State;
  /**
   * The job's program buffers between slices (capacity -1: its first reallocate makes new ones);
   * null until the programs sigma's constructor registered are all created.
   */
  buffers: Buffers | null;
  /** Draw as soon as the job is done, before the refresh that started it returns. */
  draw: boolean;
  /** Items changed while the job ran: another job follows ('index' re-reads every item's attributes). */
  followUp: 'index' | 'process' | null;
}

type RefreshOptions = Parameters<Sigma['refresh']>[0];

/** sigma's public members (a mapped type keeps only those) plus the internals above, made visible. */
type Open = Omit<{ [K in keyof Sigma]: Sigma[K] }, 'refresh' | 'kill' | 'clear'> & Internals;
const Base = Sigma as unknown as new (...args: ConstructorParameters<typeof Sigma>) => Open;

/** Set while sigma's constructor runs (see Sliced.registerNodeProgram). */
let constructing = false;

class Sliced extends Base {
  // `declare`: no field initialiser, because sigma's constructor already calls refresh().
  declare private job: Job | null | undefined;
  declare private waiters: (() => void)[] | undefined;
  /** Programs registered by sigma's constructor, created by the first job (see slice()). */
  declare private pendingPrograms: (() => void)[] | undefined;
  /** Whether the hover layers (hoverNodes, hovers) may hold a drawing; if not, they are left alone. */
  declare private hoverDrawn: boolean | undefined;
  /** Whether the edge label layer may hold a drawing. */
  declare private edgeLabelsDrawn: boolean | undefined;
  /** Whether a complete picture has been drawn yet. */
  declare private pictured: boolean | undefined;
  /** The one layer the next render draws, leaving the other as it is (the first picture, in two frames). */
  declare private only: 'edges' | 'nodes' | null | undefined;

  /**
   * Compiling and linking a program's shaders takes 10–40 ms in software WebGL, and sigma's
   * constructor registers four to eight of them after creating three WebGL contexts: one task of
   * 150–200 ms. Programs registered while the constructor runs are created by the first job
   * instead, as many per task as fit in a slice; nothing can be drawn before that job is done anyway.
   */
  override registerNodeProgram(key: string, program: unknown, hoverProgram?: unknown): this {
    if (constructing) (this.pendingPrograms ??= []).push(() => super.registerNodeProgram(key, program, hoverProgram));
    else super.registerNodeProgram(key, program, hoverProgram);
    return this;
  }

  override registerEdgeProgram(key: string, program: unknown): this {
    if (constructing) (this.pendingPrograms ??= []).push(() => super.registerEdgeProgram(key, program));
    else super.registerEdgeProgram(key, program);
    return this;
  }

  /**
   * sigma's clear(), leaving alone the layers that hold nothing. In software WebGL every WebGL
   * canvas touched in a frame is read back from the GPU process when the frame is composited
   * (8–18 ms each for 1280×800 here), and sigma clears the hover-nodes canvas every frame though it
   * is empty unless a node is hovered or highlighted.
   */
  override clear(): this {
    this.emit('beforeClear');
    const gl = this.webGLContexts;
    const ctx = this.canvasContexts;
    if (this.only !== 'nodes') {
      gl.edges.bindFramebuffer(WebGLRenderingContext.FRAMEBUFFER, null);
      gl.edges.clear(WebGLRenderingContext.COLOR_BUFFER_BIT);
    }
    if (this.only !== 'edges') {
      // the nodes layer and everything drawn with it: labels, hover, edge labels
      gl.nodes.bindFramebuffer(WebGLRenderingContext.FRAMEBUFFER, null);
      gl.nodes.clear(WebGLRenderingContext.COLOR_BUFFER_BIT);
      ctx.labels.clearRect(0, 0, this.width, this.height);
      if (this.hoverDrawn) {
        gl.hoverNodes.clear(WebGLRenderingContext.COLOR_BUFFER_BIT);
        ctx.hovers.clearRect(0, 0, this.width, this.height);
        this.hoverDrawn = false;
      }
      if (this.edgeLabelsDrawn) {
        ctx.edgeLabels.clearRect(0, 0, this.width, this.height);
        this.edgeLabelsDrawn = false;
      }
    }
    this.emit('afterClear');
    return this;
  }

  override renderLabels(): this {
    if (this.only !== 'edges') super.renderLabels();
    return this;
  }

  override renderHighlightedNodes(): void {
    if (this.only === 'edges') return;
    const hovered = this.hoveredNode;
    const any = (hovered !== null && this.nodeDataCache[hovered] !== undefined && !this.nodeDataCache[hovered].hidden) || this.highlightedNodes.size > 0;
    if (!any && !this.hoverDrawn) return; // nothing to draw, nothing to clear
    super.renderHighlightedNodes();
    this.hoverDrawn = any;
  }

  override renderEdgeLabels(): this {
    if (this.only === 'edges') return this;
    if (this.settings.renderEdgeLabels) this.edgeLabelsDrawn = true;
    super.renderEdgeLabels();
    return this;
  }

  /** Whether a refresh is still being worked through (the last complete state is what is drawn). */
  isProcessing(): boolean {
    return !!this.job;
  }

  /** Resolves once everything asked for so far is processed and drawn. */
  whenDrawn(): Promise<void> {
    if (!this.job && !this.needToProcess) return Promise.resolve();
    return new Promise((resolve) => (this.waiters ??= []).push(resolve));
  }

  override refresh(opts?: RefreshOptions): this {
    const job = this.job;
    if (job) {
      // The live state takes the change now (sigma's own partial refresh, drawn from the last
      // complete buffers); the running job may already have read the old data, so another follows.
      if (opts?.partialGraph) super.refresh({ ...opts, schedule: true });
      job.followUp = !opts?.partialGraph || job.followUp === 'index' ? 'index' : 'process';
      return this;
    }
    if (opts?.partialGraph) {
      super.refresh(opts);
      return this;
    }
    this.start(true, !opts?.schedule);
    return this;
  }

  override render(): this {
    if (this.needToProcess) {
      this.needToProcess = false;
      if (this.job) this.job.followUp ??= 'process';
      else this.start(false, true);
      if (!this.job) return this; // done at once: start() has drawn
    }
    const only = this.job ? null : this.only;
    if (only) {
      // One layer of the first picture; the other layer's programs are out of sight meanwhile.
      const self = this as unknown as Record<'nodePrograms' | 'edgePrograms', Record<string, Program>>;
      const other = only === 'edges' ? 'nodePrograms' : 'edgePrograms';
      const programs = self[other];
      self[other] = {};
      try {
        super.render();
      } finally {
        self[other] = programs;
        this.only = only === 'edges' ? 'nodes' : null;
      }
      if (this.only) {
        this.scheduleRender();
        return this;
      }
    } else {
      // While a job runs, the last complete state is drawn (the camera stays live).
      super.render();
    }
    if (this.job || this.needToProcess || this.only) return this;
    this.pictured = true;
    if (this.waiters?.length) for (const w of this.waiters.splice(0)) w();
    return this;
  }

  override kill(): void {
    this.job = null;
    super.kill();
  }

  private programParts(): ProgramPart[] {
    const all = [...Object.values(this.nodePrograms), ...Object.values(this.edgePrograms)] as unknown as ProgramPart[];
    return all.flatMap(parts);
  }

  /** Start a job (re-indexing every item first when `index`), running its first slice now when `now`. */
  private start(index: boolean, now: boolean): void {
    const live = this as unknown as State;
    const state = {} as State;
    for (const k of STATE) state[k] = live[k];
    const job: Job = { steps: null as unknown as Job['steps'], state, buffers: null, draw: now, followUp: null };
    this.job = job;
    job.steps = this.steps(index); // runs with the job's state swapped in (see slice())
    this.needToProcess = false;
    if (now) this.slice(job, true);
    else void yieldToPage().then(() => this.slice(job, false));
  }

  /** Run the job for up to SLICE_MS with its state swapped in; continue in a later task or finish. */
  private slice(job: Job, sync: boolean): void {
    if (this.job !== job) return; // killed
    const pending = this.pendingPrograms;
    if (pending?.length) {
      // Create the constructor's programs first, at least one per task, never in the constructor's own.
      if (!sync) {
        const until = performance.now() + SLICE_MS;
        do pending.shift()!();
        while (pending.length && performance.now() < until);
      }
      void yieldToPage().then(() => this.slice(job, false));
      return;
    }
    const programs = this.programParts();
    job.buffers ??= programs.map(() => ({ array: new Float32Array(0), capacity: -1, verticesCount: 0 }));
    const buffers = job.buffers;
    const live = this as unknown as State;
    const saved = {} as State;
    for (const k of STATE) {
      saved[k] = live[k];
      live[k] = job.state[k];
    }
    const savedBuffers = programs.map(bufferOf);
    programs.forEach((p, i) => Object.assign(p, buffers[i]));
    let done = false;
    const deadline = performance.now() + SLICE_MS;
    try {
      while (!(done = !!job.steps.next().done) && performance.now() < deadline);
    } finally {
      if (!done) {
        for (const k of STATE) {
          job.state[k] = live[k];
          live[k] = saved[k];
        }
        programs.forEach((p, i) => {
          buffers[i] = bufferOf(p);
          Object.assign(p, savedBuffers[i]);
        });
      }
    }
    if (!done) {
      void yieldToPage().then(() => this.slice(job, false));
      return;
    }
    this.job = null;
    if (job.followUp) {
      this.scheduleRender(); // what is done so far, while the next job catches up
      this.start(job.followUp === 'index', false);
      return;
    }
    // Done within a synchronous refresh: draw at once, like sigma; otherwise at the next frame.
    if (sync && job.draw) this.render();
    else {
      // In software WebGL the page waits while each WebGL canvas drawn in a frame is read back
      // (≈40–90 ms each for the first picture of a few thousand items here): the first picture
      // draws its edges in one frame and its nodes and labels in the next. Not when edges can be
      // hovered: their picking layer is drawn with them, and would be empty for a frame.
      if (!this.pictured && !this.settings.enableEdgeEvents) this.only = 'edges';
      this.scheduleRender();
    }
  }

  /** sigma's full refresh and process(), yielding every CHECK_EVERY items. */
  private *steps(index: boolean): Generator<void, void, void> {
    const graph = this.graph;
    const settings = this.settings;
    let nodes = graph.nodes();
    let edges = graph.edges();
    if (index) {
      this.clearEdgeIndices();
      this.clearNodeIndices();
      for (let i = 0; i < nodes.length; i++) {
        this.addNode(nodes[i]!);
        if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
      }
      for (let i = 0; i < edges.length; i++) {
        this.addEdge(edges[i]!);
        if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
      }
    }
    const self = this as unknown as Record<string, unknown>;
    self.nodeProgramIndex = {};
    self.edgeProgramIndex = {};
    this.emit('beforeProcess');
    const dimensions = this.getDimensions();
    this.nodeExtent = graphExtent(graph);
    if (!settings.autoRescale) {
      const { width, height } = dimensions;
      const { x, y } = this.nodeExtent;
      this.nodeExtent = {
        x: [(x[0] + x[1]) / 2 - width / 2, (x[0] + x[1]) / 2 + width / 2],
        y: [(y[0] + y[1]) / 2 - height / 2, (y[0] + y[1]) / 2 + height / 2],
      };
    }
    this.normalizationFunction = createNormalizationFunction(this.customBBox || this.nodeExtent);
    const nullCamera = new Camera();
    const nullCameraMatrix = matrixFromCamera(nullCamera.getState(), dimensions, this.getGraphDimensions(), this.getStagePadding());
    this.labelGrid.resizeAndClear(dimensions, settings.labelGridCellSize);
    const nodesPerProgram: Record<string, number> = {};
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const data = this.nodeDataCache[node]!;
      const attrs = graph.getNodeAttributes(node) as { x: number; y: number };
      data.x = attrs.x;
      data.y = attrs.y;
      this.normalizationFunction.applyTo(data);
      if (typeof data.label === 'string' && !data.hidden) this.labelGrid.add(node, data.size, this.framedGraphToViewport(data, { matrix: nullCameraMatrix }));
      nodesPerProgram[data.type] = (nodesPerProgram[data.type] || 0) + 1;
      if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
    }
    this.labelGrid.organize();
    reallocate(this.nodePrograms, nodesPerProgram);
    if (settings.zIndex && this.nodeZExtent[0] !== this.nodeZExtent[1]) nodes = zIndexOrdering(this.nodeZExtent, (n: string) => this.nodeDataCache[n]!.zIndex, nodes);
    const nodeIndices: Record<string, number> = {};
    const edgeIndices: Record<string, number> = {};
    const itemIDsIndex: Internals['itemIDsIndex'] = {};
    let id = 1;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      nodeIndices[node] = id;
      itemIDsIndex[id] = { type: 'node', id: node };
      this.addNodeToProgram(node, id, nodesPerProgram[this.nodeDataCache[node]!.type]!++);
      id++;
      if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
    }
    const edgesPerProgram: Record<string, number> = {};
    for (const edge of edges) {
      const type = this.edgeDataCache[edge]!.type;
      edgesPerProgram[type] = (edgesPerProgram[type] || 0) + 1;
    }
    if (settings.zIndex && this.edgeZExtent[0] !== this.edgeZExtent[1]) edges = zIndexOrdering(this.edgeZExtent, (e: string) => this.edgeDataCache[e]!.zIndex, edges);
    reallocate(this.edgePrograms, edgesPerProgram);
    for (let i = 0; i < edges.length; i++) {
      const edge = edges[i]!;
      edgeIndices[edge] = id;
      itemIDsIndex[id] = { type: 'edge', id: edge };
      this.addEdgeToProgram(edge, id, edgesPerProgram[this.edgeDataCache[edge]!.type]!++);
      id++;
      if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
    }
    this.itemIDsIndex = itemIDsIndex;
    this.nodeIndices = nodeIndices;
    this.edgeIndices = edgeIndices;
    this.emit('afterProcess');
  }
}

/** sigma, with the sliced refresh; `isProcessing()` and `whenDrawn()` tell where the job is. */
export type SlicedSigma = Sigma & { isProcessing(): boolean; whenDrawn(): Promise<void> };

export function createSigma(...args: ConstructorParameters<typeof Sigma>): SlicedSigma {
  constructing = true;
  try {
    return new Sliced(...args) as unknown as SlicedSigma;
  } finally {
    constructing = false;
  }
}
