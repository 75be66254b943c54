// The "Recent exits" strip in Chromium (web mode) at 1024×700: collapsed by default, opened from
// the keyboard, it lists the runs of /bin/true of a test shell that the 1 s table never shows; the
// page does not scroll because of it. Needs the kernel's process connector (Linux, root).
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';

let page: Page;
const VIEW = { width: 1024, height: 700 };

beforeAll(async () => {
  ({ page } = await openAppPage({ viewport: VIEW, english: true, pid1TimeoutMs: 45_000 }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 90_000);

afterAll(async () => {
  await closeAppPages();
}, 30_000);

const pageScrolls = () =>
  page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight || document.body.scrollHeight > window.innerHeight);

describe('the Recent exits strip (Linux, root)', () => {
  it('opens from the keyboard and lists short-lived runs of true, without scrolling the page', async () => {
    const toggle = page.getByTestId('recent-exits-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const status = page.getByTestId('recent-exits-status');
    // Python starts slowly on a loaded machine: wait for the subscription.
    await page.waitForFunction(() => document.querySelector('[data-testid="recent-exits-status"]')?.textContent?.includes('started and ended within'), null, { timeout: 45_000 });
    expect(await status.textContent()).toContain('1000 ms');

    const shell = spawn('sh', ['-c', 'for i in 1 2 3 4 5; do /bin/true; done'], { stdio: 'ignore' });
    await new Promise((resolve) => shell.on('close', resolve));
    const rows = page.locator('[data-testid^="recent-exit-"][data-name="true"][data-code="0"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid^="recent-exit-"][data-name="true"][data-code="0"]').length >= 5, null, { timeout: 20_000 });
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    expect(await rows.first().textContent()).toContain('true');
    expect(await pageScrolls()).toBe(false);
    const strip = (await page.getByTestId('recent-exits').boundingBox())!;
    expect(strip.y + strip.height).toBeLessThanOrEqual(VIEW.height);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'recent-exits.png') });

    // Closed again: the rows go, the page still does not scroll.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await rows.count()).toBe(0);
    expect(await pageScrolls()).toBe(false);
  }, 120_000);
});
