// A lesson run's timeline: its model (timeline-model.ts) as lanes for the shared drawing
// (ui/RunLanes.tsx). Daemon lanes are striped, join waits hatched with an arrow to the process
// waited for, output lines are ticks, and the exit marker says how it ended ("exit 0",
// "SIGTERM (-15)").
import { memo, useMemo } from 'react';
import { useStrings } from '../i18n/i18n-context.js';
import { LESSON_STRINGS } from '../i18n/lesson-strings.js';
import { RunLanes, type LaneView } from '../ui/RunLanes.js';
import { exitKind, exitLabel, type TimelineModel } from './timeline-model.js';

interface Props {
  model: TimelineModel;
  /** Milliseconds the full width stands for (shared by compared timelines). */
  scaleMs: number;
  nowMs: number;
  running: boolean;
  hues: ReadonlyMap<number, number>;
  onShowProcess(pid: number): void;
  testId?: string;
  caption?: string;
  /** Thinner lanes, for two timelines one above the other. */
  compact?: boolean;
}

export const Timeline = memo(function Timeline({ model, scaleMs, nowMs, running, hues, onShowProcess, testId = 'lesson-timeline', caption, compact = false }: Props) {
  const t = useStrings(LESSON_STRINGS);
  const lanes = useMemo(() => {
    const secs = (ms: number) => t('time.seconds', { n: (ms / 1000).toFixed(1) });
    return model.lanes.map((lane): LaneView => {
      const end = lane.endMs ?? nowMs;
      return {
        key: String(lane.pid),
        pid: lane.pid,
        depth: lane.depth,
        hue: hues.get(lane.pid) ?? 220,
        name: lane.implicit ? '…' : lane.name,
        nameTitle: lane.implicit ? t('timeline.seen') : lane.name,
        badge: lane.daemon ? t('timeline.daemon') : undefined,
        classes: [lane.daemon ? 'daemon' : '', lane.implicit ? 'implicit' : '', lane.endMs === null ? 'alive' : ''].filter(Boolean),
        testId: `lane-${lane.pid}`,
        data: {
          name: lane.name,
          'start-ms': String(Math.round(lane.startMs)),
          'end-ms': lane.endMs === null ? '' : String(Math.round(lane.endMs)),
          daemon: String(lane.daemon),
          exitcode: lane.exit ? String(lane.exit.exitcode) : '',
        },
        startMs: lane.startMs,
        barEndMs: end,
        barTitle: t('timeline.lifetime', { pid: lane.pid, from: secs(lane.startMs), to: lane.endMs === null ? t('timeline.running') : secs(lane.endMs) }),
        joins: lane.joins.map((j) => ({ ...j, title: t('timeline.joins', { target: j.target }) })),
        ticks: lane.ticks,
        exit: lane.exit
          ? { capMs: lane.exit.t, labelMs: end, tone: `exit-${exitKind(lane.exit)}`, testId: `exit-${lane.pid}`, text: exitLabel(lane.exit), time: secs(lane.exit.t) }
          : undefined,
      };
    });
  }, [model, nowMs, hues, t]);
  return (
    <RunLanes
      lanes={lanes}
      scaleMs={scaleMs}
      nowMs={nowMs}
      running={running}
      onShowProcess={onShowProcess}
      emptyText={t('timeline.empty')}
      testId={testId}
      data={{ 'duration-ms': String(Math.round(model.durationMs)) }}
      caption={caption}
      compact={compact}
    />
  );
});

export function TimelineLegend() {
  const t = useStrings(LESSON_STRINGS);
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
