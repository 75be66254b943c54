// The events pane of a traced run: every lifecycle event as a readable sentence, like
// `strace -f -e trace=process` but for people ("4242 forked 4243", "4243 became `sleep 60`",
// "4243 exited 0, zombie until 4242 waits"), with a filter. A flood (a fork loop) shows only
// the newest matching rows: the DOM stays small while the counts say how many there are.
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { LifecycleEvent } from '../../../shared/lifecycle.js';
import { showInvisible } from '../../../shared/visible-text.js';
import { useI18n } from '../i18n/i18n-context.js';
import { filterSentences, sentences, type Sentence } from './lifecycle-model.js';

/** Rows drawn at most (the newest matching ones). */
export const EVENTS_SHOWN = 500;

interface Props {
  events: readonly LifecycleEvent[];
  testId?: string;
}

export const EventsPane = memo(function EventsPane({ events, testId = 'lc-events' }: Props) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  // Typing stays responsive on a run with tens of thousands of events.
  const deferred = useDeferredValue(filter);
  const all = useMemo(() => sentences(events), [events]);
  const text = useMemo(() => (s: Sentence) => t(s.key, s.vars), [t]);
  const matching = useMemo(() => filterSentences(all, text, deferred), [all, text, deferred]);
  const shown = matching.length > EVENTS_SHOWN ? matching.slice(-EVENTS_SHOWN) : matching;
  return (
    <div className="lc-events" data-testid={testId} data-total={all.length} data-matching={matching.length}>
      <div className="lc-events-head">
        <label className="sr-only" htmlFor={`${testId}-filter`}>
          {t('lc.events.filter')}
        </label>
        <input
          id={`${testId}-filter`}
          className="mono"
          type="search"
          data-testid={`${testId}-filter`}
          value={filter}
          placeholder={t('lc.events.filterPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="small dim">{t('lc.events.count', { shown: matching.length, total: all.length })}</span>
      </div>
      {matching.length > shown.length && <div className="small dim">{t('lc.events.capped', { shown: shown.length, total: matching.length })}</div>}
      {all.length === 0 ? (
        <div className="small dim">{t('lc.events.empty')}</div>
      ) : shown.length === 0 ? (
        <div className="small dim">{t('lc.events.none', { filter: deferred })}</div>
      ) : (
        <ol className="lc-events-list">
          {shown.map((s, i) => (
            <li key={`${s.t}-${i}`} className="lc-event" data-type={s.type} data-t={Math.round(s.t * 10) / 10}>
              <span className="lc-event-t">+{(s.t / 1000).toFixed(3)}</span>
              <span className="lc-event-type">{s.type}</span>
              <span className="lc-event-text">{showInvisible(text(s))}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
});
