// Part of the benchmark: the renderer's time to apply one tick of updates to the full table,
// measured in Debian's Chromium against web mode (the page exposes window.__procplayPerf).
// Dev-only: playwright-core is a devDependency, loaded on demand.
import { existsSync, writeFileSync } from 'node:fs';
import { createServices } from '../app/services.js';
import { rendererDir } from '../app/paths.js';
import { startWebServer } from '../web/server.js';
import { median, percentile, round1 } from './stats.js';

const CHROMIUM = process.env.PROCPLAY_CHROMIUM ?? '/usr/bin/chromium';
const TICK_MS = 250;

export interface RendererApplyResult {
  rows: number;
  ticks: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export interface RendererApplyOptions {
  /** The monitor's view to measure (the page's remembered preference is set before it loads). */
  view?: 'table' | 'tree';
  /** Write a Chromium CPU profile of the measured ticks here (.cpuprofile, for DevTools). */
  profilePath?: string;
}

/** Null when Chromium or the built UI is missing (the caller says so). */
export async function measureRendererApply(ticks: number, opts: RendererApplyOptions = {}): Promise<RendererApplyResult | null> {
  if (!existsSync(CHROMIUM) || !existsSync(`${rendererDir}/index.html`)) return null;
  const { chromium } = await import('playwright-core');
  const services = createServices();
  services.monitor.configure({ intervalMs: TICK_MS });
  services.monitor.start();
  const server = await startWebServer({ services, staticDir: rendererDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const view = opts.view;
    if (view) await page.addInitScript((v) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('procplay.view', JSON.stringify(v)), view);
    await page.goto(server.url);
    // Evaluated in the page, where globalThis is the window.
    const read = () =>
      page.evaluate(() => (globalThis as unknown as { __procplayPerf: { lastApplyMs: number; applied: number } }).__procplayPerf);
    // Wait for the first few snapshots (first render mounts everything; not a tick update).
    while ((await read()).applied < 3) await page.waitForTimeout(50);
    const cdp = opts.profilePath ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const samples: number[] = [];
    let seen = (await read()).applied;
    while (samples.length < ticks) {
      await page.waitForTimeout(TICK_MS / 2);
      const probe = await read();
      if (probe.applied !== seen) {
        seen = probe.applied;
        samples.push(probe.lastApplyMs);
      }
    }
    if (cdp && opts.profilePath) writeFileSync(opts.profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    const rows = (await services.monitor.current()).processes.length;
    return { rows, ticks: samples.length, medianMs: round1(median(samples)), p95Ms: round1(percentile(samples, 95)), maxMs: round1(Math.max(...samples)) };
  } finally {
    await browser.close();
    await server.close();
    await services.dispose();
  }
}
