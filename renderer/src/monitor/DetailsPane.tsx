// The details pane for the selected process: every field, the ancestor chain up to pid 1 and
// the children (each a click away), CPU and memory sparklines, and the kill actions.
import { useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { ProcInfo, Snapshot } from '../../../shared/process.js';
import { ancestorChain } from '../../../shared/tree.js';
import { formatBytes, formatCpuTime, formatDateTime, formatPercent, formatSpan } from '../format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { KillButtons } from '../kill/KillButtons.js';
import type { KillActionId } from '../kill/kill-actions.js';
import { IconClose, IconLock } from '../ui/icons.js';
import { ProcessChips } from './ProcessChips.js';
import { stateKey } from './process-states.js';
import { Sparkline } from './Sparkline.js';
import { StateBadge } from './StateBadge.js';
import { useHistory } from './use-history.js';

/** Children listed before a "+N more" button (kthreadd has hundreds). */
const CHILDREN_SHOWN = 24;

interface Props {
  api: ApiClient;
  proc: ProcInfo;
  /** False when the process is gone and the pane shows its last known values. */
  alive: boolean;
  snapshot: Snapshot;
  isSelf: boolean;
  onSelectPid(pid: number): void;
  onAction(proc: ProcInfo, id: KillActionId): void;
  onClose(): void;
}

export function DetailsPane({ api, proc, alive, snapshot, isSelf, onSelectPid, onAction, onClose }: Props) {
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

  const field = (label: string, value: string, mono = true) => (
    <div className="field">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );

  return (
    <aside className="details" data-testid="details" data-pid={proc.pid} aria-label={t('details.title', { pid: proc.pid })}>
      <header className="details-head">
        <div className="details-title">
          <StateBadge state={proc.state} />
          <h2 title={proc.name}>{proc.name}</h2>
          <span className="mono dim">{proc.pid}</span>
        </div>
        <button type="button" className="icon-btn" data-testid="details-close" title={t('details.close')} aria-label={t('details.close')} onClick={onClose}>
          <IconClose />
        </button>
      </header>
      {!alive && <p className="notice warn" data-testid="details-exited">{t('details.exited')}</p>}

      <section className="details-section">
        <pre className="command-box" data-testid="details-command">{proc.command || proc.name}</pre>
      </section>

      <section className="details-section kill-section">
        {isSelf ? (
          <p className="notice" data-testid="details-self"><IconLock /> {t('details.self')}</p>
        ) : (
          <KillButtons caps={snapshot.capabilities} isSelf={isSelf} disabled={!alive} onAction={(id) => onAction(proc, id)} />
        )}
      </section>

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
          {field(t('details.ppid'), String(proc.ppid))}
          {field(t('details.user'), proc.uid === null ? proc.user : `${proc.user} (${proc.uid})`)}
          {field(t('details.state'), `${proc.state} · ${t(stateKey(proc.state))}`, false)}
          {field(t('details.cpu'), `${formatPercent(proc.cpu)}%`)}
          {field(t('details.cpuTime'), formatCpuTime(proc.cpuTimeMs))}
          {field(t('details.mem'), `${formatPercent(proc.memPercent)}%`)}
          {field(t('details.rss'), formatBytes(proc.memRss))}
          {field(t('details.vsz'), formatBytes(proc.memVsz))}
          {field(t('details.threads'), proc.threads === null ? '—' : String(proc.threads))}
          {field(t('details.started'), formatDateTime(proc.startTime, locale))}
          {field(t('details.kernel'), t(proc.kernelThread ? 'details.yes' : 'details.no'), false)}
          {field(t('details.name'), proc.name)}
        </dl>
      </section>

    </aside>
  );
}
