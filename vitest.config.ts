import { defineConfig } from 'vitest/config';

// One run for every test: unit (pure logic), integration (real processes) and e2e (real Chromium).
// Two cores here: files run two at a time, and each test bounds its own time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
