// The environment marker that ties a process to the app run that started it. Every process of a
// tracked tree inherits it, so it is found again even after it re-parents or starts its own
// session (which escapes both ancestry and the process group). Pure: builds and reads the value.
import { randomBytes } from 'node:crypto';

/** Name of the variable. Its value is a space-separated list of tokens, one per enclosing owner (runs nest: `procplay run -- procplay run -- …`). */
export const OWNER_ENV = 'PROCPLAY_OWNER';

/** A token: `<ownerId>/<runId>`; ownerId = `<appPid>.<random>` so a later app reusing the pid never matches. */
export function makeOwnerId(appPid: number = process.pid): string {
  return `${appPid}.${randomBytes(4).toString('hex')}`;
}

export function makeToken(ownerId: string, runId: string): string {
  if (/\s/.test(ownerId + runId)) throw new Error('an owner token may not contain white space');
  return `${ownerId}/${runId}`;
}

/** The prefix every token of one owner starts with. */
export const ownerPrefix = (ownerId: string): string => `${ownerId}/`;

/** The value a child gets: its parent's tokens (kept, for enclosing owners) plus this one. */
export function appendToken(existing: string | undefined, token: string): string {
  const tokens = splitTokens(existing);
  if (!tokens.includes(token)) tokens.push(token);
  return tokens.join(' ');
}

export function splitTokens(value: string | undefined | null): string[] {
  return value ? value.split(' ').filter((t) => t.length > 0) : [];
}

/**
 * The tokens found in the raw bytes of /proc/PID/environ (NUL-separated NAME=VALUE entries),
 * decoded as latin1 so any byte sequence is accepted. Empty when there is no marker. `name`: the
 * variable holding them (a lesson run's marker is another variable, with one token).
 */
export function tokensFromEnviron(environ: string, name: string = OWNER_ENV): string[] {
  const key = `${name}=`;
  let at = environ.startsWith(key) ? 0 : environ.indexOf(`\0${key}`);
  if (at < 0) return [];
  if (at > 0) at += 1;
  const end = environ.indexOf('\0', at);
  return splitTokens(environ.slice(at + key.length, end < 0 ? environ.length : end));
}

/** Whether any token is one of `exact` or starts with one of `prefixes`. */
export function matchesAny(tokens: readonly string[], exact: ReadonlySet<string>, prefixes: readonly string[]): boolean {
  for (const t of tokens) {
    if (exact.has(t)) return true;
    for (const p of prefixes) if (t.startsWith(p)) return true;
  }
  return false;
}
