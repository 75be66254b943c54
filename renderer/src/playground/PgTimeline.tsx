// The run's timeline, drawn like the lessons' (their tl-* styles and axis helpers): one lane per
// process in the tree's order, a bar from its appearance to its end (growing live), a hatched
// stretch while it was a zombie, and an exit marker saying how it ended ("exit 0", "SIGTERM",
// or just "ended" where the OS did not tell).
import { memo, useRef } from 'react';
import { axisTicks } from '../ui/time-scale.js';
import { useWidth } from '../ui/use-width.js';
import { pct, TimeAxisRow, TimeGrid } from '../ui/TimeAxis.js';
import { PidChip } from '../ui/PidChip.js';
import type { PgT } from '../i18n/playground-strings.js';
import { exitText, exitTone, type TreeRow } from './proc-model.js';
import { showInvisible } from '../../../shared/visible-text.js';

interface Props {
  rows: readonly TreeRow[];
  scaleMs: number;
  nowMs: number;
  running: boolean;
  hues: ReadonlyMap<string, number>;
  t: PgT;
  onShowProcess(pid: number): void;
}


export const PgTimeline = memo(function PgTimeline({ rows, scaleMs, nowMs, running, hues, t, onShowProcess }: Props) {
  const secs = (ms: number) => t('time.seconds', { n: (ms / 1000).toFixed(1) });
  const axisRef = useRef<HTMLDivElement>(null);
  const width = useWidth(axisRef);
  const ticks = axisTicks(scaleMs, width);
  return (
    <div className="timeline pg-timeline" data-testid="playground-timeline">
      <TimeAxisRow ticks={ticks} scaleMs={scaleMs} axisRef={axisRef} />
      {rows.length === 0 ? (
        <div className="tl-empty">{t('timeline.empty')}</div>
      ) : (
        <div className="tl-lanes">
          <TimeGrid ticks={ticks} scaleMs={scaleMs} nowMs={nowMs} running={running} />
          {rows.map(({ proc: p, depth }) => {
            const hue = hues.get(p.key) ?? 220;
            const end = p.endMs ?? nowMs;
            const lifeEnd = p.zombieMs ?? end;
            const label = exitText(p.exit);
            const tone = exitTone(p.exit);
            return (
              <div
                key={p.key}
                className={`tl-row tl-lane${p.status === 'alive' ? ' alive' : ''}${p.status === 'zombie' ? ' zombie' : ''}`}
                data-testid={`pg-lane-${p.pid}`}
                data-pid={p.pid}
                data-start-ms={Math.round(p.startMs)}
                data-end-ms={p.endMs === null ? '' : Math.round(p.endMs)}
                style={{ ['--pid-h' as string]: String(hue) }}
              >
                <div className="tl-label" style={{ paddingLeft: 6 + Math.min(depth, 5) * 12 }}>
                  {depth > 0 && (
                    <span className="tl-branch" aria-hidden="true">
                      └
                    </span>
                  )}
                  <PidChip pid={p.pid} hue={hue} onShow={onShowProcess} label={String(p.pid)} />
                  <span className="tl-name" title={showInvisible(p.command)}>
                    {p.helper ? p.helper.name : showInvisible(p.name)}
                  </span>
                </div>
                <div className="tl-track">
                  <div
                    className="tl-bar"
                    style={{ left: pct(p.startMs, scaleMs), width: pct(Math.max(lifeEnd - p.startMs, scaleMs * 0.002), scaleMs) }}
                    title={t('timeline.lifetime', { pid: p.pid, from: secs(p.startMs), to: p.endMs === null ? t('timeline.running') : secs(p.endMs) })}
                  />
                  {p.zombieMs !== null && (
                    <div
                      className="pg-tl-zombie"
                      style={{ left: pct(p.zombieMs, scaleMs), width: pct(Math.max(end - p.zombieMs, scaleMs * 0.002), scaleMs) }}
                      title={t('timeline.zombie')}
                    />
                  )}
                  {p.endMs !== null && (
                    <>
                      <span className={`tl-exit-cap pg-exit-${tone}`} style={{ left: pct(p.endMs, scaleMs) }} />
                      <span className={`tl-exit pg-exit-${tone}`} style={{ left: pct(p.endMs, scaleMs) }} data-testid={`pg-exit-${p.pid}`}>
                        {label ?? t('out.endedUnknown')}
                        <span className="tl-exit-time"> · {secs(p.endMs)}</span>
                      </span>
                    </>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
});
