// `procplay lesson list` and `procplay lesson run ID [--python] [--lang en|zh]`: a lesson in a terminal
// (--python: the lesson's Python program instead of its TypeScript one; the same checklist).
// Prints every line attributed to its process, then the lesson's observations (✓ or ✗ with the
// reason, both in the chosen --lang); exits 0 only when all of them held. Ctrl+C or SIGTERM stops
// the run and its tree.
import type { LessonEvent, ProgramLanguage } from '../../shared/lessons.js';
import type { Lang } from '../../shared/i18n.js';
import { LessonRunner } from '../lessons/lesson-runner.js';
import { describeExit } from '../lessons/runtime/exit-status.js';

export interface LessonCommandOutput {
  log(text: string): void;
  error(text: string): void;
}

export const LESSON_USAGE = 'usage: procplay lesson list [--lang en|zh] | procplay lesson run ID [--python] [--lang en|zh]';

const consoleOut: LessonCommandOutput = { log: (t) => console.log(t), error: (t) => console.error(t) };

const TEXT = {
  observations: { en: 'Observations:', zh: '观察结果：' },
  endless: { en: '(runs until stopped)', zh: '（持续运行，直到停止）' },
  stopping: { en: 'stopping the lesson and all its processes…', zh: '正在停止本课及其所有进程……' },
  stopHint: { en: 'This lesson runs until stopped: press Ctrl+C.', zh: '本课会一直运行：按 Ctrl+C 停止。' },
} as const;

interface Parsed {
  verb: string | undefined;
  id: string | undefined;
  lang: Lang;
  language: ProgramLanguage;
  error: string | null;
}

/** Pure: the command line of `procplay lesson …`. */
export function parseLessonArgs(argv: readonly string[]): Parsed {
  const rest: string[] = [];
  let lang: Lang = 'en';
  let language: ProgramLanguage = 'typescript';
  let error: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--python') {
      language = 'python';
      continue;
    }
    const value = arg === '--lang' ? argv[++i] : arg.startsWith('--lang=') ? arg.slice(7) : null;
    if (value === null) {
      if (arg.startsWith('-')) error ??= `unknown option "${arg}"`;
      else rest.push(arg);
    } else if (value === 'en' || value === 'zh') lang = value;
    else error ??= `--lang must be en or zh, got "${value ?? ''}"`;
  }
  const [verb, id, ...extra] = rest;
  if (extra.length) error ??= `unexpected "${extra.join(' ')}"`;
  if (language === 'python' && verb !== 'run') error ??= '--python goes with lesson run';
  return { verb, id, lang, language, error };
}

/** Pure: one event as a terminal line, or null for events not shown as they happen. */
export function formatEvent(event: LessonEvent, lang: Lang = 'en'): string | null {
  const zh = lang === 'zh';
  switch (event.type) {
    case 'output':
      return `[pid ${event.pid} ppid ${event.ppid}] ${event.text}`;
    case 'start': {
      const daemon = event.daemon ? (zh ? '（守护进程）' : ' (daemon)') : '';
      return zh
        ? `  · pid ${event.pid} 由 ${event.ppid} 启动：${event.name}${daemon}`
        : `  · pid ${event.pid} started by ${event.ppid}: ${event.name}${daemon}`;
    }
    case 'exit':
      return `  · pid ${event.pid} ${zh ? '结束：' : 'ended: '}${describeExit(event.exitcode, event.signal, lang)}`;
    default:
      return null;
  }
}

export async function runLessonCommand(argv: string[], out: LessonCommandOutput = consoleOut): Promise<number> {
  const { verb, id, lang, language, error } = parseLessonArgs(argv);
  if (error) {
    out.error(`procplay lesson: ${error}\n${LESSON_USAGE}`);
    return 2;
  }
  if (verb === 'list' && id === undefined) {
    const runner = new LessonRunner({ onEvent: () => undefined });
    for (const lesson of runner.list()) {
      out.log(`${String(lesson.number).padStart(3)}  ${lesson.id.padEnd(18)} ${lesson.title[lang]}${lesson.endless ? ` ${TEXT.endless[lang]}` : ''}`);
    }
    return 0;
  }
  if (verb === 'run' && id !== undefined) return runOne(id, lang, language, out);
  out.error(LESSON_USAGE);
  return 2;
}

async function runOne(id: string, lang: Lang, language: ProgramLanguage, out: LessonCommandOutput): Promise<number> {
  let ended!: (ok: boolean) => void;
  const result = new Promise<boolean>((resolve) => (ended = resolve));
  const runner = new LessonRunner({
    onEvent: (_runId, _lessonId, event) => {
      const line = formatEvent(event, lang);
      if (line !== null) (event.type === 'output' && event.stream === 'stderr' ? out.error : out.log)(line);
      if (event.type === 'run-end') ended(event.ok);
    },
  });
  const meta = runner.list().find((l) => l.id === id);
  if (meta) {
    out.log(`${meta.number}. ${meta.title[lang]}${language === 'python' ? ' (Python)' : ''}`);
    if (meta.endless) out.log(TEXT.stopHint[lang]);
  }
  let info;
  try {
    info = await runner.run(id, language);
  } catch (err) {
    out.error(`procplay lesson: ${(err as Error).message}`);
    return 2;
  }
  const onSignal = (): void => {
    out.error(TEXT.stopping[lang]);
    void runner.stop(info.runId);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const ok = await result;
    const final = runner.runs().find((r) => r.runId === info.runId)!;
    out.log(`\n${TEXT.observations[lang]}`);
    for (const obs of meta?.observations ?? []) {
      const verdict = final.events.find((e): e is Extract<LessonEvent, { type: 'observation' }> => e.type === 'observation' && e.id === obs.id);
      const mark = verdict?.ok ? '✓' : '✗';
      out.log(`  ${mark} ${obs.text[lang]}${verdict ? ` — ${verdict.reason[lang]}` : ''}`);
    }
    return ok ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
