// The lesson panels' Stop / Continue / clean-up buttons signal without a confirmation dialog, so
// they may only reach a process the lesson itself started: the pid comes from the program's
// output, and a pid can be reused. Ask process.killPreview first; signal only a process the app
// started, pinned to the start time the preview saw. Pure (the API is passed in).
import type { ApiClient, KillResult, SignalName } from '../../../shared/api.js';

export async function signalLessonProcess(
  api: Pick<ApiClient, 'call'>,
  pid: number,
  startTime: number | null,
  signal: SignalName,
  notOurs: string,
): Promise<Pick<KillResult, 'ok' | 'message'>> {
  const preview = await api.call('process.killPreview', startTime === null ? { pid } : { pid, startTime });
  if (preview.refusal !== null) return { ok: false, message: preview.refusal };
  if (!preview.startedByApp) return { ok: false, message: notOurs };
  const pinned = preview.process?.startTime ?? startTime;
  return api.call('process.kill', pinned === null ? { pid, signal } : { pid, startTime: pinned, signal });
}
