// The children this process started and has not seen end (Python's active_children()), and
// what happens to them when this process's own program is over.
export interface ChildHandle {
  readonly name: string;
  readonly daemon: boolean;
  isAlive(): boolean;
  terminate(): void;
  kill(): void;
  join(timeoutMs?: number): Promise<void>;
  /** Resolves when the child has ended, without a join event (the process itself is ending). */
  ended(): Promise<void>;
}

const active = new Set<ChildHandle>();

export function addChild(child: ChildHandle): void {
  active.add(child);
}

export function removeChild(child: ChildHandle): void {
  active.delete(child);
}

/** Python: multiprocessing.active_children(). */
export function activeChildren(): ChildHandle[] {
  return [...active].filter((c) => c.isAlive());
}

/**
 * End of a program, as Python's multiprocessing does it at exit: first terminate every daemon
 * child still running, then wait for every child (the non-daemons finish their work).
 */
export async function finishChildren(): Promise<void> {
  for (const child of activeChildren()) if (child.daemon) child.terminate();
  for (const child of activeChildren()) await child.join();
}

/**
 * Ends every child at once (the lesson is being stopped, or this process's parent died):
 * SIGTERM, then SIGKILL for any that has not ended after `graceMs`.
 */
export async function endAllChildren(graceMs: number): Promise<void> {
  const live = activeChildren();
  for (const child of live) child.terminate();
  await Promise.race([Promise.all(live.map((c) => c.ended())), delay(graceMs)]);
  const stubborn = live.filter((c) => c.isAlive());
  for (const child of stubborn) child.kill();
  await Promise.race([Promise.all(stubborn.map((c) => c.ended())), delay(graceMs)]);
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
