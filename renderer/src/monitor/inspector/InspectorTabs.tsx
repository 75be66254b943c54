// The inspector in the details pane: one tab per section of process.inspect (overview, files,
// network, threads, I/O, environment, limits, memory). A section the OS refused says so with the
// reason ("no permission (EACCES) …"), one this OS lacks says "not available on this OS": never
// an empty tab or a 0 that looks like a value.
import { showInvisible } from '../../../../shared/visible-text.js';
import { useState, type ReactNode } from 'react';
import type { ApiClient } from '../../../../shared/api.js';
import { INSPECT_SECTIONS, type InspectReport, type InspectSectionName, type Section } from '../../../../shared/inspect.js';
import type { ProcInfo } from '../../../../shared/process.js';
import { formatBytes, formatCpuTime, formatDateTime, formatPercent } from '../../../../shared/format.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { StringKey } from '../../i18n/strings.js';
import { Sparkline } from '../Sparkline.js';
import { EnvironmentTab } from './EnvironmentTab.js';
import { PriorityActions } from './PriorityActions.js';
import { useInspect } from './use-inspect.js';
import './inspector.css';

interface Props {
  api: ApiClient;
  proc: ProcInfo;
  alive: boolean;
  /** The snapshot number: one inspection per new snapshot at most. */
  seq: number;
}

const REFUSAL_KEYS: Record<string, StringKey> = {
  'no-permission': 'inspect.noPermission',
  unavailable: 'inspect.unavailable',
  gone: 'inspect.gone',
  error: 'inspect.error',
};

export function SectionView<T>({ name, section, children }: { name: string; section: Section<T>; children: (data: T) => ReactNode }) {
  const { t } = useI18n();
  if (section.ok) return <>{children(section.data)}</>;
  return (
    <p className={`notice ${section.code === 'unavailable' ? '' : 'warn'} inspect-refused`} data-testid={`inspect-refused-${name}`} data-code={section.code}>
      <span><strong>{t(REFUSAL_KEYS[section.code] ?? 'inspect.error')}</strong> — {section.reason}</span>
    </p>
  );
}

function Table({ testId, head, rows }: { testId: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="inspect-table-wrap">
      <table className="inspect-table" data-testid={testId}>
        <thead>
          <tr>{head.map((h) => <th key={h}>{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const rate = (n: number | null) => (n === null ? '…' : `${formatBytes(n)}/s`);

function Body({ tab, report, ioRead, ioWrite }: { tab: InspectSectionName; report: InspectReport; ioRead: number[]; ioWrite: number[] }) {
  const { t, locale } = useI18n();
  const kv = (label: string, value: ReactNode, testId?: string) => (
    <div className="field wide" key={label}>
      <dt>{label}</dt>
      <dd className="mono" data-testid={testId}>{value}</dd>
    </div>
  );
  switch (tab) {
    case 'overview':
      return (
        <SectionView name="overview" section={report.overview}>
          {(o) => {
            const ids = (p: typeof o.uid) => (p ? (p.real === p.effective ? `${p.realName} (${p.real})` : `${p.realName} (${p.real}) → ${p.effectiveName} (${p.effective})`) : '—');
            const sub = (s: Section<string>, name: string) => (s.ok ? showInvisible(s.data) : <SectionView name={name} section={s}>{() => null}</SectionView>);
            return (
              <dl className="fields inspect-overview">
                {kv(t('inspect.exe'), sub(o.exe, 'exe'), 'inspect-exe')}
                {kv(t('inspect.cwd'), sub(o.cwd, 'cwd'), 'inspect-cwd')}
                {kv(t('inspect.argv'), (
                  <ol className="inspect-argv" data-testid="inspect-argv">{o.argv.map((a, i) => <li key={i}>{showInvisible(a)}</li>)}</ol>
                ))}
                {kv(t('details.started'), formatDateTime(o.startTime, locale))}
                {kv(t('inspect.priority'), `nice ${o.nice ?? '—'} · ${t('inspect.priorityValue')} ${o.priority ?? '—'} · ${o.scheduler ?? '—'}`, 'inspect-nice')}
                {kv(t('details.threads'), String(o.threads ?? '—'))}
                {kv('UID', ids(o.uid))}
                {kv('GID', ids(o.gid))}
                {kv(t('inspect.session'), `${t('inspect.sessionValue')} ${o.session ?? '—'} · ${t('inspect.pgrp')} ${o.pgrp ?? '—'} · tty ${o.tty ?? t('inspect.noTty')}`)}
                {kv(t('inspect.cpus'), o.cpusAllowed ?? '—', 'inspect-cpus')}
                {kv(t('inspect.cgroup'), `${o.cgroup ?? '—'}${o.container ? ` (${o.container.runtime}: ${o.container.id})` : ''}`)}
                {kv(t('inspect.namespaces'), (
                  <SectionView name="namespaces" section={o.namespaces}>
                    {(ns) => (ns.length ? ns.map((n) => `${n.type} ${n.id}`).join(', ') : t('inspect.namespacesSame'))}
                  </SectionView>
                ))}
              </dl>
            );
          }}
        </SectionView>
      );
    case 'files':
      return (
        <SectionView name="files" section={report.files}>
          {(files) => (
            <Table testId="inspect-files" head={['FD', t('inspect.type'), t('inspect.mode'), t('inspect.pos'), t('inspect.target')]}
              rows={files.map((f) => [f.fd, f.type, f.mode ?? '', f.pos ?? '', <span className="inspect-target" title={f.flagNames.join(' ')}>{showInvisible(f.target)}</span>])} />
          )}
        </SectionView>
      );
    case 'network':
      return (
        <SectionView name="network" section={report.network}>
          {(socks) =>
            socks.length ? (
              <Table testId="inspect-network" head={['FD', t('inspect.proto'), t('inspect.state'), t('inspect.local'), t('inspect.remote')]}
                rows={socks.map((s) => [s.fd, s.proto, s.state, <span className="inspect-target">{s.local}</span>, <span className="inspect-target">{s.remote}</span>])} />
            ) : (
              <p className="dim small" data-testid="inspect-no-sockets">{t('inspect.noSockets')}</p>
            )
          }
        </SectionView>
      );
    case 'threads':
      return (
        <SectionView name="threads" section={report.threads}>
          {(threads) => (
            <Table testId="inspect-threads" head={['TID', t('inspect.state'), '%CPU', t('details.cpuTime'), t('details.name')]}
              rows={threads.map((th) => [th.tid, th.state, th.cpu === null ? '…' : formatPercent(th.cpu), formatCpuTime(th.cpuTimeMs), showInvisible(th.name)])} />
          )}
        </SectionView>
      );
    case 'io':
      return (
        <SectionView name="io" section={report.io}>
          {(io) => (
            <div className="inspect-io" data-testid="inspect-io">
              <dl className="fields">
                {kv(t('inspect.ioRead'), `${formatBytes(io.rchar)} · ${rate(io.rcharPerSec)}`, 'inspect-io-read')}
                {kv(t('inspect.ioWrite'), `${formatBytes(io.wchar)} · ${rate(io.wcharPerSec)}`, 'inspect-io-write')}
                {kv(t('inspect.ioStorage'), `${formatBytes(io.readBytes)} / ${formatBytes(io.writeBytes)} · ${rate(io.readBytesPerSec)} / ${rate(io.writeBytesPerSec)}`)}
                {kv(t('inspect.ioCalls'), `${io.syscr} / ${io.syscw}`)}
              </dl>
              {ioRead.length > 1 && (
                <div className="sparklines">
                  <Sparkline kind="cpu" label={t('inspect.ioRead')} values={ioRead} floor={Math.max(...ioRead, 1024) * 1.15} latest={rate(io.rcharPerSec)} />
                  <Sparkline kind="mem" label={t('inspect.ioWrite')} values={ioWrite} floor={Math.max(...ioWrite, 1024) * 1.15} latest={rate(io.wcharPerSec)} />
                </div>
              )}
            </div>
          )}
        </SectionView>
      );
    case 'environment':
      return (
        <SectionView name="environment" section={report.environment}>
          {(env) => <EnvironmentTab env={env} />}
        </SectionView>
      );
    case 'limits':
      return (
        <SectionView name="limits" section={report.limits}>
          {(limits) => (
            <Table testId="inspect-limits" head={[t('inspect.limit'), t('inspect.soft'), t('inspect.hard'), t('inspect.units')]}
              rows={limits.map((l) => [l.name, l.soft, l.hard, l.units])} />
          )}
        </SectionView>
      );
    case 'memory':
      return (
        <SectionView name="memory" section={report.memory}>
          {(m) => (
            <dl className="fields" data-testid="inspect-memory">
              {kv('RSS', formatBytes(m.rss))}
              {kv('PSS', formatBytes(m.pss))}
              {kv(t('inspect.memShared'), formatBytes(m.shared))}
              {kv(t('inspect.memPrivate'), formatBytes(m.private))}
              {kv(t('inspect.memSwap'), formatBytes(m.swap))}
            </dl>
          )}
        </SectionView>
      );
  }
}

export function InspectorTabs({ api, proc, alive, seq }: Props) {
  const { t } = useI18n();
  const [tab, setTab] = useState<InspectSectionName>('overview');
  const state = useInspect(api, alive ? proc : null, seq);
  const result = state.result;
  const overview = result?.ok && result.report.overview.ok ? result.report.overview.data : null;
  return (
    <section className="details-section inspector" data-testid="inspector">
      {alive && proc.state !== 'Z' && overview && (
        // Keyed by identity: another process starts with fresh inputs and no old message.
        <PriorityActions key={`${proc.pid}:${proc.startTime}`} api={api} proc={proc} nice={overview.nice} cpus={overview.cpusAllowed}
          affinity={result?.ok === true && result.report.platform === 'linux'} />
      )}
      <div className="inspect-tabs" role="tablist" aria-label={t('inspect.title')}>
        {INSPECT_SECTIONS.map((name) => {
          const s = result?.ok ? result.report[name] : null;
          return (
            <button key={name} type="button" role="tab" aria-selected={tab === name} data-testid={`inspect-tab-${name}`}
              className={`inspect-tab${tab === name ? ' active' : ''}${s && !s.ok ? ' refused' : ''}`} onClick={() => setTab(name)}>
              {t(`inspect.tab.${name}`)}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" className="inspect-panel" data-testid={`inspect-panel-${tab}`}>
        {!alive ? (
          <p className="dim small">{t('details.exited')}</p>
        ) : result === null ? (
          <p className="dim small">{state.error ?? t('inspect.loading')}</p>
        ) : !result.ok ? (
          <p className="notice warn" data-testid="inspect-failed">{result.message}</p>
        ) : (
          <Body tab={tab} report={result.report} ioRead={state.ioRead} ioWrite={state.ioWrite} />
        )}
      </div>
    </section>
  );
}
