// The live console of a lesson run (ui/RunConsole): every line of every process, in time order,
// with its timestamp and a pid tag in that process's colour; stderr stands out; starts, joins and
// exits as quiet lines.
import { memo, useMemo } from 'react';
import type { LessonEvent } from '../../../shared/lessons.js';
import { useStrings } from '../i18n/i18n-context.js';
import { LESSON_STRINGS, type LessonStringKey } from '../i18n/lesson-strings.js';
import type { Translator } from '../i18n/translate.js';
import { RunConsole, type ConsoleRow } from '../ui/RunConsole.js';
import { exitKind, exitLabel } from './timeline-model.js';

/** Lines drawn at most (the newest); a long endless run keeps the page light. */
const MAX_LINES = 1500;

interface Props {
  events: readonly LessonEvent[];
  hues: ReadonlyMap<number, number>;
  onShowProcess(pid: number): void;
}

function rowOf(e: LessonEvent, t: Translator<LessonStringKey>): ConsoleRow | null {
  switch (e.type) {
    case 'output':
      return { kind: 'output', t: e.t, stream: e.stream, text: e.text, pid: e.pid };
    case 'start':
      return {
        kind: 'event',
        t: e.t,
        pid: e.pid,
        className: 'c-start',
        text: (
          <>
            ▶ {t('console.started', { name: e.name })} · {t('console.startedBy', { ppid: e.ppid })}
            {e.daemon && <span className="c-daemon">{t('console.daemon')}</span>}
          </>
        ),
      };
    case 'exit':
      return { kind: 'event', t: e.t, pid: e.pid, tone: exitKind(e), text: `■ ${t('console.exited', { how: exitLabel(e) })}` };
    case 'join-begin':
      return { kind: 'event', t: e.t, pid: e.pid, text: `⋯ ${t('console.joinBegin', { target: e.target })}` };
    case 'join-end':
      return { kind: 'event', t: e.t, pid: e.pid, text: `↩ ${t(e.timedOut ? 'console.joinTimeout' : 'console.joinEnd', { target: e.target })}` };
    default:
      return null;
  }
}

export const Console = memo(function Console({ events, hues, onShowProcess }: Props) {
  const t = useStrings(LESSON_STRINGS);
  const rows = useMemo(() => {
    const shown = events.map((e) => rowOf(e, t)).filter((r): r is ConsoleRow => r !== null);
    return shown.slice(Math.max(0, shown.length - MAX_LINES));
  }, [events, t]);
  const outputs = useMemo(() => events.reduce((n, e) => n + (e.type === 'output' ? 1 : 0), 0), [events]);

  return (
    <div className="console-wrap">
      <RunConsole
        rows={rows}
        hues={hues}
        onShowProcess={onShowProcess}
        testId="lesson-console"
        labels={{
          empty: t('console.empty'),
          stderr: t('console.stderr'),
          follow: t('console.follow'),
          count: outputs === 1 ? t('console.linesOne') : t('console.lines', { n: outputs }),
        }}
      />
    </div>
  );
});
