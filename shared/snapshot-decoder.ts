// The client's side of deltas on the wire: holds the table it was last given, applies each delta
// that follows it, and says when one does not (a missed sequence), so the caller asks for a full
// table (snapshot.get). Deltas that arrive while that request is under way are kept (a few) and
// applied on top of the answer when they follow it, so a tick racing the reply costs no second request.
import type { Snapshot } from './process.js';
import { applyDelta, type SnapshotDelta } from './snapshot-delta.js';

/** Deltas kept while waiting for a full table: a few ticks' worth; older ones are dropped. */
const MAX_WAITING_DELTAS = 8;

export type DeltaOutcome =
  /** The delta followed the table held: here is the new one. */
  | { kind: 'snapshot'; snapshot: Snapshot }
  /** It did not (no table yet, or a sequence was missed): ask for a full table. */
  | { kind: 'gap'; have: number | null; baseSeq: number };

export class SnapshotDecoder {
  private table: Snapshot | null = null;
  private waiting: SnapshotDelta[] = [];

  /** The table held now (null before the first full one). */
  get current(): Snapshot | null {
    return this.table;
  }

  /**
   * A full table (pushed, or the answer to snapshot.get); returns the table to show, with any kept
   * deltas that follow it applied, or null when it is older than the table held (an answer that
   * crossed newer ticks on the way): that one stays.
   */
  full(snapshot: Snapshot): Snapshot | null {
    if (this.table && snapshot.seq < this.table.seq) return null;
    let table = snapshot;
    for (let next = this.follower(table.seq); next; next = this.follower(table.seq)) table = applyDelta(table, next);
    this.waiting = [];
    this.table = table;
    return table;
  }

  delta(delta: SnapshotDelta): DeltaOutcome {
    const table = this.table;
    if (table && delta.baseSeq === table.seq) {
      this.table = applyDelta(table, delta);
      return { kind: 'snapshot', snapshot: this.table };
    }
    this.waiting.push(delta);
    if (this.waiting.length > MAX_WAITING_DELTAS) this.waiting.shift();
    return { kind: 'gap', have: table?.seq ?? null, baseSeq: delta.baseSeq };
  }

  /** Forgets the table (a new connection starts with a full one). */
  reset(): void {
    this.table = null;
    this.waiting = [];
  }

  /** A kept delta that applies to table seq, if any. Deltas with baseSeq === seq === their own seq re-send a table (a sampling error): still applied once. */
  private follower(seq: number): SnapshotDelta | undefined {
    const i = this.waiting.findIndex((d) => d.baseSeq === seq);
    if (i < 0) return undefined;
    return this.waiting.splice(i, 1)[0];
  }
}
