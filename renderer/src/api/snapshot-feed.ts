// The live table as the page sees it, whatever the transport: full tables and per-tick deltas go
// through the shared decoder (shared/snapshot-decoder.ts); a delta that does not follow the table
// held (a missed sequence, or a page that loaded mid-stream) makes it ask for a full table, once
// at a time. It also asks once at the start, in case the connect-time push came before it listened.
import type { ApiClient } from '../../../shared/api.js';
import type { Snapshot } from '../../../shared/process.js';
import { SnapshotDecoder } from '../../../shared/snapshot-decoder.js';
import { onReopen } from './connection.js';

export interface SnapshotFeed {
  /** Stops listening. */
  close(): void;
  /** Full tables asked for so far (the first one and one per gap): for tests and the perf probe. */
  readonly fullRequests: number;
}

export function followSnapshots(api: ApiClient, show: (snapshot: Snapshot) => void): SnapshotFeed {
  const decoder = new SnapshotDecoder();
  let asking = false;
  let closed = false;
  let requests = 0;

  const askFull = (): void => {
    if (asking || closed) return;
    asking = true;
    requests++;
    api.call('snapshot.get', {}).then(
      (s) => {
        asking = false;
        const table = closed ? null : decoder.full(s);
        if (table) show(table);
      },
      () => {
        // Disconnected: the server sends a full table when the connection opens again.
        asking = false;
      },
    );
  };

  const offFull = api.on('snapshot', (s) => {
    const table = decoder.full(s);
    if (table) show(table);
  });
  const offDelta = api.on('snapshot.delta', (d) => {
    const out = decoder.delta(d);
    if (out.kind === 'snapshot') show(out.snapshot);
    else askFull();
  });
  // A new connection starts with a full table; deltas meant for the old one must not apply to it.
  const offReopen = onReopen(api, () => decoder.reset());
  askFull();

  return {
    close() {
      closed = true;
      offFull();
      offDelta();
      offReopen();
    },
    get fullRequests() {
      return requests;
    },
  };
}
