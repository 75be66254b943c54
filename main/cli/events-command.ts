// `procplay events [--json] [--seconds N]`: every fork, exec and exit on the machine as it
// happens, from the kernel's process connector (netlink), read by a small python3 helper
// (main/trace/proc_connector.py). Like forkstat: it sees the processes that start and end between
// two samples of the monitor. Needs Linux, python3, and on kernels before 6.6 root or CAP_NET_ADMIN.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../shared/asar-path.js';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { projectRootFrom } from '../lessons/paths.js';
import { readComm } from '../processes/process-files.js';
import { findProgram } from '../playground/command-check.js';
import type { CliOutput } from './output.js';
import { formatLifecycleEvent } from './run-command.js';

export const EVENTS_USAGE = 'usage: procplay events [--json] [--seconds N]';

/** The helper, in the source tree (shipped unpacked beside the lesson reaper). */
// python3 opens it: in the packaged app, the unpacked copy beside app.asar (electron-builder.yml).
export const PROC_CONNECTOR_PY = outsideAsar(path.join(projectRootFrom(path.dirname(fileURLToPath(import.meta.url))), 'main', 'trace', 'proc_connector.py'));

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
  if (process.platform !== 'linux') {
    out.error('procplay events: system-wide process events come from the Linux kernel\'s process connector: Linux only');
    return 1;
  }
  const python = findProgram('python3', { cwd: process.cwd(), pathEnv: env.PATH });
  if (!python) {
    out.error('procplay events: needs python3 on the PATH (it reads the kernel\'s netlink socket): `sudo apt install python3`');
    return 1;
  }
  const helper = spawn(python, [PROC_CONNECTOR_PY], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, PYTHONUNBUFFERED: '1' } });
  let stderr = '';
  helper.stderr!.setEncoding('utf8');
  helper.stderr!.on('data', (d: string) => (stderr += d).length > 4096 && (stderr = stderr.slice(-4096)));
  const names = new Map<number, string>();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    helper.kill('SIGTERM');
  };
  const timer = args.seconds !== null ? setTimeout(stop, args.seconds * 1000) : null;
  createInterface({ input: helper.stdout!, crlfDelay: Infinity }).on('line', (line) => {
    let msg: (LifecycleEvent & { ready?: undefined; lost?: undefined }) | { ready: true } | { lost: true };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if ('ready' in msg && msg.ready) {
      out.error(`[procplay] listening to every process's fork, exec and exit (the kernel's process connector)${args.seconds ? ` for ${args.seconds} s` : '; Ctrl+C stops'}`);
      return;
    }
    if ('lost' in msg && msg.lost) {
      out.error('[procplay] the kernel dropped some events (too many at once)');
      return;
    }
    const event = msg as LifecycleEvent;
    // The helper reads an exec's name from /proc when the event arrives: a process already reaped has none.
    if (event.type === 'exec' && typeof event.name !== 'string') event.name = '?';
    out.log(args.json ? JSON.stringify(event) : formatSystemEvent(event, names));
  });
  const onSignal = (): void => stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      helper.on('error', (err) => {
        stderr += err.message;
        resolve([1, null]);
      });
      helper.on('close', (c, s) => resolve([c, s]));
    });
    if (stopping && (signal === 'SIGTERM' || code === 0)) return 0;
    const why = stderr.trim().split('\n').at(-1) || `the helper ended (${signal ?? `exit ${code}`})`;
    if (code === 2) {
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
