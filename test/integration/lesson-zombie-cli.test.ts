// `procplay lesson run zombie` as a user runs it in a terminal: the zombie's pid and state printed
// as it goes (Z, with its parent, every second), its observations ticked, status 0, and nothing
// left behind: no process, no zombie.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pidsWithEnv, TEST_MARK_ENV } from '../support/marked-processes.js';
import { runMarkedCli } from '../support/marked-cli.js';

const survivors = (mark: string) => pidsWithEnv(TEST_MARK_ENV, mark);

describe('procplay lesson run zombie (Linux)', () => {
  it('prints the zombie with its state and parent as it goes, then both observations ticked; exits 0; leaves nothing', async () => {
    const mark = `cli-zombie-${process.pid}`;
    const { code, stdout } = await runMarkedCli(['lesson', 'run', 'zombie'], mark, { killAfterMs: 25_000 });

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
