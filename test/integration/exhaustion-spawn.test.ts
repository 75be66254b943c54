// When the OS says no: web mode in a cgroup at its pids.max (EAGAIN, as systemd's TasksMax or a
// container's limit do to users) and with a low fd limit (EMFILE). A lesson and a playground run
// get an error that names the reason, web mode answers the next request, a failed watchdog start
// is retried (no run starts unsupervised) and the run started after it still ends when web mode is
// SIGKILLed; sampling that hits EMFILE keeps the last snapshot, says so, and recovers by itself.
// Linux and root (CI runs as root): see test/support/pids-cgroup.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/process.js';
import { createPidsCgroup, type PidsCgroup } from '../support/pids-cgroup.js';
import { pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';
import { connectApi, startReapedWebApp, type ReapedWebApp } from '../support/reaped-web-app.js';

const EAGAIN = /EAGAIN: the system refused a new process — too many processes for this user or cgroup/;
const EMFILE = /EMFILE: too many open files/;

let app: ReapedWebApp | null = null;
let cgroup: PidsCgroup | null = null;
let mark = '';

afterEach(async () => {
  cgroup?.allowMore(1000);
  await app?.stop('SIGKILL');
  app = null;
  // The watchdog ends what web mode started; anything left is ended here so no test leaks.
  await until(() => pidsWithEnv(TEST_MARK_ENV, mark).length === 0, 3000);
  for (const pid of pidsWithEnv(TEST_MARK_ENV, mark)) process.kill(pid, 'SIGKILL');
  if (cgroup) {
    const group = cgroup;
    cgroup = null;
    // Tasks leave a cgroup as they are reaped: retry briefly.
    const end = performance.now() + 3000;
    for (;;) {
      try {
        group.remove();
        break;
      } catch (err) {
        if (performance.now() > end) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
});

const errorOf = (res: Record<string, unknown>): string => (res.ok ? '' : ((res.error as { message: string }).message ?? ''));

describe('web mode when the system refuses a new process (cgroup pids.max)', () => {
  it('answers a lesson and a playground run with EAGAIN, goes on serving, retries the watchdog, and a later run still ends after SIGKILL', async () => {
    mark = `pids-${process.pid}-${Date.now()}`;
    app = await startReapedWebApp({ env: { [TEST_MARK_ENV]: mark } });
    const api = await connectApi(app);
    expect((await api.call('lesson.list')).ok).toBe(true);

    cgroup = createPidsCgroup(`procplay-test-${process.pid}-${Date.now()}`);
    cgroup.add(app.pid);
    cgroup.allowMore(0); // not one more process or thread

    // The first playground run needs the watchdog first: its start fails, and the run is refused.
    const first = await api.call('playground.run', { command: 'sleep 100' });
    expect(first.ok).toBe(false);
    expect(errorOf(first)).toMatch(/nothing was started: the watchdog .* could not be started/);
    expect(errorOf(first)).toMatch(EAGAIN);

    const lesson = await api.call('lesson.run', { lessonId: 'pid-ppid' });
    expect(lesson.ok).toBe(false);
    expect(errorOf(lesson)).toMatch(/could not start the lesson program: /);
    expect(errorOf(lesson)).toMatch(EAGAIN);

    // Still serving.
    expect((await api.call('snapshot.get')).ok).toBe(true);
    expect((await api.call('lesson.runs')).result).toEqual([]);

    // Room again: the watchdog start is retried and the run starts, supervised.
    cgroup.allowMore(60);
    const second = await api.call('playground.run', { command: 'sleep 100' });
    expect(errorOf(second)).toBe('');
    const runPid = (second.result as { pid: number }).pid;

    // No room for the program itself (the watchdog runs now): the reason is named. The limit is
    // set once the second run's start-up is over: strace's short-lived middle process (-DD) ending
    // after it was set would free a place for the third run (CI).
    const group = cgroup;
    let counts: number[] = [];
    expect(
      await until(() => {
        counts = [...counts, group.current()].slice(-3);
        return counts.length === 3 && counts.every((n) => n === counts[0]);
      }, 5000, 100),
    ).toBe(true);
    cgroup.allowMore(0);
    const third = await api.call('playground.run', { command: 'sleep 100' });
    expect(third.ok).toBe(false);
    expect(errorOf(third)).toMatch(/could not start \/bin\/sh -c \(\/bin\/sh\): EAGAIN/);
    expect(errorOf(third)).toMatch(/nothing was started/);
    expect((await api.call('playground.runs')).ok).toBe(true);

    // The run started after the failed watchdog start is supervised: SIGKILL of web mode ends it.
    cgroup.allowMore(60);
    expect(pidsWithEnv(TEST_MARK_ENV, mark)).toContain(runPid);
    api.close();
    process.kill(app.pid, 'SIGKILL');
    expect(await until(() => !pidsWithEnv(TEST_MARK_ENV, mark).includes(runPid), 2000)).toBe(true);
  });
});

describe('web mode out of file descriptors (ulimit -n)', () => {
  it('answers runs with EMFILE, keeps and flags the last snapshot while sampling fails, and recovers by itself', async () => {
    mark = `nofile-${process.pid}-${Date.now()}`;
    // 128: room for Node to load web mode's modules (its ESM loader reads them concurrently; at 64
    // that alone can fail on a fast machine), a quarter kept by the sampler, and few enough left
    // that a handful of runs reach the limit before the cap of 16.
    app = await startReapedWebApp({ env: { [TEST_MARK_ENV]: mark }, limits: 'ulimit -n 128' });
    const api = await connectApi(app);
    const snapshots = () => api.events.filter((e) => e.event === 'snapshot').map((e) => e.data as Snapshot);
    expect(await until(() => snapshots().some((s) => !s.samplingError), 10_000)).toBe(true);

    // Playground runs hold three pipes each: start them until the fd limit says no.
    const runs: string[] = [];
    let refusal = '';
    for (let i = 0; i < 16 && !refusal; i++) {
      const res = await api.call('playground.run', { command: 'sleep 100' });
      if (res.ok) runs.push((res.result as { runId: string }).runId);
      else refusal = errorOf(res);
    }
    expect(refusal).toMatch(/could not start \/bin\/sh -c \(\/bin\/sh\): /);
    expect(refusal).toMatch(EMFILE);
    const lesson = await api.call('lesson.run', { lessonId: 'pid-ppid' });
    expect(errorOf(lesson)).toMatch(EMFILE);
    expect((await api.call('lesson.list')).ok).toBe(true);

    // Take the last descriptors with idle connections: sampling cannot open /proc any more.
    const extra: Awaited<ReturnType<typeof connectApi>>[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        extra.push(await connectApi(app));
      } catch {
        break; // refused: the limit is reached
      }
    }
    const flagged = await until(() => snapshots().some((s) => s.samplingError && EMFILE.test(s.samplingError.message)), 10_000);
    const last = snapshots().at(-1)!;
    for (const c of extra) c.close();
    expect(flagged).toBe(true);
    expect(last.processes.length).toBeGreaterThan(0); // the last good snapshot, kept

    // Descriptors free again: live snapshots resume without being asked.
    for (const runId of runs) await api.call('playground.stop', { runId });
    const seen = snapshots().length;
    expect(await until(() => snapshots().slice(seen).some((s) => !s.samplingError), 10_000)).toBe(true);
    expect((await api.call('playground.run', { command: 'true' })).ok).toBe(true);
    api.close();
  });
});
