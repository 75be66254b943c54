import { describe, expect, it } from 'vitest';
import type { KillPreview } from '../../shared/api.js';
import { signalLessonProcess } from '../../renderer/src/lessons/lesson-signal.js';
import { proc } from './renderer-fixtures.js';

function fakeApi(preview: KillPreview) {
  const calls: { method: string; params: unknown }[] = [];
  const api = {
    call: (method: string, params: unknown) => {
      calls.push({ method, params });
      if (method === 'process.killPreview') return Promise.resolve(preview);
      return Promise.resolve({ ok: true, code: 'signalled', message: 'sent', pids: [42] });
    },
  };
  return { api: api as never, calls };
}

describe('signals from the lesson panels (no confirmation dialog)', () => {
  it('signals a process the lesson started, pinned to the start time the preview saw', async () => {
    const { api, calls } = fakeApi({ process: proc(42, 1), descendants: 0, startedByApp: true, refusal: null });
    await expect(signalLessonProcess(api, 42, null, 'SIGSTOP', 'not ours')).resolves.toMatchObject({ ok: true });
    expect(calls).toEqual([
      { method: 'process.killPreview', params: { pid: 42 } },
      { method: 'process.kill', params: { pid: 42, startTime: proc(42, 1).startTime, signal: 'SIGSTOP' } },
    ]);
  });

  it('never signals a process the app did not start (a reused or wrong pid)', async () => {
    const { api, calls } = fakeApi({ process: proc(42, 1), descendants: 0, startedByApp: false, refusal: null });
    await expect(signalLessonProcess(api, 42, 123, 'SIGKILL', 'not ours')).resolves.toEqual({ ok: false, message: 'not ours' });
    expect(calls.map((c) => c.method)).toEqual(['process.killPreview']);
    expect(calls[0]!.params).toEqual({ pid: 42, startTime: 123 });
  });

  it('reports a refusal without signalling', async () => {
    const { api, calls } = fakeApi({ process: null, descendants: 0, startedByApp: false, refusal: 'Process 42 has exited' });
    await expect(signalLessonProcess(api, 42, 123, 'SIGCONT', 'not ours')).resolves.toEqual({ ok: false, message: 'Process 42 has exited' });
    expect(calls).toHaveLength(1);
  });
});
