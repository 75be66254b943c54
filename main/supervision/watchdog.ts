// The watchdog: one small Node process per app that outlives it. The app writes registrations of
// the trees it starts to our stdin; when stdin reaches EOF the app is gone, however it ended (a
// SIGKILL runs no handler, but the kernel still closes its end of the pipe). We then end every
// registered tree and every process carrying one of the app's owner tokens, and exit.
// Run as: <node or electron with ELECTRON_RUN_AS_NODE=1> watchdog.js <ownerPrefix>
import { WATCHDOG_STOP_GRACE_MS } from '../app/limits.js';
import { windowsTreeKill } from '../processes/windows-tree-kill.js';
import { parseCommand, WATCHDOG_READY_LINE } from './watchdog-protocol.js';
import { endTarget } from './sweep.js';

/** Backup for EOF: if our parent changes (re-parented after its death), act as on EOF. */
const PARENT_CHECK_MS = 1000;

const ownerPrefix = process.argv[2] ?? '';
const groups = new Map<number, string>();
const tokens = new Set<string>();
const startParent = process.ppid;
let ending = false;

function onLine(line: string): void {
  const cmd = parseCommand(line);
  if (!cmd) return;
  if (cmd.op === 'track') {
    groups.set(cmd.pgid, cmd.token);
    tokens.add(cmd.token);
  } else {
    const token = groups.get(cmd.pgid);
    groups.delete(cmd.pgid);
    if (token !== undefined && ![...groups.values()].includes(token)) tokens.delete(token);
  }
}

async function endEverything(): Promise<void> {
  if (ending) return;
  ending = true;
  if (process.platform === 'win32') {
    // No groups, no /proc: the tree of each registered root, as far as taskkill can follow it.
    for (const pid of groups.keys()) await windowsTreeKill(pid).catch(() => undefined); // a tree gone already
  } else {
    await endTarget(
      { groups: [...groups.keys()], tokens, prefixes: ownerPrefix ? [ownerPrefix] : [], spare: new Set([process.pid, startParent]) },
      { graceMs: WATCHDOG_STOP_GRACE_MS },
    );
  }
  process.exit(0);
}

// Neither a terminal's Ctrl+C nor a hang-up may stop us before the app's trees are ended; a
// SIGTERM (someone ending us on purpose, or an enclosing sweep) ends them first.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);
process.on('SIGTERM', () => void endEverything());

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  let nl: number;
  while ((nl = pending.indexOf('\n')) >= 0) {
    onLine(pending.slice(0, nl));
    pending = pending.slice(nl + 1);
  }
  if (pending.length > 4096) pending = ''; // not a command: drop it
});
process.stdin.on('end', () => void endEverything());
process.stdin.on('error', () => void endEverything());
setInterval(() => {
  if (process.ppid !== startParent) void endEverything();
}, PARENT_CHECK_MS);
// Tells the app we are in place: until then it starts no run (a watchdog that failed to start,
// say node could not create its threads, would otherwise leave the run unsupervised).
process.stdout.on('error', () => undefined);
process.stdout.write(WATCHDOG_READY_LINE);
