// A simulated hour: 3,600 samples back to back (the interval shortened to nothing) while
// processes come and go. The history buffers follow the live processes and the heap stays bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../main/processes/create-sampler.js';
import { HistoryStore } from '../../main/processes/history.js';
import { LineageTracker } from '../../main/monitor/lineage.js';

const SAMPLES = 3600;
const MIB = 1024 * 1024;

describe('a long run of the sampler', () => {
  it(`keeps history and heap bounded over ${SAMPLES} samples with processes coming and going`, async () => {
    const sampler = createSampler();
    const history = new HistoryStore();
    const lineage = new LineageTracker();
    const kids = new Set<ChildProcess>();
    // A full GC before each heap reading, so garbage is not counted as growth.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    let heapAfterWarmup = 0;
    let maxRings = 0;
    let maxLive = 0;
    for (let i = 0; i < SAMPLES; i++) {
      // Every 20 samples a few processes start, each living 20–200 samples' worth of time.
      if (i % 20 === 0) {
        for (let k = 0; k < 3; k++) {
          const child = spawn('sleep', [String(0.05 + Math.random() * 0.5)], { stdio: 'ignore' });
          kids.add(child);
          child.once('exit', () => kids.delete(child));
        }
      }
      const { processes } = await sampler.sample();
      const takenAt = Date.now();
      history.record(processes, takenAt);
      lineage.annotate(processes, takenAt);
      maxRings = Math.max(maxRings, history.size);
      maxLive = Math.max(maxLive, processes.length);
      expect(history.size).toBeLessThanOrEqual(processes.length);
      if (i === 300) {
        gc();
        heapAfterWarmup = process.memoryUsage().heapUsed;
      }
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const k of kids) k.kill('SIGKILL');
    gc();
    const heapEnd = process.memoryUsage().heapUsed;
    console.log(
      `long run: ${SAMPLES} samples, at most ${maxLive} live processes and ${maxRings} history rings; ` +
        `heap ${(heapAfterWarmup / MIB).toFixed(1)} MiB after 300 samples, ${(heapEnd / MIB).toFixed(1)} MiB at the end; rings ${(history.ringBytes / MIB).toFixed(2)} MiB`,
    );
    sampler.close?.();
    expect(maxRings).toBeLessThanOrEqual(maxLive);
    expect(heapEnd - heapAfterWarmup).toBeLessThan(8 * MIB);
  }, 120_000);
});
