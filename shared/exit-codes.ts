// What an exit code or an ending signal means, in words, in English and Chinese: 0 success, 1 a
// general failure, 2 misuse, 126 not executable, 127 not found, and 128 + N "ended by signal N"
// as a shell reports it (143 = 128 + 15, SIGTERM). Pure: shared by the playground page and the CLI.
import type { Lang } from './i18n.js';

/** Linux signal numbers 1–31 (the standard ones; macOS numbers some differently). */
export const LINUX_SIGNALS: Readonly<Record<number, string>> = {
  1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE',
  9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM',
  16: 'SIGSTKFLT', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP', 20: 'SIGTSTP', 21: 'SIGTTIN', 22: 'SIGTTOU',
  23: 'SIGURG', 24: 'SIGXCPU', 25: 'SIGXFSZ', 26: 'SIGVTALRM', 27: 'SIGPROF', 28: 'SIGWINCH', 29: 'SIGIO',
  30: 'SIGPWR', 31: 'SIGSYS',
};

type Words = Record<Lang, string>;

/** Why a signal usually arrives; signals not listed get a generic sentence. */
const SIGNAL_WHY: Readonly<Record<string, Words>> = {
  SIGHUP: { en: 'its terminal or session closed (hang-up)', zh: '它的终端或会话已关闭（挂断）' },
  SIGINT: { en: 'an interrupt, as Ctrl+C sends', zh: '中断，即按 Ctrl+C 时发送的信号' },
  SIGQUIT: { en: 'a quit request, as Ctrl+\\ sends (with a core dump)', zh: '退出请求，即按 Ctrl+\\ 时发送的信号（并生成核心转储）' },
  SIGILL: { en: 'an illegal machine instruction (a crash)', zh: '非法的机器指令（程序崩溃）' },
  SIGTRAP: { en: 'a debugger trap', zh: '调试器陷阱' },
  SIGABRT: { en: 'the program aborted itself (abort(), a failed assertion)', zh: '程序自己中止了（abort() 或断言失败）' },
  SIGBUS: { en: 'a bus error: a bad memory access (a crash)', zh: '总线错误：错误的内存访问（程序崩溃）' },
  SIGFPE: { en: 'an arithmetic error, such as an integer division by zero (a crash)', zh: '算术错误，例如整数除以零（程序崩溃）' },
  SIGKILL: { en: 'killed at once: kill -9, or the kernel’s out-of-memory killer; it cannot be caught', zh: '被立即杀死：kill -9 或内核的内存不足杀手（OOM killer）；无法捕获' },
  SIGSEGV: { en: 'a segmentation fault: an invalid memory access (a crash)', zh: '段错误：非法的内存访问（程序崩溃）' },
  SIGPIPE: { en: 'it wrote to a pipe that nobody reads any more', zh: '它向一个已无人读取的管道写入' },
  SIGALRM: { en: 'an alarm timer it had set went off', zh: '它设置的闹钟定时器到期' },
  SIGTERM: { en: 'a request to end: kill, a Stop button, or a shutdown', zh: '请求结束：kill 命令、“停止”按钮或系统关机' },
  SIGXCPU: { en: 'it used more CPU time than its limit', zh: '它用掉的 CPU 时间超过了上限' },
  SIGXFSZ: { en: 'it wrote a file larger than its limit', zh: '它写入的文件超过了大小上限' },
};

const GENERIC_WHY: Words = { en: 'a signal the program did not handle', zh: '程序没有处理的信号' };

function signalWhy(name: string, lang: Lang): string {
  return (SIGNAL_WHY[name] ?? GENERIC_WHY)[lang];
}

function signalNumber(name: string, signals: Readonly<Record<number, string>>): number | null {
  for (const [n, s] of Object.entries(signals)) if (s === name) return Number(n);
  return null;
}

export interface ExitExplanation {
  /** What the code is, shortly: "exit code 143 = 128 + 15 (SIGTERM)". */
  headline: string;
  /** What it means, a sentence. */
  detail: string;
  tone: 'ok' | 'error' | 'signal' | 'unknown';
}

/**
 * Explains how a program ended: by an exit code, or by a signal (the OS says which, and a shell
 * would report it as 128 + N). `signals` maps numbers to names (Linux by default).
 */
export function explainExit(exitCode: number | null, signal: string | null, lang: Lang, signals: Readonly<Record<number, string>> = LINUX_SIGNALS): ExitExplanation {
  const zh = lang === 'zh';
  if (signal) {
    const n = signalNumber(signal, signals);
    const why = signalWhy(signal, lang);
    return {
      headline: zh ? `被 ${signal} 结束` : `ended by ${signal}`,
      detail:
        n === null
          ? zh ? `信号 ${signal}：${why}。` : `Signal ${signal}: ${why}.`
          : zh
            ? `信号 ${n}（${signal}）：${why}。shell 会把这种结束报告为退出码 ${128 + n}（128 + ${n}）。`
            : `Signal ${n} (${signal}): ${why}. A shell reports this ending as exit code ${128 + n} (128 + ${n}).`,
      tone: 'signal',
    };
  }
  if (exitCode === null) return { headline: zh ? '已结束' : 'ended', detail: zh ? '操作系统没有告知它是如何结束的。' : 'The OS did not say how it ended.', tone: 'unknown' };
  const code = zh ? `退出码 ${exitCode}` : `exit code ${exitCode}`;
  const plain = (detail: Words, tone: ExitExplanation['tone'] = 'error'): ExitExplanation => ({ headline: code, detail: detail[lang], tone });
  if (exitCode === 0) return plain({ en: 'Success: exit code 0 means “all went well”.', zh: '成功：退出码 0 表示“一切正常”。' }, 'ok');
  if (exitCode === 1) return plain({ en: 'A general failure: the program reported an error (Python exits with 1 after an uncaught exception).', zh: '一般性失败：程序报告了错误（Python 在出现未捕获的异常后以 1 退出）。' });
  if (exitCode === 2) return plain({ en: 'Misuse: wrong arguments or syntax (Python: it could not open the script; a shell: a syntax error).', zh: '用法错误：参数或语法不对（Python：无法打开脚本；shell：语法错误）。' });
  if (exitCode === 126) return plain({ en: 'The command was found but could not be executed (permission denied, or not a program).', zh: '找到了命令，但无法执行（没有权限，或不是可执行程序）。' });
  if (exitCode === 127) return plain({ en: 'The shell could not find the command (command not found).', zh: 'shell 找不到这个命令（command not found）。' });
  const n = exitCode - 128;
  const name = signals[n];
  if (n >= 1 && name) {
    const why = signalWhy(name, lang);
    return {
      headline: `${code} = 128 + ${n} (${name})`,
      detail: zh
        ? `按 shell 的约定，128 + N 表示程序被信号 N 结束：这里是信号 ${n}（${name}），${why}。`
        : `By shell convention, 128 + N means the program was ended by signal N: here signal ${n} (${name}), ${why}.`,
      tone: 'signal',
    };
  }
  return plain({ en: 'A non-zero exit code means the program reported a failure; what this number means is up to the program.', zh: '退出码不为 0，表示程序报告了失败；这个数字的含义由程序自己决定。' });
}
