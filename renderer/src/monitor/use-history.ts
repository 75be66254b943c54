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
  const pid = target?.pid ?? null;
  const startTime = target?.startTime ?? null;

  // A new target starts with an empty chart, not the previous process's.
  useEffect(() => setHistory(null), [pid, startTime]);

  useEffect(() => {
    if (pid === null || startTime === null || inFlight.current) return;
    let live = true;
    inFlight.current = true;
    api
      .call('process.history', { pid, startTime })
      .then((h) => {
        if (live && h && h.pid === pid && h.startTime === startTime) setHistory(h);
      })
      .catch(() => {
        // The process ended or the connection dropped: keep the last chart.
      })
      .finally(() => {
        inFlight.current = false;
      });
    return () => {
      live = false;
    };
  }, [api, pid, startTime, seq]);

  return history;
}
