// The live console: every line of every process, in time order, with its timestamp and a pid
// tag in that process's colour; stderr stands out; starts, joins and exits as quiet lines.
// Program output is rendered as text only.
import { memo, useMemo } from 'react';
import type { LessonEvent } from '../../../shared/lessons.js';
import type { LessonT } from '../i18n/lesson-strings.js';
import { PidChip } from '../ui/PidChip.js';
import { exitKind, exitLabel } from './timeline-model.js';
import { stamp } from '../ui/time-scale.js';
import { useFollowScroll } from '../ui/use-follow-scroll.js';

/** Lines drawn at most (the newest); a long endless run keeps the page light. */
const MAX_LINES = 1500;

interface Props {
  events: readonly LessonEvent[];
  hues: ReadonlyMap<number, number>;
  t: LessonT;
  onShowProcess(pid: number): void;
}

export const Console = memo(function Console({ events, hues, t, onShowProcess }: Props) {
  const lines = useMemo(() => {
    const shown = events.filter((e) => e.type !== 'observation' && e.type !== 'run-end');
    return shown.slice(Math.max(0, shown.length - MAX_LINES));
  }, [events]);
  const outputs = useMemo(() => events.reduce((n, e) => n + (e.type === 'output' ? 1 : 0), 0), [events]);

  const { ref, following, follow, onScroll } = useFollowScroll(lines);
  const chip = (pid: number) => <PidChip pid={pid} hue={hues.get(pid)} onShow={onShowProcess} />;

  return (
    <div className="console-wrap">
      <div className="console" ref={ref} onScroll={onScroll} data-testid="lesson-console" role="log" aria-live="polite">
        {lines.length === 0 && <div className="console-empty">{t('console.empty')}</div>}
        {lines.map((e, i) => {
          const time = <span className="c-time mono">{stamp(e.t)}</span>;
          switch (e.type) {
            case 'output':
              return (
                <div key={i} className={`c-line c-${e.stream}`} data-pid={e.pid}>
                  {time}
                  {chip(e.pid)}
                  {e.stream === 'stderr' && <span className="c-stderr-tag">{t('console.stderr')}</span>}
                  <span className="c-text">{e.text}</span>
                </div>
              );
            case 'start':
              return (
                <div key={i} className="c-line c-event c-start">
                  {time}
                  {chip(e.pid)}
                  <span className="c-text">
                    ▶ {t('console.started', { name: e.name })} · {t('console.startedBy', { ppid: e.ppid })}
                    {e.daemon && <span className="c-daemon">{t('console.daemon')}</span>}
                  </span>
                </div>
              );
            case 'exit':
              return (
                <div key={i} className={`c-line c-event c-exit exit-${exitKind(e)}`}>
                  {time}
                  {chip(e.pid)}
                  <span className="c-text">■ {t('console.exited', { how: exitLabel(e) })}</span>
                </div>
              );
            case 'join-begin':
              return (
                <div key={i} className="c-line c-event">
                  {time}
                  {chip(e.pid)}
                  <span className="c-text">⋯ {t('console.joinBegin', { target: e.target })}</span>
                </div>
              );
            case 'join-end':
              return (
                <div key={i} className="c-line c-event">
                  {time}
                  {chip(e.pid)}
                  <span className="c-text">↩ {t(e.timedOut ? 'console.joinTimeout' : 'console.joinEnd', { target: e.target })}</span>
                </div>
              );
            default:
              return null;
          }
        })}
      </div>
      <div className="console-foot small dim">
        <span>{outputs === 1 ? t('console.linesOne') : t('console.lines', { n: outputs })}</span>
        {!following && (
          <button type="button" className="link-btn" onClick={follow}>
            ↓ {t('console.follow')}
          </button>
        )}
      </div>
    </div>
  );
});
