// Parses /proc/meminfo into the memory and swap meters. Pure, so it is tested on fixed text.

export interface MemInfo {
  memTotalBytes: number;
  memUsedBytes: number;
  swapTotalBytes: number | null;
  swapUsedBytes: number | null;
}

const KIB = 1024;
const USED = new Set(['MemTotal', 'MemAvailable', 'MemFree', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree']);

/**
 * "Used" is MemTotal - MemAvailable (what free(1) and htop call used: memory apps cannot get
 * back without swapping). Kernels before 3.14 lack MemAvailable: MemFree + Buffers + Cached then.
 */
export function parseMeminfo(text: string): MemInfo {
  // Only the fields used (read every tick: no map of all fifty lines).
  const kib = new Map<string, number>();
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    const colon = text.indexOf(':', at);
    if (colon > at && colon < stop) {
      const key = text.slice(at, colon);
      if (USED.has(key)) {
        const value = parseInt(text.slice(colon + 1, stop), 10);
        if (Number.isFinite(value)) kib.set(key, value);
      }
    }
    at = stop + 1;
  }
  const total = kib.get('MemTotal') ?? 0;
  const available = kib.get('MemAvailable') ?? (kib.get('MemFree') ?? 0) + (kib.get('Buffers') ?? 0) + (kib.get('Cached') ?? 0);
  const swapTotal = kib.get('SwapTotal');
  const swapFree = kib.get('SwapFree');
  return {
    memTotalBytes: total * KIB,
    memUsedBytes: Math.max(0, total - available) * KIB,
    swapTotalBytes: swapTotal === undefined ? null : swapTotal * KIB,
    swapUsedBytes: swapTotal === undefined || swapFree === undefined ? null : Math.max(0, swapTotal - swapFree) * KIB,
  };
}
