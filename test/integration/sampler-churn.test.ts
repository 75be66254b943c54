// The sampler under churn: about 200 short-lived processes a second for 10 s while sampling every
// 250 ms. No sample fails, every row is well formed, and once the churn stops no row is stale.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSampler } from '../../main/processes/create-sampler.js';
import type { ProcInfo } from '../../shared/process.js';
import { sleep } from '../support/marked-processes.js';

const CHURN_SECONDS = 10;
const SAMPLE_MS = 250;
const STATES = new Set(['R', 'S', 'D', 'Z', 'T', 't', 'I', 'X', 'x', 'K', 'W', 'P']);

function wellFormed(p: ProcInfo): boolean {
  return (
    Number.isInteger(p.pid) && p.pid > 0 && Number.isInteger(p.ppid) && p.ppid >= 0 && Number.isFinite(p.startTime) &&
    typeof p.command === 'string' && typeof p.user === 'string' && STATES.has(p.state) &&
    Number.isFinite(p.cpu) && p.cpu >= 0 && p.memRss >= 0 && Number.isFinite(p.memPercent)
  );
}

describe('the sampler under churn (Linux)', () => {
  it(`survives ~200 short-lived processes a second for ${CHURN_SECONDS} s at ${SAMPLE_MS} ms, with no stale rows after`, async () => {
    // 25 short-lived children every 0.1 s (fork costs bring it near 200/s); the loop ends by itself after CHURN_SECONDS.
    const script = `end=$(( $(date +%s) + ${CHURN_SECONDS} )); n=0; while [ $(date +%s) -lt $end ]; do for j in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25; do /bin/true & done; n=$((n+25)); sleep 0.1; done; wait; echo $n`;
    const churner = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let spawned = '';
    churner.stdout.on('data', (d) => (spawned += d));
    const churnDone = new Promise<void>((r) => churner.once('exit', () => r()));

    const sampler = createSampler();
    let samples = 0;
    let malformed = 0;
    let churnRowsSeen = 0;
    let running = true;
    void churnDone.then(() => (running = false));
    while (running) {
      const t0 = performance.now();
      const { processes } = await sampler.sample();
      samples++;
      malformed += processes.filter((p) => !wellFormed(p)).length;
      churnRowsSeen += processes.filter((p) => p.ppid === churner.pid).length;
      await sleep(Math.max(0, SAMPLE_MS - (performance.now() - t0)));
    }
    const after = await sampler.sample();
    const stale = after.processes.filter((p) => p.ppid === churner.pid || p.pid === churner.pid);
    const total = Number(spawned.trim());
    console.log(`churn: ${total} processes in ${CHURN_SECONDS} s (${Math.round(total / CHURN_SECONDS)}/s), ${samples} samples, ${churnRowsSeen} churn rows seen, ${malformed} malformed, ${stale.length} stale after`);
    sampler.close?.();
    // The churn itself (not the sampler) depends on the machine: at least 50 forks a second.
    expect(total).toBeGreaterThan(CHURN_SECONDS * 50);
    expect(samples).toBeGreaterThanOrEqual(CHURN_SECONDS * 2);
    expect(churnRowsSeen).toBeGreaterThan(0);
    expect(malformed).toBe(0);
    expect(stale).toEqual([]);
  }, 40_000);
});
