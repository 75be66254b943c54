// Listening ports by pid for the filter's port: term, asked once per snapshot and only while the
// filter uses port: (reading every process's fds is too costly for every tick).
import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';

export function useListeningPorts(api: ApiClient, needed: boolean, seq: number): ReadonlyMap<number, readonly number[]> | undefined {
  const [ports, setPorts] = useState<ReadonlyMap<number, readonly number[]> | undefined>(undefined);
  const inFlight = useRef(false);
  useEffect(() => {
    if (!needed || inFlight.current) return;
    inFlight.current = true;
    api.call('process.listeningPorts', {}).then(
      (r) => {
        inFlight.current = false;
        setPorts(new Map(Object.entries(r.ports).map(([pid, list]) => [Number(pid), list])));
      },
      () => {
        inFlight.current = false; // the next snapshot asks again
      },
    );
  }, [api, needed, seq]);
  return needed ? ports : undefined;
}
