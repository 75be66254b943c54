// The kill actions offered on rows and in the details pane, and whether each is available for a
// process on this platform (Windows has no stop/continue/interrupt; the app never signals itself). Pure.
import type { KillPreview, SignalName } from '../../../shared/api.js';
import type { PlatformCapabilities, ProcInfo } from '../../../shared/process.js';
import type { StringKey } from '../i18n/strings.js';

export type KillActionId = SignalName | 'tree';

export interface KillAction {
  id: KillActionId;
  signal: SignalName;
  tree: boolean;
  /** Needs POSIX signals (unavailable on Windows). */
  posixOnly: boolean;
  /** Shown as a danger (red) action. */
  danger: boolean;
}

export const KILL_ACTIONS: readonly KillAction[] = [
  { id: 'SIGTERM', signal: 'SIGTERM', tree: false, posixOnly: false, danger: false },
  { id: 'SIGKILL', signal: 'SIGKILL', tree: false, posixOnly: false, danger: true },
  { id: 'SIGINT', signal: 'SIGINT', tree: false, posixOnly: true, danger: false },
  { id: 'SIGSTOP', signal: 'SIGSTOP', tree: false, posixOnly: true, danger: false },
  { id: 'SIGCONT', signal: 'SIGCONT', tree: false, posixOnly: true, danger: false },
  { id: 'tree', signal: 'SIGKILL', tree: true, posixOnly: false, danger: true },
];

export const killAction = (id: KillActionId): KillAction => KILL_ACTIONS.find((a) => a.id === id) ?? KILL_ACTIONS[0];

export interface Availability {
  enabled: boolean;
  /** Why it is disabled (a translation key), or null. */
  reason: StringKey | null;
}

/**
 * Whether an action applies: never to the app itself, never to a zombie (it has already exited and
 * no signal reaches it: its parent must reap it), and POSIX-only signals not on Windows.
 */
/** What about the target process decides whether a signal can do anything. */
export type KillTarget = Pick<ProcInfo, 'state' | 'kernelThread'>;

export function availability(action: KillAction, caps: PlatformCapabilities | null, isSelf: boolean, target: KillTarget | null = null): Availability {
  if (isSelf) return { enabled: false, reason: 'kill.self' };
  if (target?.state === 'Z') return { enabled: false, reason: 'kill.zombie' };
  if (target?.kernelThread) return { enabled: false, reason: 'kill.kernel' };
  if (action.posixOnly && caps !== null && !caps.signals) return { enabled: false, reason: 'kill.noSignals' };
  return { enabled: true, reason: null };
}

export type KillFlow = 'refused' | 'direct' | 'confirm';

/** After a preview: refuse (show why, no confirm), signal at once (the app started it), or ask first. */
export function killFlow(preview: KillPreview): KillFlow {
  if (preview.refusal) return 'refused';
  if (preview.startedByApp) return 'direct';
  return 'confirm';
}

/** Label key of an action ("Terminate", "Kill (kill -9)", … "Kill tree"). */
export const actionLabelKey = (a: KillAction): StringKey => (a.tree ? 'kill.tree' : (`kill.${a.signal}` as StringKey));
export const actionTitleKey = (a: KillAction): StringKey => (a.tree ? 'killTitle.tree' : (`killTitle.${a.signal}` as StringKey));
/** data-testid of an action's button in the details pane: kill-SIGKILL, …, kill-tree. */
export const actionTestId = (a: KillAction): string => (a.tree ? 'kill-tree' : `kill-${a.signal}`);
