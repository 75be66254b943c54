// The line above the output: which shell or interpreter runs the program, for how long, and once
// it ended, its exit code or signal, big, with what it means (0, 1, 2, 126, 127, 128 + N…) in the
// page's language.
import { explainExit } from '../../../shared/exit-codes.js';
import { formatBytes, formatElapsed } from '../../../shared/format.js';
import { useI18n, useStrings } from '../i18n/i18n-context.js';
import { PG_STRINGS } from '../i18n/playground-strings.js';
import { runTime } from './proc-model.js';
import type { PgRun } from './playground-run-store.js';
import { showInvisible } from '../../../shared/visible-text.js';

/** How the run goes: which shell or interpreter, how long, and once it ended, its exit, big. */
export function RunStrip({ run, clock, stopping }: { run: PgRun | null; clock: number; stopping: boolean }) {
  const { lang, locale } = useI18n();
  const t = useStrings(PG_STRINGS);
  if (!run) return <div className="pg-strip idle dim">{t('status.idle')}</div>;
  const how = run.meta ? (
    <span className="pg-how dim">
      {t(run.running ? 'cmd.runsWith' : 'cmd.ranWith', { shell: run.meta.shell })} · {t('cmd.inDir', { cwd: run.meta.cwd })} · pid {run.meta.pid}
    </span>
  ) : null;
  const end = run.end;
  if (!end) {
    return (
      <div className="pg-strip running" data-testid="playground-status">
        <span className="live-dot" />
        <strong>{stopping ? t('status.stopping') : t('status.running', { time: runTime(clock, lang, formatElapsed) })}</strong>
        {run.meta && (
          <code className="pg-strip-cmd mono" title={showInvisible(run.meta.command)}>
            {showInvisible(run.meta.command)}
          </code>
        )}
        {how}
      </div>
    );
  }
  const tone = end.signal ? 'signal' : end.exitCode === 0 ? 'ok' : end.exitCode === null ? 'unknown' : 'error';
  const big = end.signal ? t('exit.signal', { signal: end.signal }) : end.exitCode !== null ? t('exit.code', { code: end.exitCode }) : t('exit.unknown');
  const explained = explainExit(end.exitCode, end.signal, lang);
  return (
    <div
      className={`pg-strip ended pg-exit-${tone}`}
      data-testid="playground-exit"
      data-exit-code={end.exitCode ?? ''}
      data-signal={end.signal ?? ''}
      data-stopped={String(end.stopped)}
      data-dropped-lines={end.droppedLines}
      data-command={run.meta?.command ?? ''}
      role="status"
    >
      <span className="pg-exit-big mono">{big}</span>
      <span className="pg-exit-text">
        <span className="pg-exit-message" data-testid="playground-exit-headline">
          {explained.headline}
          {end.stopped && <span className="pg-badge stopped">{t('exit.stopped')}</span>}
        </span>
        <span className="small dim" data-testid="playground-exit-detail">
          {explained.detail}
          {lang === 'zh' ? '' : ' '}
          {t('status.ended', { time: runTime(end.t, lang, formatElapsed) })}
          {end.droppedLines > 0 && ` · ${t(end.droppedLines === 1 ? 'exit.droppedOne' : 'exit.dropped', { lines: end.droppedLines.toLocaleString(locale), size: formatBytes(end.droppedBytes) })}`}
        </span>
        {run.meta && (
          <span className="small pg-strip-cmdline">
            <code className="pg-strip-cmd mono" title={showInvisible(run.meta.command)}>
              {showInvisible(run.meta.command)}
            </code>
            {how}
          </span>
        )}
      </span>
    </div>
  );
}
