// `--smoke`: the app proves, in its own window, that the whole Electron path works: the page
// renders the first snapshot (IPC from the page to main and events back), the window can be
// captured to a PNG, and one lesson runs to the end with every observation ticked. Used by
// `npm run test:electron` where Electron's binary exists, and through the test harness in CI.
// Receives the window as a parameter (no 'electron' import), like window.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The parts of a BrowserWindow the smoke run uses. */
export interface SmokeWindow {
  webContents: { executeJavaScript(code: string): Promise<unknown> };
  capturePage(): Promise<{ isEmpty(): boolean; toPNG(): Buffer }>;
}

export interface SmokeOptions {
  pngPath: string;
  lessonId: string;
  /** Bound on each wait. */
  stepTimeoutMs: number;
}

export const SMOKE_FLAG = '--smoke';

/** Pure: the smoke options in argv, or null when --smoke is absent. `--smoke-png=PATH` names the capture. */
export function smokeOptionsFrom(argv: readonly string[]): SmokeOptions | null {
  if (!argv.includes(SMOKE_FLAG)) return null;
  const png = argv.find((a) => a.startsWith('--smoke-png='))?.slice('--smoke-png='.length);
  return { pngPath: path.resolve(png || path.join(os.tmpdir(), 'procplay-smoke.png')), lessonId: 'pid-ppid', stepTimeoutMs: 60_000 };
}

const POLL_MS = 100;

/** Polls an expression in the page until it is truthy; throws with `what` after the timeout. */
async function waitInPage(win: SmokeWindow, expression: string, what: string, timeoutMs: number): Promise<unknown> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const value = await win.webContents.executeJavaScript(expression);
    if (value) return value;
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const click = (testId: string) => `(() => { const el = document.querySelector('[data-testid="${testId}"]'); if (el) el.click(); return !!el; })()`;

/** Runs the smoke steps; resolves with a one-line summary, rejects with what failed. */
export async function runSmoke(win: SmokeWindow, opts: SmokeOptions): Promise<string> {
  const t = opts.stepTimeoutMs;
  const rows = Number(
    await waitInPage(win, `document.querySelectorAll('[data-testid^="row-"][data-ppid]').length`, 'the first snapshot to render', t),
  );

  const image = await win.capturePage();
  if (image.isEmpty()) throw new Error('the window captured as an empty image');
  const png = image.toPNG();
  mkdirSync(path.dirname(opts.pngPath), { recursive: true });
  writeFileSync(opts.pngPath, png);

  await waitInPage(win, click('tab-lessons'), 'the Lessons tab', t);
  await waitInPage(win, click(`lesson-${opts.lessonId}`), `lesson ${opts.lessonId} in the list`, t);
  await waitInPage(win, click('run-lesson'), 'the Run button', t);
  // Every observation settles to ok or failed once the run has ended.
  const verdicts = (await waitInPage(
    win,
    `(() => { const s = [...document.querySelectorAll('[data-testid^="observation-"]')].map((e) => e.dataset.status);
       return s.length > 0 && !s.includes('pending') && document.querySelector('[data-testid="stop-lesson"]') === null ? s : null; })()`,
    `lesson ${opts.lessonId} to end`,
    t,
  )) as string[];
  if (verdicts.some((v) => v !== 'ok')) throw new Error(`lesson ${opts.lessonId}: observations ${verdicts.join(', ')} (expected all ok)`);
  return `procplay smoke: ok (${rows} rows rendered; window captured to ${opts.pngPath}, ${png.length} bytes; lesson ${opts.lessonId}: ${verdicts.length} observations ok)`;
}
