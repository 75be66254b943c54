// A real zombie, made here: a shell starts a short child, then execs `sleep`, which never calls
// wait(). The sampler must show the child as Z (<defunct>) under that parent, as ps does; ending
// the parent must make it vanish within two refreshes, because the subreaper it runs under adopts
// and collects it (pid 1 here is not a real init and would keep it forever).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { LineageTracker } from '../../main/monitor/lineage.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import { SUBREAPER_SCRIPT } from '../../main/lessons/reaper/family.js';
import { SAMPLE_INTERVAL_DEFAULT_MS, type ProcInfo } from '../../shared/process.js';

const sampler = createSampler({ adapter: 'linux' });
afterAll(() => sampler.close?.());

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exists = (pid: number) => existsSync(`/proc/${pid}`);

async function sampleUntil(pick: (ps: ProcInfo[]) => ProcInfo | undefined, timeoutMs = 5000): Promise<{ processes: ProcInfo[]; found: ProcInfo }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { processes } = await sampler.sample();
    const found = pick(processes);
    if (found) return { processes, found };
    if (performance.now() > deadline) throw new Error('the expected process did not show in time');
    await wait(50);
  }
}

describe('a real zombie in the process table (Linux)', () => {
  it('shows state Z with its parent as ppid until the parent ends; then vanishes within two refreshes', async () => {
    const script = 'sleep 0.2 & echo "@$$ $PPID family $$ $!"; exec sleep 30';
    const reaper = spawn('python3', [SUBREAPER_SCRIPT, 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: string[] = [];
    let onLine: () => void = () => undefined;
    createInterface({ input: reaper.stdout! }).on('line', (l) => {
      lines.push(l);
      onLine();
    });
    const ended = new Promise<number | null>((resolve) => reaper.on('close', (code) => resolve(code)));
    const pids: number[] = [reaper.pid!];
    try {
      const family = await new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no family line: ${lines.join(' | ')}`)), 5000);
        onLine = () => {
          const m = lines.map((l) => / family (\d+) (\d+)$/.exec(l)).find(Boolean);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          }
        };
      });
      const parentPid = Number(family[1]);
      const zombiePid = Number(family[2]);
      pids.push(parentPid, zombiePid);
      expect(lines[0]).toMatch(new RegExp(`^@${reaper.pid} ${process.pid} subreaper ${reaper.pid}: ready`));

      const lineage = new LineageTracker();
      const { processes, found: zombie } = await sampleUntil((ps) => ps.find((p) => p.pid === zombiePid && p.state === 'Z'));
      lineage.annotate(processes, Date.now());
      expect(zombie).toMatchObject({ ppid: parentPid, state: 'Z', name: 'sleep', command: '[sleep] <defunct>', cpu: 0 });
      expect(zombie.zombieSince).toBeGreaterThan(0);
      const parent = processes.find((p) => p.pid === parentPid);
      expect(parent).toMatchObject({ ppid: reaper.pid, name: 'sleep', state: 'S', command: 'sleep 30' });
      // ps agrees: the OS itself reports the zombie.
      expect(execFileSync('ps', ['-o', 'stat=,ppid=', '-p', String(zombiePid)], { encoding: 'utf8' }).trim()).toMatch(new RegExp(`^Z\\S*\\s+${parentPid}$`));
      // It stays a zombie while its parent lives: nobody collects it.
      await wait(600);
      expect((await sampler.sample()).processes.find((p) => p.pid === zombiePid)?.state).toBe('Z');

      process.kill(parentPid, 'SIGTERM'); // what the clean-up button does
      let refreshes = 0;
      let seen = true;
      while (seen && refreshes < 2) {
        if (refreshes > 0) await wait(SAMPLE_INTERVAL_DEFAULT_MS);
        refreshes += 1;
        seen = (await sampler.sample()).processes.some((p) => p.pid === zombiePid || p.pid === parentPid);
      }
      expect(seen, `the zombie or its parent was still listed after ${refreshes} refreshes`).toBe(false);

      expect(await ended).toBe(0); // the subreaper ends once nobody is left to collect
      const said = lines.join('\n');
      expect(said).toContain(`collected ${parentPid} (my child), killed by SIGTERM`);
      expect(said).toContain(`collected ${zombiePid} (an orphan I adopted), exit code 0`);
    } finally {
      if (reaper.exitCode === null && reaper.signalCode === null) reaper.kill('SIGTERM');
      await ended;
    }
    expect(pids.filter(exists)).toEqual([]);
  });
});
