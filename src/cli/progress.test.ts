import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, renderProgressLine, renderStageLine } from './progress.js';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, columns: 100, write: (s: string) => writes.push(s) }, writes };
}

describe('cli/progress', () => {
  describe('formatDuration', () => {
    it.each([
      [0, '0:00'],
      [65, '1:05'],
      [3723, '1:02:03'],
      [Number.NaN, '--:--'],
      [-1, '--:--'],
    ])('should format %s seconds as %s', (s, want) => {
      expect(formatDuration(s)).toBe(want);
    });
  });

  describe('renderProgressLine', () => {
    it('should show done / total, percent, rate and time left when the total is known', () => {
      const line = renderProgressLine({ label: 'extracting', done: 50, total: 200, elapsedMs: 10_000, width: 100 });
      expect(line).toContain('50/200');
      expect(line).toContain(' 25%');
      expect(line).toContain('5.0 docs/s');
      expect(line).toContain('ETA 0:30');
      expect(line.length).toBeLessThan(100);
    });

    it('should show count, rate and elapsed time when the total is unknown', () => {
      const line = renderProgressLine({ label: 'extracting', done: 300, elapsedMs: 2_000, width: 80 });
      expect(line).toBe('extracting 300 docs 150 docs/s 0:02');
    });
  });

  describe('renderStageLine', () => {
    it.each([
      [0, 'writing… (0:08)'],
      [1, 'writing… (1 document read, 0:08)'],
      [3, 'writing… (3 documents read, 0:08)'],
    ])('should say how many documents were read (%s)', (done, want) => {
      expect(renderStageLine('writing', done, 8000, 80)).toBe(want);
    });
  });

  describe('createProgressBar', () => {
    it('should draw on a terminal once the delay has passed, and erase at the end', () => {
      let t = 0;
      const { stream, writes } = fakeStream(true);
      const bar = createProgressBar({ stream, env: {}, now: () => t, delayMs: 1000, intervalMs: 0 });
      bar.setTotal(10);
      bar.update(1);
      expect(writes).toHaveLength(0);
      t = 2000;
      bar.update(5);
      expect(writes.at(-1)).toContain('5/10');
      bar.done();
      expect(writes.at(-1)).toBe('\r\x1b[K');
    });

    it('should name an update\'s stages, count only the counted part, and draw a long stage at once', () => {
      let t = 0;
      const { stream, writes } = fakeStream(true);
      const bar = createProgressBar({ stream, env: {}, now: () => t, delayMs: 1000, intervalMs: 0, label: 'adding' });
      bar.stage('reading graph'); // within the delay: nothing yet
      expect(writes).toHaveLength(0);
      t = 4000;
      bar.count('adding'); // drawn at the next update, not as "0 docs"
      expect(writes).toHaveLength(0);
      t = 6000;
      bar.setTotal(4);
      bar.update(4);
      // 4 documents in the 2 s since counting started, not in the 6 s since the bar was made
      expect(writes.at(-1)).toContain('4/4 100% 2.0 docs/s');
      bar.stage('building graph');
      expect(writes.at(-1)).toBe('\rbuilding graph… (4 documents read, 0:06)\x1b[K');
      const early = fakeStream(true);
      const quick = createProgressBar({ stream: early.stream, env: {}, now: () => 0, delayMs: 1000, intervalMs: 0 });
      quick.stage('building graph');
      expect(early.writes).toHaveLength(0);
      quick.stage('building graph', true);
      expect(early.writes.at(-1)).toBe('\rbuilding graph… (0:00)\x1b[K');
    });

    it.each([['false'], ['0'], ['']])('should draw on a terminal when CI is "%s" (CI switched off)', (ci) => {
      const { stream } = fakeStream(true);
      expect(createProgressBar({ stream, env: { CI: ci } }).enabled).toBe(true);
    });

    it.each([
      ['stderr is not a terminal', false, {}],
      ['CI is set', true, { CI: 'true' }],
      ['CI is 1', true, { CI: '1' }],
    ])('should stay quiet when %s', (_label, isTTY, env) => {
      let t = 0;
      const { stream, writes } = fakeStream(isTTY);
      const bar = createProgressBar({ stream, env, now: () => t, delayMs: 0, intervalMs: 0 });
      expect(bar.enabled).toBe(false);
      t = 5000;
      bar.update(3);
      bar.stage('writing');
      bar.done();
      expect(writes).toEqual([]);
    });
  });
});
