// The sampled run timeline that lessons and the playground both draw: one lane per process on a
// shared time axis, a bar from its start to its end (growing live), an optional zombie stretch,
// join waits with arrows to the process waited for, output ticks, and an exit marker saying how
// it ended. Each page turns its own model into LaneViews; the drawing is this one component.
// (Runs traced by strace are drawn by LifecycleTimeline from exact events instead.)
import { memo, useRef } from 'react';
import { PidChip } from './PidChip.js';
import { pct, TimeAxisRow, TimeGrid } from './TimeAxis.js';
import { axisTicks } from './time-scale.js';
import { useWidth } from './use-width.js';
import { ArrowHead } from './ArrowHead.js';

const LANE_H = 30;
const LANE_H_COMPACT = 20;

export interface LaneJoin {
  from: number;
  /** While still waiting: null (drawn to now). */
  to: number | null;
  /** The pid waited for: its lane is where the arrow points. */
  target: number;
  timedOut: boolean;
  title: string;
}

export interface LaneView {
  key: string;
  pid: number;
  depth: number;
  hue: number;
  name: string;
  /** Tooltip of the name (the full command, or why the name is unknown). */
  nameTitle: string;
  /** A word after the name ("daemon"). */
  badge?: string;
  /** Extra classes of the row: alive, daemon, implicit, zombie. */
  classes: readonly string[];
  testId: string;
  /** data-* attributes of the row, for tests and tooltips. */
  data: Readonly<Record<string, string>>;
  startMs: number;
  /** Where the bar ends (a zombie's life ends at its exit, not at its reap). */
  barEndMs: number;
  barTitle: string;
  zombie?: { fromMs: number; toMs: number; title: string };
  joins?: readonly LaneJoin[];
  ticks?: readonly { t: number; stream: string }[];
  exit?: { capMs: number; labelMs: number; tone: string; testId: string; text: string; time: string };
}

interface Props {
  lanes: readonly LaneView[];
  /** Milliseconds the full width stands for (shared by compared timelines). */
  scaleMs: number;
  nowMs: number;
  running: boolean;
  onShowProcess(pid: number): void;
  emptyText: string;
  /** Extra class of the whole timeline (a page's sizes). */
  className?: string;
  testId: string;
  /** data-* attributes of the whole timeline. */
  data?: Readonly<Record<string, string>>;
  caption?: string;
  /** Thinner lanes, for two timelines one above the other. */
  compact?: boolean;
}

const dataAttributes = (data: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, v]));

export const RunLanes = memo(function RunLanes({ lanes, scaleMs, nowMs, running, onShowProcess, emptyText, className = '', testId, data = {}, caption, compact = false }: Props) {
  const axisRef = useRef<HTMLDivElement>(null);
  const width = useWidth(axisRef);
  const ticks = axisTicks(scaleMs, width);
  const index = new Map(lanes.map((l, i) => [l.pid, i]));
  const x = (ms: number) => (Math.max(0, Math.min(scaleMs, ms)) / scaleMs) * width;
  const laneH = compact ? LANE_H_COMPACT : LANE_H;
  const y = (i: number) => i * laneH + laneH / 2;
  const hasJoins = lanes.some((l) => l.joins?.length);

  return (
    <div className={['timeline', className, compact ? 'compact' : ''].filter(Boolean).join(' ')} data-testid={testId} {...dataAttributes(data)}>
      {caption && <div className="tl-caption">{caption}</div>}
      <TimeAxisRow ticks={ticks} scaleMs={scaleMs} axisRef={axisRef} />
      {lanes.length === 0 ? (
        <div className="tl-empty">{emptyText}</div>
      ) : (
        <div className="tl-lanes">
          <TimeGrid ticks={ticks} scaleMs={scaleMs} nowMs={nowMs} running={running} />
          {lanes.map((lane) => (
            <div
              key={lane.key}
              className={['tl-row', 'tl-lane', ...lane.classes].join(' ')}
              data-testid={lane.testId}
              data-pid={lane.pid}
              {...dataAttributes(lane.data)}
              style={{ ['--pid-h' as string]: String(lane.hue) }}
            >
              <div className="tl-label" style={{ paddingLeft: 6 + Math.min(lane.depth, 5) * 12 }}>
                {lane.depth > 0 && (
                  <span className="tl-branch" aria-hidden="true">
                    └
                  </span>
                )}
                <PidChip pid={lane.pid} hue={lane.hue} onShow={onShowProcess} bare />
                <span className="tl-name" title={lane.nameTitle}>
                  {lane.name}
                </span>
                {lane.badge && <span className="tl-daemon-badge">{lane.badge}</span>}
              </div>
              <div className="tl-track">
                <div
                  className="tl-bar"
                  style={{ left: pct(lane.startMs, scaleMs), width: pct(Math.max(lane.barEndMs - lane.startMs, scaleMs * 0.002), scaleMs) }}
                  title={lane.barTitle}
                />
                {lane.zombie && (
                  <div
                    className="tl-zombie"
                    style={{ left: pct(lane.zombie.fromMs, scaleMs), width: pct(Math.max(lane.zombie.toMs - lane.zombie.fromMs, scaleMs * 0.002), scaleMs) }}
                    title={lane.zombie.title}
                  />
                )}
                {lane.joins?.map((j, k) => (
                  <div
                    key={k}
                    className={`tl-join${j.timedOut ? ' timed-out' : ''}`}
                    style={{ left: pct(j.from, scaleMs), width: pct(Math.max((j.to ?? nowMs) - j.from, 0), scaleMs) }}
                    title={j.title}
                  />
                ))}
                {lane.ticks?.map((tick, k) => (
                  <span key={k} className={`tl-out ${tick.stream}`} style={{ left: pct(tick.t, scaleMs) }} />
                ))}
                {lane.exit && (
                  <>
                    <span className={`tl-exit-cap ${lane.exit.tone}`} style={{ left: pct(lane.exit.capMs, scaleMs) }} />
                    <span className={`tl-exit ${lane.exit.tone}`} style={{ left: pct(lane.exit.labelMs, scaleMs) }} data-testid={lane.exit.testId}>
                      {lane.exit.text}
                      <span className="tl-exit-time"> · {lane.exit.time}</span>
                    </span>
                  </>
                )}
              </div>
            </div>
          ))}
          {hasJoins && (
            <svg className="tl-arrows" width={width} height={lanes.length * laneH} aria-hidden="true">
              <defs>
                <ArrowHead id={`${testId}-head`} />
              </defs>
              {lanes.flatMap((lane) =>
                (lane.joins ?? []).map((j, k) => {
                  const from = index.get(lane.pid)!;
                  const to = index.get(j.target);
                  if (to === undefined) return null;
                  const x1 = x(j.from);
                  const x2 = x(j.to ?? nowMs);
                  const off = compact ? 4 : 6;
                  const y1 = y(from) + (to > from ? off : -off);
                  const y2 = y(to) + (to > from ? -off - 1 : off + 1);
                  const hue = lanes[to]!.hue;
                  return (
                    <path
                      key={`${lane.key}-${k}`}
                      className="tl-arrow"
                      d={`M${x1},${y1} C${x1 + (x2 - x1) * 0.5},${y1} ${x2},${(y1 + y2) / 2} ${x2},${y2}`}
                      style={{ stroke: `hsl(${hue} 60% 50%)` }}
                      markerEnd={`url(#${testId}-head)`}
                    />
                  );
                }),
              )}
            </svg>
          )}
        </div>
      )}
    </div>
  );
});
