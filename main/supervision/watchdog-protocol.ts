// The lines the app writes to its watchdog's stdin, one registration per line. Pure, so both
// ends share one definition: `+ <pgid> <token>` tracks a tree (its process group, or its root
// pid on Windows, and its owner token), `- <pgid>` forgets it once the tree has ended.
export type WatchdogCommand = { op: 'track'; pgid: number; token: string } | { op: 'untrack'; pgid: number };

export function encodeCommand(cmd: WatchdogCommand): string {
  return cmd.op === 'track' ? `+ ${cmd.pgid} ${cmd.token}\n` : `- ${cmd.pgid}\n`;
}

/** One line (without its newline), or null if it is not a command (ignored: the watchdog never fails on input). */
export function parseCommand(line: string): WatchdogCommand | null {
  const m = /^([+-]) (\d{1,10})(?: (\S{1,200}))?$/.exec(line.trim());
  if (!m) return null;
  const pgid = Number(m[2]);
  if (!Number.isSafeInteger(pgid) || pgid <= 1) return null;
  if (m[1] === '+') return m[3] ? { op: 'track', pgid, token: m[3] } : null;
  return m[3] ? null : { op: 'untrack', pgid };
}

/** The one line the watchdog writes (on stdout) once its handlers are in place. */
export const WATCHDOG_READY_LINE = 'procplay-watchdog ready\n';
