// The run's timeline: one lane per process on a shared time axis (seconds). A lane's bar runs
// from its start to its exit (or to now, growing live), daemon lanes are striped, join waits
// are hatched on the waiting lane with an arrow to the process waited for, output lines are
// ticks, and the exit marker says how it ended ("exit 0", "SIGTERM (-15)").
import { memo, useRef } from 'react';
import type { LessonT } from '../i18n/lesson-strings.js';
import { PidChip } from '../ui/PidChip.js';
import { exitKind, exitLabel, type TimelineModel } from './timeline-model.js';
import { axisTicks } from '../ui/time-scale.js';
import { useWidth } from '../ui/use-width.js';
import { pct, TimeAxisRow, TimeGrid } from '../ui/TimeAxis.js';

const LANE_H = 30;
const LANE_H_COMPACT = 20;

interface Props {
  model: TimelineModel;
  /** Milliseconds the full width stands for (shared by compared timelines). */
  scaleMs: number;
  nowMs: number;
  running: boolean;
  hues: ReadonlyMap<number, number>;
  t: LessonT;
  onShowProcess(pid: number): void;
  testId?: string;
  caption?: string;
  /** Thinner lanes, for two timelines one above the other. */
  compact?: boolean;
}


export const Timeline = memo(function Timeline({ model, scaleMs, nowMs, running, hues, t, onShowProcess, testId = 'lesson-timeline', caption, compact = false }: Props) {
  const secs = (ms: number) => t('time.seconds', { n: (ms / 1000).toFixed(1) });
  const axisRef = useRef<HTMLDivElement>(null);
  const width = useWidth(axisRef);
  const ticks = axisTicks(scaleMs, width);
  const index = new Map(model.lanes.map((l, i) => [l.pid, i]));
  const x = (ms: number) => (Math.max(0, Math.min(scaleMs, ms)) / scaleMs) * width;
  const laneH = compact ? LANE_H_COMPACT : LANE_H;
  const y = (i: number) => i * laneH + laneH / 2;

  return (
    <div className={compact ? 'timeline compact' : 'timeline'} data-testid={testId} data-duration-ms={Math.round(model.durationMs)}>
      {caption && <div className="tl-caption">{caption}</div>}
      <TimeAxisRow ticks={ticks} scaleMs={scaleMs} axisRef={axisRef} />
      {model.lanes.length === 0 ? (
        <div className="tl-empty">{t('timeline.empty')}</div>
      ) : (
        <div className="tl-lanes">
          <TimeGrid ticks={ticks} scaleMs={scaleMs} nowMs={nowMs} running={running} />
          {model.lanes.map((lane) => {
            const hue = hues.get(lane.pid) ?? 220;
            const end = lane.endMs ?? nowMs;
            const endPct = Math.min(100, (end / scaleMs) * 100);
            return (
              <div
                key={lane.pid}
                className={`tl-row tl-lane${lane.daemon ? ' daemon' : ''}${lane.implicit ? ' implicit' : ''}${lane.endMs === null ? ' alive' : ''}`}
                data-testid={`lane-${lane.pid}`}
                data-pid={lane.pid}
                data-name={lane.name}
                data-start-ms={Math.round(lane.startMs)}
                data-end-ms={lane.endMs === null ? '' : Math.round(lane.endMs)}
                data-daemon={String(lane.daemon)}
                data-exitcode={lane.exit ? lane.exit.exitcode : ''}
                style={{ ['--pid-h' as string]: String(hue) }}
              >
                <div className="tl-label" style={{ paddingLeft: 6 + Math.min(lane.depth, 4) * 12 }}>
                  {lane.depth > 0 && <span className="tl-branch" aria-hidden="true">└</span>}
                  <PidChip pid={lane.pid} hue={hue} onShow={onShowProcess} label={String(lane.pid)} />
                  <span className="tl-name" title={lane.implicit ? t('timeline.seen') : lane.name}>
                    {lane.implicit ? '…' : lane.name}
                  </span>
                  {lane.daemon && <span className="tl-daemon-badge">{t('timeline.daemon')}</span>}
                </div>
                <div className="tl-track">
                  <div
                    className="tl-bar"
                    style={{ left: pct(lane.startMs, scaleMs), width: pct(Math.max(end - lane.startMs, scaleMs * 0.002), scaleMs) }}
                    title={t('timeline.lifetime', { pid: lane.pid, from: secs(lane.startMs), to: lane.endMs === null ? t('timeline.running') : secs(lane.endMs) })}
                  />
                  {lane.joins.map((j, k) => (
                    <div
                      key={k}
                      className={`tl-join${j.timedOut ? ' timed-out' : ''}`}
                      style={{ left: pct(j.from, scaleMs), width: pct(Math.max((j.to ?? nowMs) - j.from, 0), scaleMs) }}
                      title={t('timeline.joins', { target: j.target })}
                    />
                  ))}
                  {lane.ticks.map((tick, k) => (
                    <span key={k} className={`tl-out ${tick.stream}`} style={{ left: pct(tick.t, scaleMs) }} />
                  ))}
                  {lane.exit && (
                    <>
                      <span className={`tl-exit-cap exit-${exitKind(lane.exit)}`} style={{ left: pct(lane.exit.t, scaleMs) }} />
                      <span
                        className={`tl-exit exit-${exitKind(lane.exit)}`}
                        style={{ left: `${endPct}%` }}
                        data-testid={`exit-${lane.pid}`}
                      >
                        {exitLabel(lane.exit)}
                        <span className="tl-exit-time"> · {secs(lane.exit.t)}</span>
                      </span>
                    </>
                  )}
                </div>
              </div>
            );
          })}
          <svg className="tl-arrows" width={width} height={model.lanes.length * laneH} aria-hidden="true">
            <defs>
              <marker id={`${testId}-head`} viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
              </marker>
            </defs>
            {model.lanes.flatMap((lane) =>
              lane.joins.map((j, k) => {
                const from = index.get(lane.pid)!;
                const to = index.get(j.target);
                if (to === undefined) return null;
                const x1 = x(j.from);
                const x2 = x(j.to ?? nowMs);
                const off = compact ? 4 : 6;
                const y1 = y(from) + (to > from ? off : -off);
                const y2 = y(to) + (to > from ? -off - 1 : off + 1);
                const hue = hues.get(j.target) ?? 220;
                return (
                  <path
                    key={`${lane.pid}-${k}`}
                    className="tl-arrow"
                    d={`M${x1},${y1} C${x1 + (x2 - x1) * 0.5},${y1} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
                    style={{ stroke: `hsl(${hue} 60% 50%)` }}
                    markerEnd={`url(#${testId}-head)`}
                  />
                );
              }),
            )}
          </svg>
        </div>
      )}
    </div>
  );
});

export function TimelineLegend({ t }: { t: LessonT }) {
  return (
    <div className="tl-legend small dim" aria-hidden="true">
      <span><i className="lg lg-life" />{t('timeline.legendLife')}</span>
      <span><i className="lg lg-daemon" />{t('timeline.legendDaemon')}</span>
      <span><i className="lg lg-join" />{t('timeline.legendJoin')}</span>
      <span><i className="lg lg-out" />{t('timeline.legendOut')}</span>
      <span><i className="lg lg-err" />{t('timeline.legendStderr')}</span>
    </div>
  );
}
