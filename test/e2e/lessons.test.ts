// The lesson page in a real browser (web mode): run daemon-many and read its timeline and
// checklist; open the page mid-run of an endless lesson and catch up; Stop; nothing left behind.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { alive, survivorsAfter } from '../support/marked-processes.js';

let page: Page;
const lessonPids = new Set<number>();


interface LaneInfo {
  pid: number;
  name: string;
  daemon: boolean;
  startMs: number;
  endMs: number | null;
  exitcode: number | null;
}

async function lanes(timeline: Locator): Promise<LaneInfo[]> {
  return timeline.locator('[data-testid^="lane-"]').evaluateAll((els) =>
    els.map((el) => {
      const d = (el as HTMLElement).dataset;
      return {
        pid: Number(d.pid),
        name: d.name ?? '',
        daemon: d.daemon === 'true',
        startMs: Number(d.startMs),
        endMs: d.endMs ? Number(d.endMs) : null,
        exitcode: d.exitcode ? Number(d.exitcode) : null,
      };
    }),
  );
}

beforeAll(async () => {
  ({ page } = await openAppPage({ pid1TimeoutMs: 0 }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.getByTestId('tab-lessons').click();
  await page.getByTestId('lesson-daemon-many').waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await closeAppPages();
  // Every process a lesson started has ended with the app (one run was left running on purpose).
  expect(await survivorsAfter(lessonPids, 5000)).toEqual([]);
}, 30_000);

describe('the lesson page in Chromium (web mode) (Linux)', () => {
  it('runs daemon-many: the daemon lane ends at about 1 s, the normal child at about 3 s, every observation ticks', async () => {
    await page.getByTestId('lesson-daemon-many').click();
    await page.getByTestId('lesson-page-daemon-many').waitFor();
    // The source is shown, with its line numbers.
    expect(await page.getByTestId('lesson-source').textContent()).toContain('p1.daemon = true');

    await page.getByTestId('run-lesson').click();
    await page.getByTestId('stop-lesson').waitFor({ timeout: 5000 });
    const observations = page.locator('[data-testid^="observation-"]');
    expect(await observations.count()).toBe(3);
    await expect
      .poll(() => observations.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)), { timeout: 15_000 })
      .toEqual(['ok', 'ok', 'ok']);
    await page.getByTestId('run-lesson').waitFor({ timeout: 10_000 }); // "Run again" once the run ended
    expect(await page.getByTestId('run-lesson').textContent()).toMatch(/Run again/);

    const timeline = page.getByTestId('lesson-timeline');
    const all = await lanes(timeline);
    for (const l of all) lessonPids.add(l.pid);
    expect(all).toHaveLength(3);
    const main = all.find((l) => l.name === 'MainProcess')!;
    const daemon = all.find((l) => l.daemon)!;
    const normal = all.find((l) => !l.daemon && l !== main)!;
    expect(main && daemon && normal).toBeTruthy();
    expect(daemon.name).toMatch(/stars/);
    // About 1 s and 3 s after the start, plus Node's start-up of each process, which a loaded
    // machine stretches (the checklist above judges them against the program's own moments).
    expect(daemon.endMs).toBeGreaterThanOrEqual(700);
    expect(daemon.endMs).toBeLessThanOrEqual(3000);
    expect(daemon.exitcode).toBe(-15);
    expect(normal.endMs).toBeGreaterThanOrEqual(2700);
    expect(normal.endMs).toBeLessThanOrEqual(7000);
    // The normal child outlives the daemon by the rest of its 3 s of work.
    expect(normal.endMs! - daemon.endMs!).toBeGreaterThanOrEqual(1500);
    expect(normal.exitcode).toBe(0);
    expect(main.endMs).toBeGreaterThanOrEqual(normal.endMs!);
    expect(await page.getByTestId(`exit-${daemon.pid}`).textContent()).toMatch(/SIGTERM \(-15\)/);
    expect(await page.getByTestId(`exit-${normal.pid}`).textContent()).toMatch(/exit 0/);

    // The console tags each line with its pid; the daemon's stars and the normal child's end are there.
    const consoleBox = page.getByTestId('lesson-console');
    const text = (await consoleBox.textContent()) ?? '';
    expect(text).toContain('normal child: end');
    expect(text).toContain('*');
    expect(await consoleBox.locator(`.c-stdout[data-pid="${normal.pid}"]`).count()).toBe(2);

    await timeline.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'lesson-daemon-many.png') });

    // Switched to Chinese, every panel reads the language from the app: the run bar, the
    // checklist, the timeline and its legend, the console.
    const first = observations.first().locator('.obs-text');
    const heldEn = (await first.textContent()) ?? '';
    expect(heldEn).toMatch(/ — held$/);
    await page.getByTestId('lang-zh').click();
    await expect.poll(async () => (await page.getByTestId('run-lesson').textContent()) ?? '', { timeout: 5000 }).toContain('再次运行');
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^运行 [\d.]+ 秒后结束$/);
    expect(await first.textContent()).toMatch(/ — 成立$/);
    expect(await page.getByTestId(`lane-${daemon.pid}`).textContent()).toContain('守护');
    expect(await page.getByTestId('lesson-page-daemon-many').locator('.tl-legend').first().textContent()).toContain('存活');
    expect(await consoleBox.textContent()).toContain('启动 ');
    // The lesson's own text switch changes the lesson's text, not the UI around it.
    await page.getByTestId('lesson-lang-en').click();
    await expect.poll(async () => (await first.textContent()) ?? '', { timeout: 5000 }).toBe(heldEn.replace(/ — held$/, ' — 成立'));
    expect(await page.getByTestId('run-lesson').textContent()).toContain('再次运行');
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await page.getByTestId('run-lesson').textContent()) ?? '', { timeout: 5000 }).toMatch(/Run again/);
    expect(await first.textContent()).toBe(heldEn);
    expect(await page.getByTestId('run-status').textContent()).toMatch(/^Ended after [\d.]+ s$/);
  });

  it('runs join in Python through the TypeScript | Python switch: Python source, the same checklist ticks, the choice is remembered', async () => {
    await page.getByTestId('lesson-join').click();
    await page.getByTestId('lesson-page-join').waitFor();
    const source = page.getByTestId('lesson-source');
    expect(await source.getAttribute('data-language')).toBe('typescript');
    await page.getByTestId('lesson-program-python').click();
    expect(await page.getByTestId('lesson-program-python').getAttribute('aria-pressed')).toBe('true');
    expect(await source.getAttribute('data-language')).toBe('python');
    expect(await source.textContent()).toContain('if __name__ == "__main__":');
    // Python highlighting: def is a keyword, the comment after p.join() a comment.
    expect(await source.locator('.tk-keyword', { hasText: /^def$/ }).count()).toBeGreaterThan(0);
    expect(await source.locator('.tk-comment', { hasText: '# wait here until the child has ended' }).count()).toBe(1);
    expect(await page.getByTestId('lesson-python-note').textContent()).toMatch(/python3 \/.*main\/lessons\/programs\/python\/join\.py/);

    await page.getByTestId('run-lesson').click();
    const observations = page.locator('[data-testid^="observation-"]');
    await expect
      .poll(() => observations.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status)), { timeout: 20_000 })
      .toEqual(['ok', 'ok']);
    await page.getByTestId('run-lesson').waitFor({ timeout: 10_000 });
    const all = await lanes(page.getByTestId('lesson-timeline'));
    for (const l of all) lessonPids.add(l.pid);
    expect(all.map((l) => l.name).sort()).toEqual(['MainProcess', 'Process-1 (first_mail)']);
    expect(all.every((l) => l.exitcode === 0)).toBe(true);
    expect((await page.getByTestId('lesson-console').textContent()) ?? '').toContain('mail 2: the raise should be 60,000 a month');

    // Remembered across a reload; switched back with the keyboard (the other lessons run TypeScript).
    await page.reload();
    await page.getByTestId('tab-lessons').click();
    await page.getByTestId('lesson-join').click();
    expect(await page.getByTestId('lesson-program-python').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('lesson-program-typescript').focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('lesson-source').getAttribute('data-language')).toBe('typescript');
    expect(await page.getByTestId('lesson-source').textContent()).toContain('isMainProgram(import.meta.url)');
  });

  it('a pid chip shows the process in the monitor', async () => {
    // Start an endless lesson, click the worker's chip: the monitor opens with it selected.
    await page.getByTestId('lesson-heartbeat-healthy').click();
    await page.getByTestId('run-lesson').click();
    const timeline = page.getByTestId('lesson-timeline');
    await expect.poll(async () => (await lanes(timeline)).length, { timeout: 10_000 }).toBe(3);
    const all = await lanes(timeline);
    for (const l of all) lessonPids.add(l.pid);
    const worker = all.find((l) => /analyseLogs/.test(l.name))!;
    // Wait until the sampler has seen it, then follow the chip.
    await page.getByTestId('tab-monitor').click();
    await page.getByTestId('filter').fill(String(worker.pid));
    await page.getByTestId(`row-${worker.pid}`).waitFor({ timeout: 10_000 });
    await page.getByTestId('filter').fill('');
    await page.getByTestId('tab-lessons').click();
    await timeline.locator(`[data-testid="lane-${worker.pid}"] .pid-chip`).click();
    await page.getByTestId('details').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('details').textContent()).toContain(String(worker.pid));
  });

  it('catches up when the page opens mid-run, and Stop ends the whole tree', async () => {
    await page.reload();
    await page.getByTestId('tab-lessons').click();
    // The running lesson is the one shown, with the events so far.
    await page.getByTestId('lesson-page-heartbeat-healthy').waitFor({ timeout: 10_000 });
    const consoleBox = page.getByTestId('lesson-console');
    await expect.poll(async () => (await consoleBox.textContent()) ?? '', { timeout: 5000 }).toContain('I am alive');
    const all = await lanes(page.getByTestId('lesson-timeline'));
    expect(all).toHaveLength(3);
    expect(all.every((l) => l.endMs === null)).toBe(true);

    await page.getByTestId('stop-lesson').click();
    await page.getByTestId('run-lesson').waitFor({ timeout: 10_000 });
    const ended = await lanes(page.getByTestId('lesson-timeline'));
    expect(ended.every((l) => l.endMs !== null)).toBe(true);
    await expect.poll(() => all.map((l) => l.pid).filter(alive), { timeout: 5000 }).toEqual([]);

    // Run again and leave it running: stopping web mode (afterAll) must end it too.
    await page.getByTestId('run-lesson').click();
    await expect
      .poll(async () => (await lanes(page.getByTestId('lesson-timeline'))).filter((l) => l.endMs === null).length, { timeout: 10_000 })
      .toBe(3);
    const again = await lanes(page.getByTestId('lesson-timeline'));
    expect(again.some((l) => all.some((o) => o.pid === l.pid))).toBe(false);
    for (const l of again) lessonPids.add(l.pid);
    expect(again.map((l) => l.pid).filter(alive)).toHaveLength(3);
  });
});
