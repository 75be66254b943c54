// Playground types shared by the playground runner (main), the CLI and the Playground page
// (renderer): a user's own program run as a tracked process tree. Pure types: no Node, no DOM.
import type { Text } from './i18n.js';
import type { RunLifecycle } from './lifecycle.js';

export interface PlaygroundRunRequest {
  /** A command line, run by the user's shell exactly as a terminal would. */
  command: string;
  /** Working directory; the user's home directory when omitted. */
  cwd?: string;
}

export interface PlaygroundFileRequest {
  /** A script; its extension chooses the interpreter (.py, .js/.mjs/.cjs, .sh; .bat/.cmd/.ps1 on Windows). */
  path: string;
  /** Working directory; the script's own directory when omitted. */
  cwd?: string;
}

/** Everything that happens in a playground run; t is milliseconds since the run started. */
export type PlaygroundEvent =
  /** One line the program wrote (without its newline). `partial`: text with no newline yet, shown after a pause (a prompt). */
  | { type: 'output'; t: number; stream: 'stdout' | 'stderr'; text: string; partial?: true }
  /** Lines of output (and echoed input) left out here: past the first ones kept, and pushed out by later ones before they were sent. The stored transcript has one, between its head and its tail. */
  | { type: 'output-skipped'; t: number; lines: number }
  /** A line the user sent to the program's stdin (echoed for the transcript); `eof` when stdin was closed. */
  | { type: 'input'; t: number; text: string; eof?: true }
  /** A process of the tree was seen for the first time. `marked`: found by the run's environment marker, not by ancestry (it re-parented or started its own session). */
  | { type: 'proc-start'; t: number; pid: number; ppid: number; name: string; command: string; root: boolean; marked: boolean }
  /** A process of the tree loaded another program (exec: same pid, new name and command line). */
  | { type: 'proc-exec'; t: number; pid: number; name: string; command: string }
  /** A process of the tree has ended but its parent has not reaped it yet (state Z); how it ended, where the OS tells (Linux). */
  | { type: 'proc-zombie'; t: number; pid: number; exitCode: number | null; signal: string | null }
  /** A process of the tree is gone. Exit code and signal: always for the root (the runner is its parent), for others when they were seen as zombies (Linux); else null. */
  | { type: 'proc-exit'; t: number; pid: number; exitCode: number | null; signal: string | null }
  /** Sent once, when the tree passed its cap of process events: later ones are tracked (Stop still ends them) but not sent. */
  | { type: 'tree-capped'; t: number; limit: number }
  /** The whole tree is gone. `droppedLines`/`droppedBytes`: transcript lines skipped between the kept head and tail. `exitCode`/`signal`: the root program's; `message` says it in words ("exit code 127: command not found"). */
  | { type: 'run-end'; t: number; stopped: boolean; exitCode: number | null; signal: string | null; message: string; droppedLines: number; droppedBytes: number };

export interface PlaygroundRunInfo {
  runId: string;
  /** Pid of the root process (the shell or the interpreter, which may exec the program in place). */
  pid: number;
  /** What the user asked for: the command line or the script path. */
  command: string;
  /** The launcher actually used, shown by the page: "/bin/sh -c", "cmd.exe /d /s /c", "/usr/bin/python3". */
  shell: string;
  cwd: string;
  /** Epoch milliseconds at spawn; event times are relative to it. */
  startedAt: number;
  running: boolean;
  /** The root's exit, once known. */
  exitCode: number | null;
  signal: string | null;
  /** Events kept so far (bounded), so a page opened mid-run can catch up. */
  events: PlaygroundEvent[];
  /** Exact lifecycle events kept so far (strace, bounded), for the same catch-up. */
  lifecycle?: RunLifecycle;
}

/** One of Python's own helper processes, so the page can name a process it did not expect. */
export interface PythonHelperMeta {
  id: 'resource-tracker' | 'forkserver' | 'semaphore-tracker';
  name: string;
  /** A regular expression (source) matched against a process's command line. */
  commandPattern: string;
  explanation: Text;
}

export interface PlaygroundExample {
  id: string;
  title: Text;
  /** One line: what to watch for. */
  explanation: Text;
  /** Absolute path of the example script (run it with playground.runFile). */
  path: string;
  source: string;
}

export interface PlaygroundExamples {
  /** The Python found on the PATH ("python3", "python"), or null: then `examples` is empty and `reason` says why. */
  python: string | null;
  reason: string | null;
  examples: PlaygroundExample[];
  helpers: PythonHelperMeta[];
}
