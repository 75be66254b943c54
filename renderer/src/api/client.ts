// Picks the transport for the API contract: the Electron preload's bridge when present,
// else the web-mode WebSocket (with the token this page holds, see web-token.ts). Nothing else in
// the UI knows which.
import { type BridgeApi, WEB_API_PATH } from '../../../shared/api.js';
import { createBridgeClient } from './bridge-client.js';
import type { AppApiClient } from './connection.js';
import { pageStorage, takeWebToken } from './web-token.js';
import { createWsClient, type SocketLike } from './ws-client.js';

declare global {
  interface Window {
    procplay?: BridgeApi;
  }
}

/** The WebSocket URL of web mode for a page at this location (no credential in it). */
export function webSocketUrl(loc: { host: string; protocol: string }): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${WEB_API_PATH}`;
}

/** The API client, or null in web mode when this browser has no token for this origin. */
export function createApiClient(): AppApiClient | null {
  if (window.procplay) return createBridgeClient(window.procplay);
  const token = takeWebToken(location, (url) => history.replaceState(history.state, '', url), pageStorage());
  if (!token) return null;
  return createWsClient(
    webSocketUrl(location),
    {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      setTimeout: (fn, ms) => window.setTimeout(fn, ms),
      clearTimeout: (h) => window.clearTimeout(h as number),
      now: () => Date.now(),
    },
    token,
  );
}
