// How much of a run's transcript (its output lines and the input echoed) is kept and sent: the
// first lines and the last lines, with what fell between counted, like `head` + `tail`: the
// start of a long run says how it began, the end holds the traceback. Lines of the head are sent
// at once; lines after it wait for the next drain (a few times a second), and only the last ones
// are sent then: a flood costs the page a bounded number of lines per drain. Pure accounting;
// the runner does the I/O and the timing.
import { HeadTailBuffer, type HeadTailLimits } from '../../shared/head-tail.js';
import type { PlaygroundEvent } from '../../shared/playground.js';

export type TranscriptEvent = Extract<PlaygroundEvent, { type: 'output' | 'input' }>;
export type SkippedEvent = Extract<PlaygroundEvent, { type: 'output-skipped' }>;

export const OUTPUT_LIMITS: HeadTailLimits = {
  headItems: 1000,
  tailItems: 2000,
  headBytes: 512 * 1024,
  tailBytes: 512 * 1024,
};

export class OutputBudget {
  private readonly buffer: HeadTailBuffer<TranscriptEvent>;
  /** Position of the last line sent (live). */
  private sentSeq = -1;
  private waiting = false;

  constructor(readonly limits: HeadTailLimits = OUTPUT_LIMITS) {
    this.buffer = new HeadTailBuffer(limits);
  }

  /** Lines and bytes skipped between the head and the tail (not kept, and not in the stored transcript). */
  get skippedLines(): number {
    return this.buffer.skippedItems;
  }
  get skippedBytes(): number {
    return this.buffer.skippedBytes;
  }

  /**
   * Keeps one line. 'send': it belongs to the head, send it now. 'later': it is in the tail,
   * sent by the next drain() unless later lines push it out first.
   */
  add(event: TranscriptEvent, bytes: number): 'send' | 'later' {
    const seq = this.buffer.push(event, bytes);
    if (this.sentSeq === seq - 1 && !this.waiting && this.buffer.headCount > seq) {
      this.sentSeq = seq;
      return 'send';
    }
    this.waiting = true;
    return 'later';
  }

  /** Whether lines wait for drain(). */
  pending(): boolean {
    return this.waiting;
  }

  /** The lines not yet sent that are still kept, preceded by how many were skipped since the last one sent. */
  drain(t: number): { skipped: SkippedEvent | null; events: TranscriptEvent[] } {
    this.waiting = false;
    const fresh = this.buffer.entries().filter((e) => e.seq > this.sentSeq);
    const first = fresh[0]?.seq ?? this.buffer.total;
    const gap = first - this.sentSeq - 1;
    this.sentSeq = this.buffer.total - 1;
    return {
      skipped: gap > 0 ? { type: 'output-skipped', t, lines: gap } : null,
      events: fresh.map((e) => e.item),
    };
  }

  /** The stored transcript: the head, one skipped marker when lines were skipped, the tail. */
  transcript(): (TranscriptEvent | SkippedEvent)[] {
    const tail = this.buffer.tailItems();
    return this.buffer.view((lines) => ({ type: 'output-skipped' as const, t: tail[0]?.t ?? 0, lines }));
  }
}
