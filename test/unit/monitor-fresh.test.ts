// Monitor.fresh, which a metrics scrape uses: the live loop's snapshot when recent, a new sample
// otherwise, and never a table that moves while the user has paused it.
import { describe, expect, it } from 'vitest';
import { Monitor } from '../../main/monitor/monitor.js';
import { HistoryStore } from '../../main/processes/history.js';
import type { Sampler } from '../../main/processes/sampler.js';

function countingSampler(): Pick<Sampler, 'sample'> & { calls: number } {
  const s = {
    adapterName: 'fake',
    calls: 0,
    async sample() {
      s.calls++;
      return {
        processes: [],
        meters: { cpuPerCore: [], cpuTotal: 0, memTotal: 1, memUsed: 0, swapTotal: null, swapUsed: null, load: null, uptimeSec: 1 },
        capabilities: { platform: 'linux', zombies: true, signals: true, adapter: 'fake' },
        sampleMs: 0,
      };
    },
  };
  return s;
}

describe('Monitor.fresh', () => {
  it('reuses a recent snapshot and samples when it is older than asked', async () => {
    const sampler = countingSampler();
    const monitor = new Monitor(sampler, new HistoryStore(), () => []);
    const a = await monitor.fresh(60_000);
    expect(sampler.calls).toBe(1);
    expect(await monitor.fresh(60_000)).toBe(a);
    expect(sampler.calls).toBe(1);
    const b = await monitor.fresh(-1);
    expect(sampler.calls).toBe(2);
    expect(b.seq).toBeGreaterThan(a.seq);
  });

  it('samples without telling listeners while the table is paused', async () => {
    const sampler = countingSampler();
    const monitor = new Monitor(sampler, new HistoryStore(), () => []);
    const seen: number[] = [];
    monitor.onSnapshot((s) => seen.push(s.seq));
    monitor.configure({ paused: true });
    monitor.start();
    try {
      const s = await monitor.fresh(-1);
      expect(s.seq).toBeGreaterThan(0);
      expect(seen).toEqual([]);
      monitor.configure({ paused: false });
      const t = await monitor.fresh(-1);
      expect(seen).toContain(t.seq);
    } finally {
      monitor.stop();
    }
  });
});
