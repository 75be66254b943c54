// Pure questions about a lesson run's events, shared by the lessons' observation predicates:
// who the main program is, who its children are, what each printed and how each ended.
import type { LessonEvent } from '../../../shared/lessons.js';
import type { Lang } from '../../../shared/i18n.js';

export type StartEvent = Extract<LessonEvent, { type: 'start' }>;
export type OutputEvent = Extract<LessonEvent, { type: 'output' }>;
export type ExitEvent = Extract<LessonEvent, { type: 'exit' }>;

/** The main program's start (the runner reports it first). */
export function mainStart(events: readonly LessonEvent[]): StartEvent | undefined {
  return events.find((e): e is StartEvent => e.type === 'start');
}

/** Start events of the processes `ppid` started, in start order. */
export function childrenOf(events: readonly LessonEvent[], ppid: number): StartEvent[] {
  return events.filter((e): e is StartEvent => e.type === 'start' && e.ppid === ppid);
}

/** The children of the main program. */
export function mainChildren(events: readonly LessonEvent[]): StartEvent[] {
  const main = mainStart(events);
  return main ? childrenOf(events, main.pid) : [];
}

export function exitOf(events: readonly LessonEvent[], pid: number): ExitEvent | undefined {
  return events.find((e): e is ExitEvent => e.type === 'exit' && e.pid === pid);
}

/** Lines printed by `pid` (stdout and stderr), in time order. */
export function linesOf(events: readonly LessonEvent[], pid: number): OutputEvent[] {
  return events.filter((e): e is OutputEvent => e.type === 'output' && e.pid === pid);
}

export function firstLine(events: readonly LessonEvent[], pid: number, pattern: RegExp): OutputEvent | undefined {
  return linesOf(events, pid).find((e) => pattern.test(e.text));
}

/** Seconds with one decimal, for reasons ("at 1.1 s"; in Chinese "1.1 秒"). */
export const secs = (ms: number, lang: Lang = 'en'): string => `${(ms / 1000).toFixed(1)} ${lang === 'zh' ? '秒' : 's'}`;

/** "exit code 0" / "SIGTERM (-15)" (in Chinese "退出码 0" / "SIGTERM (-15)"). */
export const howEnded = (e: ExitEvent, lang: Lang = 'en'): string =>
  e.signal ? `${e.signal} (${e.exitcode})` : `${lang === 'zh' ? '退出码' : 'exit code'} ${e.exitcode}`;

/** Pure: a function name as either language spells it, compared without case or underscores (analyseLogs = analyse_logs). */
const nameKey = (name: string): string => name.replace(/_/g, '').toLowerCase();

/** The child of the main program whose process name mentions `target` (e.g. "Process-2 (job)"; in Python "Process-2 (analyse_logs)" for analyseLogs). */
export function childRunning(events: readonly LessonEvent[], target: string): StartEvent | undefined {
  const key = `(${nameKey(target)})`;
  return mainChildren(events).find((s) => nameKey(s.name).includes(key));
}
