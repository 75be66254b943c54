// The inspector tabs in the details pane, in Chromium, against a real python3 process: its file,
// its listening port, FOO=bar (and a secret hidden until clicked), its threads, its writes, cwd
// and exe; and, with the app running as `nobody`, "no permission" for the root process's
// environment and files.
import fs, { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startInspectTarget, type InspectTarget } from '../support/inspect-target.js';
import { startWebApp, type RunningWebApp } from '../support/web-app.js';

let target: InspectTarget;
let browser: Browser;
const apps: RunningWebApp[] = [];

beforeAll(async () => {
  target = await startInspectTarget();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const app of apps) await app.stop();
  await target?.stop();
});

const niceOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[16]);

async function openDetails(app: RunningWebApp): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(app.url);
  await page.getByTestId('filter').fill(`pid:${target.pid}`);
  await page.getByTestId(`row-${target.pid}`).click();
  await page.getByTestId('inspector').waitFor();
  return page;
}

describe('the inspector in the details pane', () => {
  it('shows the python process: cwd, exe, argv, file, LISTEN port, FOO=bar, threads and 10 MiB written', async () => {
    const app = await startWebApp();
    apps.push(app);
    const page = await openDetails(app);
    const inspector = page.getByTestId('inspector');

    await expect.poll(() => page.getByTestId('inspect-cwd').textContent(), { timeout: 10_000 }).toBe(fs.realpathSync(target.dir));
    expect(await page.getByTestId('inspect-exe').textContent()).toMatch(/\/python3[.\d]*$/);
    expect(await page.getByTestId('inspect-argv').locator('li').last().textContent()).toBe(target.file);

    await inspector.getByTestId('inspect-tab-files').click();
    await expect.poll(() => page.getByTestId('inspect-files').textContent(), { timeout: 10_000 }).toContain(target.file);

    await inspector.getByTestId('inspect-tab-network').click();
    const listenRow = page.getByTestId('inspect-network').locator('tr', { hasText: `127.0.0.1:${target.port}` });
    await listenRow.waitFor({ timeout: 10_000 });
    expect(await listenRow.textContent()).toContain('LISTEN');

    await inspector.getByTestId('inspect-tab-threads').click();
    await expect.poll(() => page.getByTestId('inspect-threads').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    await inspector.getByTestId('inspect-tab-io').click();
    // formatBytes shows 10 MiB as "10.0 MiB" (or more with interpreter writes).
    await expect.poll(async () => Number(/([\d.]+) MiB/.exec((await page.getByTestId('inspect-io-write').textContent()) ?? '')?.[1] ?? 0), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(10);

    await inspector.getByTestId('inspect-tab-environment').click();
    await expect.poll(() => page.getByTestId('env-FOO').textContent(), { timeout: 10_000 }).toBe('FOObar');
    // The secret is hidden until clicked, and the filter narrows the list.
    expect(await page.getByTestId('env-API_TOKEN').textContent()).not.toContain('hunter2');
    await page.getByTestId('env-reveal-API_TOKEN').click();
    expect(await page.getByTestId('env-API_TOKEN').textContent()).toContain('hunter2');
    await page.getByTestId('inspect-env-filter').fill('foo');
    await expect.poll(() => page.getByTestId('inspect-env').locator('.inspect-env-row').count()).toBe(1);

    // Renice from the pane: visible in /proc/PID/stat.
    await page.getByTestId('renice-input').fill('5');
    await page.getByTestId('renice-button').click();
    await expect.poll(() => page.getByTestId('priority-result').textContent(), { timeout: 10_000 }).toMatch(/Reniced \d+ \(python3[^)]*\) from 0 to 5/);
    expect(niceOf(target.pid)).toBe(5);

    // The filter language: a bad regex is an inline message and the table keeps its rows; port: finds the listener.
    await page.getByTestId('filter').fill('/(x/');
    await page.getByTestId('filter-error').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('filter-error').textContent()).toMatch(/bad regular expression/);
    await page.getByTestId('row-1').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('filter').fill(`port:${target.port} !name:node`);
    await page.getByTestId(`row-${target.pid}`).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-testid^="row-"][data-ppid]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('filter-error').count()).toBe(0);
    await page.close();
  }, 150_000);

  it('the column chooser hides a column, and the choice survives a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(apps[0].url);
    await page.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sort-threads').count()).toBe(1);
    await page.getByTestId('columns-button').click();
    await page.getByTestId('column-threads').uncheck();
    await expect.poll(() => page.getByTestId('sort-threads').count()).toBe(0);
    await page.reload();
    await page.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('sort-threads').count()).toBe(0);
    expect(await page.getByTestId('sort-pid').count()).toBe(1);
    await page.getByTestId('columns-button').click();
    expect(await page.getByTestId('column-threads').isChecked()).toBe(false);
    await page.getByTestId('column-threads').check();
    await expect.poll(() => page.getByTestId('sort-threads').count()).toBe(1);
    await page.close();
  }, 150_000);

  it('with the app running as nobody, the root process shows "no permission" (EACCES) for environment and files', async () => {
    const app = await startWebApp(['--port', '0'], {}, ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
    apps.push(app);
    const page = await openDetails(app);
    const inspector = page.getByTestId('inspector');
    for (const name of ['environment', 'files'] as const) {
      await inspector.getByTestId(`inspect-tab-${name}`).click();
      const refused = page.getByTestId(`inspect-refused-${name}`);
      await refused.waitFor({ timeout: 10_000 });
      expect(await refused.getAttribute('data-code')).toBe('no-permission');
      expect(await refused.textContent()).toMatch(/No permission — no permission \((EACCES|EPERM)\)/);
    }
    // What another user may see is still shown: the threads.
    await inspector.getByTestId('inspect-tab-threads').click();
    await expect.poll(() => page.getByTestId('inspect-threads').locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await page.close();
  }, 150_000);
});
