// Debian's Chromium driven by playwright-core (never a downloaded browser); playwright gives it a fresh profile.
import { chromium, type Browser } from 'playwright-core';
import path from 'node:path';

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
