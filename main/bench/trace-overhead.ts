// What exact events cost: (1) a fork+exit loop of N children (python3: os.fork, os._exit, waitpid),
// timed inside the program so interpreter start-up is left out, run plain and under the run
// tracer (strace -f --seccomp-bpf, its output parsed live), interleaved; (2) the strace parser's
// throughput on synthetic strace lines in the tracer's own format.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { findProgram } from '../playground/command-check.js';
import { StraceEvents } from '../trace/strace-events.js';
import { findStrace } from '../trace/strace-command.js';
import { preciseNowMs, startRunTrace } from '../trace/run-trace.js';
import { median, round1 } from './stats.js';

const LOOP = (n: number) =>
  [
    'import os, time',
    't0 = time.perf_counter()',
    `for _ in range(${n}):`,
    '    pid = os.fork()',
    '    if pid == 0:',
    '        os._exit(0)',
    '    os.waitpid(pid, 0)',
    'print((time.perf_counter() - t0) * 1000)',
  ].join('\n');

/** Runs the loop once; its own timing in ms, and the events the tracer delivered (traced runs). */
async function runLoop(python: string, n: number, traced: boolean): Promise<{ loopMs: number; events: number }> {
  let events = 0;
  const trace = startRunTrace({ enabled: traced, onEvents: (batch: LifecycleEvent[]) => (events += batch.length) });
  if (traced && !trace.source.exact) throw new Error(`cannot trace: ${trace.source.reason}`);
  const launch = trace.launch(python, ['-c', LOOP(n)], process.env);
  const epoch = preciseNowMs();
  const child = spawn(launch.file, launch.args, { env: launch.env, stdio: ['ignore', 'pipe', 'inherit'] });
  trace.started(child.pid!, epoch);
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  trace.rootExited();
  await trace.done;
  if (code !== 0) throw new Error(`the fork loop failed (exit ${code})`);
  return { loopMs: Number(out.trim()), events };
}

/** Synthetic strace output: `n` children forked, exec'd, exited and reaped by one shell, in the tracer's line format. */
export function syntheticStrace(n: number): string {
  const lines: string[] = [];
  let t = 1796034117.758541;
  const stamp = () => {
    t += 0.000213;
    return `${t.toFixed(6)} (+     0.000213000)`;
  };
  lines.push(`1000  ${stamp()} execve("/bin/sh", ["/bin/sh", "-c", "for i in $(seq ${n}); do /bin/true; done"], 0x7ffe439deb68 /* 39 vars */) = 0`);
  for (let i = 0; i < n; i++) {
    const pid = 2000 + i;
    lines.push(`1000  ${stamp()} vfork( <unfinished ...>`);
    lines.push(`${pid}  ${stamp()} execve("/bin/true", ["/bin/true"], 0x5648a40aa158 /* 39 vars */ <unfinished ...>`);
    lines.push(`1000  ${stamp()} <... vfork resumed>) = ${pid}`);
    lines.push(`1000  ${stamp()} wait4(-1,  <unfinished ...>`);
    lines.push(`${pid}  ${stamp()} <... execve resumed>) = 0`);
    lines.push(`${pid}  ${stamp()} exit_group(0)                     = ?`);
    lines.push(`${pid}  ${stamp()} +++ exited with 0 +++`);
    lines.push(`1000  ${stamp()} <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = ${pid}`);
    lines.push(`1000  ${stamp()} --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=${pid}, si_uid=0, si_status=0, si_utime=0, si_stime=0} ---`);
    lines.push(`1000  ${stamp()} wait4(-1, 0x7ffe3b233cfc, WNOHANG, NULL) = -1 ECHILD (No child processes)`);
  }
  lines.push(`1000  ${stamp()} exit_group(0)                     = ?`);
  lines.push(`1000  ${stamp()} +++ exited with 0 +++`);
  return lines.join('\n') + '\n';
}

/**
 * The parser's speed in events per second of its own CPU time (process.cpuUsage), so a machine
 * busy with other work does not count against it; wall-clock ms is given too.
 */
export function measureParser(n = 20_000): { lines: number; events: number; ms: number; cpuMs: number; eventsPerSecond: number; linesPerSecond: number } {
  const text = syntheticStrace(n);
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 64 * 1024) chunks.push(text.slice(i, i + 64 * 1024));
  const parser = new StraceEvents({ rootPid: 1000, rootPpid: 1 });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let events = 0;
  for (const c of chunks) events += parser.push(c).length;
  events += parser.end().length;
  const cpu = process.cpuUsage(cpu0);
  const ms = performance.now() - t0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    lines: parser.lines,
    events,
    ms: round1(ms),
    cpuMs: round1(cpuMs),
    eventsPerSecond: Math.round(events / (cpuMs / 1000)),
    linesPerSecond: Math.round(parser.lines / (cpuMs / 1000)),
  };
}

export interface TraceOverhead {
  children: number;
  rounds: number;
  plainMs: number;
  tracedMs: number;
  plainPerChildMs: number;
  tracedPerChildMs: number;
  slowdown: number;
  eventsPerTracedRun: number;
}

export async function measureTraceOverhead(children = 1000, rounds = 3): Promise<TraceOverhead | { skipped: string }> {
  if (!findStrace()) return { skipped: 'strace is not installed' };
  const python = findProgram('python3', { cwd: process.cwd(), pathEnv: process.env.PATH });
  if (!python) return { skipped: 'python3 is not installed' };
  const plain: number[] = [];
  const traced: number[] = [];
  let events = 0;
  for (let r = 0; r < rounds; r++) {
    plain.push((await runLoop(python, children, false)).loopMs);
    const t = await runLoop(python, children, true);
    traced.push(t.loopMs);
    events = t.events;
  }
  const p = median(plain);
  const t = median(traced);
  return {
    children,
    rounds,
    plainMs: round1(p),
    tracedMs: round1(t),
    plainPerChildMs: Math.round((p / children) * 1000) / 1000,
    tracedPerChildMs: Math.round((t / children) * 1000) / 1000,
    slowdown: round1(t / p),
    eventsPerTracedRun: events,
  };
}
