// Tells the main process which costly optional columns (I/O, cgroup) this page shows, so it reads
// them per process only while some page does. Sent when the choice changes, and again whenever a
// snapshot shows a chosen column was not sampled (after a reconnect the server knows nothing of
// this page) — at most once per snapshot.
import { useEffect, useMemo, useRef } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { SortKey } from '../../../shared/filter-sort.js';
import type { OptionalSampled } from '../../../shared/process.js';
import { sampledExtras } from './columns.js';

export function useColumnSampling(api: ApiClient, hidden: ReadonlySet<SortKey>, sampled: readonly OptionalSampled[] | undefined, seq: number): void {
  const wanted = useMemo(() => sampledExtras(hidden), [hidden]);
  const sentFor = useRef<{ wanted: readonly OptionalSampled[]; seq: number } | null>(null);
  useEffect(() => {
    const last = sentFor.current;
    const changed = !last || last.wanted !== wanted;
    const missing = wanted.some((c) => !(sampled ?? []).includes(c));
    // A snapshot already under way when we asked may lack the column: ask again only for a later one.
    if (!changed && !(missing && seq > last.seq + 1)) return;
    sentFor.current = { wanted, seq };
    api.call('monitor.setColumns', { columns: wanted }).catch(() => {
      sentFor.current = null; // not delivered (disconnected): the next snapshot tries again
    });
  }, [api, wanted, sampled, seq]);
}
