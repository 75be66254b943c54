// Web mode's credential in the page: taken from the URL the page was opened with (then removed from
// the address bar, so it is not in a bookmark, a screenshot or the history), kept in this origin's
// localStorage (an origin includes the port, so two instances never share or overwrite it), and
// presented only on the API socket. Never a cookie: cookies ignore the port.

export const WEB_TOKEN_KEY = 'procplay.webToken';

/** The part of window.localStorage used here; null when storage is unavailable. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PageLocation {
  pathname: string;
  search: string;
  hash: string;
}

/** This origin's localStorage, or null where it is missing or forbidden (then the token lasts for this page only). */
export function pageStorage(): TokenStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The token for this page: the URL's `?token=` (remembered for next time, and removed from the
 * address bar), else the one remembered for this origin, else null.
 */
export function takeWebToken(loc: PageLocation, replaceUrl: (url: string) => void, storage: TokenStorage | null): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    try {
      storage?.setItem(WEB_TOKEN_KEY, fromUrl);
    } catch {
      // Storage full or forbidden: the token still serves this page.
    }
    params.delete('token');
    const rest = params.toString();
    replaceUrl(`${loc.pathname}${rest ? `?${rest}` : ''}${loc.hash}`);
    return fromUrl;
  }
  try {
    return storage?.getItem(WEB_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

/** Forgets a token the server refused (a restarted instance has a new one). */
export function forgetWebToken(storage: TokenStorage | null): void {
  try {
    storage?.removeItem(WEB_TOKEN_KEY);
  } catch {
    // nothing remembered to forget
  }
}
