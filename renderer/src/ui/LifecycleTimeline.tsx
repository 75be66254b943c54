// The timeline of a traced run, drawn from its exact lifecycle events (lifecycle-model.ts) for
// both the playground and the lessons: one lane per process ever seen, at least a few pixels wide
// (a child that lived 1 ms is still there), exec markers where the image changes, the zombie
// interval from exit to reap striped with the reaper named, and signals as arrows from the
// sender's lane to the target's. The data-* attributes carry the times, so tests read durations
// without measuring pixels.
import { memo, useRef } from 'react';
import { showInvisible } from '../../../shared/visible-text.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { axisTicks } from './time-scale.js';
import { useWidth } from './use-width.js';
import { commandText, lcExitText, lcExitTone, lifeEnd, MIN_LANE_PX, zombieSpan, type LcLane, type LcModel } from './lifecycle-model.js';
import { pct, TimeAxisRow, TimeGrid } from './TimeAxis.js';
import { ArrowHead } from './ArrowHead.js';
import { PidChip } from './PidChip.js';
import './lifecycle.css';

const LANE_H = 30;
/** Lanes drawn at most: a fork bomb's thousands of lanes would only freeze the page; the events pane still lists them. */
export const MAX_LANES = 300;

interface Props {
  model: LcModel;
  scaleMs: number;
  nowMs: number;
  running: boolean;
  hueOf(lane: LcLane): number;
  onShowProcess(pid: number): void;
  /** A page's own name for a process (a lesson's "Process-1"), shown before its image name. */
  labelOf?(lane: LcLane): string | null;
  testId?: string;
}

const ms = (v: number | null): string => (v === null ? '' : String(Math.round(v * 10) / 10));

function reaperWho(t: Translate, lane: LcLane): string {
  const how = lane.reapHow === 'subreaper' ? t('lc.tl.reaperSubreaper') : lane.reapHow === 'init' ? t('lc.tl.reaperInit') : t('lc.tl.reaperParent');
  return `${how} ${lane.reaper}`;
}

export const LifecycleTimeline = memo(function LifecycleTimeline({ model, scaleMs, nowMs, running, hueOf, onShowProcess, labelOf, testId = 'lc-timeline' }: Props) {
  const { t } = useI18n();
  const secs = (v: number) => t('lc.secs', { n: (v / 1000).toFixed(2) });
  const axisRef = useRef<HTMLDivElement>(null);
  const width = useWidth(axisRef);
  const ticks = axisTicks(scaleMs, width);
  const lanes = model.lanes.slice(0, MAX_LANES);
  const row = new Map(lanes.map((l, i) => [l.key, i]));
  const x = (v: number) => (Math.max(0, Math.min(scaleMs, v)) / scaleMs) * width;
  const y = (i: number) => i * LANE_H + LANE_H / 2;
  /** A span as left/width, never narrower than `minPx`. */
  const span = (from: number, to: number, minPx: number) => ({ left: pct(from, scaleMs), width: `max(${minPx}px, ${pct(Math.max(0, to - from), scaleMs)})` });

  return (
    <div className="timeline lc-timeline" data-testid={testId} data-scale-ms={scaleMs} data-lanes={model.lanes.length}>
      <TimeAxisRow ticks={ticks} scaleMs={scaleMs} axisRef={axisRef} />
      {lanes.length === 0 ? (
        <div className="tl-empty">{t('lc.events.empty')}</div>
      ) : (
        <div className="tl-lanes">
          <TimeGrid ticks={ticks} scaleMs={scaleMs} nowMs={nowMs} running={running} />
          {lanes.map((lane) => {
            const hue = hueOf(lane);
            const end = lifeEnd(lane, nowMs);
            const zombie = zombieSpan(lane, nowMs);
            const exitText = lcExitText(lane.exit);
            const tone = lane.exit ? lcExitTone(lane.exit) : 'ok';
            const former = lane.execs.length > 1 ? lane.execs.slice(0, -1).map((e) => e.name) : [];
            const labelEnd = zombie ? zombie.to : (lane.exitMs ?? end);
            return (
              <div
                key={lane.key}
                className={`tl-row tl-lane lc-lane${lane.exitMs === null ? ' alive' : ''}${zombie && !zombie.reaped ? ' zombie' : ''}`}
                data-testid={`lc-lane-${lane.pid}`}
                data-pid={lane.pid}
                data-ppid={lane.ppid ?? ''}
                data-name={lane.name}
                data-start-ms={ms(lane.startMs)}
                data-exit-ms={ms(lane.exitMs)}
                data-reap-ms={ms(lane.reapMs)}
                data-reaper={lane.reaper ?? ''}
                style={{ ['--pid-h' as string]: String(hue) }}
              >
                <div className="tl-label" style={{ paddingLeft: 6 + Math.min(lane.depth, 5) * 12 }}>
                  {lane.depth > 0 && (
                    <span className="tl-branch" aria-hidden="true">
                      └
                    </span>
                  )}
                  <PidChip pid={lane.pid} hue={hue} onShow={onShowProcess} bare />
                  <span
                    className="tl-name"
                    title={[showInvisible(commandText(lane.argv, lane.name, 400)), former.length ? t('lc.tl.formerly', { names: former.join(' → ') }) : ''].filter(Boolean).join('\n')}
                  >
                    {labelOf?.(lane) && <span className="lc-label">{labelOf(lane)} · </span>}
                    {lane.name ? showInvisible(lane.name) : '…'}
                  </span>
                </div>
                <div className="tl-track">
                  <div
                    className="tl-bar"
                    style={span(lane.startMs, end, MIN_LANE_PX)}
                    title={t('lc.tl.lifetime', { pid: lane.pid, from: secs(lane.startMs), to: lane.exitMs === null ? t('lc.tl.running') : secs(lane.exitMs) })}
                  />
                  {lane.execs.map((e, k) => (
                    <span
                      key={k}
                      className="lc-exec"
                      style={{ left: pct(e.t, scaleMs) }}
                      data-testid={`lc-exec-${lane.pid}`}
                      data-t={ms(e.t)}
                      data-name={e.name}
                      title={t('lc.tl.exec', { time: secs(e.t), command: showInvisible(commandText(e.argv, e.name, 200)) })}
                    />
                  ))}
                  {zombie && (
                    <div
                      className={`lc-zombie${zombie.reaped ? '' : ' open'}`}
                      style={span(zombie.from, zombie.to, 2)}
                      data-testid={`lc-zombie-${lane.pid}`}
                      data-from-ms={ms(zombie.from)}
                      data-to-ms={zombie.reaped ? ms(zombie.to) : ''}
                      data-reaper={lane.reaper ?? ''}
                      title={
                        zombie.reaped
                          ? t('lc.tl.zombie', { from: secs(zombie.from), to: secs(zombie.to), secs: ((zombie.to - zombie.from) / 1000).toFixed(2), by: reaperWho(t, lane) })
                          : t('lc.tl.zombieOpen', { from: secs(zombie.from) })
                      }
                    />
                  )}
                  {lane.exitMs !== null && <span className={`tl-exit-cap exit-${tone}`} style={{ left: pct(lane.exitMs, scaleMs) }} data-testid={`lc-exit-${lane.pid}`} />}
                  {lane.reapMs !== null && <span className="lc-reap" style={{ left: pct(lane.reapMs, scaleMs) }} data-testid={`lc-reap-${lane.pid}`} />}
                  {lane.exitMs !== null && (
                    <span className={`tl-exit exit-${tone}`} style={{ left: pct(labelEnd, scaleMs) }}>
                      {exitText ?? '?'}
                      {lane.reaper !== null && <span className="tl-exit-time"> · {t('lc.tl.reaper', { by: lane.reaper })}</span>}
                    </span>
                  )}
                </div>
              </div>
            );
          })}
          <svg className="tl-arrows lc-signals" width={width} height={lanes.length * LANE_H} aria-hidden="true">
            <defs>
              <ArrowHead id={`${testId}-sig`} />
            </defs>
            {model.signals.map((s, k) => {
              const to = s.toKey === null ? undefined : row.get(s.toKey);
              if (to === undefined) return null;
              const from = s.fromKey === null ? undefined : row.get(s.fromKey);
              const sx = x(s.t);
              // No sender lane (the kernel, or a process outside the run): a short arrow from above the target.
              const y1 = from === undefined ? y(to) - LANE_H * 0.6 : y(from);
              const y2 = y(to) + (from !== undefined && from > to ? 7 : -7);
              return (
                <g key={k} className="lc-signal" data-testid="lc-signal" data-signal={s.signal} data-sender={s.sender ?? ''} data-target={s.target} data-t={ms(s.t)}>
                  <title>{s.sender === null ? t('lc.tl.signalUnknown', { signal: s.signal, time: secs(s.t) }) : t('lc.tl.signal', { signal: s.signal, sender: s.sender, time: secs(s.t) })}</title>
                  <path d={`M${sx},${y1} L${sx},${y2}`} markerEnd={`url(#${testId}-sig)`} />
                  <text x={sx + 4} y={(y1 + y2) / 2 + 3}>
                    {s.signal}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      {model.lanes.length > lanes.length && <div className="small dim lc-more">{t('lc.tl.more', { n: model.lanes.length - lanes.length })}</div>}
    </div>
  );
});

export function LifecycleLegend() {
  const { t } = useI18n();
  return (
    <div className="tl-legend small dim" aria-hidden="true">
      <span>
        <i className="lg lg-life" />
        {t('lc.tl.exact')}
      </span>
      <span>
        <i className="lg lc-lg-exec" />
        {t('lc.tl.legendExec')}
      </span>
      <span>
        <i className="lg lc-lg-zombie" />
        {t('lc.tl.legendZombie')}
      </span>
      <span>
        <i className="lg lc-lg-signal" />
        {t('lc.tl.legendSignal')}
      </span>
    </div>
  );
}
