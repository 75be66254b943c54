// The context menu of a row (right-click or the ⋯ button): every kill action, with the ones
// that cannot apply disabled and explained.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { PlatformCapabilities, ProcInfo } from '../../../shared/process.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useDismiss } from '../ui/use-dismiss.js';
import { ActionIcon } from './ActionIcon.js';
import { actionLabelKey, actionTitleKey, availability, KILL_ACTIONS, type KillActionId } from './kill-actions.js';
import { showInvisible } from '../../../shared/visible-text.js';

export interface MenuState {
  proc: ProcInfo;
  x: number;
  y: number;
}

interface Props {
  state: MenuState;
  caps: PlatformCapabilities | null;
  /** The process is one of the app's own: every action is disabled. */
  isSelf: boolean;
  onAction(proc: ProcInfo, id: KillActionId): void;
  onClose(): void;
}

export function ActionMenu({ state, caps, isSelf, onAction, onClose }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: state.x, top: state.y });
  const close = useCallback(() => onClose(), [onClose]);
  useDismiss(ref, true, close);

  // Keep the menu inside the window, and focus its first item for keyboard use.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(state.x, window.innerWidth - r.width - 4)),
      top: Math.max(4, state.y + r.height > window.innerHeight - 4 ? state.y - r.height : state.y),
    });
    el.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [state.x, state.y]);

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      data-testid="action-menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        e.preventDefault();
        const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
        const at = items.indexOf(document.activeElement as HTMLButtonElement);
        items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
      }}
    >
      <div className="menu-title mono">{showInvisible(state.proc.name)} · {state.proc.pid}</div>
      {KILL_ACTIONS.map((a) => {
        const av = availability(a, caps, isSelf, state.proc);
        return (
          <button
            key={a.id}
            type="button"
            role="menuitem"
            className={`menu-item ${a.danger ? 'danger' : ''}`}
            data-testid={`menu-kill-${a.id}`}
            disabled={!av.enabled}
            title={av.reason ? t(av.reason) : t(actionTitleKey(a))}
            onClick={() => {
              onClose();
              onAction(state.proc, a.id);
            }}
          >
            <ActionIcon id={a.id} />
            <span>{t(actionLabelKey(a))}</span>
            <span className="menu-hint mono">{a.tree ? '' : a.signal}</span>
          </button>
        );
      })}
    </div>
  );
}
