// The kill confirmation in a real browser: Delete / Shift+Delete only from the table (never while
// typing in the filter), focus kept inside the dialog and given back to the table, no kill for
// the app's own pids, and the signal sent only after confirming.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage } from '../support/browser.js';
import { type RunningWebApp } from '../support/web-app.js';
import { alive } from '../support/marked-processes.js';

let app: RunningWebApp;
let page: Page;
let victim: ChildProcess;

const focusedTestId = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="kill-dialog"]')));

beforeAll(async () => {
  victim = spawn('sleep', ['300'], { stdio: 'ignore' });
  ({ app, page } = await openAppPage());
});

afterAll(async () => {
  await closeAppPages();
  if (victim && victim.exitCode === null && victim.signalCode === null) victim.kill('SIGKILL');
});

describe('kill shortcuts and the confirmation dialog (web mode, Chromium) (Linux)', () => {
  it('ignores Delete typed in the filter box', async () => {
    const pid = victim.pid!;
    await page.getByTestId('filter').fill(String(pid));
    const row = page.getByTestId(`row-${pid}`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByTestId('filter').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Shift+Delete');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('kill-dialog').count()).toBe(0);
    expect(alive(pid)).toBe(true);
  });

  it('Delete in the table asks first; Tab stays in the dialog; Escape cancels and gives focus back', async () => {
    const pid = victim.pid!;
    await page.getByTestId(`row-${pid}`).click();
    // The clicked row takes the focus (roving tabindex: the selected row is the table's Tab stop).
    expect(await focusedTestId()).toBe(`row-${pid}`);
    await page.keyboard.press('Delete');
    const dialog = page.getByTestId('kill-dialog');
    await dialog.waitFor({ timeout: 5000 });
    expect(await dialog.textContent()).toContain('SIGTERM');
    expect(await focusedTestId()).toBe('cancel-kill');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog()).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await focusInDialog()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => focusedTestId()).toBe(`row-${pid}`);
    expect(alive(pid)).toBe(true);
  });

  it('offers no kill for the app itself, by button, menu or shortcut', async () => {
    const self = app.child.pid!;
    await page.getByTestId('filter').fill(String(self));
    const row = page.getByTestId(`row-${self}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await page.getByTestId(`row-${self}-SIGTERM`).count()).toBe(0);
    expect(await page.getByTestId(`row-${self}-more`).count()).toBe(0);
    await row.click({ button: 'right' });
    expect(await page.getByTestId('action-menu').count()).toBe(0);
    await row.click();
    await page.keyboard.press('Shift+Delete');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('kill-dialog').count()).toBe(0);
    expect(alive(self)).toBe(true);
  });

  it('Shift+Delete confirmed sends SIGKILL', async () => {
    const pid = victim.pid!;
    await page.getByTestId('filter').fill(String(pid));
    await page.getByTestId(`row-${pid}`).click();
    await page.keyboard.press('Shift+Delete');
    await page.getByTestId('kill-dialog').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('kill-dialog').textContent()).toContain('SIGKILL');
    await page.getByTestId('confirm-kill').click();
    const signal = victim.signalCode ?? (await new Promise((r) => victim.once('exit', (_c, s) => r(s))));
    expect(signal).toBe('SIGKILL');
    // Back in the table: on the row while it is drawn, on the table once the process has left it.
    await expect.poll(() => focusedTestId(), { timeout: 5000 }).toBe('process-table');
  });
});
