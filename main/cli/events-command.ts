// `procplay events [--json] [--seconds N]`: every fork, exec and exit on the machine as it
// happens, from the kernel's process connector (netlink), read by a small python3 helper
// (main/trace/proc_connector.py). Like forkstat: it sees the processes that start and end between
// two samples of the monitor. Needs Linux, python3, and on kernels before 6.6 root or CAP_NET_ADMIN.
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { readComm } from '../processes/process-files.js';
import { NO_PRIVILEGE_EXIT, spawnSystemEvents, systemEventsUnavailable } from '../trace/system-events.js';
import type { CliOutput } from './output.js';
import { formatLifecycleEvent } from './run-command.js';

export const EVENTS_USAGE = 'usage: procplay events [--json] [--seconds N]';

export interface ParsedEventsArgs {
  json: boolean;
  seconds: number | null;
  error: string | null;
}

export function parseEventsArgs(argv: readonly string[]): ParsedEventsArgs {
  let json = false;
  let seconds: number | null = null;
  let error: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--seconds' || arg.startsWith('--seconds=')) {
      const v = arg === '--seconds' ? argv[++i] : arg.slice(10);
      const n = Number(v);
      if (v === undefined || !Number.isFinite(n) || n <= 0) error ??= '--seconds needs a positive number';
      else seconds = n;
    } else error ??= `unknown argument "${arg}"`;
  }
  return { json, seconds, error };
}


/** Pure apart from /proc: one event as a terminal line; names of processes started before we listened come from /proc. */
export function formatSystemEvent(event: LifecycleEvent, names: Map<number, string>, comm: (pid: number) => string | null = readComm): string {
  if (event.type === 'fork' && !names.has(event.ppid)) names.set(event.ppid, comm(event.ppid) ?? '?');
  // At exit the kernel's own name (taskstats) beats an exec's "?" read too late from /proc.
  if (event.type === 'exit' && event.name && (names.get(event.pid) ?? '?') === '?') names.set(event.pid, event.name);
  if (event.type === 'exit' && !names.has(event.pid)) names.set(event.pid, comm(event.pid) ?? '?');
  const line = formatLifecycleEvent(event, names);
  const name = 'pid' in event ? names.get(event.pid) : undefined;
  // System-wide there is no reap to forget a pid at: its exit does.
  if (event.type === 'exit') names.delete(event.pid);
  return event.type === 'exit' && name ? `${line} (${name})` : line;
}

export async function runEventsCommand(argv: readonly string[], out: CliOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseEventsArgs(argv);
  if (args.error) {
    out.error(`procplay events: ${args.error}\n${EVENTS_USAGE}`);
    return 2;
  }
  const can = systemEventsUnavailable(env);
  if ('reason' in can) {
    out.error(`procplay events: ${can.reason}`);
    return 1;
  }
  const names = new Map<number, string>();
  const helper = spawnSystemEvents(can.python, {
    env,
    onMessage: (msg) => {
      if (msg.kind === 'ready') {
        out.error(`[procplay] listening to every process's fork, exec and exit (the kernel's process connector)${args.seconds ? ` for ${args.seconds} s` : '; Ctrl+C stops'}`);
      } else if (msg.kind === 'lost') {
        out.error('[procplay] the kernel dropped some events (too many at once)');
      } else out.log(args.json ? JSON.stringify(msg.event) : formatSystemEvent(msg.event, names));
    },
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    helper.stop();
  };
  const timer = args.seconds !== null ? setTimeout(stop, args.seconds * 1000) : null;
  const onSignal = (): void => stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { code, signal, why } = await helper.closed;
    if (stopping && (signal === 'SIGTERM' || code === 0)) return 0;
    if (code === NO_PRIVILEGE_EXIT) {
      out.error(`procplay events: ${why} (try: sudo procplay events)`);
      return 2;
    }
    out.error(`procplay events: ${why}`);
    return 1;
  } finally {
    if (timer) clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
