// Tells the main process which costly optional columns (I/O, cgroup) this page shows, so it reads
// them per process only while some page does. Sent when the choice changes, and again whenever a
// snapshot shows a chosen column was not sampled (after a reconnect the server knows nothing of
// this page) — at most once per snapshot.
import { useEffect, useMemo, useRef } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { SortKey } from '../../../shared/filter-sort.js';
import type { OptionalSampled } from '../../../shared/process.js';
import { sampledExtras } from './columns.js';

export interface LastSent {
  wanted: readonly OptionalSampled[];
  seq: number;
}

/** Whether to (re)send the choice now. Pure. */
export function shouldSendColumns(last: LastSent | null, wanted: readonly OptionalSampled[], sampled: readonly OptionalSampled[] | undefined, seq: number): boolean {
  if (!last || last.wanted !== wanted) return true;
  const missing = wanted.some((c) => !(sampled ?? []).includes(c));
  // A snapshot already under way when we asked may lack the column: ask again only for a later one
  // (or any other: a restarted server counts from 1 again).
  return missing && seq !== last.seq && seq !== last.seq + 1;
}

/** `possible`: what the adapter can read (capabilities.extras); asking for more would only repeat the request. */
export function useColumnSampling(
  api: ApiClient,
  hidden: ReadonlySet<SortKey>,
  possible: readonly OptionalSampled[] | undefined,
  sampled: readonly OptionalSampled[] | undefined,
  seq: number,
): void {
  const possibleKey = (possible ?? []).join();
  const wanted = useMemo(() => sampledExtras(hidden).filter((c) => possibleKey.split(',').includes(c)), [hidden, possibleKey]);
  const sentFor = useRef<LastSent | null>(null);
  useEffect(() => {
    if (!shouldSendColumns(sentFor.current, wanted, sampled, seq)) return;
    sentFor.current = { wanted, seq };
    api.call('monitor.setColumns', { columns: wanted }).catch(() => {
      sentFor.current = null; // not delivered (disconnected): the next snapshot tries again
    });
  }, [api, wanted, sampled, seq]);
}
