// Cuts a program's output stream into lines as they arrive. Pure state machine: chunks in, whole
// lines out; a line longer than maxLineChars is cut into pieces (a program printing megabytes
// without a newline must not grow one string forever); a pending partial line can be flushed (a
// prompt written without a newline is shown after a pause, as a terminal would show it).
export class LineSplitter {
  private pending = '';

  constructor(private readonly maxLineChars: number) {}

  /** Whole lines completed by this chunk, without their line ends ("\n" or "\r\n"). */
  push(chunk: string): string[] {
    const lines: string[] = [];
    let text = this.pending + chunk;
    let nl: number;
    while ((nl = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, nl);
      this.cut(line.endsWith('\r') ? line.slice(0, -1) : line, lines);
      text = text.slice(nl + 1);
    }
    while (text.length >= this.maxLineChars) {
      lines.push(text.slice(0, this.maxLineChars));
      text = text.slice(this.maxLineChars);
    }
    this.pending = text;
    return lines;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The partial line so far (then forgotten), or null if there is none. */
  flush(): string | null {
    if (!this.pending) return null;
    const text = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    this.pending = '';
    return text;
  }

  private cut(line: string, into: string[]): void {
    if (line.length <= this.maxLineChars) {
      into.push(line);
      return;
    }
    for (let i = 0; i < line.length; i += this.maxLineChars) into.push(line.slice(i, i + this.maxLineChars));
  }
}
