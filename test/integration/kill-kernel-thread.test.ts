// A kernel thread ignores signals (kill() "succeeds" and nothing happens): the kill service
// refuses it with the reason instead of reporting a kill that did not happen.
import { describe, expect, it } from 'vitest';
import { createKillService } from '../../main/kill/kill-service.js';
import { protectedPids } from '../../main/kill/protected-pids.js';
import { createSampler } from '../../main/processes/create-sampler.js';

describe('killing a kernel thread (Linux)', () => {
  it('is refused with the reason, and no signal is sent', async () => {
    const sampler = createSampler();
    const list = (await sampler.sample()).processes;
    sampler.close?.();
    const kthread = list.find((p) => p.kernelThread && p.pid !== 1);
    // Linux shows kernel threads (kthreadd, kworkers) in /proc; this machine has them.
    expect(kthread, 'a kernel thread in /proc').toBeDefined();
    const sent: number[] = [];
    const service = createKillService({
      listProcesses: async () => list,
      protectedPids: () => protectedPids([process.pid]),
      startedByApp: () => false,
      kill: (pid) => {
        sent.push(pid);
      },
      treeKill: async (pid) => {
        sent.push(pid);
      },
    });
    const result = await service.kill({ pid: kthread!.pid, signal: 'SIGKILL' });
    expect(result).toMatchObject({ ok: false, code: 'refused' });
    expect(result.message).toBe(`Refused: ${kthread!.pid} (${kthread!.name}) is a kernel thread: it belongs to the kernel, and signals do not end it`);
    const preview = await service.preview({ pid: kthread!.pid, tree: true });
    expect(preview.refusal).toMatch(/is a kernel thread/);
    expect(sent).toEqual([]);
  });
});
