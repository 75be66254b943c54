// The sampler benchmark (`npm run bench`): with ~1,000 extra idle processes alive, times one
// snapshot by our Linux sampler, ps-list, `ps aux` and pidusage, interleaved so that load from
// other work hits all four alike. Before each timed call: a full GC and one turn of the event
// loop, so one method's garbage and pending callbacks are not billed to the next (no sleep: an
// idle pause lets caches go cold and bills that to whoever runs next). Prints a table, optional
// CPU/RSS figures, and last a JSON line.
// Env: BENCH_PROCS (1000), BENCH_ROUNDS (15), BENCH_CPU_SECONDS (60, 0 = skip; also the seconds
// web mode with one client and top -b -d 1 are measured side by side), BENCH_HISTORY_SAMPLES (600 =
// ten minutes at 1 Hz, taken back to back; 0 = skip),
// BENCH_RENDER_TICKS (40: a p95 of 20 ticks is their second-slowest; 0 = skip; needs Chromium), BENCH_WIRE_TICKS (10 ticks at 1 Hz for bytes
// per tick on the wire, full table vs delta; 0 = skip), BENCH_KILLS (5 kill clicks timed to the row
// gone at 1 Hz; 0 = skip).
// BENCH_TRACE_CHILDREN (1000: the fork+exit loop timed plain and under strace; 0 = skip).
// Also times one /metrics scrape of `procplay serve` and, when installed, of prometheus-process-exporter.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
// eslint-disable-next-line no-restricted-imports -- pidusage is a peer this bench times against our sampler, not a read of ours.
import pidusage from 'pidusage';
// eslint-disable-next-line no-restricted-imports -- ps-list likewise: a peer being timed.
import psList from 'ps-list';
import { createSampler } from '../processes/create-sampler.js';
import { FULL_RESCAN_TICKS, ListeningPortTracker, RESCAN_TICKS } from '../processes/listen-owners.js';
import type { OptionalSampled } from '../../shared/process.js';
import { HistoryStore } from '../processes/history.js';
import { IdleCrowd } from './idle-crowd.js';
import { median, round1 } from './stats.js';
import { measureRendererApply } from './renderer-apply.js';
import { endScrapeTargets, measureScrapes } from './scrape-bench.js';
import { measureParser, measureTraceOverhead } from './trace-overhead.js';
import { measureWireBytes, type WireBytes } from './wire-bytes.js';
import { measureKillLatency, type KillLatency } from './kill-latency.js';
import { endOverheadChildren, measureMonitorOverhead, type MonitorOverhead } from './monitor-overhead.js';

const envInt = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
};
const PROCS = envInt('BENCH_PROCS', 1000);
const ROUNDS = Math.max(10, envInt('BENCH_ROUNDS', 15));
const CPU_SECONDS = envInt('BENCH_CPU_SECONDS', 60);
const HISTORY_SAMPLES = envInt('BENCH_HISTORY_SAMPLES', 600);
const RENDER_TICKS = envInt('BENCH_RENDER_TICKS', 40);
const TRACE_CHILDREN = envInt('BENCH_TRACE_CHILDREN', 1000);
const WIRE_TICKS = envInt('BENCH_WIRE_TICKS', 10);
const KILLS = envInt('BENCH_KILLS', 5);
const PS_MAX_BUFFER_BYTES = 64 * 1024 * 1024;
const MIB = 1024 * 1024;

/** Created before anything starts, so every exit path can end it. */
const crowd = new IdleCrowd();

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A full-GC function without needing `node --expose-gc` on the command line. */
function getGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function psAux(): Promise<number> {
  return new Promise((resolve, reject) =>
    // eslint-disable-next-line walls/no-process-table-read -- `ps aux` is the peer being timed, not a read of ours.
    execFile('ps', ['aux'], { maxBuffer: PS_MAX_BUFFER_BYTES }, (err, stdout) => (err ? reject(err) : resolve(stdout.split('\n').length - 2))),
  );
}

async function run(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('the benchmark compares the Linux /proc sampler: run it on Linux');
  const crowdStartMs = performance.now();
  await crowd.start(PROCS);
  console.log(`started ${PROCS} idle processes in ${round1(performance.now() - crowdStartMs)} ms`);

  const sampler = createSampler({ adapter: 'linux' });
  let pids: number[] = [];
  let n = 0;
  const methods: Record<string, () => Promise<unknown>> = {
    sampler: async () => {
      const r = await sampler.sample();
      n = r.processes.length;
      pids = r.processes.map((p) => p.pid);
    },
    pslist: () => psList(),
    ps_aux: () => psAux(),
    pidusage: () => pidusage(pids),
  };
  const names = Object.keys(methods);
  const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));

  const gc = getGc();
  const time = async (name: string) => {
    gc();
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    await methods[name]();
    return performance.now() - t0;
  };
  // Warm-up: the sampler's first call also reads every command line and owner (cached after).
  const coldSamplerMs = await time('sampler');
  for (const name of names.slice(1)) await time(name);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no method always runs right after another's allocations.
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      times[name].push(await time(name));
    }
  }

  console.log('');
  console.log(`snapshot of ${n} processes, ${ROUNDS} timed runs each after one warm-up`);
  console.log('method       median ms    min ms    max ms');
  for (const name of names) {
    const t = times[name];
    console.log(`${name.padEnd(12)} ${String(round1(median(t))).padStart(9)} ${String(round1(Math.min(...t))).padStart(9)} ${String(round1(Math.max(...t))).padStart(9)}`);
  }
  console.log(`sampler first (cold) snapshot: ${round1(coldSamplerMs)} ms (reads every cmdline and owner once)`);

  // The optional columns' cost per tick: the same sampler with the I/O columns shown and not,
  // interleaved (each "on" tick reads /proc/PID/io of every process), and the port badge's part.
  const extrasTimes = await measureExtras(sampler, ROUNDS, async () => {
    gc();
    await new Promise((r) => setImmediate(r));
  });
  console.log('');
  console.log(`optional columns, per tick with the same ${n} processes (${ROUNDS} runs each)`);
  console.log('sample with         median ms    min ms    max ms');
  for (const [name, t] of Object.entries(extrasTimes)) {
    console.log(`${name.padEnd(18)} ${String(round1(median(t))).padStart(9)} ${String(round1(Math.min(...t))).padStart(9)} ${String(round1(Math.max(...t))).padStart(9)}`);
  }
  const portsAmortisedMs = median(extrasTimes.ports_tick) + median(extrasTimes.ports_full_scan) / FULL_RESCAN_TICKS;
  console.log(
    `port badge: ${round1(portsAmortisedMs)} ms per tick amortised (a full fd scan every ${FULL_RESCAN_TICKS} ticks or when a new listener appears; every ${RESCAN_TICKS} ticks only processes born since); included in every sample above`,
  );

  // One /metrics scrape (procplay serve vs prometheus-process-exporter), same crowd, same run.
  const scrapes = await measureScrapes(ROUNDS, async () => {
    gc();
    await new Promise((r) => setImmediate(r));
  });
  console.log('');
  console.log(`one /metrics scrape with the same ${n} processes, ${ROUNDS} timed scrapes each after one warm-up`);
  console.log('exporter                    median ms    min ms    max ms   series');
  for (const [name, t] of Object.entries(scrapes.times)) {
    console.log(`${name.padEnd(27)} ${String(round1(median(t))).padStart(9)} ${String(round1(Math.min(...t))).padStart(9)} ${String(round1(Math.max(...t))).padStart(9)} ${String(scrapes.series[name]).padStart(8)}`);
  }
  if (!scrapes.times.process_exporter) console.log('prometheus-process-exporter is not installed: no comparison (apt-get install prometheus-process-exporter)');
  const scrapeMs = median(scrapes.times.procplay);
  const peMs = scrapes.times.process_exporter ? median(scrapes.times.process_exporter) : null;
  const peDefaultMs = scrapes.times.process_exporter_defaults ? median(scrapes.times.process_exporter_defaults) : null;

  if (CPU_SECONDS > 0) {
    const history = new HistoryStore();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let s = 0; s < CPU_SECONDS; s++) {
      const r = await sampler.sample();
      history.record(r.processes, Date.now(), 1000);
      await wait(Math.max(0, wall0 + (s + 1) * 1000 - performance.now()));
    }
    const used = process.cpuUsage(cpu0);
    const cpuPct = ((used.user + used.system) / 1000 / (performance.now() - wall0)) * 100;
    console.log(`main-process CPU at 1 Hz sampling over ${CPU_SECONDS} s: ${round1(cpuPct)} % of one core`);
  }
  let overhead: MonitorOverhead | null = null;
  if (CPU_SECONDS > 0) {
    overhead = await measureMonitorOverhead(CPU_SECONDS);
    console.log(
      `web mode at 1 Hz with one client receiving updates (${overhead.updatesPerS}/s), over ${overhead.seconds} s: CPU ${overhead.serverCpuPct} % of one core, ` +
        `RSS ${overhead.serverRssMib} MiB; top -b -d 1 in the same seconds: ` +
        (overhead.topCpuPct === null ? 'not installed' : `${overhead.topCpuPct} % (target: at most half of top's)`),
    );
  }
  if (HISTORY_SAMPLES > 0) {
    const history = new HistoryStore();
    for (let s = 0; s < HISTORY_SAMPLES; s++) {
      const r = await sampler.sample();
      history.record(r.processes, Date.now(), 1000);
    }
    const mem = process.memoryUsage();
    console.log(
      `after ${HISTORY_SAMPLES} samples with history kept: RSS ${round1(mem.rss / MIB)} MiB, heap ${round1(mem.heapUsed / MIB)} MiB, ` +
        `history rings ${round1(history.ringBytes / MIB)} MiB for ${history.size} processes`,
    );
  }

  let wire: WireBytes | null = null;
  if (WIRE_TICKS > 0) {
    const wireSampler = createSampler({ adapter: 'linux' });
    wire = await measureWireBytes(wireSampler, WIRE_TICKS);
    wireSampler.close?.();
    console.log(
      `bytes per tick on the wire at ${wire.rows} processes (1 Hz, ${wire.ticks} ticks): full table ${wire.fullBytes} B (before deltas), ` +
        `delta ${wire.deltaBytes} B median, ${wire.deltaMaxBytes} B max (after: ${round1(wire.fullBytes / wire.deltaBytes)}× less; ` +
        `per tick ${wire.added} new, ${wire.removed} gone, ${wire.changed} changed rows)`,
    );
  }

  let kills: KillLatency | null = null;
  if (KILLS > 0) {
    kills = await measureKillLatency(KILLS);
    console.log(
      `kill click at ${kills.intervalMs / 1000} Hz sampling (${kills.kills} kills): preview ${kills.previewMs} ms, kill reply ${kills.killReplyMs} ms ` +
        `(${kills.listingKillReplyMs} ms with the target found in a whole listing), click to row gone ${kills.rowGoneMs} ms median, ` +
        `${kills.rowGoneMaxMs} ms max (target ≤ ${kills.intervalMs + 50} ms)`,
    );
  }

  let render: Awaited<ReturnType<typeof measureRendererApply>> = null;
  if (RENDER_TICKS > 0) {
    const r = (render = await measureRendererApply(RENDER_TICKS));
    console.log(
      r
        ? `renderer: one tick applied to the table of ${r.rows} processes in ${r.medianMs} ms median, ${r.p95Ms} ms p95 (max ${r.maxMs} ms, ${r.ticks} ticks, Chromium)`
        : 'renderer: skipped (Chromium or the built UI is missing)',
    );
  }

  let trace: Record<string, number> = {};
  if (TRACE_CHILDREN > 0) {
    const parser = measureParser();
    console.log(`strace parser: ${parser.events} events from ${parser.lines} lines in ${parser.cpuMs} ms of CPU (${parser.ms} ms wall): ${parser.eventsPerSecond} events/s (${parser.linesPerSecond} lines/s) per second of CPU`);
    const o = await measureTraceOverhead(TRACE_CHILDREN);
    if ('skipped' in o) console.log(`tracing overhead: skipped (${o.skipped})`);
    else {
      console.log(
        `fork+exit loop of ${o.children} children (median of ${o.rounds}): plain ${o.plainMs} ms (${o.plainPerChildMs} ms each), ` +
          `traced ${o.tracedMs} ms (${o.tracedPerChildMs} ms each): ${o.slowdown}x; ${o.eventsPerTracedRun} events per traced run`,
      );
      trace = { trace_plain_per_child_ms: o.plainPerChildMs, trace_traced_per_child_ms: o.tracedPerChildMs, trace_slowdown: o.slowdown };
    }
    trace.parser_events_per_s = parser.eventsPerSecond;
  }

  const sMs = median(times.sampler);
  const result = {
    ...trace,
    n,
    sampler_ms: round1(sMs),
    pslist_ms: round1(median(times.pslist)),
    ps_aux_ms: round1(median(times.ps_aux)),
    pidusage_ms: round1(median(times.pidusage)),
    ratio_vs_pslist: round1(median(times.pslist) / sMs),
    ratio_vs_ps: round1(median(times.ps_aux) / sMs),
    sample_ms_io_off: round1(median(extrasTimes.io_off)),
    sample_ms_io_on: round1(median(extrasTimes.io_on)),
    sample_ms_cgroup_on: round1(median(extrasTimes.cgroup_on)),
    ports_tick_ms: round1(median(extrasTimes.ports_tick)),
    ports_scan_ms: round1(median(extrasTimes.ports_full_scan)),
    scrape_ms: round1(scrapeMs),
    scrape_series: scrapes.series.procplay,
    process_exporter_scrape_ms: peMs === null ? null : round1(peMs),
    process_exporter_series: scrapes.series.process_exporter ?? null,
    scrape_ratio_vs_process_exporter: peMs === null ? null : round1(peMs / scrapeMs),
    process_exporter_defaults_scrape_ms: peDefaultMs === null ? null : round1(peDefaultMs),
    scrape_ratio_vs_process_exporter_defaults: peDefaultMs === null ? null : round1(peDefaultMs / scrapeMs),
    wire_full_bytes: wire?.fullBytes ?? null,
    wire_delta_bytes: wire?.deltaBytes ?? null,
    kill_reply_ms: kills?.killReplyMs ?? null,
    kill_row_gone_ms: kills?.rowGoneMs ?? null,
    server_cpu_pct: overhead?.serverCpuPct ?? null,
    top_cpu_pct: overhead?.topCpuPct ?? null,
    server_rss_mib: overhead?.serverRssMib ?? null,
    page_tick_p50_ms: render?.medianMs ?? null,
    page_tick_p95_ms: render?.p95Ms ?? null,
    page_tick_rows: render?.rows ?? null,
  };
  await finish(0, result);
}

/**
 * Medians to compare: a sample with no optional column, with the I/O columns, with CGROUP (read
 * once per process, then cached); and the listening-port lookup alone, on an ordinary tick
 * (/proc/net only) and when it must scan every process's fds (a new listener appeared).
 */
async function measureExtras(
  sampler: ReturnType<typeof createSampler>,
  rounds: number,
  settle: () => Promise<void>,
): Promise<Record<'io_off' | 'io_on' | 'cgroup_on' | 'ports_tick' | 'ports_full_scan', number[]>> {
  // One listener of our own, so the full scan has something to find even on a machine with none.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const procs = (await sampler.sample()).processes;
  const variants: Record<string, ReadonlySet<OptionalSampled>> = { io_off: new Set(), io_on: new Set(['io']), cgroup_on: new Set(['cgroup']) };
  const times = { io_off: [] as number[], io_on: [] as number[], cgroup_on: [] as number[], ports_tick: [] as number[], ports_full_scan: [] as number[] };
  const steady = new ListeningPortTracker();
  steady.update(procs);
  for (const name of Object.keys(variants)) await sampler.sample({ extras: variants[name] }); // warm-up
  for (let round = 0; round < rounds; round++) {
    const names = Object.keys(variants);
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length] as 'io_off' | 'io_on' | 'cgroup_on';
      await settle();
      const t0 = performance.now();
      await sampler.sample({ extras: variants[name] });
      times[name].push(performance.now() - t0);
    }
    await settle();
    let t0 = performance.now();
    steady.update(procs);
    times.ports_tick.push(performance.now() - t0);
    await settle();
    const fresh = new ListeningPortTracker();
    t0 = performance.now();
    fresh.update(procs);
    times.ports_full_scan.push(performance.now() - t0);
  }
  server.close();
  return times;
}

let finishing = false;

/** Ends the crowd (always), checks nothing is left, prints the JSON line last, and exits. */
async function finish(code: number, result?: object): Promise<void> {
  if (finishing) return;
  finishing = true;
  pidusage.clear();
  await endScrapeTargets();
  await endOverheadChildren();
  const left = await crowd.end();
  console.log(left === 0 ? 'ended every process the benchmark started; none left' : `WARNING: ${left} benchmark processes still present`);
  if (left !== 0) code = code || 1;
  if (result) console.log(JSON.stringify(result));
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: ending the benchmark's processes`);
    void finish(130);
  });
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  void finish(1);
});
