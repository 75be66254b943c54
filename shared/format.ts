// Formatting of process values for display: bytes, percentages, CPU time as ps prints it,
// start times, uptime and counts. Pure functions so they can be unit-tested.

const KIB = 1024;
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB"; one decimal below 100, none above; "—" for null. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < KIB) return `${Math.max(0, Math.round(bytes))} B`;
  let value = bytes;
  let unit = 0;
  while (value >= KIB && unit < UNITS.length - 1) {
    value /= KIB;
    unit++;
  }
  const text = value >= 100 ? Math.round(value).toString() : value.toFixed(1);
  // 1023.95 KiB rounds to "1024 KiB": say "1.0 MiB" instead.
  if (text === '1024' && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${text} ${UNITS[unit]}`;
}

/** Percent with one decimal, as top prints it: 0 → "0.0", 153.26 → "153.3". */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return (Math.round(value * 10) / 10).toFixed(1);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Cumulative CPU time as ps prints TIME: "M:SS" below an hour ("0:00", "12:07"),
 * "H:MM:SS" from an hour on ("1:02:03", "123:00:09").
 */
export function formatCpuTime(ms: number): string {
  const total = Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

// Intl formatters are costly to create and cheap to reuse: one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, style: 'monthDay' | 'full'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale,
      style === 'monthDay'
        ? { month: 'short', day: 'numeric' }
        : // 24-hour clock in every locale: "Nov 28, 2026, 13:13:05" / "2026年11月28日 13:13:05".
          { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    );
    formatters.set(key, f);
  }
  return f;
}

/**
 * Start time as ps prints START: "HH:MM" when the process started within the last 24 hours,
 * else the month and day ("Nov 28" / "11月28日"), else the year when not this year. `columns`
 * is for text that scripts split on spaces (`procplay ps`): ps's own "Nov28", in English.
 */
export function formatStart(startMs: number, nowMs: number, locale: string, style: 'display' | 'columns' = 'display'): string {
  if (!Number.isFinite(startMs) || startMs <= 0) return style === 'columns' ? '-' : '—';
  const start = new Date(startMs);
  if (nowMs - startMs < 24 * 3600_000) return `${pad2(start.getHours())}:${pad2(start.getMinutes())}`;
  if (start.getFullYear() === new Date(nowMs).getFullYear()) {
    if (style === 'columns') return `${start.toLocaleString('en', { month: 'short' })}${pad2(start.getDate())}`;
    return dateFormat(locale, 'monthDay').format(start);
  }
  return String(start.getFullYear());
}

/** Full local date and time with a 24-hour clock, for the details pane and tooltips. */
export function formatDateTime(ms: number, locale: string): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—';
  return dateFormat(locale, 'full').format(ms);
}

/** Clock time of a sample, "14:03:27". */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** Uptime as htop prints it: "3 days, 04:05:06" / "04:05:06"; dayWord receives the day count. */
export function formatUptime(sec: number, dayWord: (days: number) => string = (d) => (d === 1 ? '1 day' : `${d} days`)): string {
  const total = Math.max(0, Math.floor(sec));
  const days = Math.floor(total / 86400);
  const hms = `${pad2(Math.floor((total % 86400) / 3600))}:${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
  return days > 0 ? `${dayWord(days)}, ${hms}` : hms;
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** A whole number with thousands separators: 1045 → "1,045". */
export function formatCount(n: number, locale: string): string {
  // Not toLocaleString(locale): it builds a new Intl formatter on every call (the meters format
  // several counts every tick).
  let f = countFormats.get(locale);
  if (!f) countFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f.format(Math.round(n));
}

/** A duration like "2 min" or "45 s", for the sparkline caption. */
export function formatSpan(ms: number, lang: 'en' | 'zh'): string {
  const sec = Math.round(ms / 1000);
  if (sec < 90) return lang === 'zh' ? `${sec} 秒` : `${sec} s`;
  const min = Math.round(sec / 60);
  return lang === 'zh' ? `${min} 分钟` : `${min} min`;
}

/** Milliseconds with sensible precision: 0.42 → "0.4", 12.3 → "12". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toString();
}

/**
 * How long something has lasted, coarse and live-friendly: "12 s", "3 min 05 s", "2 h 04 min",
 * "3 d 4 h" (zh: "12 秒", "3 分 05 秒", "2 小时 04 分", "3 天 4 小时"). Negative or unknown → "0 s".
 */
export function formatElapsed(ms: number, lang: 'en' | 'zh'): string {
  const total = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
  const zh = lang === 'zh';
  const [d, h, m, s] = [Math.floor(total / 86400), Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60];
  if (total < 60) return zh ? `${s} 秒` : `${s} s`;
  if (total < 3600) return zh ? `${m} 分 ${pad2(s)} 秒` : `${m} min ${pad2(s)} s`;
  if (total < 86400) return zh ? `${h} 小时 ${pad2(m)} 分` : `${h} h ${pad2(m)} min`;
  return zh ? `${d} 天 ${h} 小时` : `${d} d ${h} h`;
}
