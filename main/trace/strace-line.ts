// One line of `strace -f -ttt [-r]` output, taken apart. Pure: no I/O. The lines this must read
// (as strace 6.1 prints them) look like:
//   27493 1796033933.629977 (+     0.000012133) vfork( <unfinished ...>
//   27493 1796033933.638607 <... vfork resumed>) = 27495
//   27495 1796033933.637774 execve("/bin/true", ["/bin/true"], 0x55ac /* 39 vars */) = 0
//   27495 1796033933.654736 +++ exited with 0 +++
//   27498 1796033933.680909 +++ killed by SIGTERM +++
//   27498 1796033933.680248 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=27493, si_uid=0} ---

export type StraceBody =
  /** A whole call: `name(args) = ret`. `ret` is null for `= ?` (the call never returned: exit_group, a killed process). */
  | { kind: 'call'; name: string; args: string; ret: number | null; tail: string }
  /** A call that another process's line interrupted: `name(args <unfinished ...>`. */
  | { kind: 'unfinished'; name: string; args: string }
  /** The rest of an unfinished call: `<... name resumed>args) = ret`. */
  | { kind: 'resumed'; name: string; args: string; ret: number | null; tail: string }
  /** A thread's execve that made it the thread group leader: `execve(... <pid changed to N ...>`. */
  | { kind: 'pid-changed'; name: string; args: string; newPid: number }
  | { kind: 'exited'; code: number }
  | { kind: 'killed'; signal: string; core: boolean }
  /** `+++ superseded by execve in pid N +++`: the old leader's tid is gone, thread N took over the process. */
  | { kind: 'superseded'; by: number }
  /** A signal delivered: `--- SIGTERM {si_signo=…, si_code=SI_USER, si_pid=…} ---`. */
  | { kind: 'signal'; signal: string; code: string | null; senderPid: number | null }
  /** Lines of no interest (group-stop notices, strace's own remarks). */
  | { kind: 'other'; text: string };

export interface StraceLine {
  /** The thread id strace prints (equal to the pid for a process's main thread); null when strace printed none. */
  tid: number | null;
  /** Absolute timestamp in seconds (-ttt), or null. */
  abs: number | null;
  /** Relative timestamp in seconds since the previous line (-r, from CLOCK_MONOTONIC), or null. */
  rel: number | null;
  body: StraceBody;
}

const HEAD = /^(?:(\d+)\s+)?(?:(\d+\.\d+)\s+)?(?:\(\+\s*(\d+\.\d+)\)\s+)?/;
const RESULT = /^(.*)\)\s+=\s+(\?|-?\d+|0x[0-9a-fA-F]+)(?:\s+(.*))?$/s;

function parseRet(s: string): number | null {
  if (s === '?') return null;
  return s.startsWith('0x') ? parseInt(s, 16) : Number(s);
}

/** Parses one line; null for an empty or unreadable one. */
export function parseStraceLine(line: string): StraceLine | null {
  if (!line) return null;
  const head = HEAD.exec(line)!;
  const tid = head[1] !== undefined ? Number(head[1]) : null;
  const abs = head[2] !== undefined ? Number(head[2]) : null;
  const rel = head[3] !== undefined ? Number(head[3]) : null;
  const rest = line.slice(head[0].length);
  const body = parseBody(rest);
  if (!body) return null;
  return { tid, abs, rel, body };
}

function parseBody(rest: string): StraceBody | null {
  if (!rest) return null;
  if (rest.startsWith('+++ ')) {
    let m = /^\+\+\+ exited with (\d+) \+\+\+/.exec(rest);
    if (m) return { kind: 'exited', code: Number(m[1]) };
    m = /^\+\+\+ killed by (SIG[A-Z0-9+]+|\d+)( \(core dumped\))? \+\+\+/.exec(rest);
    if (m) return { kind: 'killed', signal: m[1]!, core: !!m[2] };
    m = /^\+\+\+ superseded by execve in pid (\d+) \+\+\+/.exec(rest);
    if (m) return { kind: 'superseded', by: Number(m[1]) };
    return { kind: 'other', text: rest };
  }
  if (rest.startsWith('--- ')) {
    const m = /^--- (SIG[A-Z0-9+]+) \{(.*)\} ---/.exec(rest);
    if (!m) return { kind: 'other', text: rest };
    const info = m[2]!;
    const code = /si_code=([A-Z_]+)/.exec(info)?.[1] ?? null;
    const sender = /si_pid=(\d+)/.exec(info);
    return { kind: 'signal', signal: m[1]!, code, senderPid: sender ? Number(sender[1]) : null };
  }
  if (rest.startsWith('<... ')) {
    const m = /^<\.\.\. ([a-z0-9_]+) resumed>(.*)$/s.exec(rest);
    if (!m) return { kind: 'other', text: rest };
    const r = RESULT.exec(m[2]!);
    if (!r) return { kind: 'other', text: rest }; // "<... wait4 resumed> <unfinished ...>) = ?" and the like
    return { kind: 'resumed', name: m[1]!, args: r[1]!, ret: parseRet(r[2]!), tail: r[3] ?? '' };
  }
  const nameMatch = /^([a-z0-9_]+)\(/.exec(rest);
  if (!nameMatch) return { kind: 'other', text: rest };
  const name = nameMatch[1]!;
  const after = rest.slice(nameMatch[0].length);
  const changed = /^(.*?)\s*<pid changed to (\d+) \.\.\.>$/s.exec(after);
  if (changed) return { kind: 'pid-changed', name, args: changed[1]!, newPid: Number(changed[2]) };
  if (after.endsWith('<unfinished ...>')) return { kind: 'unfinished', name, args: after.slice(0, -'<unfinished ...>'.length).trimEnd() };
  const r = RESULT.exec(after);
  if (!r) return { kind: 'other', text: rest };
  return { kind: 'call', name, args: r[1]!, ret: parseRet(r[2]!), tail: r[3] ?? '' };
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, a: 7, b: 8, '\\': 92, '"': 34, "'": 39 };

/**
 * Reads a C string as strace prints it (quotes, backslash escapes, \xHH and octal bytes) starting
 * at `s[i] === '"'`. `truncated`: strace cut it (`"..."...` past -s characters).
 */
export function readCString(s: string, i: number): { value: string; end: number; truncated: boolean } | null {
  if (s[i] !== '"') return null;
  const bytes: number[] = [];
  let j = i + 1;
  for (; j < s.length; j++) {
    const c = s[j]!;
    if (c === '"') break;
    if (c !== '\\') {
      const code = c.charCodeAt(0);
      if (code < 0x80) bytes.push(code);
      else bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const e = s[++j];
    if (e === undefined) return null;
    if (e === 'x') {
      bytes.push(parseInt(s.slice(j + 1, j + 3), 16));
      j += 2;
    } else if (e >= '0' && e <= '7') {
      let k = j;
      while (k < j + 3 && s[k]! >= '0' && s[k]! <= '7') k++;
      bytes.push(parseInt(s.slice(j, k), 8) & 0xff);
      j = k - 1;
    } else bytes.push(SIMPLE_ESCAPES[e] ?? e.charCodeAt(0));
  }
  if (j >= s.length) return null;
  let end = j + 1;
  let truncated = false;
  if (s.startsWith('...', end)) {
    truncated = true;
    end += 3;
  }
  return { value: Buffer.from(bytes).toString('utf8'), end, truncated };
}

/** Reads `["a", "b", ...]` at s[i] === '['; a trailing `...` (more elements than strace prints) sets `truncated`. */
export function readStringArray(s: string, i: number): { values: string[]; end: number; truncated: boolean } | null {
  if (s[i] !== '[') return null;
  const values: string[] = [];
  let truncated = false;
  let j = i + 1;
  for (;;) {
    while (s[j] === ' ' || s[j] === ',') j++;
    if (s[j] === ']') return { values, end: j + 1, truncated };
    if (s.startsWith('...', j)) {
      truncated = true;
      j += 3;
      continue;
    }
    const str = readCString(s, j);
    if (!str) return null;
    if (str.truncated) truncated = true;
    values.push(str.value);
    j = str.end;
  }
}

/** The program and argv of an execve/execveat call's arguments. */
export function execArgs(name: string, args: string): { file: string; argv: string[] } | null {
  let i = 0;
  if (name === 'execveat') {
    const comma = args.indexOf(', ');
    if (comma < 0) return null;
    i = comma + 2;
  }
  const file = readCString(args, i);
  if (!file) return null;
  let j = file.end;
  while (args[j] === ',' || args[j] === ' ') j++;
  const argv = readStringArray(args, j);
  return { file: file.value, argv: argv ? argv.values : [file.value] };
}

/** The base name of a path: what ps shows as the name of a program run from it. */
export function baseName(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash >= 0 ? file.slice(slash + 1) : file;
}

/** `kill(4243, SIGTERM)`, `tkill(4243, SIGUSR1)`, `tgkill(4242, 4243, SIGKILL)`: target and signal, or null for signal 0 (a probe). */
export function killArgs(name: string, args: string): { target: number; tid: number | null; signal: string } | null {
  const parts = args.split(/,\s*/);
  const sig = parts[parts.length - 1]!.trim();
  if (sig === '0' || !sig) return null;
  const signal = /^\d+$/.test(sig) ? `SIG${sig}` : sig;
  if (name === 'tgkill') return { target: Number(parts[0]), tid: Number(parts[1]), signal };
  if (name === 'tkill') return { target: Number(parts[0]), tid: Number(parts[0]), signal };
  return { target: Number(parts[0]), tid: null, signal };
}
