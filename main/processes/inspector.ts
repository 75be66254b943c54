// The inspector behind process.inspect and `procplay inspect`: validates the pid, picks the
// Linux (/proc) or portable (ps + lsof) reader, and keeps the previous reading of the one process
// last inspected, so the next inspection gives per-second I/O and per-thread CPU.
import type { InspectResult } from '../../shared/inspect.js';
import { PID_MAX, type ProcInfo } from '../../shared/process.js';
import { type InspectMemo, inspectLinux } from './inspect-linux.js';
import { inspectPortable } from './inspect-portable.js';
import { START_TIME_TOLERANCE_MS } from './portable.js';

export interface InspectorOptions {
  adapter: 'linux' | 'portable';
  /** A listing (the sampler's), needed by the portable reader to find the process. */
  listProcesses(): Promise<ProcInfo[]>;
  platform?: NodeJS.Platform;
}

export interface Inspector {
  inspect(params: { pid: unknown; startTime?: number }): Promise<InspectResult>;
}

/** A pid from JSON or CLI text, or the message saying why it is not one. */
export function toPid(value: unknown): number | string {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > PID_MAX) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : String(value);
    return `Invalid pid ${shown}: a pid is a whole number from 1 to ${PID_MAX}`;
  }
  return n;
}

export function createInspector(opts: InspectorOptions): Inspector {
  let memo: InspectMemo | null = null;
  return {
    async inspect({ pid: raw, startTime }) {
      const pid = toPid(raw);
      if (typeof pid === 'string') return { ok: false, code: 'invalid', message: pid };
      if (opts.adapter === 'linux') {
        const r = inspectLinux(pid, { startTime, memo });
        if (r.memo) memo = r.memo;
        return r.result;
      }
      const proc = (await opts.listProcesses()).find((p) => p.pid === pid);
      if (!proc) return { ok: false, code: 'exited', message: `No process ${pid}: it has exited` };
      if (startTime !== undefined && Math.abs(proc.startTime - startTime) > START_TIME_TOLERANCE_MS) {
        return { ok: false, code: 'mismatch', message: `Process ${pid} is not the one selected: its pid was reused by a newer process` };
      }
      return { ok: true, report: await inspectPortable(proc, opts.platform) };
    },
  };
}
