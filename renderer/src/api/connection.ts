// The renderer's view of the API connection: the contract's ApiClient plus its connection state,
// so the UI can show a "disconnected" banner without knowing the transport.
import type { ApiClient } from '../../../shared/api.js';

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'open' }
  /** retryAt: epoch ms of the next reconnection attempt. */
  | { status: 'closed'; retryAt: number }
  /** Web mode refused this page's token: no retry; the page explains how to get the right URL. */
  | { status: 'unauthorised'; reason: string };

export interface AppApiClient extends ApiClient {
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** Delay before reconnection attempt n (0-based): 0.5 s, 1 s, 2 s, 4 s, 8 s, then every 10 s. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt));
}

/** An Error carrying the server's error code, so callers can tell "bad-request" from "failed". */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls `fn` each time the connection opens again after it was lost (not on the first open):
 * events pushed while it was down were missed, so state built from them must catch up.
 * A client without connection state (Electron's IPC never drops) never calls it.
 */
export function onReopen(api: ApiClient, fn: () => void): () => void {
  const conn = api as Partial<AppApiClient>;
  if (typeof conn.onConnection !== 'function') return () => {};
  let lost = false;
  return conn.onConnection((s) => {
    if (s.status === 'closed') lost = true;
    else if (s.status === 'open' && lost) {
      lost = false;
      fn();
    }
  });
}
