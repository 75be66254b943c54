import { defineConfig } from 'vitest/config';
// The same module `npm test`'s provisioning step (pretest) uses, so both agree on the machine.
import { exclusions, findChromium, machineFrom, patternExcluding } from './test/provision/tools.mjs';

const machine = machineFrom();
// The end-to-end tests (test/support/browser.ts) drive the Chromium that provisioning found.
const chromium = findChromium(machine).path;

// One run for every test: unit (pure logic), integration (real processes) and e2e (real Chromium).
// Files run one at a time: many tests measure timing (a lesson's overlap, a kill within 1 s,
// RSS under a flood) and start Chromium or dozens of processes; on two cores a second file
// running beside them made those figures depend on which files met. Each test bounds its own time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 1,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Tests named "(Linux)" or "(root)" are left out where that does not hold (the provisioning step says so).
    testNamePattern: patternExcluding(exclusions(machine).map((x) => x.tag)),
    env: chromium ? { PROCPLAY_CHROMIUM: chromium } : {},
  },
});
