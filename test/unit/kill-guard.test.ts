// The kill guard's refusals and the pure parts around it (protected pids, CLI arguments, messages).
import { describe, expect, it } from 'vitest';
import { guardPid, type ProtectedPids } from '../../main/kill/kill-guard.js';
import { PID_MAX } from '../../shared/process.js';
import { computeProtectedPids } from '../../main/kill/protected-pids.js';
import { parseKillArgs, parseSignal } from '../../main/cli/kill-command.js';
import { successMessage, translateKillError, unsupportedReason } from '../../main/kill/signal-sender.js';

const app: ProtectedPids = { self: new Set([4242, 4300]), ancestors: [812, 700] };

describe('kill guard', () => {
  it.each([
    [4243, 4243],
    ['4243', 4243],
    ['007', 7],
    [PID_MAX, PID_MAX],
  ])('accepts the ordinary pid %j as %d', (input, pid) => {
    expect(guardPid(input, app)).toEqual({ ok: true, pid });
  });

  it.each([
    ['abc', 'invalid', 'Invalid pid "abc": a pid is a whole number such as 4242'],
    ['1; echo x', 'invalid', 'Invalid pid "1; echo x": a pid is a whole number such as 4242'],
    [' 12', 'invalid', 'Invalid pid " 12"'],
    ['0x10', 'invalid', 'Invalid pid "0x10"'],
    ['1e3', 'invalid', 'Invalid pid "1e3"'],
    ['', 'invalid', 'Invalid pid ""'],
    ['4.5', 'invalid', 'Invalid pid "4.5"'],
    [4.5, 'invalid', 'Invalid pid 4.5: a pid is a whole number'],
    [NaN, 'invalid', 'got NaN'],
    [Infinity, 'invalid', 'out of range'],
    [null, 'invalid', 'got null'],
    [true, 'invalid', 'got boolean'],
    [[12], 'invalid', 'got a list'],
    [2 ** 40, 'invalid', `Invalid pid ${2 ** 40}: out of range (pids go from 1 to ${PID_MAX})`],
    [String(2 ** 40), 'invalid', 'out of range'],
    [PID_MAX + 1, 'invalid', 'out of range'],
    [-(2 ** 40), 'invalid', 'out of range'],
    [0, 'refused', "kill(0) would signal every process in the caller's own process group"],
    ['0', 'refused', "kill(0) would signal every process in the caller's own process group"],
    [-1, 'refused', 'kill(-1) would signal every process the user may signal'],
    ['-1', 'refused', 'kill(-1) would signal every process the user may signal'],
    [-812, 'refused', 'kill(-812) would signal every process in process group 812'],
    [1, 'refused', "Refused: pid 1 is the system's init"],
    ['1', 'refused', "Refused: pid 1 is the system's init"],
    [4242, 'refused', 'Refused: 4242 is Process Playground itself'],
    ['4300', 'refused', 'Refused: 4300 is Process Playground itself'],
    [812, 'refused', 'Refused: 812 is an ancestor of Process Playground (the shell that started it)'],
    [700, 'refused', 'Refused: 700 is an ancestor of Process Playground (it started the shell that started it)'],
  ])('refuses %j with code %s', (input, code, message) => {
    const r = guardPid(input, app);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message).toContain(message);
  });

  it('shortens very long text in its message', () => {
    const r = guardPid('x'.repeat(5000), app);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeLessThan(120);
  });
});

describe('protected pids', () => {
  // 4242 (main) <- 812 (bash) <- 700 (sshd) <- 1; 4300 (renderer) <- 4242
  const parents = new Map([[4242, 812], [812, 700], [700, 1], [4300, 4242], [1, 0]]);
  const ppidOf = (pid: number) => parents.get(pid) ?? null;

  it('lists the app pids as self and their ancestors nearest first, without init', () => {
    const p = computeProtectedPids([4242, 4300], ppidOf);
    expect([...p.self]).toEqual([4242, 4300]);
    expect(p.ancestors).toEqual([812, 700]);
  });

  it('stops on a loop of parents instead of hanging', () => {
    const loop = new Map([[10, 11], [11, 10]]);
    expect(computeProtectedPids([10], (pid) => loop.get(pid) ?? null).ancestors).toEqual([11]);
  });
});

describe('procplay kill arguments', () => {
  const linux = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGCONT: 18, SIGSTOP: 19 };
  const darwin = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGSTOP: 17, SIGCONT: 19 };
  const run = (argv: string[], numbers = linux) => parseKillArgs(argv, numbers);

  it.each([
    [['42'], 'SIGTERM'],
    [['-9', '42'], 'SIGKILL'],
    [['-15', '42'], 'SIGTERM'],
    [['-2', '42'], 'SIGINT'],
    [['-19', '42'], 'SIGSTOP'],
    [['-18', '42'], 'SIGCONT'],
    [['-KILL', '42'], 'SIGKILL'],
    [['-TERM', '42'], 'SIGTERM'],
    [['-STOP', '42'], 'SIGSTOP'],
    [['-CONT', '42'], 'SIGCONT'],
    [['-INT', '42'], 'SIGINT'],
    [['-SIGKILL', '42'], 'SIGKILL'],
    [['-s', 'kill', '42'], 'SIGKILL'],
    [['-s', 'SIGSTOP', '42'], 'SIGSTOP'],
    [['-s', '9', '42'], 'SIGKILL'],
  ])('%j sends %s', (argv, signal) => {
    expect(run(argv)).toEqual({ kind: 'run', args: { signal, tree: false, startTime: undefined, pids: ['42'] } });
  });

  it('reads signal numbers as this OS numbers them (19 is SIGCONT on macOS)', () => {
    expect(parseSignal('19', darwin)).toBe('SIGCONT');
    expect(parseSignal('17', darwin)).toBe('SIGSTOP');
    expect(parseSignal('19', linux)).toBe('SIGSTOP');
  });

  it('takes --tree, --start-time and several pids; everything after -- is a pid', () => {
    expect(run(['--tree', '-9', '10', '11'])).toEqual({ kind: 'run', args: { signal: 'SIGKILL', tree: true, startTime: undefined, pids: ['10', '11'] } });
    expect(run(['--start-time', '1700000000000', '10'])).toMatchObject({ kind: 'run', args: { startTime: 1700000000000, pids: ['10'] } });
    expect(run(['--', '-1', 'abc'])).toMatchObject({ kind: 'run', args: { signal: 'SIGTERM', pids: ['-1', 'abc'] } });
  });

  it.each([
    [[], 'no PID given'],
    [['-9'], 'no PID given'],
    [['-1', '42'], 'signal 1 (SIGHUP) is not offered'],
    [['-s', 'HUP', '42'], 'unknown signal "HUP"'],
    [['-s'], '-s needs a signal name'],
    [['-77', '42'], 'unknown signal 77'],
    [['--force', '42'], 'unknown option "--force"'],
    [['--start-time', 'soon', '42'], '--start-time needs a start time'],
    [['--start-time', '5', '1', '2'], '--start-time applies to exactly one PID'],
  ])('refuses the arguments %j: %s', (argv, message) => {
    const r = run(argv);
    expect(r.kind).toBe('usage-error');
    if (r.kind === 'usage-error') expect(r.message).toContain(message);
  });
});

describe('signal messages', () => {
  const node = { pid: 4242, name: 'node' };
  it('says what happened in the words of the issue', () => {
    expect(successMessage(node, 'SIGKILL', 'linux')).toBe('Killed 4242 (node) with SIGKILL');
    expect(successMessage(node, 'SIGTERM', 'linux')).toBe('Sent SIGTERM to 4242 (node)');
    expect(successMessage(node, 'SIGSTOP', 'linux')).toBe('Stopped 4242 (node) with SIGSTOP');
    expect(successMessage(node, 'SIGCONT', 'linux')).toBe('Continued 4242 (node) with SIGCONT');
    expect(successMessage({ pid: 4242, name: '' }, 'SIGINT', 'linux')).toBe('Sent SIGINT to 4242');
  });

  it('translates ESRCH and EPERM once', () => {
    const target = { pid: 812, name: 'bash', user: 'root' };
    expect(translateKillError(Object.assign(new Error('x'), { code: 'EPERM' }), target).message).toBe('Not permitted: 812 belongs to root');
    expect(translateKillError(Object.assign(new Error('x'), { code: 'ESRCH' }), target).message).toBe('812 (bash) had already exited');
    expect(translateKillError(Object.assign(new Error('boom'), { code: 'EINVAL' }), target)).toMatchObject({ code: 'failed' });
  });

  it('offers only Terminate and Kill on Windows', () => {
    for (const s of ['SIGSTOP', 'SIGCONT', 'SIGINT'] as const) expect(unsupportedReason(s, 'win32')).toContain('not available on Windows');
    for (const s of ['SIGTERM', 'SIGKILL'] as const) expect(unsupportedReason(s, 'win32')).toBeNull();
    expect(unsupportedReason('SIGSTOP', 'linux')).toBeNull();
  });
});
