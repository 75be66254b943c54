// The states lesson's Stop / Continue buttons in a real browser: they signal the lesson's own
// worker (checked with process.killPreview first, no dialog), and the worker really stops.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage } from '../support/browser.js';
import { alive, survivorsAfter } from '../support/marked-processes.js';

let page: Page;
const pids = new Set<number>();

const stateOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
  } catch {
    return null;
  }
};

beforeAll(async () => {
  ({ page } = await openAppPage({ pid1TimeoutMs: 0 }));
  await page.getByTestId('tab-lessons').click();
  await page.getByTestId('lesson-states').waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await closeAppPages();
  expect(await survivorsAfter(pids, 5000)).toEqual([]);
}, 30_000);

describe('lesson panel signals (web mode, Chromium) (Linux)', () => {
  it('Stop and Continue reach the states lesson worker', async () => {
    await page.getByTestId('lesson-states').click();
    await page.getByTestId('run-lesson').click();
    const panel = page.getByTestId('states-panel');
    const chip = panel.locator('.watch-who [data-pid]');
    await chip.waitFor({ timeout: 10_000 });
    const worker = Number(await chip.getAttribute('data-pid'));
    pids.add(worker);
    const stop = page.getByTestId('worker-stop');
    await expect.poll(() => stop.isEnabled(), { timeout: 10_000 }).toBe(true);
    await stop.click();
    await expect.poll(() => stateOf(worker), { timeout: 5000 }).toBe('T');
    expect(await panel.locator('.notice.error').count()).toBe(0);
    await page.getByTestId('worker-continue').click();
    await expect.poll(() => stateOf(worker), { timeout: 5000 }).not.toBe('T');
    await page.getByTestId('stop-lesson').click();
    await page.getByTestId('run-lesson').waitFor({ timeout: 10_000 });
    await expect.poll(() => alive(worker), { timeout: 5000 }).toBe(false);
  });
});
