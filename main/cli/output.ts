// Where a CLI command writes: the real terminal, or a buffer in tests.
export interface CliOutput {
  log(text: string): void;
  error(text: string): void;
  /** Terminal width when stdout is a terminal; undefined for pipes (no cutting). */
  columns?: number;
}

export const consoleOutput: CliOutput = {
  log: (t) => process.stdout.write(t + '\n'),
  error: (t) => process.stderr.write(t + '\n'),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
};
