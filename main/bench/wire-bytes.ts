// Bytes per tick on the wire, before and after deltas: the real monitor (sampler, lineage, history)
// ticking at 1 Hz over the machine's processes and the benchmark's idle crowd, each tick encoded by
// the transports' encoder (main/api/snapshot-frames.ts). "Before" is the full table every client
// was sent each tick; "after" is the delta a client that keeps up is sent. The frames are the exact
// bytes web mode writes to a socket (Electron's IPC carries the same message as a structured clone).
import { SnapshotFrames } from '../api/snapshot-frames.js';
import { Monitor } from '../monitor/monitor.js';
import { HistoryStore } from '../processes/history.js';
import type { Sampler } from '../processes/sampler.js';
import { median } from './stats.js';

export interface WireBytes {
  rows: number;
  ticks: number;
  /** Median full-table frame, bytes (every tick, to every client, before deltas). */
  fullBytes: number;
  /** Median and largest delta frame, bytes. */
  deltaBytes: number;
  deltaMaxBytes: number;
  /** Median rows per delta: new, gone, changed. */
  added: number;
  removed: number;
  changed: number;
}

export async function measureWireBytes(sampler: Sampler, ticks: number, intervalMs = 1000): Promise<WireBytes> {
  const monitor = new Monitor(sampler, new HistoryStore(), () => [process.pid]);
  monitor.configure({ intervalMs });
  const frames = new SnapshotFrames();
  const full: number[] = [];
  const delta: number[] = [];
  const counts = { added: [] as number[], removed: [] as number[], changed: [] as number[] };
  let rows = 0;
  // The first tick has no delta (nothing before it); count ticks that have one.
  await new Promise<void>((resolve) => {
    const off = monitor.onSnapshot((snapshot) => {
      const tick = frames.next(snapshot);
      rows = snapshot.processes.length;
      const d = tick.deltaMessage();
      if (!d) return;
      full.push(tick.fullFrame().length);
      delta.push(tick.deltaFrame()!.length);
      counts.added.push(d.data.added.length);
      counts.removed.push(d.data.removed.length);
      counts.changed.push(d.data.changed.length);
      if (delta.length >= ticks) {
        off();
        monitor.stop();
        resolve();
      }
    });
    monitor.start();
  });
  return {
    rows,
    ticks: delta.length,
    fullBytes: median(full),
    deltaBytes: median(delta),
    deltaMaxBytes: Math.max(...delta),
    added: median(counts.added),
    removed: median(counts.removed),
    changed: median(counts.changed),
  };
}
