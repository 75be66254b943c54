// The encoder of deltas on the wire, one per transport's audience (web mode's clients, Electron's
// window): each published snapshot becomes one SnapshotTick whose full and delta messages are each
// computed and serialized at most once, however many clients are sent them. A transport keeps per
// client only the seq of the table it last sent it, and sends the delta when that is the tick's
// base, else the full table (new client, one that was skipped while behind, a reloaded page).
import type { EventMessage } from '../../shared/api.js';
import type { Snapshot } from '../../shared/process.js';
import { diffSnapshots, type SnapshotDelta } from '../../shared/snapshot-delta.js';

export class SnapshotTick {
  private deltaMemo: SnapshotDelta | null | undefined;
  private fullBytes: Buffer | null = null;
  private deltaBytes: Buffer | null | undefined;

  /** base: the snapshot published before this one (null for the first). Snapshots are never modified once published. */
  constructor(readonly snapshot: Snapshot, private base: Snapshot | null) {}

  get seq(): number {
    return this.snapshot.seq;
  }

  /** Seq of the table the delta applies to, or null when there is no delta (the first tick). */
  get baseSeq(): number | null {
    return this.base?.seq ?? null;
  }

  fullMessage(): EventMessage<'snapshot'> {
    return { event: 'snapshot', data: this.snapshot };
  }

  deltaMessage(): EventMessage<'snapshot.delta'> | null {
    if (this.deltaMemo === undefined) {
      this.deltaMemo = this.base ? diffSnapshots(this.base, this.snapshot) : null;
      this.base = null; // not needed any more: the previous table is not kept for longer than a tick
    }
    return this.deltaMemo ? { event: 'snapshot.delta', data: this.deltaMemo } : null;
  }

  fullFrame(): Buffer {
    return (this.fullBytes ??= Buffer.from(JSON.stringify(this.fullMessage())));
  }

  deltaFrame(): Buffer | null {
    if (this.deltaBytes === undefined) {
      const msg = this.deltaMessage();
      this.deltaBytes = msg ? Buffer.from(JSON.stringify(msg)) : null;
    }
    return this.deltaBytes;
  }

  /** What a client holding table `clientSeq` (null: none) is sent: the delta when it follows that table. */
  frameFor(clientSeq: number | null): { frame: Buffer; delta: boolean } {
    if (clientSeq !== null && clientSeq === this.baseSeq) {
      const frame = this.deltaFrame();
      if (frame) return { frame, delta: true };
    }
    return { frame: this.fullFrame(), delta: false };
  }

  /** The same choice as frameFor, as a message (Electron's IPC serializes it itself). */
  messageFor(clientSeq: number | null): EventMessage<'snapshot'> | EventMessage<'snapshot.delta'> {
    if (clientSeq !== null && clientSeq === this.baseSeq) {
      const msg = this.deltaMessage();
      if (msg) return msg;
    }
    return this.fullMessage();
  }
}

/** Turns the stream of published snapshots into ticks, each diffed against the one before. */
export class SnapshotFrames {
  private last: SnapshotTick | null = null;

  next(snapshot: Snapshot): SnapshotTick {
    this.last = new SnapshotTick(snapshot, this.last?.snapshot ?? null);
    return this.last;
  }

  /** The newest tick (for a client that connects or drains between ticks). */
  get latest(): SnapshotTick | null {
    return this.last;
  }

  /** Drops the newest tick (nobody is listening: it would only go stale). */
  forget(): void {
    this.last = null;
  }
}
