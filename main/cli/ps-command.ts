// `procplay ps [--tree] [--filter TEXT] [--json] [--sort KEY] [--adapter linux|portable]`:
// one snapshot of the process table. %CPU is current (two samples 250 ms apart), like top.
import { SORT_KEYS, type SortKey, sortProcesses } from '../../shared/filter-sort.js';
import { applyFilter, parseFilter } from '../../shared/filter.js';
import { createSampler } from '../processes/create-sampler.js';
import type { ProcInfo } from '../../shared/process.js';
import { ancestorChain } from '../../shared/tree.js';
import { formatPs } from './ps-format.js';
import type { CliOutput } from './output.js';

const CPU_WINDOW_MS = 250;

export const PS_USAGE = `usage: procplay ps [--tree] [--filter TEXT] [--sort KEY] [--json]
  --tree         show parent-to-child links, like pstree -p
  --filter TEXT  only matching processes: words match pid, ppid, user, name or command (like grep);
                 field:value for pid, ppid, user, state, name, cmd, port; /regex/; !term negates; terms are ANDed
  --sort KEY     one of ${SORT_KEYS.join(', ')} (prefix with - for descending, e.g. -cpu)
  --json         print one JSON array of processes (see README for the fields)`;

export async function runPsCommand(argv: readonly string[], out: CliOutput): Promise<number> {
  let tree = false;
  let json = false;
  let filter = '';
  let sort: { key: SortKey; desc: boolean } | null = null;
  let adapter: 'auto' | 'linux' | 'portable' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tree') tree = true;
    else if (a === '--json') json = true;
    else if (a === '--filter' && argv[i + 1] !== undefined) filter = argv[++i];
    else if (a === '--sort' && argv[i + 1] !== undefined) {
      const raw = argv[++i];
      const key = raw.replace(/^-/, '') as SortKey;
      if (!SORT_KEYS.includes(key)) return usageError(out, `unknown sort key "${raw}"`);
      sort = { key, desc: raw.startsWith('-') };
    } else if (a === '--adapter' && ['auto', 'linux', 'portable'].includes(argv[i + 1] ?? '')) adapter = argv[++i] as typeof adapter;
    else if (a === '-h' || a === '--help') {
      out.log(PS_USAGE);
      return 0;
    } else return usageError(out, `unknown option "${a}"`);
  }

  // A malformed filter (a bad regex) is a usage error, before any sampling.
  const parsed = parseFilter(filter);
  if (!parsed.ok) return usageError(out, `--filter: ${parsed.error}`);
  if (parsed.needsPorts && process.platform !== 'linux') return usageError(out, '--filter: port: needs Linux (/proc/net)');

  const sampler = createSampler({ adapter });
  // Ports cost a scan of every process's fds in a one-shot run: read only when shown (--json) or filtered on.
  await sampler.sample({ ports: false });
  await new Promise((r) => setTimeout(r, CPU_WINDOW_MS));
  const { processes } = await sampler.sample({ ports: json || parsed.needsPorts });
  // The sampler reads listening ports on every sample (see listen-owners.ts): the same data as the table's badge.
  // Like `ps aux | grep x` done right: this command and the wrappers that started it (npx/npm, sh,
  // node) all carry the filter in their command lines, and are not what the user looks for.
  const own = ownInvocation(processes, process.pid);
  const filtered = applyFilter(processes.filter((p) => !own.has(p.pid)), filter, { portsOf: portsFrom(processes) });
  if (!filtered.ok) return usageError(out, `--filter: ${filtered.error}`);
  let list = filtered.list;
  if (sort) list = sortProcesses(list, sort.key, sort.desc);

  if (json) out.log(JSON.stringify(list));
  else out.log(formatPs(list, { tree, nowMs: Date.now(), width: out.columns ?? Infinity }));
  return 0;
}

/** The port: term's lookup over the sampled rows' listening ports. */
function portsFrom(processes: readonly ProcInfo[]): (pid: number) => readonly number[] | undefined {
  const byPid = new Map<number, readonly number[]>();
  for (const p of processes) if (p.ports) byPid.set(p.pid, p.ports);
  return (pid) => byPid.get(pid);
}

/**
 * This process and its ancestors up to the first one that is not part of this invocation: a
 * wrapper mentions procplay or carries the same arguments ("ps --filter sleep").
 */
export function ownInvocation(processes: readonly ProcInfo[], selfPid: number, args: readonly string[] = process.argv.slice(2)): Set<number> {
  // Quoting differs from one wrapper to the next ('sleep 60', "sleep 60"): every argument must appear, in order.
  const carriesArgs = (command: string) => {
    let from = 0;
    for (const a of args) {
      const at = command.indexOf(a, from);
      if (at < 0) return false;
      from = at + a.length;
    }
    return args.length > 0;
  };
  const own = new Set<number>([selfPid]);
  const self = processes.find((p) => p.pid === selfPid);
  for (const p of self ? ancestorChain(self.ppid, processes) : []) {
    if (!/procplay/.test(p.command) && !carriesArgs(p.command)) break;
    own.add(p.pid);
  }
  return own;
}

function usageError(out: CliOutput, message: string): number {
  out.error(`procplay ps: ${message}\n${PS_USAGE}`);
  return 2;
}
