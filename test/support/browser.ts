// Debian's Chromium driven by playwright-core (never a downloaded browser); playwright gives it a
// fresh profile. openAppPage is the e2e files' common set-up: web mode, Chromium, one page.
import { chromium, type Browser, type Page } from 'playwright-core';
import path from 'node:path';
import { startWebApp, type RunningWebApp } from './web-app.js';

export const CHROMIUM_PATH = process.env.PROCPLAY_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

export const SCREENSHOT_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-results');

export interface OpenAppOptions {
  /** The page's size; 1400×900 unless given. */
  viewport?: { width: number; height: number };
  /** Opens the app's URL (the default); false leaves a blank page for the test to open. */
  visit?: boolean;
  /** Switches the page to English first (the app otherwise follows the browser's language). */
  english?: boolean;
  /** How long to wait for pid 1's row in the monitor (the app is up and sampling); 0 does not wait. 15 s unless given. */
  pid1TimeoutMs?: number;
}

export interface AppPage {
  app: RunningWebApp;
  browser: Browser;
  page: Page;
}

/**
 * Starts web mode, launches Chromium and opens one page at a viewport, then (by default) opens
 * the app and waits for pid 1's row. If a step fails, what was started is ended before the error
 * is thrown: a test's afterAll never saw it.
 */
export async function openAppPage(options: OpenAppOptions = {}): Promise<AppPage> {
  const { viewport = { width: 1400, height: 900 }, visit = true, english = false, pid1TimeoutMs = 15_000 } = options;
  const app = await startWebApp();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    if (visit) {
      await page.goto(app.url);
      if (english) await page.getByTestId('lang-en').click();
      if (pid1TimeoutMs > 0) await page.getByTestId('row-1').first().waitFor({ timeout: pid1TimeoutMs });
    }
    return { app, browser, page };
  } catch (e) {
    await browser?.close().catch(() => {});
    await app.stop().catch(() => {});
    throw e;
  }
}
