/**
 * A terminal progress bar on stderr for long builds: documents done / total (when known), rate and
 * time left. Silent when stderr is not a terminal or when `CI` is set, and it only appears once a
 * build has run for a moment (`delayMs`), so short builds print nothing extra.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressBarOptions {
  /** Where to draw (default process.stderr). */
  stream?: ProgressStream;
  /** Environment (default process.env); `CI` set → silent. */
  env?: Record<string, string | undefined>;
  /** Force on or off regardless of the terminal check. */
  enabled?: boolean;
  /** Nothing is drawn before this many ms (default 1500). */
  delayMs?: number;
  /** Least time between redraws in ms (default 100). */
  intervalMs?: number;
  /** Clock, for tests (default Date.now). */
  now?: () => number;
  /** Label before the bar (default `extracting`). */
  label?: string;
}

export interface ProgressBar {
  /** True when the bar draws anything at all. */
  readonly enabled: boolean;
  /** Sets or refines the expected total (documents). */
  setTotal(total: number | undefined): void;
  /** Reports progress: documents done so far. */
  update(done: number): void;
  /**
   * Moves to a stage without a count (`reading graph`, `building graph`, `writing`): the bar gives way
   * to the label, the documents read so far and the elapsed time. `immediate`: drawn now even before
   * the bar's delay — for a stage known to be long (the event loop may be busy until it ends, so the
   * line would not appear later).
   */
  stage(label: string, immediate?: boolean): void;
  /** Moves (back) to counting documents under a label (`adding` after `reading graph`). */
  count(label: string): void;
  /** Erases the bar. */
  done(): void;
}

/** Formats seconds as `1:05` / `1:02:03`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** One line of the bar for the given state (pure, for tests). */
export function renderProgressLine(state: { label: string; done: number; total?: number; elapsedMs: number; width: number }): string {
  const { label, done, total, elapsedMs, width } = state;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? done / seconds : 0;
  const rateText = `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)} docs/s`;
  if (total && total > 0) {
    const frac = Math.min(1, done / total);
    const eta = rate > 0 ? Math.max(0, total - done) / rate : Number.NaN;
    const tail = ` ${done}/${total} ${String(Math.floor(frac * 100)).padStart(3)}% ${rateText} ETA ${formatDuration(eta)}`;
    const barWidth = Math.max(10, Math.min(40, width - label.length - tail.length - 4));
    const filled = Math.round(frac * barWidth);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`.slice(0, Math.max(20, width - 1));
  }
  return `${label} ${done} docs ${rateText} ${formatDuration(seconds)}`.slice(0, Math.max(20, width - 1));
}

/** The line of a stage without a count: `writing… (3 documents read, 0:08)`, `building graph… (0:03)`. */
export function renderStageLine(label: string, done: number, elapsedMs: number, width: number): string {
  const read = done > 0 ? `${done} document${done === 1 ? '' : 's'} read, ` : '';
  return `${label}… (${read}${formatDuration(elapsedMs / 1000)})`.slice(0, width - 1);
}

/** True for a CI variable that says CI (set, and not "", "0" or "false", as CI=false is meant to say). */
const underCi = (ci: string | undefined): boolean => ci !== undefined && !['', '0', 'false'].includes(ci.trim().toLowerCase());

/** Creates a progress bar (a no-op one when not a terminal or under CI). */
export function createProgressBar(options: ProgressBarOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const env = options.env ?? process.env;
  const enabled = options.enabled ?? (Boolean(stream.isTTY) && !underCi(env.CI));
  const now = options.now ?? Date.now;
  const delay = options.delayMs ?? 1500;
  const interval = options.intervalMs ?? 100;
  const started = now();
  /** When counting (re)started: the rate and time left are of the counted part only. */
  let counting = started;
  let label = options.label ?? 'extracting';
  let total: number | undefined;
  let done = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  let staged = false;

  const draw = (force = false, immediate = false) => {
    if (!enabled) return;
    const t = now();
    if (t - started < delay && !immediate) return;
    if (!force && t - lastDraw < interval) return;
    lastDraw = t;
    const width = stream.columns && stream.columns >= 40 ? stream.columns : 80;
    const line = staged ? renderStageLine(label, done, t - started, width) : renderProgressLine({ label, done, total, elapsedMs: t - counting, width });
    stream.write(`\r${line}\x1b[K`);
    drawn = true;
  };

  return {
    enabled,
    setTotal(n) {
      total = n;
    },
    update(n) {
      done = n;
      if (total !== undefined && done > total) total = done;
      draw();
    },
    stage(next, immediate = false) {
      label = next;
      staged = true;
      draw(true, immediate);
    },
    count(next) {
      // drawn at the next update: a count of nothing yet says nothing
      label = next;
      staged = false;
      counting = now();
    },
    done() {
      if (enabled && drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
