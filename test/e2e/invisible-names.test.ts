// A process whose name and command line hold a right-to-left override (U+202E): without care,
// "run‮gnp.exe" reads as "runexe.png". The page (table row, details pane, every attribute) and `procplay ps`
// show the override as a visible ⟨U+202E⟩ instead.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppPages, openAppPage } from '../support/browser.js';
import { repoRoot, type RunningWebApp } from '../support/web-app.js';
import { exitOf, waitFor } from '../support/child-waits.js';
import { readProcStat } from '../../main/processes/process-files.js';

const RLO = '\u202E';
const NAME = `run${RLO}gnp.exe`; // 13 bytes: fits comm (15)
const SHOWN = 'run⟨U+202E⟩gnp.exe';

let dir = '';
let victim: ChildProcess;
let app: RunningWebApp;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-bidi-'));
  const exe = path.join(dir, NAME);
  symlinkSync('/bin/sleep', exe);
  victim = spawn(exe, ['300'], { stdio: 'ignore' });
  await waitFor('the process to exec', () => readProcStat(victim.pid!)?.comm === NAME);
  ({ app, page } = await openAppPage({ visit: false }));
});

afterAll(async () => {
  await closeAppPages();
  if (victim && victim.exitCode === null && victim.signalCode === null) {
    victim.kill('SIGKILL');
    await exitOf(victim);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('invisible characters in names and commands', () => {
  it('procplay ps shows U+202E as ⟨U+202E⟩', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(repoRoot, 'main/cli/bin.js'), 'ps', '--filter', String(victim.pid)]);
    const line = stdout.split('\n').find((l) => new RegExp(`\\s${victim.pid}\\s`).test(l));
    expect(line).toContain(`${path.join(dir, SHOWN)} 300`);
    expect(stdout).not.toContain(RLO);
  });

  it('the page shows ⟨U+202E⟩ in the row and the details, never the override itself', async () => {
    await page.goto(app.url);
    await page.getByTestId('filter').fill(String(victim.pid));
    const row = page.getByTestId(`row-${victim.pid}`);
    await row.waitFor({ timeout: 15_000 });
    const rowText = (await row.textContent())!;
    expect(rowText).toContain(`${SHOWN} 300`);
    expect(rowText).not.toContain(RLO);
    await row.click();
    const details = page.getByTestId('details');
    await details.waitFor();
    await expect.poll(async () => details.textContent(), { timeout: 10_000 }).toContain(SHOWN);
    expect(await details.textContent()).not.toContain(RLO);
    expect(await page.getByTestId('details-command').textContent()).toBe(`${path.join(dir, SHOWN)} 300`);
    // Nothing anywhere on the page carries the raw override (titles included).
    expect(await page.evaluate((rlo) => document.body.innerHTML.includes(rlo), RLO)).toBe(false);
  });
});
