// The run's process tree, live: pstree-style guides (collapsible), a pid tag in the process's
// colour (click: show it in the monitor), its name and command line, its parent's pid, a state
// badge (the monitor's state letter while alive, zombie, or how it ended once gone), and the
// names of Python's own helpers, explained below the tree when they appear; Python
// multiprocessing's processes are named by role (MainProcess, Process-1, forkserver…).
import { memo, useMemo, useState } from 'react';
import { StateBadge } from '../ui/StateBadge.js';
import { TreeGuides } from '../ui/TreeGuides.js';
import { seconds1 } from '../ui/time-scale.js';
import { PidChip } from '../ui/PidChip.js';
import { useI18n, useStrings } from '../i18n/i18n-context.js';
import { PG_STRINGS } from '../i18n/playground-strings.js';
import { exitText, exitTone, helpersSeen, liveCount, treeRows, type PgProc } from './proc-model.js';
import { showInvisible } from '../../../shared/visible-text.js';
import { pythonRoles, type PythonRole } from './python-roles.js';

interface Props {
  procs: readonly PgProc[];
  hues: ReadonlyMap<string, number>;
  /** State letters of live pids from the latest snapshot (R, S, D, T…). */
  states: ReadonlyMap<number, string>;
  onShowProcess(pid: number): void;
}

export const ProcTree = memo(function ProcTree({ procs, hues, states, onShowProcess }: Props) {
  const { lang } = useI18n();
  const t = useStrings(PG_STRINGS);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => treeRows(procs, collapsed), [procs, collapsed]);
  const roles = useMemo(() => pythonRoles(procs), [procs]);
  // A worker forked by the forkserver carries the forkserver's command line: named by its role, not as a helper.
  const helpers = helpersSeen(procs.filter((p) => roles.get(p.key)?.kind !== 'child'));
  const roleTitle = (r: PythonRole) =>
    r.kind === 'main' ? t('role.mainTitle') : r.kind === 'helper' ? t('role.helperTitle') : t('role.childTitle', { method: r.method ?? '' });
  const toggle = (key: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <div className="pg-tree-wrap">
      <div className="panel-title-row">
        <h3 className="panel-title">
          {t('tree.title')}
          {procs.length > 0 && <span className="panel-sub">{t('tree.sub', { live: liveCount(procs), total: procs.length })}</span>}
        </h3>
      </div>
      {rows.length === 0 ? (
        <div className="pg-empty">{t('tree.empty')}</div>
      ) : (
        <div className="pg-tree" role="tree" data-testid="playground-tree">
          {rows.map(({ proc: p, guides, hasChildren, collapsed: isCollapsed }) => {
            const hue = hues.get(p.key) ?? 220;
            const ended = exitText(p.exit);
            const state = states.get(p.pid);
            const role = roles.get(p.key);
            const helper = role?.kind === 'child' ? null : p.helper;
            return (
              <div
                key={p.key}
                role="treeitem"
                aria-expanded={hasChildren ? !isCollapsed : undefined}
                className={`pg-row status-${p.status}${p.root ? ' is-root' : ''}`}
                data-testid={`pg-proc-${p.pid}`}
                data-pid={p.pid}
                data-ppid={p.ppid}
                data-alive={String(p.status === 'alive')}
                data-status={p.status}
                data-helper={helper?.id ?? ''}
                data-role={role?.name ?? ''}
                title={showInvisible(p.command)}
              >
                <TreeGuides guides={guides} hasChildren={hasChildren} collapsed={isCollapsed} onToggle={() => toggle(p.key)} />
                <PidChip pid={p.pid} hue={hue} onShow={onShowProcess} bare />
                <span className="pg-name">{showInvisible(p.name)}</span>
                {role && role.kind !== 'helper' && (
                  <span className={`pg-badge role role-${role.kind}`} title={roleTitle(role)} data-testid={`pg-role-${p.pid}`}>
                    {role.name}
                    {role.method && <span className="dim"> · {role.method}</span>}
                  </span>
                )}
                {p.formerNames.length > 0 && <span className="pg-was dim">{t('tree.was', { name: p.formerNames.join(' → ') })}</span>}
                {p.root && (
                  <span className="pg-badge root" title={t('tree.rootTitle')}>
                    {t('tree.root')}
                  </span>
                )}
                {helper && (
                  <span className="pg-badge helper" title={`${t('tree.helper')}: ${helper.explanation[lang]}`}>
                    {helper.name}
                  </span>
                )}
                {p.marked && (
                  <span className="pg-badge marked" title={t('tree.markedTitle')}>
                    {t('tree.marked')}
                  </span>
                )}
                <span className="pg-cmd mono">{showInvisible(p.command)}</span>
                <span className="pg-ppid mono dim" title={t('tree.ppidTitle')}>
                  ppid {p.ppid}
                </span>
                <span className="pg-state">
                  {p.status === 'alive' && (state ? <StateBadge state={state} /> : <span className="pg-badge alive">{t('tree.alive')}</span>)}
                  {p.status === 'zombie' && (
                    <span className="pg-badge zombie" title={t('tree.zombieTitle')}>
                      Z · {t('tree.zombie')}
                      {ended ? ` · ${ended}` : ''}
                    </span>
                  )}
                  {p.status === 'gone' && (
                    <span className={`pg-badge gone exit-${exitTone(p.exit)}`} title={t('tree.lifetime', { from: seconds1(p.startMs, lang), to: seconds1(p.endMs ?? 0, lang) })}>
                      {ended ?? t('tree.exited')}
                    </span>
                  )}
                </span>
              </div>
            );
          })}
        </div>
      )}
      {helpers.length > 0 && (
        <div className="pg-helpers" data-testid="playground-helpers">
          {helpers.map((h) => (
            <p key={h.id}>
              <span className="pg-badge helper">{h.name}</span> {h.explanation[lang]}
            </p>
          ))}
        </div>
      )}
    </div>
  );
});
