// The examples column: Python programs for the lessons' scenarios (only where python3 is found),
// each with a Run button and its source, and what Python's own helper processes are.
import { useState } from 'react';
import type { PlaygroundExamples } from '../../../shared/playground.js';
import { useI18n, useStrings } from '../i18n/i18n-context.js';
import { PG_STRINGS } from '../i18n/playground-strings.js';
import type { ExamplesState } from './use-playground.js';

/** The examples list; onRun gets the python to use and the example's path. */
export function ExamplesSide({
  state,
  busy,
  onRun,
}: {
  state: ExamplesState;
  busy: boolean;
  onRun(python: string, path: string): void;
}) {
  const { lang } = useI18n();
  const t = useStrings(PG_STRINGS);
  const [open, setOpen] = useState<string | null>(null);
  const data: PlaygroundExamples | null = state.status === 'ready' ? state.data : null;
  return (
    <aside className="pg-side" aria-label={t('examples.title')} data-testid="playground-examples">
      <h2 className="side-title">{t('examples.title')}</h2>
      {state.status === 'loading' && <p className="dim small pg-side-note">{t('examples.loading')}</p>}
      {state.status === 'error' && <p className="notice error">{t('examples.error', { message: state.message })}</p>}
      {data && !data.python && <p className="notice warn pg-side-notice">{t('examples.none', { reason: data.reason ?? '' })}</p>}
      {data?.python && (
        <>
          <p className="dim small pg-side-note">
            {t('examples.intro')} <span className="pg-python mono">{t('examples.python', { python: data.python })}</span>
          </p>
          {data.reason && <p className="notice warn pg-side-notice">{data.reason}</p>}
          <ul className="pg-examples">
            {data.examples.map((ex) => (
              <li key={ex.id} className="pg-example" data-testid={`pg-example-${ex.id}`}>
                <div className="pg-example-head">
                  <span className="pg-example-title">{ex.title[lang]}</span>
                  <button
                    type="button"
                    className="btn pg-example-run"
                    data-testid={`pg-example-run-${ex.id}`}
                    disabled={busy}
                    title={t('examples.runTitle')}
                    onClick={() => onRun(data.python!, ex.path)}
                  >
                    ▶ {t('examples.run')}
                  </button>
                </div>
                <p className="pg-example-text">{ex.explanation[lang]}</p>
                <button type="button" className="link-btn" aria-expanded={open === ex.id} title={t('examples.codeTitle')} onClick={() => setOpen(open === ex.id ? null : ex.id)}>
                  {open === ex.id ? '▾' : '▸'} {t('examples.code')}
                </button>
                {open === ex.id && <pre className="pg-source mono">{ex.source}</pre>}
              </li>
            ))}
          </ul>
        </>
      )}
      {data && data.helpers.length > 0 && (
        <details className="pg-helpers-all">
          <summary>{t('helpers.title')}</summary>
          {data.helpers.map((h) => (
            <p key={h.id}>
              <span className="pg-badge helper">{h.name}</span> {h.explanation[lang]}
            </p>
          ))}
        </details>
      )}
    </aside>
  );
}
