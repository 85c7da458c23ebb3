import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'web/dist/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // expect.poll waits for a page or a server to catch up; its default second is short on a
    // 2-core machine running the whole suite (a 6,000-node graph redrawn in a headless browser).
    expect: { poll: { timeout: 10_000 } },
  },
});
