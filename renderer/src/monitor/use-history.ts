// Polls process.history for the selected process once per snapshot (one request in flight at
// most), so the details pane's sparklines follow the live sampler.
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { ProcHistory } from '../../../shared/process.js';

export function useHistory(
  api: ApiClient,
  target: { pid: number; startTime: number } | null,
  seq: number,
): ProcHistory | null {
  const [history, setHistory] = useState<ProcHistory | null>(null);
  const inFlight = useRef(false);
  // Bumped when an answer came for a process no longer selected, to ask again for the current one
  // (the effect skipped it while that request was in flight; with the sampler paused, no tick would).
  const [retry, setRetry] = useState(0);
  const pid = target?.pid ?? null;
  const startTime = target?.startTime ?? null;
  const wanted = useRef<{ pid: number | null; startTime: number | null }>({ pid, startTime });
  wanted.current = { pid, startTime };

  // A new target starts with an empty chart, not the previous process's.
  useEffect(() => setHistory(null), [pid, startTime]);

  useEffect(() => {
    if (pid === null || startTime === null || inFlight.current) return;
    inFlight.current = true;
    const settle = (h: ProcHistory | null) => {
      inFlight.current = false;
      const w = wanted.current;
      if (w.pid !== pid || w.startTime !== startTime) {
        if (w.pid !== null) setRetry((n) => n + 1);
        return;
      }
      if (h && h.pid === pid && h.startTime === startTime) setHistory(h);
    };
    api.call('process.history', { pid, startTime }).then(settle, () => {
      // The process ended or the connection dropped: keep the last chart.
      settle(null);
    });
  }, [api, pid, startTime, seq, retry]);

  return history;
}
