// Safe killing against real processes: each test starts its own children, signals them through the
// kill service (as the UI does) and observes the effect the OS reports: the exit signal, the state
// letter in /proc and in the sampler's next snapshot, and which processes are left. Every test runs
// twice: with the target found in a fresh listing (the CLI), and read by pid with descendants from
// the pid/ppid table (the app: no whole-system sample per click); both keep every refusal.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalName } from '../../shared/api.js';
import type { ProcInfo } from '../../shared/process.js';
import { descendantsOf } from '../../shared/tree.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import { createKillService, type KillServiceContext } from '../../main/kill/kill-service.js';
import { protectedPids } from '../../main/kill/protected-pids.js';
import { readProcStat, readStartTime } from '../../main/processes/process-files.js';
import { exitOf, waitFor } from '../support/child-waits.js';

const started: ChildProcess[] = [];
/** Every pid a test created, children and grandchildren, with the start time that identifies it. */
const createdIdentities: { pid: number; startTime: number }[] = [];

/** Still the same process and not yet dead (a zombie has ended: it only waits to be reaped). */
const isRunning = (id: { pid: number; startTime: number }) => readStartTime(id.pid) === id.startTime && readProcStat(id.pid)?.state !== 'Z';

/** Starts a command and waits until it has exec'd (its comm is the program's, no longer node's). */
async function start(command: string, args: string[], comm: string): Promise<{ child: ChildProcess; pid: number; startTime: number }> {
  const child = spawn(command, args, { stdio: 'ignore' });
  started.push(child);
  const pid = child.pid!;
  await waitFor(`${comm} to start`, () => readProcStat(pid)?.comm === comm);
  const startTime = readStartTime(pid)!;
  createdIdentities.push({ pid, startTime });
  return { child, pid, startTime };
}

const sampler = createSampler();
const list = async (): Promise<ProcInfo[]> => (await sampler.sample()).processes;
const appStarted = new Set<number>();
const LOOKUPS: [string, Partial<KillServiceContext>][] = [
  ['in a fresh listing', {}],
  // As the app: the preview counts descendants in a recent table (the monitor's latest snapshot; here a sample).
  ['by pid', { findProcess: (pid) => sampler.readProcess(pid), recentTable: list }],
];

afterEach(async () => {
  // Whatever a test left, children first through their handles, then any grandchild by identity.
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exitOf(child);
    }
  }
  for (const id of createdIdentities.splice(0)) if (isRunning(id)) process.kill(id.pid, 'SIGKILL');
  appStarted.clear();
});

describe.each(LOOKUPS)('with the target looked up %s', (_how, lookup) => {
  const context = (extra: Partial<KillServiceContext> = {}): KillServiceContext => ({
    listProcesses: list,
    protectedPids: () => protectedPids([]),
    startedByApp: (pid) => appStarted.has(pid),
    ...lookup,
    ...extra,
  });
  const service = createKillService(context());

  async function endsWith(signal: SignalName) {
    const { child, pid, startTime } = await start('sleep', ['30'], 'sleep');
    const exited = exitOf(child);
    const result = await service.kill({ pid, startTime, signal });
    expect((await exited).signal).toBe(signal);
    expect(isRunning({ pid, startTime })).toBe(false);
    return { result, pid };
  }

  describe('signalling a real process (Linux)', () => {
    it('SIGTERM ends the child, which reports SIGTERM as its cause of death', async () => {
      const { result, pid } = await endsWith('SIGTERM');
      expect(result).toEqual({ ok: true, code: 'signalled', message: `Sent SIGTERM to ${pid} (sleep)`, pids: [pid] });
    });

    it('SIGKILL (kill -9) ends the child, which reports SIGKILL', async () => {
      const { result, pid } = await endsWith('SIGKILL');
      expect(result).toEqual({ ok: true, code: 'signalled', message: `Killed ${pid} (sleep) with SIGKILL`, pids: [pid] });
    });

    it('SIGSTOP shows state T in the next snapshot and SIGCONT brings it back', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      const stateInSnapshot = async () => (await list()).find((p) => p.pid === pid)?.state;
      await waitFor('sleep to be sleeping', async () => (await stateInSnapshot()) === 'S');

      const stopped = await service.kill({ pid, startTime, signal: 'SIGSTOP' });
      expect(stopped.message).toBe(`Stopped ${pid} (sleep) with SIGSTOP`);
      await waitFor('state T', () => readProcStat(pid)?.state === 'T');
      expect(await stateInSnapshot()).toBe('T');

      const continued = await service.kill({ pid, startTime, signal: 'SIGCONT' });
      expect(continued.message).toBe(`Continued ${pid} (sleep) with SIGCONT`);
      await waitFor('state S or R', () => ['S', 'R'].includes(readProcStat(pid)?.state ?? ''));
      expect(['S', 'R']).toContain(await stateInSnapshot());
    });

    it('the start time read before signalling is exactly the one the sampler reports', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      expect((await list()).find((p) => p.pid === pid)?.startTime).toBe(startTime);
    });
  });

  describe('Kill tree (Linux)', () => {
    /** sh -> sh -> sleep, three levels; resolves once the sleep has exec'd. */
    async function threeLevels() {
      const top = await start('sh', ['-c', 'sh -c "sleep 30 & wait" & wait'], 'sh');
      let levels: ProcInfo[] = [];
      await waitFor('the sleep two levels down', async () => {
        levels = descendantsOf(top.pid, await list());
        return levels.length === 2 && levels[0].name === 'sh' && levels[1].name === 'sleep' && levels[1].ppid === levels[0].pid;
      });
      createdIdentities.push(...levels);
      return { top, middle: levels[0], bottom: levels[1] };
    }

    it('previews how many descendants it will hit, and ends all three levels with none left', async () => {
      const { top, middle, bottom } = await threeLevels();
      appStarted.add(top.pid);
      expect(await service.preview({ pid: top.pid, startTime: top.startTime, tree: true })).toMatchObject({
        process: { pid: top.pid, name: 'sh' },
        descendants: 2,
        startedByApp: true,
        refusal: null,
      });

      const exited = exitOf(top.child);
      const result = await service.kill({ pid: top.pid, startTime: top.startTime, signal: 'SIGKILL', tree: true });
      expect(result).toMatchObject({ ok: true, code: 'signalled', message: `Killed ${top.pid} (sh) and 2 descendants with SIGKILL` });
      expect([...result.pids].sort((a, b) => a - b)).toEqual([top.pid, middle.pid, bottom.pid].sort((a, b) => a - b));
      // The children may end (SIGKILL) before their parent is reaped, so the top sh may see its child die and exit
      // on its own first: what matters is that it ended, and that nothing of the tree is left.
      await exited;
      await waitFor('every level to end', () => ![top, middle, bottom].some(isRunning));
    });

    it('refuses a tree that holds one of the app own processes, and signals nothing', async () => {
      const { top, middle, bottom } = await threeLevels();
      // With the app's real protected pids, the root is refused as an ancestor of the app.
      const real = createKillService(context({ protectedPids: () => protectedPids([bottom.pid]) }));
      expect((await real.kill({ pid: top.pid, signal: 'SIGKILL', tree: true })).message).toBe(
        `Refused: ${top.pid} is an ancestor of Process Playground (it started the shell that started it)`,
      );
      // Where ancestors are not known (no /proc), the walk of the tree itself still refuses it.
      const selfOnly = createKillService(context({ protectedPids: () => ({ self: new Set([bottom.pid]), ancestors: [] }) }));
      const result = await selfOnly.kill({ pid: top.pid, signal: 'SIGKILL', tree: true });
      expect(result).toMatchObject({ ok: false, code: 'refused', pids: [] });
      expect(result.message).toBe(`Refused: Kill tree of ${top.pid} (sh) would reach ${bottom.pid}, and ${bottom.pid} is Process Playground itself`);
      expect([top, middle, bottom].every(isRunning)).toBe(true);
    });
  });

  describe('identity and permissions (Linux)', () => {
    it('leaves alone a pid whose start time is not the one the user saw (the pid was reused)', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      const result = await service.kill({ pid, startTime: startTime - 10, signal: 'SIGKILL' });
      expect(result).toEqual({ ok: false, code: 'mismatch', message: `${pid} is no longer the process you selected: it ended and the pid was reused`, pids: [] });
      expect(isRunning({ pid, startTime })).toBe(true);
    });

    it('checks identity again right before kill(), after the listing agreed', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      // The listing says "same process"; the last-moment read says it was replaced in between.
      const raced = createKillService(context({ readStartTime: () => startTime + 10 }));
      expect(await raced.kill({ pid, startTime, signal: 'SIGKILL' })).toMatchObject({ ok: false, code: 'mismatch' });
      expect(isRunning({ pid, startTime })).toBe(true);
    });

    it('refuses a thread id: kill(tid) would signal the whole process, here one of the app own', async () => {
      // A node child has several threads; their ids are not listed in /proc, yet kill() accepts them.
      const { child, pid, startTime } = await start(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], 'node');
      let tid = 0;
      await waitFor('a second thread', () => (tid = readdirSync(`/proc/${pid}/task`).map(Number).find((t) => t !== pid) ?? 0) > 0);
      // As if that child were the app itself (or an ancestor of it): its pid is protected, its threads' ids are not.
      // The signal seam records instead of signalling: "nothing was sent" is then a fact, not a wait.
      const sent: unknown[] = [];
      const record = { kill: (p: number, signal: NodeJS.Signals | number) => void sent.push([p, signal]) };
      const asApp = createKillService(context({ ...record, protectedPids: () => ({ self: new Set([pid]), ancestors: [] }) }));
      const plain = createKillService(context(record));
      const message = `Refused: ${tid} is a thread of process ${pid}, not a process: a signal to it would reach all of ${pid}`;
      for (const signal of ['SIGKILL', 'SIGSTOP'] as const) {
        expect(await asApp.kill({ pid: tid, signal })).toEqual({ ok: false, code: 'refused', message, pids: [] });
        expect(await plain.kill({ pid: String(tid), signal })).toEqual({ ok: false, code: 'refused', message, pids: [] });
      }
      expect((await asApp.preview({ pid: tid })).refusal).toBe(message);
      expect(sent).toEqual([]);
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      expect(isRunning({ pid, startTime })).toBe(true);
      expect(readProcStat(pid)?.state).not.toBe('T');
    });

    it('says a process had already exited (ESRCH)', async () => {
      const { child, pid } = await start('sleep', ['30'], 'sleep');
      child.kill('SIGKILL');
      await exitOf(child);
      await waitFor('the pid to be free', () => readProcStat(pid) === null);
      expect(await service.kill({ pid, signal: 'SIGTERM' })).toEqual({ ok: false, code: 'exited', message: `${pid} had already exited`, pids: [] });
      expect((await service.preview({ pid })).refusal).toBe(`${pid} had already exited`);
    });

    it('does not pretend to kill a zombie: it has exited and stays Z until its parent reaps it', async () => {
      // sh starts a short sleep, then becomes a long sleep that never waits: the short one stays a zombie.
      const parent = await start('sh', ['-c', 'sleep 0.01 & exec sleep 30'], 'sleep');
      let zombie: ProcInfo | undefined;
      await waitFor('a zombie child', async () => (zombie = (await list()).find((p) => p.ppid === parent.pid && p.state === 'Z')) !== undefined);
      const result = await service.kill({ pid: zombie!.pid, startTime: zombie!.startTime, signal: 'SIGKILL' });
      expect(result).toMatchObject({ ok: false, code: 'exited', pids: [] });
      expect(result.message).toBe(
        `${zombie!.pid} (sleep) has already exited: it is a zombie until its parent ${parent.pid} collects its exit status, and no signal can reach it`,
      );
      expect(readProcStat(zombie!.pid)?.state).toBe('Z');
      expect(isRunning(parent)).toBe(true);
    });

    it('reports EPERM from the OS as "Not permitted: … belongs to …" (injected: the tests run as root)', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      const eperm = () => {
        throw Object.assign(new Error(`kill EPERM`), { code: 'EPERM', syscall: 'kill' });
      };
      const denied = createKillService(context({ kill: eperm, treeKill: async () => eperm() }));
      for (const tree of [false, true]) {
        expect(await denied.kill({ pid, startTime, signal: 'SIGKILL', tree })).toEqual({
          ok: false, code: 'not-permitted', message: `Not permitted: ${pid} belongs to root`, pids: [],
        });
      }
      expect(isRunning({ pid, startTime })).toBe(true);
    });

    it('as a normal user (nobody), procplay kill -9 on a root process gets a real EPERM and says so', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
      const dir = mkdtempSync(path.join(tmpdir(), 'procplay-kill-'));
      try {
        chmodSync(dir, 0o755);
        const script = path.join(dir, 'as-user.ts');
        writeFileSync(script, `import { runKillCommand } from ${JSON.stringify(path.join(repo, 'main/cli/kill-command.js'))};\n` +
          'runKillCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n');
        chmodSync(script, 0o644);
        // jiti (already installed with vite) runs the TypeScript sources directly in the unprivileged child.
        const jiti = createRequire(import.meta.url).resolve('jiti/package.json').replace(/package\.json$/, 'lib/jiti-cli.mjs');
        const child = spawn(process.execPath, [jiti, script, '-9', String(pid)], {
          uid: 65534, gid: 65534, stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, JITI_FS_CACHE: 'false' }, // leave no transpile cache behind
        });
        started.push(child);
        let stderr = '';
        child.stderr!.on('data', (d) => (stderr += d));
        child.stdout!.resume();
        expect((await exitOf(child)).code).toBe(1);
        expect(stderr.trim()).toBe(`Not permitted: ${pid} belongs to root`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(isRunning({ pid, startTime })).toBe(true);
    });

    it('on Windows, refuses Stop with a reason and leaves the process running', async () => {
      const { pid, startTime } = await start('sleep', ['30'], 'sleep');
      const sent: unknown[] = [];
      const windows = createKillService(context({
        platform: 'win32',
        kill: (p, signal) => void sent.push([p, signal]),
        treeKill: async (p) => void sent.push([p, 'taskkill']),
      }));
      const result = await windows.kill({ pid, startTime, signal: 'SIGSTOP' });
      expect(result).toMatchObject({ ok: false, code: 'unsupported', pids: [] });
      expect(result.message).toContain('SIGSTOP is not available on Windows');
      expect(sent).toEqual([]);
      expect(readProcStat(pid)?.state).not.toBe('T');
    });
  });
});
