// Python multiprocessing's processes named by their role, from their command lines and their
// place in the tree: every one of them is just "python3" to the OS. The names are Python's own
// (multiprocessing.current_process().name): the program is MainProcess; the children it starts
// with multiprocessing.Process are Process-1, Process-2… in start order (Process-1:1 for a
// grandchild), whatever the start method, which the role also tells:
//   fork        the child is a copy of its parent: same command line, ppid = the parent
//   spawn       "-c from multiprocessing.spawn import spawn_main; …  --multiprocessing-fork"
//   forkserver  a fork of the forkserver process, so it carries the forkserver's command line
// and Python's helpers: "-c from multiprocessing.forkserver import main…" (forkserver) and
// "-c from multiprocessing.resource_tracker import main…" (resource_tracker). Pure.
import type { PgProc } from './proc-model.js';

export type StartMethod = 'fork' | 'spawn' | 'forkserver';

export interface PythonRole {
  /** "MainProcess", "Process-2", "Process-1:1", "forkserver", "resource_tracker", "semaphore_tracker". */
  name: string;
  kind: 'main' | 'child' | 'helper';
  /** For a child: how it was started. */
  method: StartMethod | null;
}

const PYTHON_NAME = /^python[\d.]*[dmu]?$/;
const baseName = (word: string) => word.split(/[\\/]/).pop() ?? word;

function isPython(p: PgProc): boolean {
  if (PYTHON_NAME.test(p.name)) return true;
  const first = p.command.trim().split(/\s+/)[0] ?? '';
  return PYTHON_NAME.test(baseName(first));
}

function helperName(command: string): string | null {
  if (/multiprocessing\.forkserver\b/.test(command)) return 'forkserver';
  if (/multiprocessing\.resource_tracker\b/.test(command)) return 'resource_tracker';
  if (/multiprocessing\.semaphore_tracker\b/.test(command)) return 'semaphore_tracker';
  return null;
}

/** A launcher that only finds and starts the real interpreter (pyenv, asdf, mise shims). */
const isShim = (p: PgProc): boolean => /[\\/]shims[\\/]python/.test(p.command) || /\bpyenv\b/.test(p.command);

const isSpawnChild = (command: string) => /multiprocessing\.spawn\b/.test(command) || /--multiprocessing-fork\b/.test(command);

/** Roles by process key, for the Python processes of a run whose role can be told (others are absent). */
export function pythonRoles(procs: readonly PgProc[]): Map<string, PythonRole> {
  const roles = new Map<string, PythonRole>();
  /** Identity (Python's _identity) and the counter of children started, per process that starts them. */
  const identity = new Map<string, number[]>();
  const counter = new Map<string, number>();
  const byKey = new Map(procs.map((p) => [p.key, p]));
  const parentOf = (child: PgProc): PgProc | null => {
    let best: PgProc | null = null;
    for (const p of procs) {
      if (p.pid !== child.ppid || p === child || p.startMs > child.startMs) continue;
      if (p.endMs !== null && p.endMs < child.startMs) continue;
      if (!best || p.startMs >= best.startMs) best = p;
    }
    return best;
  };
  const ordered = [...procs].sort((a, b) => a.startMs - b.startMs || a.index - b.index);
  const nameFor = (owner: PgProc, child: PgProc) => {
    const n = (counter.get(owner.key) ?? 0) + 1;
    counter.set(owner.key, n);
    const id = [...(identity.get(owner.key) ?? []), n];
    identity.set(child.key, id);
    return `Process-${id.join(':')}`;
  };
  for (const p of ordered) {
    if (!isPython(p)) continue;
    const parent = parentOf(p);
    const parentRole = parent ? roles.get(parent.key) : undefined;
    const helper = helperName(p.command);
    // A fork of the forkserver carries its command line: it is a worker, not a second forkserver.
    if (helper === 'forkserver' && parent && parentRole?.name === 'forkserver') {
      const owner = parentOf(parent);
      const ownerKey = owner && roles.has(owner.key) ? owner : parent;
      roles.set(p.key, { name: nameFor(byKey.get(ownerKey.key)!, p), kind: 'child', method: 'forkserver' });
      continue;
    }
    if (helper) {
      roles.set(p.key, { name: helper, kind: 'helper', method: null });
      continue;
    }
    if (isSpawnChild(p.command) && parent && parentRole && parentRole.kind !== 'helper') {
      roles.set(p.key, { name: nameFor(parent, p), kind: 'child', method: 'spawn' });
      continue;
    }
    if (parent && parentRole && parentRole.kind !== 'helper' && parent.command === p.command) {
      roles.set(p.key, { name: nameFor(parent, p), kind: 'child', method: 'fork' });
      continue;
    }
    // A version manager's shim (pyenv's `shims/python3`, a shell script) runs before the real
    // interpreter, which it starts below itself: the program is the real one, the shim only its launcher.
    for (let up = parent; up; up = parentOf(up)) {
      const upRole = roles.get(up.key);
      if (upRole?.kind === 'main' && isShim(up)) roles.delete(up.key);
      if (upRole) break;
    }
    roles.set(p.key, { name: 'MainProcess', kind: 'main', method: null });
  }
  // A lone Python program is just a program: MainProcess is worth saying only next to its children or helpers.
  if (![...roles.values()].some((r) => r.kind !== 'main')) roles.clear();
  return roles;
}
