// A ProcInfo builder shared by the renderer unit tests.
import type { ProcInfo } from '../../shared/process.js';

export const proc = (pid: number, ppid: number, extra: Partial<ProcInfo> = {}): ProcInfo => ({
  pid, ppid, startTime: 1_700_000_000_000 + pid, name: `p${pid}`, command: `/bin/p${pid}`, user: 'alice', uid: 1000,
  state: 'S', cpu: 0, cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false, ...extra,
});
