// The monitor in a real browser: web mode with the token, filter, tree, ancestor chain, kill and stop.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { type RunningWebApp } from '../support/web-app.js';
import { alive } from '../support/marked-processes.js';

let app: RunningWebApp;
let page: Page;
let parent: ChildProcess;
let childPid = 0;
const victims: ChildProcess[] = [];

const stateOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];

beforeAll(async () => {
  parent = spawn('sh', ['-c', 'sleep 120 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
  childPid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  ({ app, page } = await openAppPage({ visit: false }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeAppPages();
  for (const v of victims) v.kill('SIGKILL');
  // End the child first and let its parent shell reap it and exit (pid 1 may not reap orphans here).
  const parentGone = new Promise((r) => (parent.exitCode !== null || parent.signalCode !== null ? r(null) : parent.once('exit', r)));
  if (childPid) process.kill(childPid, 'SIGKILL');
  await Promise.race([parentGone, new Promise((r) => setTimeout(r, 3000))]);
  parent?.kill('SIGKILL');
  expect(alive(childPid)).toBe(false);
  expect(alive(parent.pid!)).toBe(false);
});

describe('the monitor in Chromium (web mode) (Linux)', () => {
  it('shows a fresh browser which URL to open instead of the app when the token is missing', async () => {
    await page.goto(`${app.origin}/`);
    await page.getByTestId('token-help').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('row-1').count()).toBe(0);
  });

  it('loads with the token and shows live rows', async () => {
    await page.goto(app.url);
    await page.getByTestId(`row-1`).first().waitFor({ timeout: 15_000 });
  });

  it('finds a process the test started by its pid with the filter', async () => {
    await page.getByTestId('filter').fill(String(childPid));
    const row = page.getByTestId(`row-${childPid}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-ppid')).toBe(String(parent.pid));
    expect(await row.textContent()).toContain('sleep 120');
  });

  it('shows it under its parent in the tree view', async () => {
    await page.getByTestId('filter').fill('sleep 120');
    await page.getByTestId('view-tree').click();
    const parentRow = page.getByTestId(`row-${parent.pid}`);
    const childRow = page.getByTestId(`row-${childPid}`);
    await childRow.waitFor({ timeout: 10_000 });
    await parentRow.waitFor({ timeout: 10_000 });
    const parentDepth = Number(await parentRow.getAttribute('data-depth'));
    expect(Number(await childRow.getAttribute('data-depth'))).toBe(parentDepth + 1);
    const parentBox = (await parentRow.boundingBox())!;
    const childBox = (await childRow.boundingBox())!;
    expect(childBox.y).toBeGreaterThan(parentBox.y);
  });

  it('shows the ancestor chain in the details pane, each a click away', async () => {
    await page.getByTestId(`row-${childPid}`).click();
    const details = page.getByTestId('details');
    await details.waitFor();
    await page.getByTestId(`ancestor-${parent.pid}`).waitFor();
    await page.getByTestId('ancestor-1').waitFor();
    expect(await details.textContent()).toContain('sleep 120');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'monitor-tree-details.png') });
    await page.getByTestId(`ancestor-${parent.pid}`).click();
    await expect.poll(async () => (await details.textContent()) ?? '', { timeout: 5000 }).toContain(String(parent.pid));
  });

  it('Stop shows state T; Kill (after confirmation) makes the row disappear', async () => {
    const victim = spawn('sleep', ['300'], { stdio: 'ignore' });
    victims.push(victim);
    const pid = victim.pid!;
    await page.getByTestId('view-table').click();
    await page.getByTestId('filter').fill(String(pid));
    const row = page.getByTestId(`row-${pid}`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();

    await page.getByTestId('kill-SIGSTOP').first().click();
    await page.getByTestId('confirm-kill').click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5000 }).toBe('T');
    expect(stateOf(pid)).toBe('T');

    await page.getByTestId('kill-SIGKILL').first().click();
    await page.getByTestId('confirm-kill').click();
    await expect.poll(() => row.count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 5000 }).toMatch(new RegExp(`Killed ${pid} \\(sleep\\) with SIGKILL`));
    expect(victim.signalCode ?? (await new Promise((r) => victim.once('exit', (_c, s) => r(s))))).toBe('SIGKILL');
  });
});
