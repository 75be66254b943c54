// The confirmation before signalling a process the app did not start: pid, name, user and
// command (as text), and for Kill tree how many descendants it hits. When the kill would be
// refused, the dialog says why and offers no confirm button.
import { useEffect, useRef } from 'react';
import type { KillPreview } from '../../../shared/api.js';
import type { ProcInfo } from '../../../shared/process.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionIcon } from './ActionIcon.js';
import type { KillAction } from './kill-actions.js';
import { showInvisible } from '../../../shared/visible-text.js';

export interface KillDialogState {
  proc: ProcInfo;
  action: KillAction;
  preview: KillPreview;
  /** Why this is asked (e.g. ending a zombie's parent to clean the zombie up); plain text. */
  note?: string;
}

interface Props {
  state: KillDialogState;
  onConfirm(): void;
  onCancel(): void;
}

export function KillDialog({ state, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const { proc, action, preview } = state;
  const p = preview.process ?? proc;
  const refused = preview.refusal !== null;
  const cancelRef = useRef<HTMLButtonElement>(null);
  const modalRef = useRef<HTMLDivElement>(null);

  // Focus starts on Cancel and goes back where it was (the table's row, for Delete) when the dialog
  // closes; when that row left with the process it ended, to the table, so the arrows go on working.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const table = before?.closest<HTMLElement>('[role="grid"]') ?? null;
    cancelRef.current?.focus();
    return () => {
      // After the close has rendered: the row may be gone by then.
      setTimeout(() => {
        if (before?.isConnected) before.focus();
        else if (table?.isConnected) table.focus();
      }, 0);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      } else if (e.key === 'Tab') {
        // Keep focus inside the modal: Tab must not reach the table behind it (Delete there starts another kill).
        const items = [...(modalRef.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [])];
        if (items.length === 0) return;
        e.preventDefault();
        const at = items.indexOf(document.activeElement as HTMLElement);
        const next = at < 0 ? (e.shiftKey ? items.length - 1 : 0) : (at + (e.shiftKey ? items.length - 1 : 1)) % items.length;
        items[next]!.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const title = refused
    ? t('dialog.refusedTitle', { pid: p.pid })
    : action.tree
      ? t('dialog.titleTree', { pid: p.pid })
      : t('dialog.title', { pid: p.pid, signal: action.signal });

  return (
    <div className="modal-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div ref={modalRef} className="modal" role="alertdialog" aria-modal="true" aria-labelledby="kill-dialog-title" data-testid="kill-dialog">
        <h2 id="kill-dialog-title" className={refused ? 'refused' : action.danger ? 'danger' : ''}>
          <ActionIcon id={action.id} /> {title}
        </h2>
        <dl className="fields compact">
          <div className="field"><dt>{t('details.pid')}</dt><dd className="mono">{p.pid}</dd></div>
          <div className="field"><dt>{t('details.name')}</dt><dd className="mono">{showInvisible(p.name)}</dd></div>
          <div className="field"><dt>{t('details.user')}</dt><dd className="mono">{p.user}</dd></div>
        </dl>
        <pre className="command-box">{showInvisible(p.command || p.name)}</pre>
        {state.note && <p className="notice" data-testid="kill-note">{state.note}</p>}
        {refused ? (
          <p className="notice error" data-testid="kill-refusal">{preview.refusal}</p>
        ) : (
          <>
            {action.tree && (
              <p className="notice warn" data-testid="kill-descendants">
                {preview.descendants === 0
                  ? t('dialog.treeNone')
                  : preview.descendants === 1
                    ? t('dialog.treeCountOne')
                    : t('dialog.treeCount', { n: preview.descendants })}
              </p>
            )}
            <p className="dim small">{t('dialog.notStarted')}</p>
          </>
        )}
        <div className="modal-buttons">
          <button ref={cancelRef} type="button" className="btn" data-testid="cancel-kill" onClick={onCancel}>
            {t(refused ? 'dialog.close' : 'dialog.cancel')}
          </button>
          {!refused && (
            <button type="button" className={`btn ${action.danger ? 'danger-solid' : 'primary'}`} data-testid="confirm-kill" onClick={onConfirm}>
              {action.tree ? t('dialog.confirmTree') : t('dialog.confirm', { signal: action.signal })}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
