// The renderer part of the benchmark alone (`node dist/main/bench/renderer-only.js`): starts
// BENCH_PROCS idle processes, measures the page's tick time in web mode, prints one JSON line, and
// ends every process it started. Env: BENCH_PROCS (10000), BENCH_RENDER_TICKS (40),
// BENCH_VIEW (table | tree), BENCH_PROFILE (path of a Chromium .cpuprofile to write).
import { IdleCrowd } from './idle-crowd.js';
import { measureRendererApply } from './renderer-apply.js';

const envInt = (name: string, dflt: number): number => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${process.env[name]}`);
  return v;
};
const PROCS = envInt('BENCH_PROCS', 10_000);
const TICKS = envInt('BENCH_RENDER_TICKS', 40);
const viewEnv = process.env.BENCH_VIEW ?? 'table';
if (viewEnv !== 'table' && viewEnv !== 'tree') throw new Error(`BENCH_VIEW must be table or tree, not ${viewEnv}`);
const view: 'table' | 'tree' = viewEnv;

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
  const r = await measureRendererApply(TICKS, { view, profilePath: process.env.BENCH_PROFILE });
  if (!r) throw new Error('Chromium or the built UI is missing (npm run build)');
  console.log(JSON.stringify({ view, extra: PROCS, ...r }));
  await finish(0);
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  void finish(1);
});
