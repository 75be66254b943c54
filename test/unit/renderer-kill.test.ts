import { describe, expect, it } from 'vitest';
import type { KillPreview } from '../../shared/api.js';
import type { PlatformCapabilities } from '../../shared/process.js';
import { actionTestId, availability, KILL_ACTIONS, killAction, killFlow } from '../../renderer/src/kill/kill-actions.js';
import { proc } from './renderer-fixtures.js';

const linux: PlatformCapabilities = { platform: 'linux', zombies: true, signals: true, adapter: 'linux-proc' };
const windows: PlatformCapabilities = { platform: 'win32', zombies: false, signals: false, adapter: 'portable' };
const preview = (extra: Partial<KillPreview> = {}): KillPreview => ({ process: proc(5, 1), descendants: 0, startedByApp: false, refusal: null, ...extra });

describe('kill actions', () => {
  it('offers terminate, kill -9, interrupt, stop, continue and kill tree with stable test ids', () => {
    expect(KILL_ACTIONS.map(actionTestId)).toEqual(['kill-SIGTERM', 'kill-SIGKILL', 'kill-SIGINT', 'kill-SIGSTOP', 'kill-SIGCONT', 'kill-tree']);
    expect(killAction('tree')).toMatchObject({ signal: 'SIGKILL', tree: true });
  });

  it('disables stop, continue and interrupt on Windows with the reason, keeps terminate and kill', () => {
    const enabled = (caps: PlatformCapabilities) => KILL_ACTIONS.filter((a) => availability(a, caps, false).enabled).map((a) => a.id);
    expect(enabled(linux)).toEqual(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGSTOP', 'SIGCONT', 'tree']);
    expect(enabled(windows)).toEqual(['SIGTERM', 'SIGKILL', 'tree']);
    expect(availability(killAction('SIGSTOP'), windows, false).reason).toBe('kill.noSignals');
  });

  it('offers no signal to a zombie (it has already exited: its parent must reap it)', () => {
    for (const a of KILL_ACTIONS) expect(availability(a, linux, false, { state: 'Z', kernelThread: false })).toEqual({ enabled: false, reason: 'kill.zombie' });
    for (const a of KILL_ACTIONS) expect(availability(a, linux, false, { state: 'I', kernelThread: true })).toEqual({ enabled: false, reason: 'kill.kernel' });
    expect(availability(killAction('SIGTERM'), linux, false, { state: 'S', kernelThread: false }).enabled).toBe(true);
  });

  it('never offers to signal the app itself', () => {
    for (const a of KILL_ACTIONS) expect(availability(a, linux, true)).toEqual({ enabled: false, reason: 'kill.self' });
  });

  it('confirms processes the app did not start, not those it started, and refuses with the reason', () => {
    expect(killFlow(preview())).toBe('confirm');
    expect(killFlow(preview({ startedByApp: true }))).toBe('direct');
    expect(killFlow(preview({ refusal: "Refused: pid 1 is the system's init" }))).toBe('refused');
    expect(killFlow(preview({ startedByApp: true, refusal: 'gone' }))).toBe('refused');
  });
});
