// Python's exitcode convention: the exit status, or minus the signal number when a signal ended
// the process (-9 after SIGKILL, -15 after SIGTERM). Pure, so the runner and tests share it.
import { constants } from 'node:os';

export function toExitcode(code: number | null, signal: NodeJS.Signals | string | null): number {
  if (signal) {
    const n = (constants.signals as Record<string, number>)[signal];
    return n ? -n : -1;
  }
  return code ?? 0;
}

/** "exit code 0", "killed by SIGTERM (exitcode -15)"; in Chinese with lang 'zh'. */
export function describeExit(exitcode: number, signal: string | null, lang: 'en' | 'zh' = 'en'): string {
  if (lang === 'zh') return signal ? `被 ${signal} 杀死（exitcode ${exitcode}）` : `退出码 ${exitcode}`;
  return signal ? `killed by ${signal} (exitcode ${exitcode})` : `exit code ${exitcode}`;
}
