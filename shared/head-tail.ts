// A head-and-tail buffer: keeps the first `headItems` items and the last `tailItems` items of a
// stream that may be endless, and counts what fell in between. A long run's output keeps both its
// beginning (how it started) and its end (the traceback), like `head; echo …; tail`. Each item
// also has a size in bytes, capped the same way, so a few huge lines cannot take all the memory.
// Pure: no Node, no DOM (used by the playground runner and the page).

export interface HeadTailLimits {
  headItems: number;
  tailItems: number;
  /** Byte caps of the head and of the tail (an item bigger than the tail cap is still kept alone). */
  headBytes: number;
  tailBytes: number;
}

interface Slot<T> {
  item: T;
  bytes: number;
  /** Position in the whole stream, from 0: tells what was skipped between two kept items. */
  seq: number;
}

export class HeadTailBuffer<T> {
  private readonly head: Slot<T>[] = [];
  /** The tail as a ring would be: a plain array compacted in bulk, so pushes stay O(1) amortised. */
  private tail: Slot<T>[] = [];
  private tailStart = 0;
  private headBytes = 0;
  private tailBytes = 0;
  private headFull = false;
  private nextSeq = 0;
  /** Items and bytes that were neither kept in the head nor are still in the tail. */
  skippedItems = 0;
  skippedBytes = 0;

  constructor(readonly limits: HeadTailLimits) {
    if (!(limits.headItems >= 0 && limits.tailItems >= 1)) throw new RangeError('a head-and-tail buffer needs headItems >= 0 and tailItems >= 1');
  }

  /** Items kept in the head: positions 0 … headCount-1. */
  get headCount(): number {
    return this.head.length;
  }

  /** Items pushed in all. */
  get total(): number {
    return this.nextSeq;
  }

  /** Adds an item; returns its position in the stream. */
  push(item: T, bytes = 0): number {
    const seq = this.nextSeq++;
    const slot = { item, bytes, seq };
    if (!this.headFull) {
      if (this.head.length < this.limits.headItems && this.headBytes + bytes <= this.limits.headBytes) {
        this.head.push(slot);
        this.headBytes += bytes;
        return seq;
      }
      // Once the head is full it stays closed: the head is the beginning, without holes.
      this.headFull = true;
    }
    this.tail.push(slot);
    this.tailBytes += bytes;
    while (this.tail.length - this.tailStart > 1 && (this.tail.length - this.tailStart > this.limits.tailItems || this.tailBytes > this.limits.tailBytes)) {
      const old = this.tail[this.tailStart++]!;
      this.tailBytes -= old.bytes;
      this.skippedItems++;
      this.skippedBytes += old.bytes;
    }
    if (this.tailStart > 1024 && this.tailStart * 2 > this.tail.length) {
      this.tail = this.tail.slice(this.tailStart);
      this.tailStart = 0;
    }
    return seq;
  }

  /** The kept beginning, in order. */
  headItems(): T[] {
    return this.head.map((s) => s.item);
  }

  /** The kept end, in order (items after the head, minus the skipped ones). */
  tailItems(): T[] {
    return this.tail.slice(this.tailStart).map((s) => s.item);
  }

  /** The kept items with their positions, in order: head then tail. */
  entries(): { item: T; seq: number }[] {
    return [...this.head, ...this.tail.slice(this.tailStart)].map(({ item, seq }) => ({ item, seq }));
  }

  /** The kept items in order, with one `gap(n)` between head and tail where n items were skipped. */
  view<G>(gap: (skipped: number, bytes: number) => G): (T | G)[] {
    const out: (T | G)[] = this.headItems();
    if (this.skippedItems > 0) out.push(gap(this.skippedItems, this.skippedBytes));
    for (const item of this.tailItems()) out.push(item);
    return out;
  }
}
