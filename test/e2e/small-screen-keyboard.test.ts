// A newcomer's screen, 1024×700, in Chromium (web mode): Run is in view without scrolling on every
// lesson; the playground shows output and tree together during a run; ANSI colours are drawn with
// no escape characters left; a 50,000-line program's last line is shown; and a keyboard-only flow
// (tabs with arrows, a process selected with arrows, Enter for details, Shift+Delete, confirm),
// with the focus checked at each step; "?" lists the shortcuts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { alive } from '../support/marked-processes.js';

let page: Page;
const victims: ChildProcess[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-small-'));
const VIEW = { width: 1024, height: 700 };

const focusedTestId = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName ?? null);

/** Whether the element's box lies wholly inside the viewport (no scrolling needed to see it). */
async function inViewport(l: Locator): Promise<boolean> {
  const box = await l.boundingBox();
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= VIEW.height && box.x + box.width <= VIEW.width && box.height > 0;
}

beforeAll(async () => {
  ({ page } = await openAppPage({ viewport: VIEW, english: true, pid1TimeoutMs: 45_000 }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 90_000);

afterAll(async () => {
  await closeAppPages();
  for (const v of victims) if (v.exitCode === null && v.signalCode === null) v.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
}, 30_000);

describe('at 1024×700', () => {
  it('every lesson shows its Run button and its checklist without scrolling', async () => {
    await page.getByTestId('tab-lessons').click();
    const items = page.locator('[data-testid^="lesson-"][aria-current], .lesson-items [data-testid^="lesson-"]');
    await items.first().waitFor({ timeout: 15_000 });
    const ids = await page.locator('.lesson-items [data-testid^="lesson-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.slice('lesson-'.length)));
    expect(ids.length).toBe(14);
    for (const id of ids) {
      await page.getByTestId(`lesson-${id}`).click();
      await page.getByTestId(`lesson-page-${id}`).waitFor();
      await page.evaluate(() => document.querySelector('.lesson-main')?.scrollTo(0, 0));
      expect(await inViewport(page.getByTestId('run-lesson')), `Run of ${id}`).toBe(true);
      const checklist = page.getByTestId('lesson-checklist');
      const box = (await checklist.boundingBox())!;
      expect(box.y + Math.min(box.height, 60), `checklist of ${id}`).toBeLessThanOrEqual(VIEW.height);
    }
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'small-lesson.png') });
  }, 60_000);

  it('the playground shows the output and the process tree together while a program runs, colours drawn, no escapes', async () => {
    await page.getByTestId('tab-playground').click();
    const script = path.join(tmp, 'colours.py');
    writeFileSync(
      script,
      [
        'import multiprocessing as mp, sys, time',
        'def work(i):',
        '    print(f"\\x1b[32mworker {i}\\x1b[0m ready", flush=True)',
        '    time.sleep(30)',
        'if __name__ == "__main__":',
        '    mp.set_start_method("spawn")',
        '    print("\\x1b[1;31mred bold\\x1b[0m and \\x1b[38;5;208morange\\x1b[0m and \\x1b[38;2;10;200;90mtrue\\x1b[0m", flush=True)',
        '    ps = [mp.Process(target=work, args=(i,)) for i in range(2)]',
        '    for p in ps: p.start()',
        '    for p in ps: p.join()',
        '',
      ].join('\n'),
    );
    await page.getByTestId('playground-command').fill(`python3 ${script}`);
    await page.getByTestId('playground-command').press('Enter');
    const output = page.getByTestId('playground-output');
    await output.locator('.c-stdout', { hasText: 'worker 1' }).waitFor({ timeout: 45_000 });
    await output.locator('.c-stdout', { hasText: 'worker 0' }).waitFor({ timeout: 45_000 });
    const tree = page.getByTestId('playground-tree');
    await expect.poll(() => tree.locator('[data-role^="Process-"]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await tree.locator('[data-role="MainProcess"]').count()).toBe(1);
    expect(await inViewport(output)).toBe(true);
    expect(await inViewport(tree)).toBe(true);
    // The page itself does not scroll: the panes do.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    // Colours are drawn as styles; no escape character nor "[31m" is left in the text.
    const text = (await output.textContent()) ?? '';
    expect(text).toContain('red bold and orange and true');
    expect(text.includes(String.fromCharCode(0x1b))).toBe(false);
    expect(text).not.toMatch(/\[\d+(;\d+)*m/);
    const red = output.locator('.ansi-red-fg.ansi-bold', { hasText: 'red bold' });
    expect(await red.count()).toBe(1);
    expect(await red.evaluate((e) => getComputedStyle(e).fontWeight)).toBe('700');
    expect(await output.locator('span[style*="rgb(10, 200, 90)"]', { hasText: 'true' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'small-playground.png') });
    await page.getByTestId('playground-stop').click();
    await page.getByTestId('playground-exit').waitFor({ timeout: 20_000 });
  }, 90_000);

  it('a 50,000-line program: the first lines, "… N lines skipped …", and the last line in view', async () => {
    await page.getByTestId('playground-command').fill('seq 1 50000; echo "Traceback: the very end"; exit 1');
    await page.getByTestId('playground-run').click();
    const exit = page.getByTestId('playground-exit');
    await expect.poll(async () => ((await exit.count()) ? await exit.getAttribute('data-command') : ''), { timeout: 30_000 }).toContain('seq 1 50000');
    expect(await exit.getAttribute('data-exit-code')).toBe('1');
    const output = page.getByTestId('playground-output');
    const last = output.locator('.c-stdout .c-text').last();
    await expect.poll(() => last.textContent(), { timeout: 10_000 }).toBe('Traceback: the very end');
    expect(await inViewport(last)).toBe(true);
    const skipped = output.getByTestId('playground-skipped');
    expect(await skipped.count()).toBe(1);
    expect(await output.locator('.c-stdout .c-text').first().textContent()).toBe('1');
    const drawn = await output.locator('.c-stdout .c-text').count();
    expect(drawn + Number(await skipped.getAttribute('data-lines'))).toBe(50_001);
    // The exit is explained: 1 is a general failure.
    expect(await page.getByTestId('playground-exit-detail').textContent()).toMatch(/general failure/);
  }, 90_000);

  it('a failed start does not leave the previous run’s exit on screen', async () => {
    expect(await page.getByTestId('playground-exit').count()).toBe(1);
    await page.getByTestId('playground-command').fill('no-such-program-xyz');
    await page.getByTestId('playground-run').click();
    await page.getByTestId('playground-error').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('playground-exit').count()).toBe(0);
  });

  it('keyboard only: tabs with arrows, a process with arrows, Enter for details, Shift+Delete, confirm; focus at each step', async () => {
    const victim = spawn('sleep', ['301'], { stdio: 'ignore' });
    const neighbour = spawn('sleep', ['302'], { stdio: 'ignore' });
    victims.push(victim, neighbour);
    // Tabs: one Tab stop; the arrows move and select.
    await page.getByTestId('tab-playground').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focusedTestId()).toBe('tab-monitor');
    expect(await page.getByTestId('tab-monitor').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTestId()).toBe('tab-playground');
    await page.keyboard.press('ArrowRight');
    expect(await focusedTestId()).toBe('tab-monitor');

    // Filter to the two sleeps, then into the table with ↓ from the filter box.
    await page.getByTestId('filter').focus();
    await page.keyboard.type('sleep 30');
    await page.getByTestId(`row-${victim.pid}`).waitFor({ timeout: 20_000 }).catch(async (e) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'small-keyboard-failed.png') });
      throw e;
    });
    await page.getByTestId(`row-${neighbour.pid}`).waitFor({ timeout: 20_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = () => page.locator('[role="row"][aria-selected="true"]').getAttribute('data-pid');
    // Walk to the victim with the arrows; the focus is on the selected row at every step.
    for (let i = 0; i < 6 && Number(await selected()) !== victim.pid; i++) {
      await page.keyboard.press('ArrowDown');
      expect(await focusedTestId()).toBe(`row-${await selected()}`);
    }
    for (let i = 0; i < 6 && Number(await selected()) !== victim.pid; i++) {
      await page.keyboard.press('ArrowUp');
      expect(await focusedTestId()).toBe(`row-${await selected()}`);
    }
    expect(Number(await selected())).toBe(victim.pid);
    expect(await focusedTestId()).toBe(`row-${victim.pid}`);
    // No row button is a Tab stop: the selected row is the table's only one.
    expect(await page.locator('[role="row"][data-pid] button[tabindex="0"], [role="row"][data-pid] button:not([tabindex])').count()).toBe(0);

    await page.keyboard.press('Enter');
    const details = page.getByTestId('details');
    await expect.poll(() => details.getAttribute('data-pid')).toBe(String(victim.pid));
    expect(await focusedTestId()).toBe(`row-${victim.pid}`);
    // With details open, PPID and the commands stay readable (cut with an ellipsis, not dropped).
    expect(await page.getByTestId('process-table').locator('[role="columnheader"]', { hasText: 'PPID' }).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'small-monitor-details.png') });

    await page.keyboard.press('Shift+Delete');
    const dialog = page.getByTestId('kill-dialog');
    await dialog.waitFor({ timeout: 5000 });
    expect(await dialog.textContent()).toContain(`SIGKILL`);
    expect(await focusedTestId()).toBe('cancel-kill');
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('confirm-kill');
    await page.keyboard.press('Enter');
    const signal = victim.signalCode ?? (await new Promise((r) => victim.once('exit', (_c, s) => r(s))));
    expect(signal).toBe('SIGKILL');
    await expect.poll(() => dialog.count()).toBe(0);
    // The focus stays in the table (on the row, then on the table once the row has gone), and the details say "exited" with no stale badge.
    await expect.poll(() => focusedTestId(), { timeout: 5000 }).toBe('process-table');
    await details.getByTestId('details-gone-badge').waitFor({ timeout: 5000 });
    expect(await details.locator('.st-run, .st-sleep').count()).toBe(0);
    expect(alive(neighbour.pid!)).toBe(true);
    // The arrows go on from the table.
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toMatch(/^row-\d+$/);
  }, 60_000);

  it('with nothing focused, the arrows still move the selection in the table (as in htop)', async () => {
    // Two processes of the test's own, filtered: on a busy machine the top rows of the whole table
    // (the busiest processes) may end between two steps, and a selected row that has gone leaves
    // nothing selected to read.
    const a = spawn('sleep', ['401'], { stdio: 'ignore' });
    const b = spawn('sleep', ['402'], { stdio: 'ignore' });
    victims.push(a, b);
    await page.getByTestId('filter').fill('sleep 40');
    await page.getByTestId(`row-${a.pid}`).waitFor({ timeout: 20_000 });
    await page.getByTestId(`row-${b.pid}`).waitFor({ timeout: 20_000 });
    // By pid (descending on the first click), not by %CPU: a just-started process's first %CPU
    // can put it first for one tick and second the next.
    await page.getByTestId('sort-pid').click();
    await expect.poll(() => page.locator('[role="row"][data-pid]').first().getAttribute('data-pid')).toBe(String(b.pid));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await focusedTestId()).toBe('BODY');
    await page.keyboard.press('Home');
    const selected = page.locator('[role="row"][aria-selected="true"]');
    await selected.waitFor({ timeout: 5000 });
    const first = await selected.getAttribute('data-pid', { timeout: 5000 });
    expect(await focusedTestId()).toBe(`row-${first}`);
    expect(await page.locator('[role="row"][data-pid]').first().getAttribute('data-pid', { timeout: 5000 })).toBe(first);
    await page.keyboard.press('ArrowDown');
    expect(await selected.getAttribute('data-pid', { timeout: 5000 })).toBe(String(a.pid));
    await page.getByTestId('sort-cpu').click();
  });

  it('"?" opens the list of shortcuts; Escape closes it and gives the focus back', async () => {
    const before = await focusedTestId();
    await page.keyboard.press('?');
    const overlay = page.getByTestId('shortcuts');
    await overlay.waitFor({ timeout: 3000 });
    expect(await overlay.textContent()).toContain('Shift+Delete');
    expect(await focusedTestId()).toBe('shortcuts-close');
    await page.keyboard.press('Escape');
    await expect.poll(() => overlay.count()).toBe(0);
    expect(await focusedTestId()).toBe(before);
  });

  it('the lesson list is one Tab stop; ↓ opens the next lesson; Run pressed with Enter keeps the focus (it becomes Stop)', async () => {
    await page.getByTestId('tab-lessons').click();
    await page.getByTestId('lesson-pid-ppid').click();
    expect(await page.locator('.lesson-items [tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('lesson-args');
    await page.getByTestId('lesson-page-args').waitFor();
    await page.keyboard.press('ArrowUp');
    expect(await focusedTestId()).toBe('lesson-pid-ppid');
    await page.getByTestId('run-lesson').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('stop-lesson').waitFor({ timeout: 10_000 });
    expect(await focusedTestId()).toBe('stop-lesson');
    await page.getByTestId('run-lesson').waitFor({ timeout: 30_000 });
    expect(await focusedTestId()).toBe('run-lesson');
  }, 60_000);
});
