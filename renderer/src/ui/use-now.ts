// Wall-clock now as React state, for views that grow with time (a running timeline, "zombie for N s").
import { useEffect, useState } from 'react';

/** Wall-clock now, refreshed every `ms` while `active` (the timeline grows with it). */
export function useNow(active: boolean, ms = 100): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (!active) return;
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [active, ms]);
  return now;
}
