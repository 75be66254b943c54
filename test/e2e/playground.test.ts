// The Playground in a real browser (web mode, Debian's Chromium): type a command that runs a real
// Python multiprocessing program, see its output and its process tree (the ppids checked against
// /proc), stop it and see the exit and every process gone; feed a program's stdin; a bad command
// shows the backend's error and starts nothing. `npm run build` first.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { type RunningWebApp } from '../support/web-app.js';

let app: RunningWebApp;
let page: Page;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-pg-e2e-'));
/** Every pid the page showed: all must be gone at the end. */
const seenPids = new Set<number>();

/** The process's state letter and ppid from /proc, or null once it is gone. */
function procStat(pid: number): { state: string; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: rest[0]!, ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}
/** Running (not gone, not a zombie awaiting a reaper). */
const running = (pid: number) => {
  const s = procStat(pid);
  return s !== null && s.state !== 'Z';
};

const DEMO = `import multiprocessing as mp
import os
import sys
import time


def work(i):
    print(f"child {i}: pid {os.getpid()} ppid {os.getppid()}", flush=True)
    time.sleep(20)
    print(f"child {i}: done", flush=True)


if __name__ == "__main__":
    mp.set_start_method("fork")
    print(f"parent {os.getpid()}: starting 2 children", flush=True)
    print("parent: this line goes to stderr", file=sys.stderr, flush=True)
    kids = [mp.Process(target=work, args=(i,)) for i in range(2)]
    for k in kids:
        k.start()
    for k in kids:
        k.join()
    print("parent: all done", flush=True)
`;

/** Waits for the exit strip of the run of `command` (not the one before it) and returns its exit code. */
async function exitOf(p: Page, command: RegExp, timeout = 20_000): Promise<string | null> {
  const exit = p.getByTestId('playground-exit');
  await expect.poll(async () => ((await exit.count()) ? command.test((await exit.getAttribute('data-command')) ?? '') : false), { timeout }).toBe(true);
  return exit.getAttribute('data-exit-code');
}

interface Row {
  pid: number;
  ppid: number;
  alive: boolean;
  status: string;
  text: string;
}

async function rows(p: Page): Promise<Row[]> {
  return p.locator('[data-testid^="pg-proc-"]').evaluateAll((els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return { pid: Number(d.pid), ppid: Number(d.ppid), alive: d.alive === 'true', status: d.status ?? '', text: e.textContent ?? '' };
    }),
  );
}

beforeAll(async () => {
  writeFileSync(path.join(tmp, 'pg_demo.py'), DEMO);
  ({ app, page } = await openAppPage({ viewport: { width: 1440, height: 1000 }, visit: false }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeAppPages(); // web mode ends any run still going
  expect(app.child.exitCode !== null || app.child.signalCode !== null).toBe(true);
  rmSync(tmp, { recursive: true, force: true });
  // Every process the page showed is gone (or a zombie: dead, awaiting a reaper that is not ours).
  const left = [...seenPids].filter(running);
  expect(left).toEqual([]);
});

describe('the Playground in Chromium (web mode) (Linux)', () => {
  it('opens the Playground tab with its command box and examples', async () => {
    await page.goto(app.url);
    await page.getByTestId('tab-playground').click();
    await page.getByTestId('playground-command').waitFor({ timeout: 10_000 });
    // python3 is on these machines: the examples are offered.
    await page.getByTestId('pg-example-arguments').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('playground-stop').isDisabled()).toBe(true);
  });

  it('a bad command shows the backend error and starts nothing', async () => {
    await page.getByTestId('playground-command').fill('no-such-program-xyz --flag');
    await page.getByTestId('playground-command').press('Enter');
    const err = page.getByTestId('playground-error');
    await err.waitFor({ timeout: 10_000 });
    expect(await err.textContent()).toMatch(/command not found: no-such-program-xyz/);
    expect(await page.locator('[data-testid^="pg-proc-"]').count()).toBe(0);
    expect(await page.getByTestId('playground-exit').count()).toBe(0);

    // A working directory that does not exist: refused too.
    await page.getByTestId('playground-command').fill('python3 pg_demo.py');
    await page.getByTestId('playground-cwd').fill(path.join(tmp, 'no-such-dir'));
    await page.getByTestId('playground-run').click();
    await expect.poll(async () => (await err.textContent()) ?? '', { timeout: 10_000 }).toMatch(/working directory .* does not exist/);
    expect(await page.locator('[data-testid^="pg-proc-"]').count()).toBe(0);
  });

  it('runs a Python multiprocessing program: output and the live tree, with ppids as in /proc', async () => {
    await page.getByTestId('playground-cwd').fill(tmp);
    await page.getByTestId('playground-command').fill('python3 pg_demo.py');
    await page.getByTestId('playground-run').click();
    // The error of the last attempt is gone once a run starts.
    await expect.poll(() => page.getByTestId('playground-error').count(), { timeout: 10_000 }).toBe(0);

    // The program (under the shell, and any launcher such as a pyenv shim, exec'd into python3)
    // and its two children, alive.
    const findParent = (all: Row[]) =>
      all.find((r) => r.alive && /python3? .*pg_demo\.py/.test(r.text) && all.filter((c) => c.ppid === r.pid && c.alive).length === 2);
    await expect.poll(async () => findParent(await rows(page))?.pid ?? 0, { timeout: 15_000 }).toBeGreaterThan(0);
    const all = await rows(page);
    for (const r of all) seenPids.add(r.pid);
    const parent = findParent(all);
    expect(parent, JSON.stringify(all)).toBeTruthy();
    // Its live children: the two workers (a launcher's helpers that came and went are greyed rows).
    const kids = all.filter((r) => r.ppid === parent!.pid && r.alive);
    expect(kids).toHaveLength(2);
    for (const k of kids) expect(k.text).toMatch(/python3/);
    // The tree agrees with the OS.
    for (const r of all.filter((x) => x.alive)) expect(procStat(r.pid)?.ppid, `ppid of ${r.pid}`).toBe(r.ppid);
    expect(procStat(parent!.pid)?.state).not.toBe('Z');

    // The output: stdout and stderr, and each child's line with its real pid and ppid.
    const output = page.getByTestId('playground-output');
    for (const k of kids) {
      await expect.poll(async () => (await output.textContent()) ?? '', { timeout: 10_000 }).toContain(`pid ${k.pid} ppid ${parent!.pid}`);
    }
    expect(await output.locator('.c-stderr').textContent()).toContain('this line goes to stderr');
    expect(await output.locator('.c-stdout', { hasText: `parent ${parent!.pid}: starting 2 children` }).count()).toBe(1);

    // The strip says which shell ran it, and it is running.
    expect(await page.getByTestId('playground-status').textContent()).toMatch(/\/bin\/sh -c/);
    // One timeline lane per process: from the exact events when the run is traced (strace), else sampled.
    const traced = (await page.getByTestId('playground-lc-timeline').count()) > 0;
    for (const r of all) await page.getByTestId(traced ? `lc-lane-${r.pid}` : `pg-lane-${r.pid}`).first().waitFor({ timeout: 5000 });
    await page.getByTestId(traced ? 'playground-lc-timeline' : 'playground-timeline').scrollIntoViewIfNeeded();
    await page.waitForTimeout(600);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'playground-running.png'), fullPage: true });

    // A pid is a link to the monitor: once the sampler has seen the process (its row shows the
    // state letter), its chip opens the Monitor with it selected; back on the Playground, all is as it was.
    const parentRow = page.getByTestId(`pg-proc-${parent!.pid}`);
    await parentRow.locator('.state-badge').waitFor({ timeout: 10_000 });
    await parentRow.locator('.pid-chip').click();
    await page.getByTestId('details').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('details').textContent()).toContain(String(parent!.pid));
    await page.getByTestId('tab-playground').click();
    expect(await page.getByTestId('playground-command').inputValue()).toBe('python3 pg_demo.py');
    await parentRow.waitFor({ timeout: 5000 });

    // Stop ends the whole tree: the exit is shown, every row greyed, every process gone.
    await page.getByTestId('playground-stop').click();
    const exit = page.getByTestId('playground-exit');
    await exit.waitFor({ timeout: 15_000 });
    expect(await exit.getAttribute('data-stopped')).toBe('true');
    expect(await exit.textContent()).toMatch(/stopped|SIGTERM|SIGKILL/);
    await expect.poll(async () => (await rows(page)).filter((r) => r.alive).length, { timeout: 10_000 }).toBe(0);
    for (const r of await rows(page)) seenPids.add(r.pid);
    await expect.poll(() => [...seenPids].filter(running), { timeout: 5000 }).toEqual([]);
    expect(await page.getByTestId('playground-stop').isDisabled()).toBe(true);
    expect(await page.getByTestId('playground-input').isDisabled()).toBe(true);

    // The whole page in one picture: a taller window, scrolled to the top.
    await page.setViewportSize({ width: 1440, height: 1320 });
    await page.locator('.pg-main').evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'playground.png') });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('sends a line to the program’s stdin and shows its exit code', async () => {
    await page.getByTestId('playground-command').fill(`python3 -c "import sys; name = input('name? '); print(name.upper()); sys.exit(3)"`);
    await page.getByTestId('playground-command').press('Enter');
    const output = page.getByTestId('playground-output');
    await expect.poll(async () => (await output.textContent()) ?? '', { timeout: 10_000 }).toContain('name?');
    for (const r of await rows(page)) seenPids.add(r.pid);
    await page.getByTestId('playground-input').fill('ada');
    await page.getByTestId('playground-input').press('Enter');
    const exit = page.getByTestId('playground-exit');
    expect(await exitOf(page, /^python3 -c/, 10_000)).toBe('3');
    expect(await exit.getAttribute('data-stopped')).toBe('false');
    expect(await exit.textContent()).toMatch(/exit 3/);
    const text = (await output.textContent()) ?? '';
    expect(text).toContain('ADA');
    expect(await output.locator('.pg-c-input').textContent()).toContain('ada');
    for (const r of await rows(page)) seenPids.add(r.pid);

    // Switched to Chinese, every pane of the page reads the language from the app: the exit strip,
    // the output, the tree, the timeline, the examples, and the pid chips' titles; then back.
    await page.getByTestId('lang-zh').click();
    await expect.poll(async () => (await exit.textContent()) ?? '', { timeout: 5000 }).toContain('退出码 3');
    expect(await page.getByTestId('playground-exit-detail').textContent()).toContain('后结束');
    expect(await output.locator('.pg-c-input').textContent()).toContain('你的输入');
    expect(await output.textContent()).toContain('启动了');
    expect(await page.locator('.pg-tree-panel .panel-title').textContent()).toContain('进程树');
    expect(await page.getByTestId('playground-tree').textContent()).toContain('你的命令');
    expect(await page.locator('.pg-timeline-panel .panel-title').textContent()).toContain('时间线');
    expect(await page.locator('.pg-timeline-panel .tl-bar').first().getAttribute('title')).toMatch(/^pid \d+：/);
    expect(await page.locator('.pg-timeline-panel .pid-chip').first().getAttribute('title')).toMatch(/^在监视器中查看 pid \d+$/);
    expect(await page.getByTestId('playground-examples').locator('.side-title').textContent()).toBe('示例');
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await exit.textContent()) ?? '', { timeout: 5000 }).toMatch(/exit 3/);
    expect(await page.locator('.pg-tree-panel .panel-title').textContent()).toContain('Process tree');
    expect(await page.locator('.pg-timeline-panel .pid-chip').first().getAttribute('title')).toMatch(/^Show pid \d+ in the monitor$/);
  });

  it('Send EOF closes the program’s stdin: cat echoes a line, then ends with exit 0', async () => {
    await page.getByTestId('playground-command').fill('cat');
    await page.getByTestId('playground-run').click();
    const input = page.getByTestId('playground-input');
    await expect.poll(() => input.isEnabled(), { timeout: 10_000 }).toBe(true);
    for (const r of await rows(page)) seenPids.add(r.pid);
    await input.fill('hello from the test');
    await page.getByTestId('playground-send').click();
    const output = page.getByTestId('playground-output');
    await expect.poll(() => output.locator('.c-stdout', { hasText: 'hello from the test' }).count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('playground-eof').click();
    expect(await exitOf(page, /^cat$/, 10_000)).toBe('0');
    expect(await output.textContent()).toMatch(/EOF/);
  });

  it('keeps the first and the last lines of a long output and says how many were skipped between', async () => {
    await page.getByTestId('playground-command').fill('seq 1 30000');
    await page.getByTestId('playground-run').click();
    const exit = page.getByTestId('playground-exit');
    expect(await exitOf(page, /^seq 1 30000$/)).toBe('0');
    for (const r of await rows(page)) seenPids.add(r.pid);
    const output = page.getByTestId('playground-output');
    const skipped = output.getByTestId('playground-skipped');
    await skipped.first().waitFor({ timeout: 5000 });
    // The page shows one gap; with the lines drawn around it, every line is accounted for.
    expect(await skipped.count()).toBe(1);
    const gap = Number(await skipped.getAttribute('data-lines'));
    const drawn = await output.locator('.c-stdout .c-text').allTextContents();
    expect(drawn.length + gap).toBe(30_000);
    expect(drawn[0]).toBe('1');
    expect(drawn.at(-1)).toBe('30000');
    const dropped = Number(await exit.getAttribute('data-dropped-lines'));
    expect(dropped).toBeGreaterThanOrEqual(27_000);
    expect(await exit.textContent()).toContain(`${dropped.toLocaleString('en-US')} lines`);
    expect(await output.locator('.c-line').count()).toBeLessThanOrEqual(4001);
  });

  it('an example’s Run fills the command box and runs it; Python’s helper processes are named', async () => {
    await page.getByTestId('playground-cwd').fill('');
    await page.getByTestId('pg-example-run-helpers').click();
    expect(await page.getByTestId('playground-command').inputValue()).toMatch(/^python3? \S*helpers\.py$/);
    expect(await exitOf(page, /helpers\.py$/)).toBe('0');
    const all = await rows(page);
    for (const r of all) seenPids.add(r.pid);
    // The forkserver is named, and it is the parent of the two workers. (A worker is a fork of the
    // forkserver and carries its command line, so it may be named after it too: any named row counts.)
    const named = await page.locator('[data-testid^="pg-proc-"][data-helper="forkserver"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.pid)));
    expect(named.length).toBeGreaterThan(0);
    const workers = all.filter((r) => named.includes(r.ppid));
    if (workers.length < 2) console.log('playground rows when the workers were missing:', JSON.stringify(all), 'named forkserver:', named);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('playground-helpers').textContent()).toMatch(/forkserver/);
    await page.getByTestId('playground-cwd').fill(tmp);
  });

  it('keeps the command history: ↑ brings back the earlier commands', async () => {
    const box = page.getByTestId('playground-command');
    await box.fill('');
    await box.press('ArrowUp');
    expect(await box.inputValue()).toMatch(/helpers\.py$/);
    await box.press('ArrowUp');
    expect(await box.inputValue()).toBe('seq 1 30000');
    await box.press('ArrowUp');
    expect(await box.inputValue()).toBe('cat');
    await box.press('ArrowUp');
    expect(await box.inputValue()).toMatch(/^python3 -c/);
    await box.press('ArrowUp');
    expect(await box.inputValue()).toBe('python3 pg_demo.py');
    for (let i = 0; i < 5; i++) await box.press('ArrowDown');
    expect(await box.inputValue()).toBe('');
    // Kept across a reload (localStorage), with the recent working directories.
    await page.reload();
    await page.getByTestId('tab-playground').click();
    await page.getByTestId('playground-command').press('ArrowUp');
    expect(await page.getByTestId('playground-command').inputValue()).toMatch(/helpers\.py$/);
    // The working directory of the last run (none: the home folder), and the used one offered.
    expect(await page.getByTestId('playground-cwd').inputValue()).toBe('');
    expect(await page.locator(`#pg-recent-dirs option[value="${tmp}"]`).count()).toBe(1);
    // The last run is caught up after the reload, exit and all.
    await page.getByTestId('playground-exit').waitFor({ timeout: 10_000 });
    expect(existsSync(tmp)).toBe(true);
  });
});
