// The metrics setting in a real browser (web mode): turning it on starts /metrics on the chosen
// port (loopback only, no token), "allow other machines" shows a token that the endpoint then
// requires, and turning it off closes the port. A port already in use is reported, nothing changes.
import net from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage } from '../support/browser.js';
import { freePort, httpGet } from '../support/metrics-serve.js';
import { type RunningWebApp } from '../support/web-app.js';

let app: RunningWebApp;
let page: Page;
let blocker: net.Server | null = null;

beforeAll(async () => {
  ({ app, page } = await openAppPage({ visit: false }));
});

afterAll(async () => {
  await closeAppPages();
  await new Promise((r) => (blocker ? blocker.close(r) : r(null)));
});

describe('the metrics setting (Chromium, web mode)', () => {
  it('reports a port in use and stays off', async () => {
    await page.goto(app.url);
    const setting = page.getByTestId('metrics-setting');
    await setting.waitFor({ timeout: 15_000 });
    await setting.locator('summary').click();
    blocker = net.createServer();
    const busyPort = await new Promise<number>((r) => blocker!.listen(0, '127.0.0.1', () => r((blocker!.address() as net.AddressInfo).port)));
    await page.getByTestId('metrics-port').fill(String(busyPort));
    // click, not check(): the box follows the server's answer, so it changes only after the reply.
    await page.getByTestId('metrics-enabled').click();
    await expect.poll(() => page.getByTestId('metrics-error').textContent(), { timeout: 10_000 }).toMatch(/already in use/);
    expect(await page.getByTestId('metrics-enabled').isChecked()).toBe(false);
  });

  it('turns /metrics on for this machine, then for the network with a token, then off', async () => {
    const port = await freePort();
    await page.getByTestId('metrics-port').fill(String(port));
    await page.getByTestId('metrics-enabled').click();
    await expect.poll(() => page.getByTestId('metrics-url').textContent(), { timeout: 10_000 }).toBe(`http://127.0.0.1:${port}/metrics`);
    const open = await httpGet(port, '/metrics');
    expect(open.status).toBe(200);
    expect(open.body).toContain('namedprocess_namegroup_num_procs');

    await page.getByTestId('metrics-network').click();
    const token = page.getByTestId('metrics-token');
    await token.waitFor({ timeout: 10_000 });
    const value = (await token.textContent()) ?? '';
    expect(value).toMatch(/^[0-9a-f]{32}$/);
    expect((await httpGet(port, '/metrics')).status).toBe(401);
    expect((await httpGet(port, '/metrics', { Authorization: `Bearer ${value}` })).status).toBe(200);

    await page.getByTestId('metrics-enabled').click();
    await page.getByTestId('metrics-url').waitFor({ state: 'detached', timeout: 10_000 });
    await expect(httpGet(port, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });
});
