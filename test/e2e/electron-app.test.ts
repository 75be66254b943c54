// The Electron path end to end without Electron's binary: the app's real entry (package.json
// "main") runs under the Electron-shaped harness (test/support/electron-harness), its window is
// shown in Chromium with the real preload, and the UI is driven through IPC: the table shows a
// process this test started and kills it, a lesson runs, a playground program runs, the page's
// CSP lets the app's own file:// assets load and blocks an inline script, and the window has
// the security settings it must have.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronPaths } from '../../main/app/paths.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { ElectronHarness, REPO_ROOT, type HarnessWindow } from '../support/electron-harness/host.js';
import { alive, survivorsAfter } from '../support/marked-processes.js';

let harness: ElectronHarness;
let win: HarnessWindow;
let page: Page;
let victim: ChildProcess;
const started = new Set<number>();
/** Bound on one UI-driven step with real processes (the CI machine is shared and slow). */
const STEP_MS = 60_000;
const TEST_MS = 150_000;

beforeAll(async () => {
  victim = spawn('sleep', ['120'], { stdio: 'ignore' });
  harness = await ElectronHarness.start();
  win = await harness.firstWindow(90_000);
  page = win.page;
  await page.getByTestId('row-1').first().waitFor({ timeout: STEP_MS });
}, TEST_MS);

afterAll(async () => {
  await harness?.close();
  if (victim && victim.exitCode === null && victim.signalCode === null) victim.kill('SIGKILL');
  expect(await survivorsAfter(started, 5000)).toEqual([]);
}, 60_000);

describe('the Electron app under the harness (real entry, real preload, Chromium)', () => {
  it('creates its window with the locked-down settings, the real preload and the built page', () => {
    const built = electronPaths(REPO_ROOT);
    expect(win.options.webPreferences).toEqual({
      preload: built.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(win.loadedUrl).toBe(pathToFileURL(built.indexHtml).href);
  });

  it('the page sees only window.procplay (call, on), and no Node', async () => {
    const seen = await page.evaluate(() => ({
      bridge: Object.keys((window as unknown as { procplay: object }).procplay).sort(),
      frozen: Object.isFrozen((window as unknown as { procplay: object }).procplay),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ bridge: ['call', 'on'], frozen: true, require: 'undefined', process: 'undefined' });
  });

  it('denies every permission and adds its CSP header through the session', async () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) expect(await harness.permission(permission)).toBe(false);
    const headers = await harness.responseHeaders('https://example.org/', { 'Content-Type': ['text/html'] });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('the CSP lets the app load its own file:// script and stylesheet, and blocks an inline script', async () => {
    const assets = await page.evaluate(() => ({
      scripts: Array.from(document.querySelectorAll('script[src]')).map((s) => (s as HTMLScriptElement).src),
      sheets: Array.from(document.styleSheets).map((s) => s.href).filter(Boolean),
      rules: Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0),
      rendered: document.getElementById('root')!.children.length,
    }));
    expect(assets.scripts.length).toBeGreaterThan(0);
    for (const url of [...assets.scripts, ...assets.sheets]) expect(url).toMatch(/^file:\/\/.*\/dist\/renderer\/assets\//);
    expect(assets.sheets.length).toBeGreaterThan(0);
    expect(assets.rules).toBeGreaterThan(10);
    expect(assets.rendered).toBeGreaterThan(0);

    const inline = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; violated: string | null }>((resolve) => {
          let violated: string | null = null;
          document.addEventListener('securitypolicyviolation', (e) => (violated = e.violatedDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.append(s);
          setTimeout(() => resolve({ ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, violated }), 200);
        }),
    );
    expect(inline).toEqual({ ran: false, violated: 'script-src-elem' });
  });

  it('shows a process this test started in the table, and kills it from the UI', async () => {
    const pid = victim.pid!;
    await page.getByTestId('filter').fill(String(pid));
    const row = page.getByTestId(`row-${pid}`);
    await row.waitFor({ timeout: STEP_MS });
    expect(await row.getAttribute('data-ppid')).toBe(String(process.pid));
    expect(await row.textContent()).toContain('sleep 120');
    await row.click();
    await page.keyboard.press('Shift+Delete');
    const dialog = page.getByTestId('kill-dialog');
    await dialog.waitFor({ timeout: 5000 });
    expect(await dialog.textContent()).toContain('SIGKILL');
    await page.getByTestId('confirm-kill').click();
    const exit = await new Promise<NodeJS.Signals | null>((resolve) =>
      victim.exitCode !== null || victim.signalCode !== null ? resolve(victim.signalCode) : victim.once('exit', (_c, s) => resolve(s)),
    );
    expect(exit).toBe('SIGKILL');
    await expect.poll(() => row.count(), { timeout: STEP_MS }).toBe(0);
    await page.getByTestId('filter').fill('');
  }, TEST_MS);

  it('runs a lesson: pid-ppid ends with every observation ticked', async () => {
    await page.getByTestId('tab-lessons').click();
    await page.getByTestId('lesson-pid-ppid').click();
    await page.getByTestId('run-lesson').click();
    const observations = page.locator('[data-testid^="observation-"]');
    await expect
      .poll(() => observations.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)), { timeout: STEP_MS })
      .toEqual(expect.arrayContaining(['ok']));
    await expect.poll(() => observations.evaluateAll((els) => els.every((e) => (e as HTMLElement).dataset.status === 'ok')), { timeout: STEP_MS }).toBe(true);
    const pids = await page.locator('[data-testid^="lane-"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.pid)));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    for (const pid of pids) started.add(pid);
  }, TEST_MS);

  it('runs a playground program and shows its output and exit code', async () => {
    await page.getByTestId('tab-playground').click();
    await page.getByTestId('playground-command').fill(`sh -c "echo harness-says-hi; exit 3"`);
    await page.getByTestId('playground-run').click();
    const exit = page.getByTestId('playground-exit');
    await exit.waitFor({ timeout: STEP_MS });
    expect(await exit.getAttribute('data-exit-code')).toBe('3');
    expect(await page.getByTestId('playground-output').textContent()).toContain('harness-says-hi');
  }, TEST_MS);

  it('runs a Python example (the examples folder, sitecustomize.py on PYTHONPATH)', async () => {
    await page.getByTestId('pg-example-run-arguments').click();
    const exit = page.getByTestId('playground-exit');
    await expect.poll(async () => ((await exit.count()) ? (await exit.getAttribute('data-command')) ?? '' : ''), { timeout: STEP_MS }).toMatch(/arguments\.py/);
    expect(await exit.getAttribute('data-exit-code')).toBe('0');
  }, TEST_MS);

  it('opens links in the OS browser, never in a window of its own, and stays on its page', async () => {
    const before = page.url();
    await page.evaluate(() => void window.open('https://example.org/docs', '_blank'));
    await expect.poll(() => harness.openedExternal, { timeout: STEP_MS }).toEqual(['https://example.org/docs']);
    await expect.poll(() => win.context.pages().length, { timeout: STEP_MS }).toBe(1);
    await page.evaluate(() => void (location.href = 'https://example.org/elsewhere'));
    // The navigation was refused (will-navigate): the app's page is still there, still live.
    await expect.poll(() => harness.refusedNavigations, { timeout: STEP_MS }).toEqual(['https://example.org/elsewhere']);
    expect(await page.evaluate(() => window.procplay!.call('lesson.list', {}).then((l) => (l as unknown[]).length))).toBeGreaterThan(0);
    expect(page.url()).toBe(before);
    expect(await page.getByTestId('tab-lessons').count()).toBe(1);
  }, TEST_MS);

  it('quits cleanly: app.quit() ends every run and the process exits 0', async () => {
    const status = await harness.quit();
    expect(status).toEqual({ code: 0, signal: null });
    expect(alive(harness.pid)).toBe(false);
  });
});

describe('the harness fails loudly', () => {
  it('on a package.json "main" that names a file the build does not make (the original defect)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-harness-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', type: 'module', main: 'dist/main/electron/app.js' }));
    const h = await ElectronHarness.start({ appDir: dir });
    try {
      expect((await h.waitForExit(15_000)).code).toBe(1);
      expect(h.output).toContain("Cannot find module '" + path.join(dir, 'dist/main/electron/app.js') + "'");
    } finally {
      await h.close();
    }
  });

  it('on an Electron API the stand-in does not implement', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-harness-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', type: 'module', main: 'main.js' }));
    writeFileSync(path.join(dir, 'main.js'), "import { app } from 'electron';\nconsole.log(app.getPath('home'));\n");
    const h = await ElectronHarness.start({ appDir: dir });
    try {
      expect((await h.waitForExit(15_000)).code).toBe(1);
      expect(h.output).toContain('electron stand-in: app.getPath is not implemented');
    } finally {
      await h.close();
    }
  });
});
