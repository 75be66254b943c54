// The process handle against real processes: a pid pinned to its start time reads the process's
// facts, acts on it, and refuses (never signals) once the pid names another process or none.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessHandle } from '../../main/processes/process-handle.js';
import { alive, until } from '../support/marked-processes.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

describe('ProcessHandle (Linux)', () => {
  it('reads a live process: its stat, its environment, a marker it carries and one it does not', () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore', env: { ...process.env, HANDLE_MARK: 'yes' } });
    started.push(child);
    const h = ProcessHandle.now(child.pid!)!;
    expect(h.startTime).toBeGreaterThan(0);
    expect(h.identity()).toBe('same');
    expect(h.stat()).toMatchObject({ pid: child.pid, ppid: process.pid });
    expect(h.environ()).toContain('HANDLE_MARK=yes');
    expect(h.carries({ HANDLE_MARK: 'yes' })).toBe(true);
    expect(h.carries({ HANDLE_MARK: 'no' })).toBe(false);
    expect(h.zombieStatus()).toBeNull();
  });

  it('refuses to signal a pid that now names another process, and the process is untouched', () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    started.push(child);
    const real = ProcessHandle.now(child.pid!)!;
    // The same pid as seen with another start time: what a reused pid looks like.
    const stale = new ProcessHandle(child.pid!, real.startTime! - 10_000);
    expect(stale.identity()).toBe('replaced');
    expect(stale.signal('SIGKILL')).toEqual({ ok: false, problem: 'replaced' });
    expect(stale.stat()).toBeNull();
    expect(stale.environ()).toBeNull();
    expect(alive(child.pid!)).toBe(true);
    expect(real.signal('SIGTERM')).toEqual({ ok: true });
  });

  it('says gone once the process has ended and been reaped', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    started.push(child);
    const h = ProcessHandle.now(child.pid!)!;
    expect(h.signal('SIGKILL')).toEqual({ ok: true });
    await exited(child);
    expect(h.identity()).toBe('gone');
    expect(h.signal('SIGTERM')).toEqual({ ok: false, problem: 'gone' });
    expect(ProcessHandle.now(child.pid!)).toBeNull();
  });

  it('reads a zombie’s exit status, and cannot tell whether a zombie carries a marker', async () => {
    // `sleep 5` (after the exec) never waits: its background child stays a zombie once it exits.
    const sh = spawn('sh', ['-c', '(exit 3) & exec sleep 5'], { stdio: 'ignore', env: { ...process.env, HANDLE_MARK: 'yes' } });
    started.push(sh);
    let zombie: ProcessHandle | null = null;
    const found = await until(() => {
      for (const h of childrenOf(sh.pid!)) if (h.stat()?.state === 'Z') zombie = h;
      return zombie !== null;
    }, 5000);
    expect(found).toBe(true);
    expect(zombie!.zombieStatus()).toEqual({ exitCode: 3, signal: null });
    expect(zombie!.carries({ HANDLE_MARK: 'yes' })).toBeNull();
  });

  it('translates what the OS answers: EPERM is denied, ESRCH is gone', () => {
    const eperm = new ProcessHandle(12345, undefined, { kill: () => { throw Object.assign(new Error('nope'), { code: 'EPERM' }); } });
    expect(eperm.signal('SIGTERM')).toMatchObject({ ok: false, problem: 'denied' });
    const esrch = new ProcessHandle(12345, undefined, { kill: () => { throw Object.assign(new Error('gone'), { code: 'ESRCH' }); } });
    expect(esrch.signal('SIGTERM')).toEqual({ ok: false, problem: 'gone' });
    // os.setPriority's errors carry the errno in info.code.
    const renice = new ProcessHandle(12345, undefined).act(() => { throw Object.assign(new Error('A system error occurred'), { code: 'ERR_SYSTEM_ERROR', info: { code: 'EACCES' } }); });
    expect(renice).toMatchObject({ ok: false, problem: 'denied' });
  });
});

/** Handles on the children of a pid, read from /proc/PID/task/PID/children. */
function childrenOf(pid: number): ProcessHandle[] {
  const out: ProcessHandle[] = [];
  for (const p of readChildren(pid)) {
    const h = ProcessHandle.now(p);
    if (h) out.push(h);
  }
  return out;
}

function readChildren(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    return text.trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
