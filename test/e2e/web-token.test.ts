// Web mode's credential in a real browser: the page takes the token from the URL it was opened with,
// removes it from the address bar, keeps it for its own origin (port included) and never in a cookie.
// A bare URL then works in that browser; a fresh browser gets a page saying which URL to open; two
// instances on two ports live side by side in one browser.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startWebApp, type RunningWebApp } from '../support/web-app.js';

let a: RunningWebApp;
let b: RunningWebApp;
let browser: Browser;
let context: BrowserContext;
const TOKEN_KEY = 'procplay.webToken';

const showsApp = (page: Page) => page.getByTestId('row-1').first().waitFor({ timeout: 30_000 });
const keptToken = (page: Page) => page.evaluate((k) => localStorage.getItem(k), TOKEN_KEY);

beforeAll(async () => {
  [a, b] = await Promise.all([startWebApp(), startWebApp()]);
  browser = await launchChromium();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([a?.stop(), b?.stop()]);
});

// Several page loads per test: on a loaded 2-core machine each can take seconds.
describe('the web-mode token in Chromium', { timeout: 120_000 }, () => {
  it('shows a fresh browser the page that says which URL to open, not the app', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${a.origin}/`);
    expect(res!.status()).toBe(200);
    const help = page.getByTestId('token-help');
    await help.waitFor({ timeout: 30_000 });
    expect(await help.getAttribute('data-reason')).toBe('missing');
    expect(await help.textContent()).toMatch(/Open the URL that "procplay web".*printed when it started/);
    expect(await page.getByTestId('row-1').count()).toBe(0);
    await page.close();
  });

  it('opens the app from the printed URL, removes the token from the address bar and sets no cookie', async () => {
    const page = await context.newPage();
    await page.goto(a.url);
    await showsApp(page);
    expect(page.url()).toBe(`${a.origin}/`);
    expect(await keptToken(page)).toBe(a.token);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.close();
  });

  it('opens the app from the bare URL in a browser that opened this instance before', async () => {
    const page = await context.newPage();
    await page.goto(`${a.origin}/`);
    await showsApp(page);
    expect(await page.getByTestId('disconnected').count()).toBe(0);
    await page.close();
  });

  it('runs two instances on two ports in one browser without either disturbing the other', async () => {
    const pageB = await context.newPage();
    await pageB.goto(b.url);
    await showsApp(pageB);
    const pageA = await context.newPage();
    await pageA.goto(`${a.origin}/`);
    await showsApp(pageA);
    const bareB = await context.newPage();
    await bareB.goto(`${b.origin}/`);
    await showsApp(bareB);
    expect(await keptToken(pageA)).toBe(a.token);
    expect(await keptToken(bareB)).toBe(b.token);
    expect(a.token).not.toBe(b.token);
    expect(await context.cookies()).toEqual([]);
    // Each page is live on its own instance: a reload of either still connects.
    await pageA.reload();
    await showsApp(pageA);
    for (const p of [pageA, pageB, bareB]) await p.close();
  });

  it('shows the help page, and forgets the token, when the server refuses the one kept (a restarted instance)', async () => {
    const page = await context.newPage();
    await page.goto(`${a.origin}/`);
    await showsApp(page);
    await page.evaluate((k) => localStorage.setItem(k, '0'.repeat(32)), TOKEN_KEY);
    await page.reload();
    const help = page.getByTestId('token-help');
    await help.waitFor({ timeout: 30_000 });
    expect(await help.getAttribute('data-reason')).toBe('refused');
    expect(await help.textContent()).toMatch(/was refused/);
    expect(await keptToken(page)).toBeNull();
    // The printed URL mends it.
    await page.goto(a.url);
    await showsApp(page);
    await page.close();
  });

  it('says it in Chinese to a browser that prefers Chinese', async () => {
    const zh = await browser.newContext({ locale: 'zh-CN' });
    const page = await zh.newPage();
    await page.goto(`${b.origin}/`);
    const help = page.getByTestId('token-help');
    await help.waitFor({ timeout: 30_000 });
    expect(await help.textContent()).toContain('请打开');
    await zh.close();
  });
});
