// The /metrics text, made by prom-client (never by hand): process-exporter's families with the
// `groupname` label, the host's counts, and per-process series for the processes the app started.
// A fresh Registry per scrape: its content type is fixed per registry, and prom-client renames
// counters in place when it writes OpenMetrics, so one shared set could not serve both formats.
import { Counter, Gauge, Registry, type RegistryContentType } from 'prom-client';
import type { MetricsView } from './collector.js';

export const PROMETHEUS_TEXT = Registry.PROMETHEUS_CONTENT_TYPE;
export const OPENMETRICS_TEXT = Registry.OPENMETRICS_CONTENT_TYPE;
export type ExpositionType = typeof PROMETHEUS_TEXT | typeof OPENMETRICS_TEXT;

const NS = 'namedprocess_namegroup_';
const PROC_LABELS = ['pid', 'start_time', 'name'] as const;

export async function renderExposition(view: MetricsView, type: ExpositionType): Promise<string> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(type);
  const registers = [registry];
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers });

  // Names and help texts as process-exporter's collector/process_collector.go.
  const numProcs = gauge(`${NS}num_procs`, 'number of processes in this group', ['groupname']);
  const cpu = counter(`${NS}cpu_seconds_total`, 'Cpu user usage in seconds', ['groupname', 'mode']);
  const readBytes = counter(`${NS}read_bytes_total`, 'number of bytes read by this group', ['groupname']);
  const writeBytes = counter(`${NS}write_bytes_total`, 'number of bytes written by this group', ['groupname']);
  const majorFaults = counter(`${NS}major_page_faults_total`, 'Major page faults', ['groupname']);
  const minorFaults = counter(`${NS}minor_page_faults_total`, 'Minor page faults', ['groupname']);
  const ctxSwitches = counter(`${NS}context_switches_total`, 'Context switches', ['groupname', 'ctxswitchtype']);
  const worstFdRatio = gauge(`${NS}worst_fd_ratio`, 'the worst (closest to 1) ratio between open fds and max fds among all procs in this group', ['groupname']);
  const memory = gauge(`${NS}memory_bytes`, 'number of bytes of memory in use', ['groupname', 'memtype']);
  const openFds = gauge(`${NS}open_filedesc`, 'number of open file descriptors for this group', ['groupname']);
  const oldest = gauge(`${NS}oldest_start_time_seconds`, 'start time in seconds since 1970/01/01 of oldest process in group', ['groupname']);
  const threads = gauge(`${NS}num_threads`, 'Number of threads', ['groupname']);
  const states = gauge(`${NS}states`, 'Number of processes in states Running, Sleeping, Waiting, Zombie, or Other', ['groupname', 'state']);

  for (const g of view.groups) {
    const groupname = g.name;
    numProcs.set({ groupname }, g.procs);
    cpu.inc({ groupname, mode: 'user' }, g.cpuUserSec);
    cpu.inc({ groupname, mode: 'system' }, g.cpuSystemSec);
    if (g.readBytes !== null) readBytes.inc({ groupname }, g.readBytes);
    if (g.writeBytes !== null) writeBytes.inc({ groupname }, g.writeBytes);
    if (g.majorFaults !== null) majorFaults.inc({ groupname }, g.majorFaults);
    if (g.minorFaults !== null) minorFaults.inc({ groupname }, g.minorFaults);
    if (g.ctxVoluntary !== null) ctxSwitches.inc({ groupname, ctxswitchtype: 'voluntary' }, g.ctxVoluntary);
    if (g.ctxNonvoluntary !== null) ctxSwitches.inc({ groupname, ctxswitchtype: 'nonvoluntary' }, g.ctxNonvoluntary);
    memory.set({ groupname, memtype: 'resident' }, g.residentBytes);
    memory.set({ groupname, memtype: 'virtual' }, g.virtualBytes);
    if (g.swapBytes !== null) memory.set({ groupname, memtype: 'swapped' }, g.swapBytes);
    worstFdRatio.set({ groupname }, g.worstFdRatio);
    if (g.openFds !== null) openFds.set({ groupname }, g.openFds);
    if (g.oldestStartSec !== null) oldest.set({ groupname }, g.oldestStartSec);
    threads.set({ groupname }, g.threads);
    for (const [state, n] of Object.entries(g.states)) states.set({ groupname, state }, n);
  }

  gauge('procplay_host_processes', 'Number of processes on the host, kernel threads included', []).set(view.host.processes);
  gauge('procplay_host_zombie_processes', 'Number of zombie processes on the host (exited, not yet reaped by their parent)', []).set(view.host.zombies);

  // One series per live process the app started; a process that ended is simply not in the next scrape.
  const pCpu = counter('procplay_process_cpu_seconds_total', 'CPU time of a process started by Process Playground', [...PROC_LABELS, 'mode']);
  const pMem = gauge('procplay_process_memory_bytes', 'Memory of a process started by Process Playground', [...PROC_LABELS, 'memtype']);
  const pThreads = gauge('procplay_process_num_threads', 'Threads of a process started by Process Playground', PROC_LABELS);
  const pFds = gauge('procplay_process_open_filedesc', 'Open file descriptors of a process started by Process Playground', PROC_LABELS);
  const pRead = counter('procplay_process_read_bytes_total', 'Bytes read from storage by a process started by Process Playground', PROC_LABELS);
  const pWrite = counter('procplay_process_write_bytes_total', 'Bytes written to storage by a process started by Process Playground', PROC_LABELS);
  for (const p of view.owned) {
    const labels = { pid: String(p.pid), start_time: String(p.startTimeSec), name: p.name };
    pCpu.inc({ ...labels, mode: 'user' }, p.userSec);
    if (p.systemSec !== null) pCpu.inc({ ...labels, mode: 'system' }, p.systemSec);
    pMem.set({ ...labels, memtype: 'resident' }, p.residentBytes);
    if (p.virtualBytes !== null) pMem.set({ ...labels, memtype: 'virtual' }, p.virtualBytes);
    if (p.threads !== null) pThreads.set(labels, p.threads);
    if (p.openFds !== null) pFds.set(labels, p.openFds);
    if (p.readBytes !== null) pRead.inc(labels, p.readBytes);
    if (p.writeBytes !== null) pWrite.inc(labels, p.writeBytes);
  }
  return registry.metrics();
}

/**
 * OpenMetrics when the Accept header prefers it (Prometheus asks for it first), else the classic
 * text format. Weighs q-values; an absent or unparsable header gets the classic format.
 */
export function negotiateExposition(accept: string | undefined): ExpositionType {
  if (!accept) return PROMETHEUS_TEXT;
  let om = -1;
  let text = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    let q = 1;
    let version: string | null = null;
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k === 'q') q = Number.isFinite(Number(v)) ? Number(v) : 0;
      if (k === 'version') version = v;
    }
    if (type === 'application/openmetrics-text' && (version === null || version === '1.0.0')) om = Math.max(om, q);
    else if (type === 'text/plain' || type === 'text/*' || type === '*/*') text = Math.max(text, q);
  }
  return om > 0 && om >= text ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
}
