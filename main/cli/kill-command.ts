// `procplay kill [-s SIGNAL | -9 | -KILL | …] [--tree] [--start-time MS] PID...`: the kill button
// from a terminal, through the same kill service (same refusals, same messages) as the UI.
import os from 'node:os';
import { SIGNALS, type SignalName } from '../../shared/api.js';
import { createKillService, type KillService } from '../kill/kill-service.js';
import { protectedPids } from '../kill/protected-pids.js';
import { consoleOutput, type CliOutput } from './output.js';

export const KILL_USAGE = `usage: procplay kill [-s SIGNAL | -9 | -15 | -2 | -19 | -18 | -KILL | -TERM | -INT | -STOP | -CONT] [--tree] [--start-time MS] PID...
  -s SIGNAL        TERM (the default), KILL, INT, STOP or CONT, with or without SIG, or its number
  --tree           signal the process and all its descendants (Kill tree)
  --start-time MS  signal only if the process still has this start time (epoch ms, as procplay ps --json
                   shows it), so a pid reused by another process is left alone; one PID only
  --               everything after it is a PID
Never signalled: pid 0 and below (process groups), pid 1 (init), procplay itself and its ancestors.
Exit status: 0 when every PID was signalled, 1 otherwise, 2 for a usage error.`;

export interface KillArgs {
  signal: SignalName;
  tree: boolean;
  startTime?: number;
  /** As typed: the kill guard validates them, so "abc" gets its own clear refusal. */
  pids: string[];
}

export type ParsedKillArgs = { kind: 'run'; args: KillArgs } | { kind: 'help' } | { kind: 'usage-error'; message: string };

/**
 * A signal given as a name (KILL, SIGKILL, kill) or a number. Numbers are this OS's (SIGSTOP is 19
 * on Linux but 17 on macOS), like kill(1). Returns a usage message for anything else.
 */
export function parseSignal(text: string, numbers: Readonly<Partial<Record<string, number>>> = os.constants.signals): SignalName | string {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    const ours = SIGNALS.find((s) => numbers[s] === n);
    if (ours) return ours;
    const other = Object.keys(numbers).find((s) => numbers[s] === n);
    return other ? `signal ${n} (${other}) is not offered: use one of ${SIGNALS.join(', ')}` : `unknown signal ${n}`;
  }
  const name = text.toUpperCase().replace(/^SIG/, '');
  const ours = SIGNALS.find((s) => s === `SIG${name}`);
  return ours ?? `unknown signal "${text.slice(0, 40)}": use one of ${SIGNALS.join(', ')}`;
}

const isSignalName = (s: string): s is SignalName => (SIGNALS as readonly string[]).includes(s);

/** Pure argument parsing. Anything starting with "-" before "--" is an option, as in kill(1). */
export function parseKillArgs(argv: readonly string[], numbers?: Readonly<Partial<Record<string, number>>>): ParsedKillArgs {
  let signal: SignalName = 'SIGTERM';
  let tree = false;
  let startTime: number | undefined;
  const pids: string[] = [];
  const error = (message: string): ParsedKillArgs => ({ kind: 'usage-error', message });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      pids.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h' || a === '--help') return { kind: 'help' };
    if (a === '--tree') tree = true;
    else if (a === '-s' || a === '--signal') {
      const value = argv[++i];
      if (value === undefined) return error(`${a} needs a signal name`);
      const s = parseSignal(value, numbers);
      if (!isSignalName(s)) return error(s);
      signal = s;
    } else if (a === '--start-time') {
      const value = argv[++i];
      if (value === undefined || !/^\d+$/.test(value)) return error('--start-time needs a start time in epoch milliseconds');
      startTime = Number(value);
    } else if (a.startsWith('-') && a.length > 1) {
      const s = parseSignal(a.slice(1), numbers);
      if (!isSignalName(s)) return error(/^-\d+$/.test(a) || /^-[A-Za-z]+$/.test(a) ? s : `unknown option "${a.slice(0, 40)}"`);
      signal = s;
    } else pids.push(a);
  }
  if (pids.length === 0) return error('no PID given');
  if (startTime !== undefined && pids.length !== 1) return error('--start-time applies to exactly one PID');
  return { kind: 'run', args: { signal, tree, startTime, pids } };
}

/** The kill service as the CLI uses it: a fresh listing from the sampler, nothing started by "the app". */
async function defaultService(): Promise<KillService> {
  const { createSampler } = await import('../processes/create-sampler.js');
  const sampler = createSampler({ adapter: 'auto' });
  return createKillService({
    listProcesses: async () => (await sampler.sample()).processes,
    protectedPids: () => protectedPids([]),
    startedByApp: () => false,
  });
}

export async function runKillCommand(
  argv: string[],
  out: CliOutput = consoleOutput,
  service?: KillService,
): Promise<number> {
  const parsed = parseKillArgs(argv);
  if (parsed.kind === 'help') {
    out.log(KILL_USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    out.error(`procplay kill: ${parsed.message}\n${KILL_USAGE}`);
    return 2;
  }
  const { signal, tree, startTime, pids } = parsed.args;
  const kill = service ?? (await defaultService());
  let allSignalled = true;
  // One at a time, in the order given, so the messages read in the order the user typed the pids.
  for (const pid of pids) {
    const result = await kill.kill({ pid, signal, tree, ...(startTime !== undefined ? { startTime } : {}) });
    if (result.ok) out.log(result.message);
    else {
      allSignalled = false;
      out.error(result.message);
    }
  }
  return allSignalled ? 0 : 1;
}
