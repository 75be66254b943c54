// The monitor's toolbar: the filter box with its match count, quick filters, the table/tree
// switch, the refresh interval, pause/resume and the state legend.
import { memo, type ReactNode, useRef } from 'react';
import { formatCount } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { IconClose, IconPause, IconPlay, IconSearch } from '../ui/icons.js';
import { Segmented } from '../ui/Segmented.js';
import { intervalOptions, secondsLabel } from './intervals.js';
import type { QuickFilter, ViewMode } from './row-model.js';
import { StateLegend } from './StateLegend.js';

interface Props {
  filter: string;
  onFilter(text: string): void;
  matched: number;
  total: number;
  quick: QuickFilter;
  onQuick(q: QuickFilter): void;
  view: ViewMode;
  onView(v: ViewMode): void;
  intervalMs: number | null;
  paused: boolean;
  onInterval(ms: number): void;
  onPause(paused: boolean): void;
  zombiesExist: boolean;
  /** Moves keyboard focus to the table (ArrowDown in the filter box). */
  onFocusTable(): void;
  /** More controls after the view switch (the column chooser). */
  extra?: ReactNode;
  /** The user quick filter: only the app's own user's processes, or everyone's. */
  owner: OwnerFilter;
  onOwner(o: OwnerFilter): void;
  /** The uid the app runs as (for the Mine button's title); null while unknown. */
  ownUid: number | null;
}

export type OwnerFilter = 'mine' | 'all';

// Memoised: its props are stable from one tick to the next (unless the counts change), so the live table's updates skip its inputs.
export const Toolbar = memo(function Toolbar(props: Props) {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="toolbar">
      <div className="filter-box">
        <IconSearch />
        <input
          ref={input}
          type="search"
          data-testid="filter"
          placeholder={t('toolbar.filter')}
          aria-label={t('toolbar.filter')}
          value={props.filter}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => props.onFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && props.filter) {
              e.preventDefault();
              props.onFilter('');
            } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              props.onFocusTable();
            }
          }}
        />
        {props.filter && (
          <button
            type="button"
            className="icon-btn clear"
            title={t('toolbar.filterClear')}
            aria-label={t('toolbar.filterClear')}
            onClick={() => {
              props.onFilter('');
              input.current?.focus();
            }}
          >
            <IconClose />
          </button>
        )}
      </div>
      <span className="match-count" data-testid="match-count">
        {t('toolbar.count', { shown: formatCount(props.matched, locale), total: formatCount(props.total, locale) })}
      </span>
      <Segmented
        label={t('quick.label')}
        value={props.quick}
        onChange={props.onQuick}
        options={[
          { value: 'all', label: t('quick.all'), testId: 'quick-all' },
          {
            value: 'zombies',
            label: t('quick.zombies'),
            title: t(props.zombiesExist ? 'quick.zombiesTitle' : 'platform.noZombies'),
            testId: 'quick-zombies',
          },
          { value: 'stopped', label: t('quick.stopped'), testId: 'quick-stopped' },
        ]}
      />
      <Segmented
        label={t('user.label')}
        value={props.owner}
        onChange={props.onOwner}
        options={[
          { value: 'all', label: t('user.all'), testId: 'owner-all' },
          { value: 'mine', label: t('user.mine'), title: t('user.mineTitle', { uid: props.ownUid ?? '?' }), testId: 'owner-mine' },
        ]}
      />
      <Segmented
        label={t('view.label')}
        value={props.view}
        onChange={props.onView}
        options={[
          { value: 'table', label: t('view.table'), testId: 'view-table' },
          { value: 'tree', label: t('view.tree'), testId: 'view-tree' },
        ]}
      />
      {props.extra}
      <span className="spacer" />
      <StateLegend zombies={props.zombiesExist} />
      <label className="interval">
        <span>{t('interval.label')}</span>
        <select
          data-testid="interval"
          value={props.intervalMs ?? ''}
          disabled={props.intervalMs === null}
          onChange={(e) => props.onInterval(Number(e.target.value))}
        >
          {intervalOptions(props.intervalMs).map((ms) => (
            <option key={ms} value={ms}>{t('interval.seconds', { n: secondsLabel(ms) })}</option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className={`btn ${props.paused ? 'primary' : ''}`}
        data-testid="pause"
        aria-pressed={props.paused}
        disabled={props.intervalMs === null}
        title={t(props.paused ? 'sampler.resumeTitle' : 'sampler.pauseTitle')}
        onClick={() => props.onPause(!props.paused)}
      >
        {props.paused ? <IconPlay /> : <IconPause />}
        <span>{t(props.paused ? 'sampler.resume' : 'sampler.pause')}</span>
      </button>
    </div>
  );
});
