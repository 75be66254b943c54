// The details pane for the selected process: every field, the ancestor chain up to pid 1 and
// the children (each a click away), CPU and memory sparklines, and the kill actions. For a zombie,
// what it is and how to clean it up; for an orphan, who adopted it; for a parent that has not
// reaped its zombie children, a word on that; on Windows, that none of this exists there.
import { useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { ProcInfo, Snapshot } from '../../../shared/process.js';
import { ancestorChain } from '../../../shared/tree.js';
import { formatBytes, formatCpuTime, formatDateTime, formatPercent, formatSpan } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { KillButtons } from '../kill/KillButtons.js';
import type { KillActionId } from '../kill/kill-actions.js';
import { IconClose, IconLock } from '../ui/icons.js';
import { ProcessChips } from './ProcessChips.js';
import { stateKey } from '../ui/process-states.js';
import { Sparkline } from './Sparkline.js';
import { StateBadge } from '../ui/StateBadge.js';
import { InspectorTabs } from './inspector/InspectorTabs.js';
import { useHistory } from './use-history.js';
import { ZombieSection } from './ZombieSection.js';
import { cleanupPlan, orphanInfo } from './zombies.js';
import { showInvisible } from '../../../shared/visible-text.js';

/** Children listed before a "+N more" button (kthreadd has hundreds). */
const CHILDREN_SHOWN = 24;

interface Props {
  api: ApiClient;
  proc: ProcInfo;
  /** False when the process is gone and the pane shows its last known values. */
  alive: boolean;
  snapshot: Snapshot;
  isSelf: boolean;
  selfPids: ReadonlySet<number>;
  onSelectPid(pid: number): void;
  onAction(proc: ProcInfo, id: KillActionId): void;
  /** The zombie's clean-up button: end its parent (kill flow with a note saying why). */
  onEndParent(parent: ProcInfo, signal: 'SIGTERM' | 'SIGKILL', zombie: ProcInfo): void;
  onClose(): void;
}

export function DetailsPane({ api, proc, alive, snapshot, isSelf, selfPids, onSelectPid, onAction, onEndParent, onClose }: Props) {
  const { t, lang, locale } = useI18n();
  const processes = snapshot.processes;
  const history = useHistory(api, alive ? proc : null, snapshot.seq);
  const [allChildrenOf, setAllChildrenOf] = useState<number | null>(null);
  const allChildren = allChildrenOf === proc.pid;
  const setAllChildren = (on: boolean) => setAllChildrenOf(on ? proc.pid : null);
  // Root first, the process itself last (it may be gone: then its parents are looked up directly).
  const chain = [...(proc.ppid !== proc.pid ? ancestorChain(proc.ppid, processes) : [])].reverse().concat(proc);
  const children = alive ? processes.filter((p) => p.ppid === proc.pid && p.pid !== proc.pid) : [];
  children.sort((a, b) => a.pid - b.pid);
  const spanMs = history ? history.cpu.length * history.intervalMs : 0;
  const zombie = proc.state === 'Z';
  const zombieChildren = children.filter((c) => c.state === 'Z').length;
  const orphan = orphanInfo(proc);
  const noZombies = !snapshot.capabilities.zombies;

  const field = (label: string, value: string, mono = true, wide = false) => (
    <div className={wide ? 'field wide' : 'field'}>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined} title={value}>{value}</dd>
    </div>
  );

  return (
    <aside className="details" data-testid="details" data-pid={proc.pid} aria-label={t('details.title', { pid: proc.pid })}>
      <header className="details-head">
        <div className="details-title">
          {alive ? (
            <StateBadge state={proc.state} />
          ) : (
            // Gone: its last sampled state would be stale ("R · running" beside "has exited").
            <span className="state-badge st-gone" data-testid="details-gone-badge" title={t(zombie ? 'details.reaped' : 'details.gone')}>
              ✕
            </span>
          )}
          <h2 title={showInvisible(proc.name)}>{showInvisible(proc.name)}</h2>
          <span className="mono dim">{proc.pid}</span>
        </div>
        <button type="button" className="icon-btn" data-testid="details-close" title={t('details.close')} aria-label={t('details.close')} onClick={onClose}>
          <IconClose />
        </button>
      </header>
      {!alive &&
        (zombie ? (
          <p className="notice ok" data-testid="zombie-gone">{t('zombie.gone', { pid: proc.pid })}</p>
        ) : (
          <p className="notice warn" data-testid="details-exited">{t('details.exited')}</p>
        ))}
      {alive && orphan && (
        <p className="notice" data-testid="details-orphan">
          {orphan.by === 'init'
            ? t('orphan.byInit', { prev: orphan.previousPpid })
            : t('orphan.bySubreaper', { prev: orphan.previousPpid, ppid: orphan.adopter })}
        </p>
      )}
      {alive && zombieChildren > 0 && (
        <p className="notice zombie-parent" data-testid="details-not-reaping">
          {zombieChildren === 1 ? t('zombie.parentOfOne') : t('zombie.parentOf', { n: zombieChildren })}
        </p>
      )}

      <section className="details-section">
        <pre className="command-box" data-testid="details-command">{showInvisible(proc.command || proc.name)}</pre>
      </section>

      {/* A zombie gets no signal buttons (none reaches it) but its explanation and clean-up; a reaped one, neither. */}
      {zombie && alive && (
        <ZombieSection
          zombie={proc}
          plan={cleanupPlan(proc, processes, selfPids)}
          now={snapshot.takenAt}
          onEndParent={(parent, signal) => onEndParent(parent, signal, proc)}
        />
      )}
      {!zombie && (
        <section className="details-section kill-section">
          {isSelf ? (
            <p className="notice" data-testid="details-self"><IconLock /> {t('details.self')}</p>
          ) : (
            <KillButtons caps={snapshot.capabilities} isSelf={isSelf} target={proc} disabled={!alive} onAction={(id) => onAction(proc, id)} />
          )}
        </section>
      )}

      <section className="details-section">
        <h3>{t('details.ancestors')}</h3>
        <ProcessChips procs={chain} testIdPrefix="ancestor" currentPid={proc.pid} separator="›" onSelect={onSelectPid} />
      </section>

      <section className="details-section">
        <h3>{t('details.children', { n: children.length })}</h3>
        {children.length ? (
          <>
            <ProcessChips procs={allChildren ? children : children.slice(0, CHILDREN_SHOWN)} testIdPrefix="child" onSelect={onSelectPid} />
            {!allChildren && children.length > CHILDREN_SHOWN && (
              <button type="button" className="link-btn" data-testid="more-children" onClick={() => setAllChildren(true)}>
                {t('details.moreChildren', { n: children.length - CHILDREN_SHOWN })}
              </button>
            )}
          </>
        ) : (
          <p className="dim small">{t('details.noChildren')}</p>
        )}
      </section>

      <section className="details-section">
        <h3>{spanMs > 0 ? t('details.history', { span: formatSpan(spanMs, lang) }) : t('details.history', { span: '…' })}</h3>
        {history && history.cpu.length > 1 ? (
          <div className="sparklines">
            <Sparkline kind="cpu" testId="spark-cpu" label={t('details.historyCpu')} values={history.cpu} floor={100}
              latest={`${formatPercent(history.cpu[history.cpu.length - 1] ?? 0)}%`} />
            <Sparkline kind="mem" testId="spark-mem" label={t('details.historyMem')} values={history.memRss}
              floor={Math.max(...history.memRss, 1) * 1.15} latest={formatBytes(history.memRss[history.memRss.length - 1] ?? 0)} />
          </div>
        ) : (
          <p className="dim small">{t('details.historyWaiting')}</p>
        )}
      </section>

      <section className="details-section">
        <dl className="fields">
          {field(t('details.pid'), String(proc.pid))}
          {field(t('details.ppid'), orphan ? t('details.ppidWas', { ppid: proc.ppid, prev: orphan.previousPpid }) : String(proc.ppid))}
          {field(t('details.user'), proc.uid === null ? proc.user : `${proc.user} (${proc.uid})`)}
          {field(
            t('details.state'),
            alive
              ? `${proc.state} · ${t(stateKey(proc.state))}`
              : t(zombie ? 'details.stateReaped' : 'details.stateGone', { last: `${proc.state} · ${t(stateKey(proc.state))}` }),
            false,
          )}
          {field(t('details.cpu'), `${formatPercent(proc.cpu)}%`)}
          {field(t('details.cpuTime'), formatCpuTime(proc.cpuTimeMs))}
          {field(t('details.mem'), `${formatPercent(proc.memPercent)}%`)}
          {field(t('details.rss'), formatBytes(proc.memRss))}
          {field(t('details.vsz'), formatBytes(proc.memVsz))}
          {field(t('details.threads'), proc.threads === null ? '—' : String(proc.threads))}
          {field(t('details.kernel'), t(proc.kernelThread ? 'details.yes' : 'details.no'), false)}
          {field(t('details.name'), showInvisible(proc.name))}
          {field(t('details.started'), formatDateTime(proc.startTime, locale), true, true)}
        </dl>
        {noZombies && <p className="dim small platform-note" data-testid="details-no-zombies">{t('platform.noZombies')}</p>}
      </section>

      <InspectorTabs api={api} proc={proc} alive={alive} seq={snapshot.seq} />

    </aside>
  );
}
