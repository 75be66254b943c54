// The monitor's optional columns, port badge, tree folding and follow mode in Chromium (web mode),
// against processes the test starts: a niced process that reads and writes 20 MiB/s, a TCP
// listener, and short-lived sleeps that push the followed row down the table.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { startWebApp } from '../support/web-app.js';
import { exitOf } from '../support/child-waits.js';

let browser: Browser;
let page: Page;
let io: ChildProcess;
let listener: ChildProcess;
let listenPort = 0;
const extra: ChildProcess[] = [];

// 1 MiB read from /dev/zero and written to /dev/null every 50 ms: rchar and wchar grow ~20 MiB/s.
const IO_SCRIPT = `const fs=require('fs');const z=fs.openSync('/dev/zero','r'),n=fs.openSync('/dev/null','w'),b=Buffer.alloc(1<<20);
setInterval(()=>{fs.readSync(z,b,0,b.length,null);fs.writeSync(n,b);},50);`;
const LISTEN_SCRIPT = `const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port));`;

/** The text of one column's cell in a row, found through the header's position. */
async function cellText(p: Page, row: Locator, key: string): Promise<string> {
  const index = await p.evaluate((k) => {
    const headers = Array.from(document.querySelectorAll('.table-header [role="columnheader"]'));
    return headers.findIndex((h) => h.querySelector(`[data-testid="sort-${k}"]`) !== null);
  }, key);
  if (index < 0) return '';
  return (await row.locator('[role="gridcell"]').nth(index).textContent()) ?? '';
}

async function cellTitle(p: Page, row: Locator, key: string): Promise<string | null> {
  const index = await p.evaluate((k) => {
    const headers = Array.from(document.querySelectorAll('.table-header [role="columnheader"]'));
    return headers.findIndex((h) => h.querySelector(`[data-testid="sort-${k}"]`) !== null);
  }, key);
  return row.locator('[role="gridcell"]').nth(index).getAttribute('title');
}

async function setColumn(p: Page, key: string, shown: boolean): Promise<void> {
  await p.getByTestId('columns-button').click();
  const box = p.getByTestId(`column-${key}`);
  if (shown) await box.check();
  else await box.uncheck();
  await p.getByTestId('columns-button').click();
}

beforeAll(async () => {
  io = spawn('nice', ['-n', '7', process.execPath, '-e', IO_SCRIPT], { stdio: 'ignore' });
  listener = spawn(process.execPath, ['-e', LISTEN_SCRIPT], { stdio: ['ignore', 'pipe', 'ignore'] });
  listenPort = await new Promise<number>((resolve) => listener.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  ({ browser, page } = await openAppPage({ viewport: { width: 1600, height: 900 } }));
});

afterAll(async () => {
  await closeAppPages();
  for (const c of [io, listener, ...extra]) c?.kill('SIGKILL');
});

describe('monitor columns, port badge, folding and follow in Chromium (Linux)', () => {
  it('NI shows the nice value and IO READ/s, IO WRITE/s the rates of a process reading and writing', async () => {
    // Hidden until chosen: they cost a read per process per tick.
    expect(await page.getByTestId('sort-nice').count()).toBe(0);
    expect(await page.getByTestId('sort-ioReadPerSec').count()).toBe(0);
    await setColumn(page, 'nice', true);
    await setColumn(page, 'ioReadPerSec', true);
    await setColumn(page, 'ioWritePerSec', true);
    await page.getByTestId('filter').fill(`pid:${io.pid}`);
    const row = page.getByTestId(`row-${io.pid}`);
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => cellText(page, row, 'nice'), { timeout: 10_000 }).toBe('7');
    // Rates need two samples after the page asked for them; ~20 MiB/s each way.
    await expect.poll(() => cellText(page, row, 'ioReadPerSec'), { timeout: 15_000 }).toMatch(/MiB\/s$/);
    await expect.poll(() => cellText(page, row, 'ioWritePerSec'), { timeout: 15_000 }).toMatch(/MiB\/s$/);
  }, 60_000);

  it('the column choice survives a reload', async () => {
    await page.reload();
    await page.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sort-nice').count()).toBe(1);
    expect(await page.getByTestId('sort-ioReadPerSec').count()).toBe(1);
    expect(await page.getByTestId('sort-cgroup').count()).toBe(0);
    await page.getByTestId('columns-button').click();
    expect(await page.getByTestId('column-nice').isChecked()).toBe(true);
    expect(await page.getByTestId('column-priority').isChecked()).toBe(false);
    await page.getByTestId('columns-button').click();
    // After the reload the server is asked again: the rates come back.
    await page.getByTestId('filter').fill(`pid:${io.pid}`);
    const row = page.getByTestId(`row-${io.pid}`);
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => cellText(page, row, 'ioReadPerSec'), { timeout: 15_000 }).toMatch(/MiB\/s$/);
  }, 60_000);

  it('a listening process carries a badge with its port, and port: finds it', async () => {
    await page.getByTestId('filter').fill(`port:${listenPort}`);
    const badge = page.getByTestId(`ports-${listener.pid}`);
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe(`:${listenPort}`);
    expect(await page.getByTestId(`row-${io.pid}`).count()).toBe(0);
  }, 30_000);

  it('expand all and collapse all fold every subtree, by button and by key', async () => {
    await page.getByTestId('filter').fill(`pid:${io.pid}`);
    await page.getByTestId('view-tree').click();
    const row = page.getByTestId(`row-${io.pid}`);
    await row.waitFor({ timeout: 10_000 });
    await page.getByTestId('collapse-all').click();
    // The matched process sits under its ancestors: collapsed, only the root is left.
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('row-1').count()).toBe(1);
    await page.getByTestId('expand-all').click();
    await row.waitFor({ timeout: 10_000 });
    await page.getByTestId('process-table').focus();
    await page.keyboard.press('/');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await page.keyboard.press('*');
    await row.waitFor({ timeout: 10_000 });
    await page.getByTestId('view-table').click();
  }, 60_000);

  it('follow keeps the selection on a process and in view as new rows push it down, and ends with a note when it exits', async () => {
    // Only this test's sleeps in the table: other processes of a busy machine come and go too.
    const target = spawn('sleep', ['301'], { stdio: 'ignore' });
    extra.push(target);
    await page.getByTestId('filter').fill('sleep 301');
    // Newest first: every process started later lands above the target.
    while ((await page.getByTestId('sort-pid').locator('..').getAttribute('aria-sort')) !== 'descending') await page.getByTestId('sort-pid').click();
    const row = page.getByTestId(`row-${target.pid}`);
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await page.getByTestId('follow').click();
    expect(await page.getByTestId('follow').getAttribute('aria-pressed')).toBe('true');
    const before = Number(await row.getAttribute('aria-rowindex'));
    // 60 rows of 26 px above it (50 is enough: 1,300 px): more than the table's height, so it leaves the view unless followed.
    for (let i = 0; i < 60; i++) extra.push(spawn('sleep', ['301'], { stdio: 'ignore' }));
    await expect.poll(async () => Number(await row.getAttribute('aria-rowindex')), { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 50);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const scroller = (await page.getByTestId('process-table').boundingBox())!;
    await expect.poll(async () => {
      const box = await row.boundingBox();
      // Revealed at the bottom edge, a row may end a fraction of a pixel past the box (layout rounding).
      return box !== null && box.y >= scroller.y - 1 && box.y + box.height <= scroller.y + scroller.height + 1;
    }, { timeout: 10_000 }).toBe(true).catch(async (e) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'follow-failed.png') });
      throw new Error(`${(e as Error).message}; follow pressed: ${await page.getByTestId('follow').getAttribute('aria-pressed')}, row box ${JSON.stringify(await row.boundingBox())}, table box ${JSON.stringify(scroller)}`);
    });
    target.kill('SIGKILL');
    await exitOf(target);
    await page.getByTestId('follow-ended').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('follow-ended').textContent()).toContain(String(target.pid));
    expect(await page.getByTestId('follow').getAttribute('aria-pressed')).toBe('false');
  }, 60_000);
});

describe('I/O columns without permission, and the mine/all filter (Linux)', () => {
  it('with the app running as nobody, a root process shows "no access" with the reason, never 0; Mine shows only nobody\'s', async () => {
    const nobodyApp = await startWebApp(['--port', '0'], {}, ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
    try {
      const p = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await p.goto(nobodyApp.url);
      await p.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
      // Another port, another origin: its own (default) column choice.
      await setColumn(p, 'ioReadPerSec', true);
      await p.getByTestId('filter').fill('pid:1');
      const row = p.getByTestId('row-1');
      await expect.poll(() => cellText(p, row, 'ioReadPerSec'), { timeout: 15_000 }).toBe('no access');
      expect(await cellTitle(p, row, 'ioReadPerSec')).toMatch(/No permission.*\/proc\/1\/io/);
      // Mine: only the processes of the user the app runs as (nobody: the app itself), not root's pid 1.
      await p.getByTestId('filter').fill('');
      await p.getByTestId('owner-mine').click();
      await p.getByTestId(`row-${nobodyApp.child.pid}`).waitFor({ timeout: 10_000 });
      await expect.poll(() => p.getByTestId('row-1').count(), { timeout: 10_000 }).toBe(0);
      await p.getByTestId('owner-all').click();
      await p.getByTestId('row-1').waitFor({ timeout: 10_000 });
      await p.close();
    } finally {
      await nobodyApp.stop();
    }
  }, 60_000);
});
