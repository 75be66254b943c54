// Python's time.sleep for lesson programs: awaitable, so the process keeps reacting to its
// children and to signals while it waits.
import { isEnding, parked } from './ending.js';

export async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (isEnding()) return parked();
}
