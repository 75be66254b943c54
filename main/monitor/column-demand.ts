// Which optional columns (the ones that cost a read per process per tick: I/O, cgroup) some page
// is showing. Each client (the Electron window, each web-mode WebSocket) says what it shows; the
// sampler reads the union, and a client that goes away stops counting.
import type { OptionalSampled } from '../../shared/process.js';

export class ColumnDemand {
  private readonly byClient = new Map<object, ReadonlySet<OptionalSampled>>();
  private union: ReadonlySet<OptionalSampled> = new Set();

  set(client: object, shown: readonly OptionalSampled[]): void {
    if (shown.length === 0) this.byClient.delete(client);
    else this.byClient.set(client, new Set(shown));
    this.recompute();
  }

  forget(client: object): void {
    if (this.byClient.delete(client)) this.recompute();
  }

  /** What to read this tick. */
  current(): ReadonlySet<OptionalSampled> {
    return this.union;
  }

  private recompute(): void {
    const all = new Set<OptionalSampled>();
    for (const shown of this.byClient.values()) for (const c of shown) all.add(c);
    this.union = all;
  }
}
