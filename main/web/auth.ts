// Who may talk to web mode: only a page served by us, on our own host name, holding the token.
// Checks Host (defeats DNS rebinding), Origin (defeats other sites' pages) and the token. The token
// never travels in a cookie: cookies ignore the port, so any other server on 127.0.0.1 would get it.
import { timingSafeEqual } from 'node:crypto';
import { WEB_AUTH_MAX_BYTES } from '../../shared/web-protocol.js';

export function tokensEqual(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host names a browser may use to reach us: loopback names, plus an explicitly chosen bind host. */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', bindHost]);
  return new Set([...names].map((n) => `${n.includes(':') ? `[${n}]` : n}:${port}`));
}

export function hostAllowed(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return !!hostHeader && allowed.has(hostHeader.toLowerCase());
}

/** A browser always sends Origin on a WebSocket upgrade; it must be our own http origin. */
export function originAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return true; // not a browser (CLI, tests): the token still applies
  for (const host of allowed) if (origin === `http://${host}`) return true;
  return false;
}

/** Whether a connection's first message is `{"auth":"<our token>"}`. Anything else is a refusal. */
export function authMessageValid(data: Buffer, isBinary: boolean, token: string): boolean {
  if (isBinary || data.length > WEB_AUTH_MAX_BYTES) return false;
  try {
    const msg: unknown = JSON.parse(data.toString('utf8'));
    const auth = typeof msg === 'object' && msg !== null ? (msg as { auth?: unknown }).auth : undefined;
    return typeof auth === 'string' && tokensEqual(auth, token);
  } catch {
    return false;
  }
}
