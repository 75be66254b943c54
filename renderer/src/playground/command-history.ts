// The command box's memory: the history of commands (↑/↓ walk it, like a shell; the line being
// typed is kept as a draft), the recent working directories, and the command line that runs an
// example script. Pure; the page stores the lists with prefs.ts.

export const MAX_HISTORY = 100;
export const MAX_DIRS = 8;

/** Adds a command as the newest entry (oldest first), without repeating it. */
export function pushHistory(list: readonly string[], command: string, max = MAX_HISTORY): string[] {
  const c = command.trim();
  if (!c) return list.slice();
  const out = list.filter((x) => x !== c);
  out.push(c);
  return out.slice(Math.max(0, out.length - max));
}

/** Adds a directory as the most recent (newest first), without repeating it. */
export function pushRecentDir(list: readonly string[], dir: string, max = MAX_DIRS): string[] {
  const d = dir.trim();
  if (!d) return list.slice();
  return [d, ...list.filter((x) => x !== d)].slice(0, max);
}

export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Where ↑/↓ stand: null = on the line being typed; else an index into the history. */
export interface HistoryCursor {
  index: number | null;
  /** The line being typed before ↑ was first pressed. */
  draft: string;
}

export const freshCursor: HistoryCursor = { index: null, draft: '' };

/** One step back (↑) or forward (↓); null when there is nowhere to go. */
export function stepHistory(list: readonly string[], cursor: HistoryCursor, current: string, dir: 'up' | 'down'): { cursor: HistoryCursor; value: string } | null {
  if (dir === 'up') {
    if (list.length === 0) return null;
    if (cursor.index === null) return { cursor: { index: list.length - 1, draft: current }, value: list[list.length - 1]! };
    if (cursor.index === 0) return null;
    return { cursor: { index: cursor.index - 1, draft: cursor.draft }, value: list[cursor.index - 1]! };
  }
  if (cursor.index === null) return null;
  if (cursor.index >= list.length - 1) return { cursor: { index: null, draft: '' }, value: cursor.draft };
  return { cursor: { index: cursor.index + 1, draft: cursor.draft }, value: list[cursor.index + 1]! };
}

/**
 * An argument for the command line, quoted only when needed: double quotes (understood by sh
 * and cmd.exe alike) for plain paths with spaces, single quotes (sh) when it holds characters
 * a shell would expand inside double quotes.
 */
export function quoteArg(arg: string): string {
  if (/^[\w@%+=:,./\\-]+$/.test(arg)) return arg;
  if (!/["$`]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command that runs an example script with the Python the backend found. */
export function exampleCommand(python: string, path: string): string {
  return `${python} ${quoteArg(path)}`;
}

/** The backend's refusal without its closing "nothing was started" (the page says that itself). */
export function refusalText(message: string): string {
  return message.replace(/[;,.]?\s*nothing was started\.?\s*$/i, '').trim() || message;
}
