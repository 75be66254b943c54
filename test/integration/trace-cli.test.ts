// `procplay run` traced by strace, as a user runs it: every process of the tree, even one that
// lives a millisecond, with its exec, exit and reap, in the terminal and as JSON lines; and the
// fallback to sampling when strace is not on the PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { NEED_STRACE_MESSAGE } from '../../shared/lifecycle.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-trace-cli-'));
const CLI = path.join(tmp, 'cli.mjs');
const runModule = path.join(process.cwd(), 'dist/main/cli/run-command.js');

beforeAll(() => {
  if (!existsSync(runModule)) throw new Error('dist/main/cli/run-command.js is missing: run npm run build first');
  writeFileSync(CLI, `import { runRunCommand } from ${JSON.stringify(runModule)};\nprocess.exitCode = await runRunCommand(process.argv.slice(2));\n`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI's own temp folder (TMPDIR): the trace's FIFO folder must be gone from it afterwards. */
const cliTmp = path.join(tmp, 'tmpdir');
mkdirSync(cliTmp);

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000, input: '', env: { ...env, TMPDIR: cliTmp } });

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;
const is =
  <T extends LifecycleEvent['type']>(type: T) =>
  (e: LifecycleEvent): e is Of<T> =>
    e.type === type;

const readEvents = (file: string): LifecycleEvent[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LifecycleEvent);


describe('procplay run, traced (Linux)', () => {
  it('sees all 50 runs of /bin/true: 50 execs, 50 exits, 50 reaps by the shell, as lines and as JSON', () => {
    const file = path.join(tmp, 'loop.jsonl');
    const r = run(['--events', file, '--', 'sh', '-c', 'for i in $(seq 50); do /bin/true; done']);
    expect(r.status).toBe(0);
    const events = readEvents(file);
    const execs = events.filter((e): e is Extract<LifecycleEvent, { type: 'exec' }> => e.type === 'exec' && e.name === 'true');
    expect(execs).toHaveLength(50);
    const pids = new Set(execs.map((e) => e.pid));
    expect(pids.size).toBe(50);
    // The shell running the loop is the one that exec'd `sh -c 'for …'`.
    const shell = events.filter(is('exec')).find((e) => e.argv.at(-1) === 'for i in $(seq 50); do /bin/true; done')!;
    expect(shell).toBeDefined();
    const exits = events.filter(is('exit')).filter((e) => pids.has(e.pid));
    expect(exits).toHaveLength(50);
    expect(exits.every((e) => e.code === 0)).toBe(true);
    const reaps = events.filter(is('reap')).filter((e) => pids.has(e.pid));
    expect(reaps).toHaveLength(50);
    expect(reaps.every((e) => e.by === shell.pid && e.how === 'parent-wait')).toBe(true);
    for (const e of events) expect(typeof e.t).toBe('number');
    // The terminal says the same.
    const lines = r.stderr.split('\n');
    for (const pid of pids) {
      expect(lines).toContain(`+ ${pid} sh (ppid ${shell.pid})`);
      expect(lines).toContain(`~ ${pid} exec true`);
      expect(lines).toContain(`- ${pid} exit 0`);
      expect(lines).toContain(`. ${pid} reaped by ${shell.pid}`);
    }
    // The FIFO's directory is gone.
    expect(readdirSync(cliTmp)).toEqual([]);
  });

  it('a Python child that exits at once is a zombie until its parent waits a second later: exit, then reap ~1 s later', () => {
    const script = path.join(tmp, 'zombie.py');
    writeFileSync(
      script,
      [
        'import os, time',
        'pid = os.fork()',
        'if pid == 0:',
        '    os._exit(7)',
        '# a zombie now (or very soon): wait until /proc says so, then a second more',
        'deadline = time.monotonic() + 20',
        'while time.monotonic() < deadline:',
        '    with open(f"/proc/{pid}/stat") as f:',
        '        if f.read().rsplit(")", 1)[1].split()[0] == "Z":',
        '            break',
        '    time.sleep(0.01)',
        'time.sleep(1)',
        'os.waitpid(pid, 0)',
        '',
      ].join('\n'),
    );
    const file = path.join(tmp, 'zombie.jsonl');
    const r = run(['-q', '--events', file, '--', 'python3', script]);
    expect(r.status).toBe(0);
    const events = readEvents(file);
    // The child is the one that exited 7; its parent is the python3 process (under the shell).
    const exit = events.filter(is('exit')).find((e) => e.code === 7)!;
    expect(exit).toBeDefined();
    const fork = events.filter(is('fork')).find((e) => e.pid === exit.pid)!;
    expect(events.filter(is('exec')).some((e) => e.pid === fork.ppid && e.argv.includes(script))).toBe(true);
    const reap = events.filter(is('reap')).find((e) => e.pid === exit.pid)!;
    expect(reap).toMatchObject({ by: fork.ppid, how: 'parent-wait' });
    expect(events.indexOf(reap)).toBeGreaterThan(events.indexOf(exit));
    const zombieMs = reap.t - exit.t;
    expect(zombieMs).toBeGreaterThan(900);
    expect(zombieMs).toBeLessThan(10_000);
  });

  it('without strace on the PATH the run still works and says once that events are sampled', () => {
    const file = path.join(tmp, 'sampled.jsonl');
    const r = run(['--events', file, '--', '/bin/sleep 0.5; /bin/echo done'], { ...process.env, PATH: path.join(tmp, 'no-such-dir') });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('done\n');
    expect(r.stderr.split('\n').filter((l) => l === `[procplay] ${NEED_STRACE_MESSAGE}`)).toHaveLength(1);
    const lines = r.stderr.split('\n');
    const root = /^\+ (\d+) sh \(ppid \d+\)$/.exec(lines.find((l) => l.startsWith('+ '))!)!;
    expect(lines).toContain(`- ${root[1]} exit 0`);
    // The sampled tree in the lifecycle shape: the root's fork and exit at least.
    const events = readEvents(file);
    expect(events[0]).toMatchObject({ type: 'fork', pid: Number(root[1]) });
    expect(events.some((e) => e.type === 'exit' && e.pid === Number(root[1]) && e.code === 0)).toBe(true);
  });

  it('--no-trace and PROCPLAY_TRACE=off run without strace and without the notice', () => {
    for (const r of [run(['--no-trace', '--', '/bin/true']), run(['--', '/bin/true'], { ...process.env, PROCPLAY_TRACE: 'off' })]) {
      expect(r.status).toBe(0);
      expect(r.stderr).not.toMatch(/~ \d+ exec/);
      expect(r.stderr).not.toContain('need strace');
    }
  });

  it('refuses an unwritable events file and starts nothing', () => {
    const r = run(['--events', path.join(tmp, 'no-dir', 'x.jsonl'), '--', '/bin/true']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot write the events to .*x\.jsonl/);
    expect(r.stderr).not.toMatch(/^\+ /m);
  });
});
