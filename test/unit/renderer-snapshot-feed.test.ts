// The page's snapshot feed over a fake transport: it shows full tables and applied deltas, asks for
// a full table (snapshot.get) when a delta does not follow the table it holds, once at a time, and
// goes on from the answer.
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiEvents, EventName } from '../../shared/api.js';
import type { ProcInfo, Snapshot } from '../../shared/process.js';
import { diffSnapshots } from '../../shared/snapshot-delta.js';
import { followSnapshots } from '../../renderer/src/api/snapshot-feed.js';
import { stubSnapshot } from '../support/stub-services.js';

const proc = (pid: number, cpu: number): ProcInfo => ({
  pid, ppid: 1, startTime: 7, name: 'p', command: 'p', user: 'u', uid: 1, state: 'S', cpu, cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false,
});
const table = (seq: number): Snapshot => ({ ...stubSnapshot(), seq, takenAt: seq * 1000, processes: [proc(1, 0), proc(seq + 10, seq)] });
const settle = () => new Promise((r) => setTimeout(r, 0)); // lets the answer's .then run

function fakeApi() {
  const listeners = new Map<string, (d: unknown) => void>();
  const asked: ((s: Snapshot) => void)[] = [];
  const api = {
    transport: 'fake',
    call: (method: string) => {
      if (method !== 'snapshot.get') throw new Error(method);
      return new Promise<Snapshot>((resolve) => asked.push(resolve));
    },
    on: (event: string, l: (d: unknown) => void) => (listeners.set(event, l), () => listeners.delete(event)),
  } as unknown as ApiClient;
  const push = <E extends EventName>(event: E, data: ApiEvents[E]) => listeners.get(event)?.(data);
  return { api, asked, push, listening: () => listeners.size };
}

describe('the snapshot feed', () => {
  it('shows full tables and deltas, asks for a full table on a missed sequence, and resumes from the answer', async () => {
    const f = fakeApi();
    const shown: Snapshot[] = [];
    const feed = followSnapshots(f.api, (s) => shown.push(s));
    expect(f.asked).toHaveLength(1); // at the start, in case the connect-time push came first
    f.push('snapshot', table(1));
    f.push('snapshot.delta', diffSnapshots(table(1), table(2)));
    expect(shown.map((s) => s.seq)).toEqual([1, 2]);
    expect(shown[1]).toEqual(table(2));
    f.asked[0](table(1)); // the start's answer, older than the table shown: kept out
    await settle();
    expect(shown.map((s) => s.seq)).toEqual([1, 2]);
    // The delta 2→3 is lost: 3→4 does not follow table 2, and 4→5 arrives while the full table is asked.
    f.push('snapshot.delta', diffSnapshots(table(3), table(4)));
    f.push('snapshot.delta', diffSnapshots(table(4), table(5)));
    expect(f.asked).toHaveLength(2); // one request for both
    expect(feed.fullRequests).toBe(2);
    expect(shown.map((s) => s.seq)).toEqual([1, 2]);
    f.asked[1](table(4)); // the answer, with 4→5 kept and applied on top
    await settle();
    expect(shown.at(-1)).toEqual(table(5));
    f.push('snapshot.delta', diffSnapshots(table(5), table(6)));
    expect(shown.at(-1)).toEqual(table(6));
    // A pushed full table (a new connection) is taken as is.
    f.push('snapshot', table(9));
    expect(shown.at(-1)).toEqual(table(9));
    feed.close();
    expect(f.listening()).toBe(0);
  });
});
