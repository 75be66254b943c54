// The kill flow: preview (process.killPreview) → no dialog for processes the app started,
// a confirmation otherwise, the refusal when it would be refused → process.kill → the result's
// message in the status line.
import { useCallback, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { ProcInfo } from '../../../shared/process.js';
import type { Translate } from '../i18n/translate.js';
import type { SetStatus } from '../status.js';
import type { KillDialogState } from './KillDialog.js';
import { killAction, killFlow, type KillActionId } from './kill-actions.js';

export interface KillController {
  dialog: KillDialogState | null;
  /** Starts the flow; `note` (already translated) tells the dialog why, e.g. "to clean up zombie 4243". */
  request(proc: ProcInfo, id: KillActionId, note?: string): void;
  confirm(): void;
  cancel(): void;
}

export function useKill(api: ApiClient, setStatus: SetStatus, t: Translate): KillController {
  const [dialog, setDialog] = useState<KillDialogState | null>(null);
  const busy = useRef(false);
  const tRef = useRef(t);
  tRef.current = t;

  const execute = useCallback(
    async (proc: ProcInfo, id: KillActionId) => {
      const action = killAction(id);
      setStatus('info', tRef.current('kill.working', { signal: action.signal, pid: proc.pid }));
      try {
        const r = await api.call('process.kill', { pid: proc.pid, startTime: proc.startTime, signal: action.signal, tree: action.tree });
        setStatus(r.ok ? 'ok' : 'error', r.message);
      } catch (e) {
        setStatus('error', tRef.current('status.error', { message: (e as Error).message }));
      }
    },
    [api, setStatus],
  );

  const request = useCallback(
    (proc: ProcInfo, id: KillActionId, note?: string) => {
      if (busy.current) return;
      busy.current = true;
      const action = killAction(id);
      api
        .call('process.killPreview', { pid: proc.pid, startTime: proc.startTime, tree: action.tree })
        .then((preview) => {
          const flow = killFlow(preview);
          if (flow === 'direct') return execute(proc, id);
          setDialog({ proc, action, preview, note });
        })
        .catch((e: Error) => setStatus('error', tRef.current('status.error', { message: e.message })))
        .finally(() => {
          busy.current = false;
        });
    },
    [api, execute, setStatus],
  );

  const dialogRef = useRef(dialog);
  dialogRef.current = dialog;
  const confirm = useCallback(() => {
    const d = dialogRef.current;
    dialogRef.current = null; // a double click confirms once
    setDialog(null);
    if (d && d.preview.refusal === null) void execute(d.proc, d.action.id);
  }, [execute]);

  const cancel = useCallback(() => setDialog(null), []);

  return { dialog, request, confirm, cancel };
}
