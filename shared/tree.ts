// Parent-to-child links as pstree -p shows them. Pure: used by the renderer and the CLI.
import type { ProcInfo } from './process.js';

export interface TreeNode {
  proc: ProcInfo;
  children: TreeNode[];
  depth: number;
}

/**
 * Builds the forest of processes. A process whose parent is not in the list (pid 0's children,
 * or a parent that vanished between reads) becomes a root. Children are ordered by pid.
 * A cycle (impossible on a real OS, possible with a pid reused mid-sample) is broken by
 * treating the looping node as a root.
 */
export function buildTree(processes: readonly ProcInfo[]): TreeNode[] {
  const byPid = new Map<number, TreeNode>();
  for (const proc of processes) byPid.set(proc.pid, { proc, children: [], depth: 0 });
  const roots: TreeNode[] = [];
  for (const node of byPid.values()) {
    const parent = node.proc.ppid !== node.proc.pid ? byPid.get(node.proc.ppid) : undefined;
    if (parent && !isAncestor(node, parent, byPid)) parent.children.push(node);
    else roots.push(node);
  }
  const byPidAsc = (a: TreeNode, b: TreeNode) => a.proc.pid - b.proc.pid;
  roots.sort(byPidAsc);
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    n.children.sort(byPidAsc);
    for (const c of n.children) {
      c.depth = n.depth + 1;
      stack.push(c);
    }
  }
  return roots;
}

function isAncestor(node: TreeNode, candidate: TreeNode, byPid: Map<number, TreeNode>): boolean {
  // Walk up from candidate; if we meet node, linking would make a cycle.
  let cur: TreeNode | undefined = candidate;
  for (let hops = 0; cur && hops < 10_000; hops++) {
    if (cur === node) return true;
    cur = cur.proc.ppid !== cur.proc.pid ? byPid.get(cur.proc.ppid) : undefined;
  }
  return false;
}

/** Depth-first order of the forest, skipping the children of collapsed pids. */
export function flattenTree(roots: readonly TreeNode[], collapsed: ReadonlySet<number> = new Set()): TreeNode[] {
  const out: TreeNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    if (!collapsed.has(n.proc.pid)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** The chain from a process up to its root (usually pid 1), the process itself first. */
export function ancestorChain(pid: number, processes: readonly ProcInfo[]): ProcInfo[] {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const chain: ProcInfo[] = [];
  const seen = new Set<number>();
  let cur = byPid.get(pid);
  while (cur && !seen.has(cur.pid)) {
    chain.push(cur);
    seen.add(cur.pid);
    cur = cur.ppid !== cur.pid ? byPid.get(cur.ppid) : undefined;
  }
  return chain;
}

/** Every descendant of pid (not pid itself), breadth first; from full rows or any pid/ppid table. */
export function descendantsOf<P extends Pick<ProcInfo, 'pid' | 'ppid'>>(pid: number, processes: readonly P[]): P[] {
  const children = new Map<number, P[]>();
  for (const p of processes) {
    if (p.pid === p.ppid) continue;
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const out: P[] = [];
  const queue = [pid];
  const seen = new Set<number>([pid]);
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}
