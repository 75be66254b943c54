// The renderer part of the benchmark alone (`node dist/main/bench/renderer-only.js`): starts
// BENCH_PROCS idle processes, measures the page's tick time in web mode, prints one JSON line, and
// ends every process it started. Env: BENCH_PROCS (10000), BENCH_RENDER_TICKS (40),
// BENCH_VIEW (table | tree | table,tree), BENCH_RUNS (1: measures of each view on the same crowd),
// BENCH_PROFILE (a path prefix: writes PREFIX.VIEW.RUN.cpuprofile, Chromium CPU profiles for DevTools).
import { IdleCrowd } from './idle-crowd.js';
import { measureRendererApply } from './renderer-apply.js';

const envInt = (name: string, dflt: number): number => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${process.env[name]}`);
  return v;
};
const PROCS = envInt('BENCH_PROCS', 10_000);
const TICKS = envInt('BENCH_RENDER_TICKS', 40);
const views = (process.env.BENCH_VIEW ?? 'table').split(',');
for (const v of views) if (v !== 'table' && v !== 'tree') throw new Error(`BENCH_VIEW must be table, tree or both (table,tree), not ${v}`);
const RUNS = Math.max(1, envInt('BENCH_RUNS', 1));

const crowd = new IdleCrowd();
let finishing = false;

async function finish(code: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  const left = await crowd.end();
  console.error(left === 0 ? 'ended every process the benchmark started; none left' : `WARNING: ${left} benchmark processes still present`);
  process.exit(left === 0 ? code : code || 1);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: ending the benchmark's processes`);
    void finish(130);
  });
}

async function run(): Promise<void> {
  if (PROCS > 0) await crowd.start(PROCS);
  // Several runs on one crowd: starting and ending 10,000 processes costs more than a measure.
  for (let run = 1; run <= RUNS; run++) {
    for (const view of views as ('table' | 'tree')[]) {
      const profilePath = process.env.BENCH_PROFILE && `${process.env.BENCH_PROFILE}.${view}.${run}.cpuprofile`;
      const r = await measureRendererApply(TICKS, { view, profilePath });
      if (!r) throw new Error('Chromium or the built UI is missing (npm run build)');
      console.log(JSON.stringify({ view, run, extra: PROCS, ...r }));
    }
  }
  await finish(0);
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  void finish(1);
});
