// Which processes belong to a run's tree, from one process listing to the next. Pure: given the
// listing and a marker test, it updates the members and says what changed. A process belongs if
// it is the root, a child of a member (so it stays a member after re-parenting), or carries the
// run's environment marker (so a process that started its own session, or whose parent had ended
// before we saw it, is found too). Identity is pid + start time: a reused pid is someone else.

export interface ListedProc {
  pid: number;
  ppid: number;
  /** Epoch ms; with pid, the identity. */
  startTime: number;
  name: string;
  command: string;
  state: string;
}

export interface Member {
  pid: number;
  ppid: number;
  /** null for the root until the first listing that shows it. */
  startTime: number | null;
  name: string;
  command: string;
  state: string;
}

export interface TreeState {
  rootPid: number;
  members: Map<number, Member>;
}

export type TreeChange =
  | { kind: 'start'; proc: Member; root: boolean; marked: boolean }
  | { kind: 'exec'; pid: number; name: string; command: string }
  | { kind: 'zombie'; pid: number }
  | { kind: 'exit'; pid: number };

/** A new tree: the root is a member from the start (we spawned it), its identity fixed on first sight. */
export function newTree(rootPid: number, name: string, command: string, ppid: number): TreeState {
  return { rootPid, members: new Map([[rootPid, { pid: rootPid, ppid, startTime: null, name, command, state: 'R' }]]) };
}

/** Forgets one member (the runner saw the root end before any listing did); true if it was one. */
export function removeMember(state: TreeState, pid: number): boolean {
  return state.members.delete(pid);
}

export function advanceTree(state: TreeState, listing: readonly ListedProc[], isMarked: (p: ListedProc) => boolean): TreeChange[] {
  const changes: TreeChange[] = [];
  const byPid = new Map<number, ListedProc>();
  const children = new Map<number, ListedProc[]>();
  for (const p of listing) {
    byPid.set(p.pid, p);
    if (p.ppid === p.pid) continue;
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }

  // Members still there (same identity) are updated; the others have ended.
  const exits: TreeChange[] = [];
  for (const m of [...state.members.values()]) {
    const cur = byPid.get(m.pid);
    if (m.startTime === null) {
      if (!cur) continue; // the root, not listed yet
      m.startTime = cur.startTime;
    } else if (!cur || cur.startTime !== m.startTime) {
      state.members.delete(m.pid);
      exits.push({ kind: 'exit', pid: m.pid });
      continue;
    }
    m.ppid = cur.ppid;
    if (cur.name !== m.name || (cur.command !== m.command && cur.state !== 'Z')) {
      m.name = cur.name;
      m.command = cur.command;
      changes.push({ kind: 'exec', pid: m.pid, name: m.name, command: m.command });
    }
    if (cur.state === 'Z' && m.state !== 'Z') changes.push({ kind: 'zombie', pid: m.pid });
    m.state = cur.state;
  }

  // Members were added parents first: ended together, children are reported before their parents.
  changes.push(...exits.reverse());

  const queue: number[] = [...state.members.keys()];
  const adopt = (p: ListedProc, marked: boolean): void => {
    const m: Member = { pid: p.pid, ppid: p.ppid, startTime: p.startTime, name: p.name, command: p.command, state: p.state };
    state.members.set(p.pid, m);
    changes.push({ kind: 'start', proc: { ...m }, root: false, marked });
    if (p.state === 'Z') changes.push({ kind: 'zombie', pid: p.pid });
    queue.push(p.pid);
  };
  const drain = (): void => {
    while (queue.length) {
      for (const c of children.get(queue.shift()!) ?? []) if (!state.members.has(c.pid)) adopt(c, false);
    }
  };
  drain();
  // Marked strangers, oldest first so a parent comes before its children.
  const marked = listing.filter((p) => !state.members.has(p.pid) && isMarked(p)).sort((a, b) => a.startTime - b.startTime || a.pid - b.pid);
  for (const p of marked) {
    if (state.members.has(p.pid)) continue; // adopted meanwhile as a child of an earlier one
    adopt(p, true);
    drain();
  }
  return changes;
}

/** Members not yet seen to end (zombies included: they still hold a pid). */
export function liveMembers(state: TreeState): Member[] {
  return [...state.members.values()];
}
