// A child cgroup with a low pids.max for tests of "the system refused a new process" (EAGAIN):
// systemd's TasksMax and a container's pids.max do this to users. Linux and root only (CI runs as
// root). Uses cgroup v2 where its pids controller is available, else the v1 pids hierarchy.
// Threads count as tasks in both, so limits are set relative to pids.current.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface PidsCgroup {
  dir: string;
  /** Moves a process (all its threads) into the cgroup; its later children are born there. */
  add(pid: number): void;
  /** Tasks (threads) in the cgroup now. */
  current(): number;
  /** Allows `extra` tasks more than there are now (0: no new process or thread at all). */
  allowMore(extra: number): void;
  /** Moves every process left back to the parent cgroup and removes the cgroup. */
  remove(): void;
}

function pidsRoot(): { root: string; parentProcs: string } {
  const v2 = '/sys/fs/cgroup';
  if (existsSync(`${v2}/cgroup.controllers`) && readFileSync(`${v2}/cgroup.controllers`, 'utf8').split(/\s+/).includes('pids')) {
    // Our own v2 group must delegate pids to children: enable it on the group we create under.
    const own = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => l.startsWith('0::'))!.slice(3);
    const parent = path.join(v2, own);
    return { root: parent, parentProcs: path.join(parent, 'cgroup.procs') };
  }
  const v1 = '/sys/fs/cgroup/pids';
  if (existsSync(`${v1}/cgroup.procs`)) {
    const own = readFileSync('/proc/self/cgroup', 'utf8').split('\n').find((l) => /^\d+:pids:/.test(l))?.split(':')[2] ?? '/';
    const parent = path.join(v1, own);
    return { root: parent, parentProcs: path.join(parent, 'cgroup.procs') };
  }
  throw new Error('no cgroup pids controller on this machine (neither cgroup v2 with pids nor /sys/fs/cgroup/pids): these tests need Linux, root and a pids cgroup');
}

export function createPidsCgroup(name: string): PidsCgroup {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) throw new Error('a pids cgroup needs Linux and root (CI runs as root)');
  const { root, parentProcs } = pidsRoot();
  const dir = path.join(root, name);
  mkdirSync(dir);
  const file = (f: string) => path.join(dir, f);
  const current = () => Number(readFileSync(file('pids.current'), 'utf8').trim());
  return {
    dir,
    add(pid) {
      writeFileSync(file('cgroup.procs'), String(pid));
    },
    current,
    allowMore(extra) {
      writeFileSync(file('pids.max'), String(current() + extra));
    },
    remove() {
      writeFileSync(file('pids.max'), 'max');
      for (const pid of readFileSync(file('cgroup.procs'), 'utf8').split('\n').filter(Boolean)) {
        try {
          writeFileSync(parentProcs, pid);
        } catch {
          // ended meanwhile
        }
      }
      rmdirSync(dir);
    },
  };
}
