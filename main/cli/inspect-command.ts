// `procplay inspect PID [--json] [--show-secrets] [--adapter linux|portable]`: the details pane's
// inspector tabs in a terminal, with the same section and field names as the JSON of process.inspect.
import { parseArgs } from 'node:util';
import { createSampler, resolveAdapterChoice } from '../processes/create-sampler.js';
import { createInspector } from '../processes/inspector.js';
import { formatInspect } from './inspect-format.js';
import type { CliOutput } from './output.js';

/** Two readings this far apart give the I/O rates and per-thread CPU, as ps gives %CPU. */
const RATE_WINDOW_MS = 250;

export const INSPECT_USAGE = `usage: procplay inspect PID [--json] [--show-secrets]
  overview, files, network, threads, io, environment, limits and memory of one process.
  A section the OS refuses (another user's process) says "no permission" and why.
  --json          print the report as JSON (the same fields as the app's process.inspect)
  --show-secrets  print environment values whose name looks secret (KEY, TOKEN, PASSWORD …)
Exit status: 0 when the process was inspected, 1 when it does not exist, 2 for a usage error.`;

export async function runInspectCommand(argv: readonly string[], out: CliOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        'show-secrets': { type: 'boolean' },
        adapter: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    out.error(`procplay inspect: ${(err as Error).message}\n${INSPECT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.log(INSPECT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    out.error(`procplay inspect: ${positionals.length ? 'one PID at a time' : 'no PID given'}\n${INSPECT_USAGE}`);
    return 2;
  }
  const choice = values.adapter ?? 'auto';
  if (!['auto', 'linux', 'portable'].includes(choice)) {
    out.error(`procplay inspect: --adapter is one of auto, linux, portable\n${INSPECT_USAGE}`);
    return 2;
  }
  const adapter = resolveAdapterChoice(choice as 'auto', process.platform);
  const sampler = adapter === 'portable' ? createSampler({ adapter }) : null;
  const inspector = createInspector({ adapter, listProcesses: async () => (sampler ? (await sampler.sample()).processes : []) });
  const first = await inspector.inspect({ pid: positionals[0] });
  if (!first.ok) {
    out.error(`procplay inspect: ${first.message}`);
    return first.code === 'invalid' ? 2 : 1;
  }
  let result = first;
  if (adapter === 'linux') {
    await new Promise((r) => setTimeout(r, RATE_WINDOW_MS));
    // Pinned to the identity just read: a pid reused in between is not mixed in.
    const second = await inspector.inspect({ pid: first.report.pid, startTime: first.report.startTime });
    if (second.ok) result = second;
  }
  if (values.json) out.log(JSON.stringify(result.report, null, 2));
  else out.log(formatInspect(result.report, { showSecrets: values['show-secrets'] }));
  return 0;
}
