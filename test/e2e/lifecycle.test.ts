// Timelines drawn from exact lifecycle events (strace), in a real browser (web mode, Debian's
// Chromium): a Python child that exits at once while its parent sleeps 1 s before os.waitpid has
// a zombie segment of about 1 s in the playground, the events pane says so in words, and the
// zombie lesson's timeline has a lane for the zombie with its own pid, its exit and its reap by
// the subreaper. `npm run build` first; needs strace and python3.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage, SCREENSHOT_DIR } from '../support/browser.js';
import { repoRoot, startWebApp, type RunningWebApp } from '../support/web-app.js';

let app: RunningWebApp;
let browser: Browser;
let page: Page;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-lc-e2e-'));

// The parent sleeps before it waits: the child is a zombie from its exit until the waitpid.
const ZOMBIE_PY = `import os, time
pid = os.fork()
if pid == 0:
    os._exit(0)
print(f"parent {os.getpid()}: child {pid} exited at once, waiting in 1 s", flush=True)
time.sleep(1)
os.waitpid(pid, 0)
print(f"parent {os.getpid()}: reaped {pid}", flush=True)
`;

// A child that becomes `sleep 30` (exec), is sent SIGTERM by its parent, and stays a zombie for 1 s.
const SIGNAL_PY = `import os, signal, time
pid = os.fork()
if pid == 0:
    os.execvp("sleep", ["sleep", "30"])
time.sleep(0.5)
os.kill(pid, signal.SIGTERM)
time.sleep(1)
os.waitpid(pid, 0)
print(f"parent {os.getpid()}: child {pid} ended by SIGTERM, reaped 1 s later", flush=True)
`;
// The system's python3 itself, where there is one: a version manager's shim (pyenv) runs a few
// shells first, true to the events but noise in the README's picture.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface LaneData {
  pid: number;
  ppid: number | null;
  name: string;
  exitMs: number | null;
  reapMs: number | null;
  reaper: number | null;
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

async function lanes(timeline: Locator): Promise<LaneData[]> {
  const raw = await timeline.locator('[data-testid^="lc-lane-"]').evaluateAll((els) => els.map((e) => ({ ...(e as HTMLElement).dataset })));
  return raw.map((d) => ({ pid: Number(d.pid), ppid: num(d.ppid), name: d.name ?? '', exitMs: num(d.exitMs), reapMs: num(d.reapMs), reaper: num(d.reaper) }));
}

beforeAll(async () => {
  writeFileSync(path.join(tmp, 'zombie_child.py'), ZOMBIE_PY);
  writeFileSync(path.join(tmp, 'signal_child.py'), SIGNAL_PY);
  ({ app, browser, page } = await openAppPage({ visit: false }));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await closeAppPages();
  rmSync(tmp, { recursive: true, force: true });
});

describe('timelines from exact lifecycle events (Linux, strace)', () => {
  it('playground: a Python child that exits at once while its parent sleeps 1 s shows a zombie segment of about 1 s, reaped by its parent', async () => {
    await page.goto(app.url);
    await page.getByTestId('tab-playground').click();
    await page.getByTestId('playground-cwd').fill(tmp);
    await page.getByTestId('playground-command').fill('python3 zombie_child.py');
    await page.getByTestId('playground-run').click();
    const exit = page.getByTestId('playground-exit');
    await exit.waitFor({ timeout: 30_000 });
    expect(await exit.getAttribute('data-exit-code')).toBe('0');

    // The program said who its child is: that pid has a lane, with its exit and its reap by the parent.
    const output = page.getByTestId('playground-output');
    const said = /parent (\d+): reaped (\d+)/.exec((await output.textContent()) ?? '');
    expect(said).not.toBeNull();
    const [parent, child] = [Number(said![1]), Number(said![2])];
    const timeline = page.getByTestId('playground-lc-timeline');
    // The last events (the root's reap) come a moment after the exit strip: poll on the child's reap.
    await expect.poll(async () => (await lanes(timeline)).find((l) => l.pid === child)?.reapMs ?? null, { timeout: 10_000 }).not.toBeNull();
    const all = await lanes(timeline);
    const lane = all.find((l) => l.pid === child)!;
    expect(lane.ppid).toBe(parent);
    expect(lane.reaper).toBe(parent);
    expect(all.find((l) => l.pid === parent)?.name).toMatch(/^python3?/);
    const zombieMs = lane.reapMs! - lane.exitMs!;
    expect(zombieMs).toBeGreaterThan(900);
    expect(zombieMs).toBeLessThan(2500);

    // The striped segment is drawn from exit to reap: its width on screen is that duration on the axis's scale.
    const zombie = page.getByTestId(`lc-zombie-${child}`);
    expect(Number(await zombie.getAttribute('data-from-ms'))).toBeCloseTo(lane.exitMs!, 0);
    expect(Number(await zombie.getAttribute('data-to-ms'))).toBeCloseTo(lane.reapMs!, 0);
    expect(Number(await zombie.getAttribute('data-reaper'))).toBe(parent);
    const scaleMs = Number(await timeline.getAttribute('data-scale-ms'));
    const box = (await zombie.boundingBox())!;
    const track = (await page.getByTestId(`lc-lane-${child}`).locator('.tl-track').boundingBox())!;
    const drawnMs = (box.width / track.width) * scaleMs;
    expect(Math.abs(drawnMs - zombieMs)).toBeLessThan(zombieMs * 0.1 + 20);
    expect(await page.getByTestId(`lc-exit-${child}`).count()).toBe(1);
    expect(await page.getByTestId(`lc-reap-${child}`).count()).toBe(1);
    // The parent's fork is not an exec: the child's lane shows no exec marker, the root's does (sh became python3, or python3 itself).
    expect(await page.getByTestId(`lc-exec-${child}`).count()).toBe(0);

    // The events pane says it in words, in order: the fork, the exit with its zombie time, then the parent's wait.
    const pane = page.getByTestId('playground-events');
    const rows = await pane.locator('.lc-event').evaluateAll((els) => els.map((e) => ({ type: (e as HTMLElement).dataset.type, text: e.textContent ?? '' })));
    const forkAt = rows.findIndex((r) => r.type === 'fork' && r.text.includes(`${parent} forked ${child}`));
    const exitAt = rows.findIndex((r) => r.type === 'exit' && r.text.includes(`${child} exited 0, zombie until ${parent} waits`));
    const reapAt = rows.findIndex((r) => r.type === 'reap' && r.text.includes(`${parent} waited: ${child} reaped`));
    expect([forkAt, exitAt, reapAt].every((i) => i >= 0), JSON.stringify(rows)).toBe(true);
    expect(forkAt).toBeLessThan(exitAt);
    expect(exitAt).toBeLessThan(reapAt);
    const secs = Number(/\((\d+\.\d+) s\)/.exec(rows[exitAt]!.text)![1]);
    expect(secs).toBeCloseTo(zombieMs / 1000, 1);

    // The filter keeps the events about one pid (the child's fork, exit and reap) and says how many.
    await pane.getByTestId('playground-events-filter').fill(String(child));
    await expect.poll(async () => pane.locator('.lc-event').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.type))).toEqual(['fork', 'exit', 'reap']);
    await pane.getByTestId('playground-events-filter').fill('');
  });

  it('playground: an exec is a marker where the name changes, a signal an arrow from sender to target', async () => {
    await page.getByTestId('playground-command').fill(`${PYTHON} signal_child.py`);
    await page.getByTestId('playground-run').click();
    const exit = page.getByTestId('playground-exit');
    await expect.poll(async () => /signal_child/.test((await exit.count()) ? ((await exit.getAttribute('data-command')) ?? '') : ''), { timeout: 30_000 }).toBe(true);
    const said = /parent (\d+): child (\d+) ended by SIGTERM/.exec((await page.getByTestId('playground-output').textContent()) ?? '');
    expect(said).not.toBeNull();
    const [parent, child] = [Number(said![1]), Number(said![2])];
    const timeline = page.getByTestId('playground-lc-timeline');
    await expect.poll(async () => (await lanes(timeline)).find((l) => l.pid === child)?.reapMs ?? null, { timeout: 10_000 }).not.toBeNull();
    const lane = (await lanes(timeline)).find((l) => l.pid === child)!;
    // Same pid, new image: the lane is named sleep now, with an exec marker named sleep.
    expect(lane.name).toBe('sleep');
    expect(await page.getByTestId(`lc-exec-${child}`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name))).toEqual(['sleep']);
    // The parent's kill() is an arrow from its lane to the child's, at the time of the call, before the child's exit.
    const arrows = await timeline.locator('[data-testid="lc-signal"]').evaluateAll((els) => els.map((e) => ({ ...(e as SVGElement).dataset })));
    const arrow = arrows.find((a) => a.signal === 'SIGTERM' && Number(a.target) === child);
    expect(arrow, JSON.stringify(arrows)).toBeTruthy();
    expect(Number(arrow!.sender)).toBe(parent);
    expect(Number(arrow!.t)).toBeLessThanOrEqual(lane.exitMs!);
    expect(await page.getByTestId(`lc-lane-${child}`).locator('.tl-exit').textContent()).toMatch(new RegExp(`SIGTERM · reaped by ${parent}`));
    const zombieMs = lane.reapMs! - lane.exitMs!;
    expect(zombieMs).toBeGreaterThan(900);
    expect(zombieMs).toBeLessThan(2500);
    const rows = await page.getByTestId('playground-events').locator('.lc-event').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(rows.some((r) => r.includes(`${parent} sent SIGTERM to ${child}`))).toBe(true);
    expect(rows.some((r) => r.includes(`${child} became \`sleep 30\``))).toBe(true);
    expect(rows.some((r) => r.includes(`${child} killed by SIGTERM, zombie until ${parent} waits`))).toBe(true);
    // In Chinese, the same facts in Chinese sentences.
    await page.getByTestId('lang-zh').click();
    await expect
      .poll(async () => (await page.getByTestId('playground-events').textContent()) ?? '', { timeout: 5000 })
      .toContain(`${parent} 向 ${child} 发送了 SIGTERM`);
    expect(await page.getByTestId(`lc-lane-${child}`).locator('.tl-exit').textContent()).toContain(`由 ${parent} 收走`);
    await page.getByTestId('lang-en').click();

    // The README's picture of a traced run: the timeline and the events pane in view.
    await page.locator('.pg-timeline-panel').scrollIntoViewIfNeeded();
    await page.locator('.pg-main').evaluate((el) => el.scrollBy(0, 60));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'traced-run.png') });
    if (process.env.PROCPLAY_UPDATE_ASSETS === '1') copyFileSync(path.join(SCREENSHOT_DIR, 'traced-run.png'), path.join(repoRoot, 'assets/screenshot-traced-run.png'));
  });

  it('zombie lesson: the exact timeline has a lane for the zombie with its own pid, its exit and its reap by the subreaper', async () => {
    await page.getByTestId('tab-lessons').click();
    await page.getByTestId('lesson-zombie').click();
    await page.getByTestId('lesson-page-zombie').waitFor({ timeout: 10_000 });
    await page.getByTestId('run-lesson').click();
    await page.getByTestId('stop-lesson').waitFor({ timeout: 10_000 });
    // The parent says which child it started; the lesson says who the reaper is.
    const consoleBox = page.getByTestId('lesson-console');
    const family = async () => /parent (\d+): started child (\d+)/.exec((await consoleBox.textContent()) ?? '');
    await expect.poll(async () => (await family()) !== null, { timeout: 15_000 }).toBe(true);
    const [, parent, child] = (await family())!.map(Number) as [number, number, number];
    const reaper = Number(/main: the reaper is pid (\d+)/.exec((await consoleBox.textContent()) ?? '')![1]);

    // The zombie's own lane appears from the events while the run goes on: it exited, nobody has waited.
    const timeline = page.getByTestId('lesson-lc-timeline');
    await expect.poll(async () => (await lanes(timeline)).find((l) => l.pid === child)?.exitMs ?? null, { timeout: 15_000 }).not.toBeNull();
    expect(await page.getByTestId(`lc-zombie-${child}`).getAttribute('data-to-ms')).toBe('');

    // Once the parent is ended (the clean-up button), the reaper collects it: the reap mark, named.
    await page.getByTestId('zombie-cleanup').click({ timeout: 15_000 });
    await page.getByTestId('run-verdict').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await lanes(timeline)).find((l) => l.pid === child)?.reapMs ?? null, { timeout: 10_000 }).not.toBeNull();
    const lane = (await lanes(timeline)).find((l) => l.pid === child)!;
    expect(lane.ppid).toBe(parent);
    expect(lane.reaper).toBe(reaper);
    expect(lane.reapMs!).toBeGreaterThan(lane.exitMs!);
    expect(await page.getByTestId(`lc-exit-${child}`).count()).toBe(1);
    expect(await page.getByTestId(`lc-reap-${child}`).count()).toBe(1);
    expect(Number(await page.getByTestId(`lc-zombie-${child}`).getAttribute('data-reaper'))).toBe(reaper);
    // The parent's lane shows its exec (the shell became sleep 60) and its death by SIGKILL from the clean-up.
    expect(await page.getByTestId(`lc-exec-${parent}`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.name))).toContain('sleep');
    // The checklist's OS facts were judged on these events and held.
    expect(await page.getByTestId('run-verdict').textContent()).toMatch(/Every observation held/);
    await page.getByTestId('lesson-exact').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'lesson-zombie-exact.png') });
  });
});

describe('untraced runs (PROCPLAY_TRACE=off)', () => {
  it('keep the sampled timeline and say why their events are sampled; no events pane', async () => {
    const plain = await startWebApp(['--port', '0'], { PROCPLAY_TRACE: 'off' });
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await p.goto(plain.url);
      await p.getByTestId('tab-playground').click();
      await p.getByTestId('playground-cwd').fill(tmp);
      await p.getByTestId('playground-command').fill('python3 zombie_child.py');
      await p.getByTestId('playground-run').click();
      await p.getByTestId('playground-exit').waitFor({ timeout: 30_000 });
      expect(await p.getByTestId('playground-sampled').textContent()).toMatch(/Events are sampled, not exact: tracing is switched off/);
      expect(await p.getByTestId('playground-timeline').count()).toBe(1);
      expect(await p.getByTestId('playground-lc-timeline').count()).toBe(0);
      expect(await p.getByTestId('playground-events').count()).toBe(0);
    } finally {
      await p.close();
      await plain.stop();
    }
  });
});
