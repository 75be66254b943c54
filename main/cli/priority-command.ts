// `procplay renice N PID` and `procplay affinity CPUS PID`: the details pane's Renice and Set
// affinity buttons from a terminal, through the same service (same refusals and messages).
import { createPriorityService, type PriorityService } from '../kill/priority-service.js';
import { protectedPids } from '../kill/protected-pids.js';
import type { CliOutput } from './output.js';

export const RENICE_USAGE = `usage: procplay renice [--start-time MS] N PID
  N is the nice value, -20 (most favoured) to 19 (least); lowering it needs root.
  Refused like kill: pid 0 and below, pid 1, procplay itself and its ancestors, zombies, kernel threads.`;
export const AFFINITY_USAGE = `usage: procplay affinity [--start-time MS] CPUS PID
  CPUS as taskset -c takes them: 0, 0-3, 0,2 (Linux only).`;

async function defaultService(): Promise<PriorityService> {
  const { createSampler } = await import('../processes/create-sampler.js');
  const sampler = createSampler({ adapter: 'auto' });
  return createPriorityService({ listProcesses: async () => (await sampler.sample()).processes, protectedPids: () => protectedPids([]) });
}

/** [--start-time MS] VALUE PID. The value may be negative ("-5"), so it is not parsed as an option. */
function parse(argv: readonly string[]): { value: string; pid: string; startTime?: number } | string | 'help' {
  const rest = [...argv];
  let startTime: number | undefined;
  if (rest[0] === '-h' || rest[0] === '--help') return 'help';
  if (rest[0] === '--start-time') {
    const v = rest[1];
    if (v === undefined || !/^\d+$/.test(v)) return '--start-time needs a start time in epoch milliseconds';
    startTime = Number(v);
    rest.splice(0, 2);
  }
  if (rest.length !== 2) return rest.length < 2 ? 'needs a value and a PID' : 'one PID at a time';
  return { value: rest[0], pid: rest[1], startTime };
}

async function runAction(
  name: 'renice' | 'affinity',
  argv: readonly string[],
  out: CliOutput,
  service?: PriorityService,
): Promise<number> {
  const usage = name === 'renice' ? RENICE_USAGE : AFFINITY_USAGE;
  const parsed = parse(argv);
  if (parsed === 'help') {
    out.log(usage);
    return 0;
  }
  if (typeof parsed === 'string') {
    out.error(`procplay ${name}: ${parsed}\n${usage}`);
    return 2;
  }
  if (name === 'renice' && !/^-?\d+$/.test(parsed.value)) {
    out.error(`procplay renice: invalid nice value ${JSON.stringify(parsed.value.slice(0, 40))}: a whole number from -20 to 19\n${usage}`);
    return 2;
  }
  const svc = service ?? (await defaultService());
  const base = { pid: parsed.pid, ...(parsed.startTime !== undefined ? { startTime: parsed.startTime } : {}) };
  const result = name === 'renice' ? await svc.renice({ ...base, nice: Number(parsed.value) }) : await svc.setAffinity({ ...base, cpus: parsed.value });
  if (result.ok) out.log(result.message);
  else out.error(result.message);
  return result.ok ? 0 : result.code === 'invalid' ? 2 : 1;
}

export const runReniceCommand = (argv: readonly string[], out: CliOutput, service?: PriorityService) => runAction('renice', argv, out, service);
export const runAffinityCommand = (argv: readonly string[], out: CliOutput, service?: PriorityService) => runAction('affinity', argv, out, service);
