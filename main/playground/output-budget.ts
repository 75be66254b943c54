// How much of a run's output is kept and sent: up to limitBytes and limitLines, then nothing more
// (counted, so the page can say what was dropped). Pure accounting; the runner does the I/O.
export const OUTPUT_LIMIT_BYTES = 1024 * 1024;
export const OUTPUT_LIMIT_LINES = 20_000;

export class OutputBudget {
  usedBytes = 0;
  usedLines = 0;
  droppedBytes = 0;
  droppedLines = 0;
  private full = false;

  constructor(
    readonly limitBytes = OUTPUT_LIMIT_BYTES,
    readonly limitLines = OUTPUT_LIMIT_LINES,
  ) {}

  /** Whether the budget has run out (every later line is dropped). */
  exhausted(): boolean {
    return this.full;
  }

  /**
   * Admits one line of `bytes` bytes, or counts it as dropped. Returns 'kept', 'dropped', or
   * 'first-drop' for the line that exhausted the budget (the caller announces it once).
   */
  admit(bytes: number): 'kept' | 'dropped' | 'first-drop' {
    if (!this.full && this.usedBytes + bytes <= this.limitBytes && this.usedLines < this.limitLines) {
      this.usedBytes += bytes;
      this.usedLines++;
      return 'kept';
    }
    this.droppedBytes += bytes;
    this.droppedLines++;
    if (this.full) return 'dropped';
    this.full = true;
    return 'first-drop';
  }

  /** Raw output read after the budget ran out, counted without being split into lines. */
  dropRaw(bytes: number, newlines: number): void {
    this.droppedBytes += bytes;
    this.droppedLines += newlines;
  }
}
