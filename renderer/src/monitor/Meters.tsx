// The header's live meters, like htop's: a bar per CPU core, memory and swap, load average
// (where the OS has one), uptime, the process count by state (zombies in red) and the sample time.
import { memo } from 'react';
import type { Snapshot } from '../../../shared/process.js';
import { formatBytes, formatClock, formatCount, formatMs, formatPercent, formatUptime } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { MeterBar } from './MeterBar.js';
import { usagePercent } from './meter-level.js';
import type { StateCounts } from '../ui/process-states.js';

interface Props {
  snapshot: Snapshot;
  /** The processes by state (kept up to date by the page: see table-tally.ts). */
  counts: StateCounts;
  paused: boolean;
  /** Clicking the zombie count turns the Zombies quick filter on. */
  onShowZombies?(): void;
}

export const Meters = memo(function Meters({ snapshot, counts, paused, onShowZombies }: Props) {
  const { t, lang, locale } = useI18n();
  const m = snapshot.meters;
  const memPct = usagePercent(m.memUsed, m.memTotal);
  const swapPct = usagePercent(m.swapUsed, m.swapTotal);
  const dayWord = (d: number) => (lang === 'zh' ? `${d} 天` : d === 1 ? '1 day' : `${d} days`);
  const n = (v: number) => formatCount(v, locale);
  return (
    <section className="meters" data-testid="meters">
      <div className="meters-cores" style={{ gridTemplateColumns: `repeat(${coreColumns(m.cpuPerCore.length)}, minmax(0, 1fr))` }}>
        {m.cpuPerCore.map((pct, i) => (
          <MeterBar key={i} label={String(i)} percent={pct} text={`${formatPercent(pct)}%`} title={t('meters.core', { n: i })} />
        ))}
      </div>
      <div className="meters-side">
        <MeterBar
          kind="mem"
          label={t('meters.mem')}
          percent={memPct}
          text={`${formatBytes(m.memUsed)} / ${formatBytes(m.memTotal)}`}
          testId="meter-mem"
        />
        <MeterBar
          kind="swap"
          label={t('meters.swap')}
          percent={swapPct}
          text={m.swapTotal ? `${formatBytes(m.swapUsed)} / ${formatBytes(m.swapTotal)}` : t('meters.noSwap')}
        />
        <div className="meters-facts">
          <span className="fact" data-testid="task-counts">
            <span className="fact-label">{t('meters.tasks')}</span>
            <span className="mono">{n(counts.total)}</span>
            <span className="count st-run-text">{n(counts.running)} {t('state.count.R')}</span>
            <span className="count">{n(counts.sleeping)} {t('state.count.S')}</span>
            {counts.idle > 0 && <span className="count dim">{n(counts.idle)} {t('state.count.I')}</span>}
            {counts.disk > 0 && <span className="count st-disk-text">{n(counts.disk)} {t('state.count.D')}</span>}
            {counts.stopped > 0 && <span className="count st-stop-text">{n(counts.stopped)} {t('state.count.T')}</span>}
            {counts.zombie > 0 && onShowZombies ? (
              <button type="button" className="count zombie-alert" data-testid="zombie-count" title={t('quick.zombiesTitle')} onClick={onShowZombies}>
                {n(counts.zombie)} {t('state.count.Z')}
              </button>
            ) : (
              (counts.zombie > 0 || snapshot.capabilities.zombies) && (
                <span className={`count ${counts.zombie > 0 ? 'zombie-alert' : 'dim'}`} data-testid="zombie-count">
                  {n(counts.zombie)} {t('state.count.Z')}
                </span>
              )
            )}
          </span>
          {m.load && (
            <span className="fact" title={t('meters.loadTitle')}>
              <span className="fact-label">{t('meters.load')}</span>
              <span className="mono">{m.load.map((l) => l.toFixed(2)).join(' ')}</span>
            </span>
          )}
          <span className="fact">
            <span className="fact-label">{t('meters.uptime')}</span>
            <span className="mono">{formatUptime(m.uptimeSec, dayWord)}</span>
          </span>
          <span className={`fact ${paused ? 'paused' : ''}`} data-testid="sample-time">
            {paused
              ? t('meters.paused', { time: formatClock(snapshot.takenAt) })
              : t('meters.sampled', { time: formatClock(snapshot.takenAt), ms: formatMs(snapshot.sampleMs) })}
          </span>
        </div>
      </div>
    </section>
  );
});

/** Lay many cores out in columns so the header stays short: 1 column up to 4 cores, up to 4 columns. */
function coreColumns(cores: number): number {
  if (cores <= 4) return 1;
  if (cores <= 16) return 2;
  if (cores <= 48) return 3;
  return 4;
}
