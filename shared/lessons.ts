// Lesson types shared by the lesson runner (main), the CLI and the lesson page (renderer).
import type { RunLifecycle } from './lifecycle.js';

import type { Text } from './i18n.js';

/** The language a lesson program is written in: every multiprocessing lesson ships in both. */
export type ProgramLanguage = 'typescript' | 'python';
export const PROGRAM_LANGUAGES: readonly ProgramLanguage[] = ['typescript', 'python'];

export interface ObservationMeta {
  id: string;
  text: Text;
}

export interface LessonMeta {
  id: string;
  /** Order in the catalogue (the numbering of docs/lesson-runtime.md). */
  number: number;
  title: Text;
  /** Explanation, paragraphs separated by blank lines (plain text, rendered as text). */
  explanation: Text;
  /** The lesson program's source (TypeScript), shown read-only. */
  source: string;
  /** The same lesson as a Python 3 program (standard library only), or null where there is none. */
  pythonSource: string | null;
  /** Where that Python program is on disk (to run it in the playground: python3 PATH), or null. */
  pythonPath: string | null;
  observations: ObservationMeta[];
  /** Runs until stopped (e.g. heartbeat-healthy). */
  endless: boolean;
  /** A lesson to run beside this one on one time scale (join-many ↔ join-serial), or null. */
  comparesWith: string | null;
  /** The live panel the page shows beside the timeline for this lesson, or null. */
  panel: LessonPanel | null;
}

/** Live panels some lessons have: the state diagram, the zombie and its parent, the orphan's ppid. */
export type LessonPanel = 'states' | 'zombie' | 'orphan';

/** Everything that happens in a lesson run; t is milliseconds since the run started. */
export type LessonEvent =
  | { type: 'start'; t: number; pid: number; ppid: number; name: string; daemon: boolean }
  | { type: 'output'; t: number; pid: number; ppid: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'join-begin'; t: number; pid: number; target: number; timeoutMs: number | null }
  | { type: 'join-end'; t: number; pid: number; target: number; timedOut: boolean }
  | { type: 'exit'; t: number; pid: number; exitcode: number; signal: string | null }
  /** reason: why it held or did not, in both languages (same facts and numbers). */
  | { type: 'observation'; t: number; id: string; ok: boolean; reason: Text }
  | { type: 'run-end'; t: number; ok: boolean; stopped: boolean };

export interface LessonRunInfo {
  runId: string;
  lessonId: string;
  /** Which of the lesson's programs runs. */
  language: ProgramLanguage;
  /** Pid of the lesson's main program. */
  pid: number;
  startedAt: number;
  running: boolean;
  /** Every event so far, so a page opened mid-run can catch up. */
  events: LessonEvent[];
  /** Exact lifecycle events so far (strace), for the same catch-up; absent from older servers. */
  lifecycle?: RunLifecycle;
}
