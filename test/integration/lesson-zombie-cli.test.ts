// `procplay lesson run zombie` as a user runs it in a terminal: the zombie's pid and state printed
// as it goes (Z, with its parent, every second), its observations ticked, status 0, and nothing
// left behind: no process, no zombie.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MARK_ENV = 'PROCPLAY_TEST_MARK';
const CLI = path.join(process.cwd(), 'dist/main/cli/procplay.js');

function survivors(mark: string): number[] {
  return readdirSync('/proc').filter((name) => {
    if (!/^\d+$/.test(name)) return false;
    try {
      return readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`${MARK_ENV}=${mark}`);
    } catch {
      return false;
    }
  }).map(Number);
}

describe('procplay lesson run zombie', () => {
  it('prints the zombie with its state and parent as it goes, then both observations ticked; exits 0; leaves nothing', async () => {
    const mark = `cli-zombie-${process.pid}`;
    const child = spawn(process.execPath, [CLI, 'lesson', 'run', 'zombie'], { env: { ...process.env, [MARK_ENV]: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(killer);

    expect(code).toBe(0);
    const family = /\[pid (\d+) ppid \d+\] parent \1: started child (\d+)/.exec(stdout);
    expect(family, stdout).not.toBeNull();
    const [, parent, zombie] = family!;
    // Printed by the main program while it watches: the state letter with the parent link, repeatedly.
    const zLines = stdout.match(new RegExp(`\\] zombie ${zombie} state Z parent ${parent} \\(sleep, state S`, 'g')) ?? [];
    expect(zLines.length).toBeGreaterThanOrEqual(5);
    expect(stdout).toContain(`nobody ended parent ${parent}: I end it now`);
    expect(stdout).toMatch(new RegExp(`subreaper (\\d+): collected ${zombie} \\(an orphan I adopted\\)`));
    expect(stdout).toContain(`zombie ${zombie} is gone`);
    expect(stdout.indexOf(`zombie ${zombie} is gone`)).toBeGreaterThan(stdout.lastIndexOf(`zombie ${zombie} state Z`));
    const checks = stdout.split('\n').filter((l) => /^\s+[✓✗]/.test(l));
    expect(checks).toHaveLength(2);
    expect(checks.every((l) => l.includes('✓'))).toBe(true);
    expect(survivors(mark)).toEqual([]);
    expect([parent, zombie].filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  });
});
