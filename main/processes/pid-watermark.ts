// Whether any process can have been created since the last listing, from one cheap read: the
// last field of /proc/loadavg is the pid the kernel handed out last in our pid namespace. Every
// new task (process or thread) takes the next pid, so an unchanged value means no process was
// born, and the listing may reuse the previous readdir of /proc (whose cost grows with the
// process count: about a fifth of a tick's reads) instead of reading the directory again.
// Processes that ended are still noticed (their stat read fails), and an exec shows in stat.
// Limits: only valid when /proc is our own pid namespace's (checked: /proc/self is our pid); a
// pid counter wrapped exactly onto the same value within one tick, or set back through
// /proc/sys/kernel/ns_last_pid (checkpoint/restore tools), would hide a new process until the
// next pid is handed out.
import fs from 'node:fs';
import { KeptFile } from './proc-reader.js';

/** The last pid of a /proc/loadavg text ("0.00 0.01 0.05 1/123 4567"), or null. Pure. */
export function parseLastPid(text: string): number | null {
  const m = /\s(\d+)\s*$/.exec(text);
  return m ? Number(m[1]) : null;
}

export class PidWatermark {
  private readonly loadavg: KeptFile;
  private last: number | null = null;
  /** False when /proc is not our pid namespace's (a container's view): every listing reads the directory. */
  readonly usable: boolean;

  constructor(procRoot = '/proc') {
    this.loadavg = new KeptFile(`${procRoot}/loadavg`);
    let ours: boolean;
    try {
      ours = fs.readlinkSync(`${procRoot}/self`) === String(process.pid);
    } catch {
      ours = false;
    }
    this.usable = ours;
  }

  /**
   * True when no pid has been handed out since the previous call that returned (true or false);
   * the first call, and any failed read, say false (read the directory).
   */
  unchanged(): boolean {
    if (!this.usable) return false;
    this.loadavg.changed();
    const text = this.loadavg.text();
    const now = text === null ? null : parseLastPid(text);
    const same = now !== null && now === this.last;
    this.last = now;
    return same;
  }

  close(): void {
    this.loadavg.close();
    this.last = null;
  }
}
