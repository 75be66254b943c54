// Parses /proc/meminfo into the memory and swap meters. Pure, so it is tested on fixed text.

export interface MemInfo {
  memTotalBytes: number;
  memUsedBytes: number;
  swapTotalBytes: number | null;
  swapUsedBytes: number | null;
}

const KIB = 1024;

/**
 * "Used" is MemTotal - MemAvailable (what free(1) and htop call used: memory apps cannot get
 * back without swapping). Kernels before 3.14 lack MemAvailable: MemFree + Buffers + Cached then.
 */
export function parseMeminfo(text: string): MemInfo {
  const kib = new Map<string, number>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = parseInt(line.slice(colon + 1), 10);
    if (Number.isFinite(value)) kib.set(line.slice(0, colon), value);
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
