// The strace command line that traces a run, and whether strace can be used here at all.
import fs from 'node:fs';
import path from 'node:path';

/**
 * strace 5.3+ (Debian 11 ships 5.10, Debian 12 6.1):
 * -DD: strace runs as the program's grandchild in its own process group, so the spawned pid IS
 *      the program (its parent is the runner, as without tracing) and a Stop that signals the
 *      run's process group does not kill the tracer before it has written the last exits;
 * -f: follow every fork; --seccomp-bpf: the kernel stops the tracee only on the traced calls, so
 *      a program's other system calls run at full speed;
 * -ttt + -r (ns): an absolute stamp to anchor the first line, then CLOCK_MONOTONIC deltas;
 * -q (not -qq: that also hides the `+++ exited with N +++` lines the exits come from);
 * -s 256: argv strings long enough to name a program; -e trace: process calls and signals sent.
 */
export const STRACE_FLAGS: readonly string[] = [
  '-DD',
  '-f',
  '--seccomp-bpf',
  '--absolute-timestamps=format:unix,precision:us',
  '--relative-timestamps=ns',
  '-q',
  '-s',
  '256',
  '-e',
  'trace=%process,kill,tkill,tgkill,wait4,waitid,exit_group',
];

/** Pure: strace's argv to run `file args` with its output to `outPath`. */
export function straceArgs(outPath: string, file: string, args: readonly string[]): string[] {
  return [...STRACE_FLAGS, '-o', outPath, '--', file, ...args];
}

/** Set to "0"/"off" to run without strace (a program that uses ptrace itself, a debugger, cannot be traced). */
export const TRACE_ENV = 'PROCPLAY_TRACE';

export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env[TRACE_ENV] ?? '').trim().toLowerCase();
  return !(v === '0' || v === 'off' || v === 'false' || v === 'no');
}

/** Pure apart from the file checks: the strace executable on PATH, or null. */
export function findStrace(pathEnv: string | undefined = process.env.PATH, platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, 'strace');
    try {
      if (!fs.statSync(file).isFile()) continue;
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}
