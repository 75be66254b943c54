// Asks process.inspect for the selected process once per snapshot (so at most once per sampling
// interval, and never while paused), with one request in flight at most, and only while the
// inspector is shown. Keeps the last I/O rates for the sparkline.
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../../shared/api.js';
import type { InspectResult } from '../../../../shared/inspect.js';

/** I/O rate points kept for the sparkline (one per inspection). */
export const IO_HISTORY_POINTS = 60;

export interface InspectState {
  result: InspectResult | null;
  /** Read and write bytes per second (rchar/wchar), oldest first. */
  ioRead: number[];
  ioWrite: number[];
  /** The request failed (connection dropped): the text of the error. */
  error: string | null;
}

const EMPTY: InspectState = { result: null, ioRead: [], ioWrite: [], error: null };

export function useInspect(api: ApiClient, target: { pid: number; startTime: number } | null, seq: number): InspectState {
  const [state, setState] = useState<InspectState>(EMPTY);
  const inFlight = useRef(false);
  const [retry, setRetry] = useState(0);
  const pid = target?.pid ?? null;
  const startTime = target?.startTime ?? null;
  const wanted = useRef({ pid, startTime });
  useEffect(() => {
    wanted.current = { pid, startTime };
    setState(EMPTY);
  }, [pid, startTime]);

  useEffect(() => {
    if (pid === null || startTime === null || inFlight.current) return;
    inFlight.current = true;
    const stale = () => {
      inFlight.current = false;
      const w = wanted.current;
      if (w.pid === pid && w.startTime === startTime) return false;
      if (w.pid !== null) setRetry((n) => n + 1);
      return true;
    };
    api.call('process.inspect', { pid, startTime }).then(
      (result) => {
        if (stale()) return;
        setState((prev) => {
          const io = result.ok && result.report.io.ok ? result.report.io.data : null;
          const push = (list: number[], v: number | null | undefined) => (v === null || v === undefined ? list : [...list, v].slice(-IO_HISTORY_POINTS));
          return { result, ioRead: push(prev.ioRead, io?.rcharPerSec), ioWrite: push(prev.ioWrite, io?.wcharPerSec), error: null };
        });
      },
      (err: Error) => {
        if (stale()) return;
        setState((prev) => ({ ...prev, error: err.message }));
      },
    );
  }, [api, pid, startTime, seq, retry]);

  return state;
}
