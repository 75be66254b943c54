// A playground run's timeline: its processes (proc-model.ts), in the tree's order, as lanes for
// the shared drawing (ui/RunLanes.tsx): a bar from its appearance to its end (growing live), a
// hatched stretch while it was a zombie, and an exit marker saying how it ended ("exit 0",
// "SIGTERM", or just "ended" where the OS did not tell).
import { memo, useMemo } from 'react';
import { RunLanes, type LaneView } from '../ui/RunLanes.js';
import { useStrings } from '../i18n/i18n-context.js';
import { PG_STRINGS } from '../i18n/playground-strings.js';
import { exitText, exitTone, type TreeRow } from './proc-model.js';
import { showInvisible } from '../../../shared/visible-text.js';

interface Props {
  rows: readonly TreeRow[];
  scaleMs: number;
  nowMs: number;
  running: boolean;
  hues: ReadonlyMap<string, number>;
  onShowProcess(pid: number): void;
}

export const PgTimeline = memo(function PgTimeline({ rows, scaleMs, nowMs, running, hues, onShowProcess }: Props) {
  const t = useStrings(PG_STRINGS);
  const lanes = useMemo(() => {
    const secs = (ms: number) => t('time.seconds', { n: (ms / 1000).toFixed(1) });
    return rows.map(({ proc: p, depth }): LaneView => {
      const end = p.endMs ?? nowMs;
      return {
        key: p.key,
        pid: p.pid,
        depth,
        hue: hues.get(p.key) ?? 220,
        name: p.helper ? p.helper.name : showInvisible(p.name),
        nameTitle: showInvisible(p.command),
        classes: [p.status === 'alive' ? 'alive' : '', p.status === 'zombie' ? 'zombie' : ''].filter(Boolean),
        testId: `pg-lane-${p.pid}`,
        data: { 'start-ms': String(Math.round(p.startMs)), 'end-ms': p.endMs === null ? '' : String(Math.round(p.endMs)) },
        startMs: p.startMs,
        barEndMs: p.zombieMs ?? end,
        barTitle: t('timeline.lifetime', { pid: p.pid, from: secs(p.startMs), to: p.endMs === null ? t('timeline.running') : secs(p.endMs) }),
        zombie: p.zombieMs !== null ? { fromMs: p.zombieMs, toMs: end, title: t('timeline.zombie') } : undefined,
        exit:
          p.endMs !== null
            ? { capMs: p.endMs, labelMs: p.endMs, tone: `exit-${exitTone(p.exit)}`, testId: `pg-exit-${p.pid}`, text: exitText(p.exit) ?? t('out.endedUnknown'), time: secs(p.endMs) }
            : undefined,
      };
    });
  }, [rows, nowMs, hues, t]);
  return (
    <RunLanes
      lanes={lanes}
      scaleMs={scaleMs}
      nowMs={nowMs}
      running={running}
      onShowProcess={onShowProcess}
      emptyText={t('timeline.empty')}
      className="pg-timeline"
      testId="playground-timeline"
    />
  );
});
