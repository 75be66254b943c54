// Parses one line of /proc/PID/stat (see proc(5)). Pure, so the tricky cases (a comm holding
// spaces or parentheses, zombies, kernel threads) are unit-tested without a live process.
// Two parsers: parseProcStat, the sampler's (every process, every tick: it scans only the fields
// it needs, in place), and parseFullStat, every field by number for the readers that run once per
// process (inspector, metrics details, a zombie's exit status). A property test holds them to the
// same answers.

/** The fields of /proc/PID/stat the sampler uses, in the units the kernel gives. */
export interface ProcStat {
  pid: number;
  /** Executable name, at most 15 bytes; may hold spaces and parentheses. */
  comm: string;
  state: string;
  ppid: number;
  /** Process group id (kill(-pgrp) signals the whole group). */
  pgrp: number;
  flags: number;
  /** Set for kernel threads (PF_KTHREAD in flags). */
  kernelThread: boolean;
  utimeTicks: number;
  stimeTicks: number;
  numThreads: number;
  /** The stat priority field, as top's PR shows it: 20 + nice for normal tasks, negative for real-time ones. */
  priority: number;
  nice: number;
  /** Start time, clock ticks since boot. */
  starttimeTicks: number;
  vsizeBytes: number;
  rssPages: number;
  /**
   * Where the stack begins (field 28). Address-space randomization gives each exec a new one, so
   * an exec that keeps the name (python3 starting python3, sh running sh) still shows. 0 where the
   * kernel hides it (another user's process, without root) and for zombies and kernel threads.
   */
  startStack: number;
}

/** PF_KTHREAD from include/linux/sched.h. */
export const PF_KTHREAD = 0x00200000;

// Zero-based positions of the fields after "pid (comm) ", i.e. proc(5) field number minus 3
// (position 0 is the state letter).
const F_PPID = 1;
const F_PGRP = 2;
const F_FLAGS = 6;
const F_UTIME = 11;
const F_STIME = 12;
const F_PRIORITY = 15;
const F_NICE = 16;
const F_NUM_THREADS = 17;
const F_STARTTIME = 19;
const F_VSIZE = 20;
const F_RSS = 21;
const F_STARTSTACK = 25;
const LAST_NEEDED = F_STARTSTACK;

// Reused between calls: every slot read below is written first, so no state leaks across lines.
const scratch = new Float64Array(LAST_NEEDED + 1);

const CH_SPACE = 0x20;
const CH_MINUS = 0x2d;
const CH_0 = 0x30;
const CH_9 = 0x39;

/**
 * Parses a stat line, or returns null if it is malformed. The comm lies between the FIRST '('
 * and the LAST ')': the kernel does not escape it, so "(a) b)" is the comm "a) b".
 * Numbers are scanned in place rather than split, since this runs for every process every tick.
 */
export function parseProcStat(line: string): ProcStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 1 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  if (!Number.isInteger(pid) || pid < 0) return null;
  const comm = line.slice(open + 1, close);

  let i = close + 1;
  const len = line.length;
  while (i < len && line.charCodeAt(i) === CH_SPACE) i++;
  if (i >= len) return null;
  const state = line[i];
  i++;

  // Numeric fields 1..LAST_NEEDED; the state letter is field 0.
  const nums = scratch;
  for (let field = 1; field <= LAST_NEEDED; field++) {
    while (i < len && line.charCodeAt(i) === CH_SPACE) i++;
    if (i >= len) return null;
    let negative = false;
    if (line.charCodeAt(i) === CH_MINUS) {
      negative = true;
      i++;
    }
    let n = 0;
    let digits = 0;
    for (let c = line.charCodeAt(i); i < len && c >= CH_0 && c <= CH_9; c = line.charCodeAt(++i)) {
      n = n * 10 + (c - CH_0);
      digits++;
    }
    if (digits === 0) return null;
    nums[field] = negative ? -n : n;
  }

  const flags = nums[F_FLAGS];
  return {
    pid,
    comm,
    state,
    ppid: nums[F_PPID],
    pgrp: nums[F_PGRP],
    flags,
    // flags is an unsigned 32-bit number; `>>> 0` keeps the test unsigned.
    kernelThread: ((flags & PF_KTHREAD) >>> 0) !== 0,
    utimeTicks: nums[F_UTIME],
    stimeTicks: nums[F_STIME],
    numThreads: nums[F_NUM_THREADS],
    priority: nums[F_PRIORITY],
    nice: nums[F_NICE],
    starttimeTicks: nums[F_STARTTIME],
    vsizeBytes: nums[F_VSIZE],
    rssPages: nums[F_RSS],
    startStack: nums[F_STARTSTACK],
  };
}

/** Every field of /proc/PID/stat by its proc(5) number (1-based: 1 pid, 2 comm, 3 state …). */
export interface FullStat {
  pid: number;
  comm: string;
  state: string;
  /** Field n as a number; NaN past the end of the line (an older kernel) and for 2 and 3 (use comm and state). */
  field(n: number): number;
}

/** Stat field numbers (proc(5)). */
export const STAT = {
  ppid: 4, pgrp: 5, session: 6, ttyNr: 7, flags: 9, minflt: 10, majflt: 12, utime: 14, stime: 15, priority: 18,
  nice: 19, numThreads: 20, starttime: 22, vsize: 23, rss: 24, startstack: 28, rtPriority: 40, policy: 41,
  exitCode: 52,
} as const;

/**
 * Parses a stat line into every field, or returns null if it is malformed or ends before
 * starttime (field 22, which every kernel since 2.6 prints). The comm is taken as parseProcStat
 * takes it: between the FIRST '(' and the LAST ')'.
 */
export function parseFullStat(line: string): FullStat | null {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 1 || close < open) return null;
  const pid = Number(line.slice(0, open).trim());
  if (!Number.isInteger(pid) || pid < 0) return null;
  // rest[0] is field 3 (the state), so field n is rest[n - 3].
  const rest = line.slice(close + 1).trim().split(/\s+/);
  if (rest.length < STAT.starttime - 2) return null;
  return {
    pid,
    comm: line.slice(open + 1, close),
    state: rest[0],
    field: (n) => (n === 1 ? pid : n < 4 ? NaN : Number(rest[n - 3] ?? NaN)),
  };
}
