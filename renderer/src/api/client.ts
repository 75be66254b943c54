// Picks the transport for the API contract: the Electron preload's bridge when present,
// else the web-mode WebSocket (token from the page URL). Nothing else in the UI knows which.
import { type BridgeApi, WEB_API_PATH } from '../../../shared/api.js';
import { createBridgeClient } from './bridge-client.js';
import type { AppApiClient } from './connection.js';
import { createWsClient, type SocketLike } from './ws-client.js';

declare global {
  interface Window {
    procplay?: BridgeApi;
  }
}

/** The WebSocket URL of web mode for a page at this location. */
export function webSocketUrl(loc: { host: string; search: string; protocol: string }): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${WEB_API_PATH}?token=${encodeURIComponent(token)}`;
}

export function createApiClient(): AppApiClient {
  if (window.procplay) return createBridgeClient(window.procplay);
  return createWsClient(webSocketUrl(location), {
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    now: () => Date.now(),
  });
}
