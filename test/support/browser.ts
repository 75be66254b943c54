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

/** What openAppPage started, until closeAppPages ends it. */
interface Opened {
  app?: RunningWebApp;
  browser?: Browser;
  closed: boolean;
}
const opened = new Set<Opened>();

async function end(entry: Opened): Promise<void> {
  opened.delete(entry);
  entry.closed = true;
  await entry.browser?.close().catch(() => {});
  await entry.app?.stop().catch(() => {});
}

/**
 * Starts web mode, launches Chromium and opens one page at a viewport, then (by default) opens
 * the app and waits for pid 1's row. If a step fails, what was started is ended before the error
 * is thrown; what it started is ended by closeAppPages, also while it is still opening (a
 * before-all hook that timed out leaves it running on, and its caller never gets the handles).
 */
export async function openAppPage(options: OpenAppOptions = {}): Promise<AppPage> {
  const { viewport = { width: 1400, height: 900 }, visit = true, english = false, pid1TimeoutMs = 15_000 } = options;
  const entry: Opened = { closed: false };
  opened.add(entry);
  const stillWanted = () => {
    if (entry.closed) throw new Error('closeAppPages ran while the app page was opening');
  };
  try {
    entry.app = await startWebApp();
    stillWanted();
    entry.browser = await launchChromium();
    stillWanted();
    const page = await entry.browser.newPage({ viewport });
    if (visit) {
      await page.goto(entry.app.url);
      if (english) await page.getByTestId('lang-en').click();
      if (pid1TimeoutMs > 0) await page.getByTestId('row-1').first().waitFor({ timeout: pid1TimeoutMs });
    }
    stillWanted();
    return { app: entry.app, browser: entry.browser, page };
  } catch (e) {
    await end(entry);
    throw e;
  }
}

/** Ends every app page openAppPage started (browser, then web mode), and any still opening. */
export async function closeAppPages(): Promise<void> {
  await Promise.all([...opened].map(end));
}
