// The watchdog's sweep against real processes: a scanned process is signalled only while its pid
// still names the process the scan read (pinned to its start time); a record whose start time no
// longer matches, as after the pid was freed and reused, is refused and the process is untouched.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessHandle } from '../../main/processes/process-handle.js';
import { OWNER_ENV } from '../../main/supervision/owner-marker.js';
import { scanProcesses, type ScannedProc } from '../../main/supervision/proc-scan.js';
import { planSweep, signalPlan, type SweepTarget } from '../../main/supervision/sweep.js';
import { alive } from '../support/marked-processes.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const exited = (c: ChildProcess) => new Promise<NodeJS.Signals | null>((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.signalCode) : c.once('exit', (_code, signal) => r(signal))));

/** A sleeper carrying a token of this test's owner, as a run's process would. */
function markedSleeper(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore', env: { ...process.env, [OWNER_ENV]: `o.${process.pid}/run1` } });
  started.push(child);
  return child;
}

const target: SweepTarget = { groups: [], tokens: new Set(), prefixes: [`o.${process.pid}/`] };

function scannedRecord(pid: number): ScannedProc {
  const record = scanProcesses().find((p) => p.pid === pid);
  if (!record) throw new Error(`the scan did not list ${pid}`);
  return record;
}

describe('sweep (Linux)', () => {
  it('does not signal a scanned pid whose start time no longer matches; signals the one scanned', async () => {
    const child = markedSleeper();
    // One scan (a second or more on a machine with ten thousand processes): the record as the watchdog reads it.
    const record = scannedRecord(child.pid!);
    expect(record.tokens).toEqual([`o.${process.pid}/run1`]);
    expect(record.startTime).toBe(ProcessHandle.now(child.pid!)!.startTime);
    // The same pid with another start time: what the scan would hold had the pid been reused since.
    const stale = planSweep([{ ...record, startTime: record.startTime - 10_000 }], target);
    expect(stale.procs.map((p) => p.pid)).toEqual([child.pid]); // planned: it carries the token
    expect(signalPlan(stale, 'SIGKILL')).toBe(0);
    expect(alive(child.pid!)).toBe(true);
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();

    expect(signalPlan(planSweep([record], target), 'SIGTERM')).toBe(1);
    expect(await exited(child)).toBe('SIGTERM');
  });
});
