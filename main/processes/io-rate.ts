// The IO READ/s and IO WRITE/s columns: bytes through read(2) and write(2) per second, from the
// rchar and wchar counters of /proc/PID/io. These count every read and write (pipes, sockets,
// files served from the page cache), so a process writing to tmpfs or a pipe shows up too;
// read_bytes/write_bytes count only what reaches a block device and stay 0 on tmpfs or overlay
// upper layers. Pure, so the rate arithmetic is unit-tested.

/** rchar and wchar of a /proc/PID/io text, or null when either is missing. */
export function parseIoChars(text: string): { rchar: number; wchar: number } | null {
  const r = /^rchar:\s*(\d+)$/m.exec(text);
  const w = /^wchar:\s*(\d+)$/m.exec(text);
  return r && w ? { rchar: Number(r[1]), wchar: Number(w[1]) } : null;
}

export interface IoSample {
  rchar: number;
  wchar: number;
  atMs: number;
}

/** Per-second rates between two samples of one process; null when there is no earlier one or no time passed. */
export function ioRates(prev: IoSample | undefined, cur: IoSample): { readPerSec: number; writePerSec: number } | null {
  if (!prev || cur.atMs <= prev.atMs) return null;
  const sec = (cur.atMs - prev.atMs) / 1000;
  // Counters never go back for one process; guard anyway so a bad read never shows a negative rate.
  return { readPerSec: Math.max(0, cur.rchar - prev.rchar) / sec, writePerSec: Math.max(0, cur.wchar - prev.wchar) / sec };
}
