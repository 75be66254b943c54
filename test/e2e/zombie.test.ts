// A real zombie in a real browser: the row shows Z, <defunct>, its age and its parent marked
// "not reaping"; the details pane explains it (English and Chinese); the clean-up button ends the
// parent through the kill flow (preview → confirmation) and the zombie vanishes from the table.
// Then a real orphan: its row is badged, the details pane says who adopted it, the tree moves it.
//
// pid 1 on these machines does not reliably reap orphaned zombies, so everything lives under a
// subreaper owned by the test: a Python process that sets PR_SET_CHILD_SUBREAPER, runs a shell
// command, prints the shell's pid, and reaps every child it gets until none are left. For the
// zombie the command is `sleep 0.2 & exec sleep 60`: the shell's child ends and stays a zombie,
// because the shell exec'd sleep, which never waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { type RunningWebApp } from '../support/web-app.js';

const SUBREAPER = `
import ctypes, os, subprocess, sys
if ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
    sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed")
child = subprocess.Popen(["sh", "-c", sys.argv[1]])
print(child.pid, flush=True)
while True:
    try:
        os.waitpid(-1, 0)
    except ChildProcessError:
        break
`;

interface Subreaper {
  child: ChildProcess;
  exited: Promise<unknown>;
  /** Whole numbers the subreaper and its shell print, one a line: the shell's pid first. */
  numbers(n: number): Promise<number[]>;
}

function startSubreaper(command: string): Subreaper {
  const child = spawn('python3', ['-c', SUBREAPER, command], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.once('exit', r));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const numbers = (n: number) =>
    new Promise<number[]>((resolve, reject) => {
      const check = () => {
        const found = out.split('\n').filter((l) => /^\d+$/.test(l.trim())).map(Number);
        if (found.length >= n) resolve(found.slice(0, n));
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`the subreaper exited with ${code}: ${out}`)));
      check();
    });
  return { child, exited, numbers };
}

/** Ends a subreaper's remaining children and the subreaper, and waits for it to exit. */
async function endSubreaper(s: Subreaper | undefined, pids: number[]): Promise<void> {
  if (!s) return;
  for (const pid of pids) if (!gone(pid) && stat(pid)?.state !== 'Z') process.kill(pid, 'SIGKILL');
  await Promise.race([s.exited, new Promise((r) => setTimeout(r, 3000))]);
  if (s.child.exitCode === null && s.child.signalCode === null) {
    s.child.kill('SIGKILL');
    await s.exited;
  }
}

let app: RunningWebApp;
let page: Page;
let subreaper: Subreaper;
let orphanMaker: Subreaper | undefined;
let orphanPid = 0;
let shellPid = 0;
let parentPid = 0;
let zombiePid = 0;

/** State letter and ppid from /proc/PID/stat, or null once the pid is gone. */
function stat(pid: number): { state: string; ppid: number } | null {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return { state: rest[0], ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}
const gone = (pid: number) => pid <= 0 || stat(pid) === null;

/** Pids whose parent is ppid, read from /proc. */
function childrenOf(ppid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => stat(pid)?.ppid === ppid);
}

beforeAll(async () => {
  subreaper = startSubreaper('sleep 0.2 & exec sleep 60');
  [parentPid] = await subreaper.numbers(1);
  // The shell's background child becomes a zombie 0.2 s in; the shell is `sleep 60` by then.
  for (const until = performance.now() + 5000; !zombiePid && performance.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    zombiePid = childrenOf(parentPid).find((pid) => stat(pid)?.state === 'Z') ?? 0;
  }
  if (!zombiePid) throw new Error(`no zombie appeared under ${parentPid}`);
  ({ app, page } = await openAppPage({ visit: false }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeAppPages();
  // If a test stopped half-way: end what is left (the subreaper reaps it, the zombie with its
  // parent, and exits on its own), then the subreaper itself if it is still there.
  await endSubreaper(subreaper, [parentPid]);
  await endSubreaper(orphanMaker, [orphanPid, shellPid]);
  for (const pid of [parentPid, zombiePid, subreaper?.child.pid ?? 0, orphanPid, shellPid, orphanMaker?.child.pid ?? 0]) {
    expect(gone(pid), `pid ${pid}`).toBe(true);
  }
});

describe('a zombie in the monitor (Chromium, web mode) (Linux)', () => {
  it('the test made a real zombie under a parent that never waits', () => {
    expect(stat(zombiePid)).toEqual({ state: 'Z', ppid: parentPid });
    expect(readFileSync(`/proc/${parentPid}/comm`, 'utf8').trim()).toBe('sleep');
  });

  it('the Zombies filter shows the zombie (Z, <defunct>, its age) with its parent marked "not reaping"', async () => {
    await page.goto(app.url);
    await page.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('quick-zombies').click();
    await page.getByTestId('filter').fill(String(zombiePid));
    const row = page.getByTestId(`row-${zombiePid}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-state')).toBe('Z');
    expect(await row.getAttribute('data-ppid')).toBe(String(parentPid));
    expect(await row.textContent()).toContain('<defunct>');
    await expect.poll(() => page.getByTestId(`zombie-age-${zombiePid}`).textContent(), { timeout: 5000 }).toMatch(/^zombie for \d+ s$/);
    // The parent is listed with it (for context) and marked as the one that has not reaped it.
    const parentRow = page.getByTestId(`row-${parentPid}`);
    await parentRow.waitFor();
    expect(await parentRow.textContent()).toContain('sleep 60');
    await page.getByTestId(`not-reaping-${parentPid}`).waitFor();
    // Rows that are neither: no badge.
    expect(await page.getByTestId(`not-reaping-${zombiePid}`).count()).toBe(0);
    expect(await page.getByTestId('zombie-count').textContent()).toMatch(/[1-9]\d* zombie/);
  });

  it('the details pane explains the zombie, in English and Chinese, with the clean-up button', async () => {
    await page.getByTestId(`row-${zombiePid}`).click();
    const explainer = page.getByTestId('zombie-explainer');
    await explainer.waitFor();
    const text = (await explainer.textContent()) ?? '';
    expect(text).toContain('exit status');
    expect(text).toContain('wait()');
    expect(text).toContain('no CPU and no memory');
    expect(text).toContain(`${parentPid} (sleep)`);
    expect(text).toMatch(/pid 1 or a subreaper/);
    expect(await page.getByTestId('zombie-end-parent').textContent()).toBe(`End the parent (pid ${parentPid}) to clean up`);
    // No signal reaches a zombie: its own kill buttons are not offered.
    expect(await page.getByTestId('details').getByTestId('kill-SIGKILL').count()).toBe(0);
    expect(await page.getByTestId(`row-${zombiePid}-SIGKILL`).isDisabled()).toBe(true);

    await page.getByTestId('lang-zh').click();
    await expect.poll(async () => (await explainer.textContent()) ?? '').toContain('僵尸');
    expect(await explainer.textContent()).toContain('wait()');
    expect(await page.getByTestId('zombie-end-parent').textContent()).toBe(`结束父进程（PID ${parentPid}）以清理`);
    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await explainer.textContent()) ?? '').toContain('exit status');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'zombie.png') });
  });

  it('ending the parent (after the confirmation) makes the zombie vanish', async () => {
    await page.getByTestId('zombie-end-parent').click();
    const dialog = page.getByTestId('kill-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Send SIGTERM to process ${parentPid}?`);
    expect(await page.getByTestId('kill-note').textContent()).toContain(`To clean up zombie ${zombiePid}`);
    await page.getByTestId('confirm-kill').click();

    // The parent ends; the zombie goes to the subreaper, which reaps it: both leave the table.
    await expect.poll(() => page.getByTestId(`row-${zombiePid}`).count(), { timeout: 5000 }).toBe(0);
    await expect.poll(() => page.getByTestId(`row-${parentPid}`).count(), { timeout: 5000 }).toBe(0);
    await page.getByTestId('zombie-gone').waitFor();
    expect(await page.getByTestId('zombie-gone').textContent()).toContain(`pid ${zombiePid} is free again`);
    // No stale "Z · zombie" beside "reaped": the badge and the State field say it is gone.
    const details = page.getByTestId('details');
    await details.getByTestId('details-gone-badge').waitFor();
    expect(await details.locator('.st-zombie').count()).toBe(0);
    expect(await details.textContent()).toContain('reaped (last seen: Z · zombie');
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 5000 }).toBe(`Sent SIGTERM to ${parentPid} (sleep)`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'zombie-cleaned.png') });

    // And in the OS: the parent and the zombie are gone, and the subreaper, with no child left, has exited.
    expect(gone(parentPid)).toBe(true);
    expect(gone(zombiePid)).toBe(true);
    await Promise.race([subreaper.exited, new Promise((r) => setTimeout(r, 3000))]);
    expect(subreaper.child.exitCode).toBe(0);
  });
});

describe('an orphan in the monitor (Linux)', () => {
  it('shows who adopted it (badge, details), and the tree moves it under its new parent', async () => {
    // The shell starts `sleep 60`, prints its pid, and ends when the test says so (a flag file),
    // after the monitor has shown the first parent: the sleep is orphaned and the subreaper adopts
    // it. The monitor saw both parents, so it knows the previous one (no race with a slow machine).
    const flag = path.join(os.tmpdir(), `procplay-orphan-${process.pid}-${Date.now()}`);
    orphanMaker = startSubreaper(`sleep 60 & echo $!; while [ ! -e ${flag} ]; do sleep 0.1; done; rm -f ${flag}`);
    [shellPid, orphanPid] = await orphanMaker.numbers(2);
    const adopter = orphanMaker.child.pid!;
    await page.getByTestId('quick-all').click();
    await page.getByTestId('view-table').click();
    await page.getByTestId('filter').fill(String(orphanPid));
    const row = page.getByTestId(`row-${orphanPid}`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-ppid')).toBe(String(shellPid));
    expect(await page.getByTestId(`orphan-${orphanPid}`).count()).toBe(0);
    writeFileSync(flag, '');
    await expect.poll(() => row.getAttribute('data-ppid'), { timeout: 10_000 }).toBe(String(adopter));
    expect(stat(orphanPid)?.ppid).toBe(adopter);
    await page.getByTestId(`orphan-${orphanPid}`).waitFor({ timeout: 5000 });
    await row.click();
    const note = page.getByTestId('details-orphan');
    await note.waitFor();
    expect(await note.textContent()).toBe(`Orphaned: its parent ${shellPid} ended; adopted by ${adopter}, a subreaper.`);

    await page.getByTestId('filter').fill('sleep 60');
    await page.getByTestId('view-tree').click();
    const adopterRow = page.getByTestId(`row-${adopter}`);
    await adopterRow.waitFor({ timeout: 5000 });
    expect(Number(await row.getAttribute('data-depth'))).toBe(Number(await adopterRow.getAttribute('data-depth')) + 1);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'orphan-tree.png') });

    process.kill(orphanPid, 'SIGKILL');
    await Promise.race([orphanMaker.exited, new Promise((r) => setTimeout(r, 3000))]);
    expect(orphanMaker.child.exitCode).toBe(0);
    expect(gone(orphanPid)).toBe(true);
    expect(gone(shellPid)).toBe(true);
  });
});
