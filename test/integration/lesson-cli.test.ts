// `procplay lesson …` as a user runs it: attributed output, the observation checklist, the exit
// status, and Ctrl+C / SIGTERM stopping the run with nothing left behind.
import { describe, expect, it } from 'vitest';
import { runLessonCommand } from '../../main/cli/lesson-command.js';
import { pidsWithEnv, TEST_MARK_ENV } from '../support/marked-processes.js';
import { runMarkedCli, type CliInterrupt } from '../support/marked-cli.js';

const survivors = (mark: string) => pidsWithEnv(TEST_MARK_ENV, mark);

function buffer() {
  const log: string[] = [];
  const error: string[] = [];
  return { out: { log: (t: string) => log.push(t), error: (t: string) => error.push(t) }, log, error };
}

/** Runs the real CLI; sends `signal` once the output so far satisfies `when`. */
const cli = (args: string[], mark: string, interrupt?: CliInterrupt) => runMarkedCli(args, mark, { killAfterMs: 20_000, interrupt });

describe('procplay lesson (Linux)', () => {
  it('list prints the catalogue in either language', async () => {
    const en = buffer();
    expect(await runLessonCommand(['list'], en.out)).toBe(0);
    expect(en.log).toHaveLength(14);
    expect(en.log[0]).toMatch(/1\s+pid-ppid\s+pid and ppid/);
    const zh = buffer();
    expect(await runLessonCommand(['list', '--lang', 'zh'], zh.out)).toBe(0);
    expect(zh.log.join('\n')).toContain('守护进程');
  });

  it('rejects bad usage with status 2', async () => {
    for (const argv of [[], ['run'], ['run', 'nope'], ['run', 'join', '--lang', 'fr'], ['list', 'extra'], ['run', 'join', '--verbose']]) {
      const b = buffer();
      expect(await runLessonCommand(argv, b.out), argv.join(' ')).toBe(2);
      expect(b.error.join('\n')).toMatch(/usage|unknown|lang/);
    }
  });

  it('run --python runs the Python program: its lines, the same checklist ticked, exit 0; states has none (status 2)', async () => {
    const b = buffer();
    expect(await runLessonCommand(['run', 'join', '--python'], b.out)).toBe(0);
    const text = b.log.join('\n');
    expect(b.log[0]).toMatch(/^5\. .* \(Python\)$/);
    const main = Number(/pid (\d+) started by \d+: MainProcess/.exec(text)?.[1]);
    const child = Number(new RegExp(`pid (\\d+) started by ${main}: Process-1 \\(first_mail\\)`).exec(text)?.[1]);
    expect(child).toBeGreaterThan(0);
    expect(text).toContain(`[pid ${child} ppid ${main}] mail 1: may I have a raise?`);
    expect(text.match(/ ✓ /g)).toHaveLength(2);
    const states = buffer();
    expect(await runLessonCommand(['run', 'states', '--python'], states.out)).toBe(2);
    expect(states.error.join('\n')).toMatch(/no Python program/);
  });

  it('run prints attributed lines, then every observation ticked, and exits 0', async () => {
    const b = buffer();
    expect(await runLessonCommand(['run', 'join'], b.out)).toBe(0);
    const text = b.log.join('\n');
    const main = Number(/pid (\d+) started by \d+: MainProcess/.exec(text)?.[1]);
    const child = Number(new RegExp(`pid (\\d+) started by ${main}:`).exec(text)?.[1]);
    expect(text).toContain(`[pid ${child} ppid ${main}] mail 1: may I have a raise?`);
    expect(text).toMatch(new RegExp(`\\[pid ${main} ppid ${process.pid}\\] mail 2`));
    expect(text.indexOf('mail 1')).toBeLessThan(text.indexOf('mail 2'));
    const checks = b.log.filter((l) => /^\s+[✓✗]/.test(l));
    expect(checks).toHaveLength(2);
    expect(checks.every((l) => l.includes('✓'))).toBe(true);
  });

  it('Ctrl+C stops an endless lesson cleanly: observations shown, status 0, nothing left behind', async () => {
    const mark = `cli-int-${process.pid}`;
    const result = await cli(['lesson', 'run', 'heartbeat-healthy', '--lang', 'zh'], mark, {
      when: (o) => (o.match(/alive~/g) ?? []).length >= 2 && o.includes('round 1'), // both observations have been seen
      signal: 'SIGINT',
    });
    expect(result.stdout).toContain('观察结果');
    expect(result.stdout.match(/✓/g)).toHaveLength(2);
    // The reasons are printed in the chosen language too, with their numbers.
    expect(result.stdout).toMatch(/✓ .* — 心跳出现在第 \d+\.\d 秒和第 \d+\.\d 秒/);
    expect(result.stdout).toMatch(/✓ .* — 工作进程完成了 \d+ 轮工作/);
    expect(result.stdout).not.toMatch(/— (heartbeats at|the worker did)/);
    expect(result.code).toBe(0);
    expect(survivors(mark)).toEqual([]);
  });

  it('SIGTERM half way through a lesson stops it: unseen observations fail, status 1, nothing left behind', async () => {
    const mark = `cli-term-${process.pid}`;
    const result = await cli(['lesson', 'run', 'daemon-many'], mark, { when: (o) => o.includes('normal child: start'), signal: 'SIGTERM' });
    expect(result.stdout).toMatch(/✗ .*stopped/);
    expect(result.code).toBe(1);
    expect(survivors(mark)).toEqual([]);
  });
});
