// Who may talk to web mode: only a page served by us, on our own host name, holding the token.
// Checks Host (defeats DNS rebinding), Origin (defeats other sites' pages) and the token.
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'procplay_token';

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

export function cookieToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return null;
}
