// What the kernel saw of a lesson run (traced with strace): every process on its own lane (the
// short-lived ones too, like the zombie lesson's child and its shell), execs, the zombie from exit
// to reap with its reaper, signals, and the events pane. Beside the lesson's own timeline, which
// tells the program's story (joins, daemons, output). Untraced runs say that their events are sampled.
import { useCallback, useMemo } from 'react';
import type { RunLifecycle } from '../../../shared/lifecycle.js';
import { useI18n } from '../i18n/i18n-context.js';
import { EventsPane } from '../ui/EventsPane.js';
import { LifecycleLegend, LifecycleTimeline } from '../ui/LifecycleTimeline.js';
import { buildLifecycleModel, type LcLane } from '../ui/lifecycle-model.js';
import { hueFor, pidHues } from '../ui/pid-colors.js';
import { runClockMs, type RunView } from './lesson-run-store.js';
import { niceScale } from '../ui/time-scale.js';

interface Props {
  run: RunView;
  lifecycle: RunLifecycle | undefined;
  now: number;
  onShowProcess(pid: number): void;
}

export function ExactEvents({ run, lifecycle, now, onShowProcess }: Props) {
  const { t } = useI18n();
  const exact = lifecycle?.source?.exact === true;
  const lcEvents = lifecycle?.events;
  const model = useMemo(() => buildLifecycleModel(exact && lcEvents ? lcEvents : []), [exact, lcEvents]);
  const hues = useMemo(() => pidHues(run.events), [run.events]);
  // The lesson runtime names its processes (MainProcess, Process-1): the same names on these lanes.
  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const e of run.events) if (e.type === 'start') m.set(e.pid, e.name);
    return m;
  }, [run.events]);
  const hueOf = useCallback((lane: LcLane) => hues.get(lane.pid) ?? hueFor(lane.index), [hues]);
  const labelOf = useCallback((lane: LcLane) => names.get(lane.pid) ?? null, [names]);
  if (!lifecycle?.source) return null;
  if (!exact) {
    return (
      <p className="small dim" data-testid="lesson-sampled">
        {t('lc.sampled', { reason: lifecycle.source.reason ?? '' })}
      </p>
    );
  }
  const clock = Math.max(runClockMs(run, now), model.lastMs);
  return (
    <section className="panel" data-testid="lesson-exact">
      <div className="panel-title-row">
        <h3 className="panel-title">
          {t('lc.kernel.title')} <span className="panel-sub">{t('lc.tl.exact')}</span>
        </h3>
        <LifecycleLegend />
      </div>
      {/* A run under a version manager's shims has dozens of short lanes: they scroll, the page does not grow. */}
      <div className="lc-scroll">
      <LifecycleTimeline
        model={model}
        scaleMs={niceScale(clock)}
        nowMs={clock}
        running={run.running}
        hueOf={hueOf}
        labelOf={labelOf}
        onShowProcess={onShowProcess}
        testId="lesson-lc-timeline"
      />
      </div>
      <h3 className="panel-title lc-events-title">{t('lc.events.title')}</h3>
      <EventsPane events={lcEvents ?? []} testId="lesson-events" />
    </section>
  );
}
