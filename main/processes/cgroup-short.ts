// The CGROUP column's short form of /proc/PID/cgroup: what a person recognises in a narrow
// column — the container (runtime and 12-character id), else the systemd unit, else the last
// part of the path. The full path stays in the inspector's overview.
import { detectContainer, parseCgroup } from './inspect-parse.js';

const SHORT_ID = 12;

export function shortCgroup(text: string): string | null {
  const path = parseCgroup(text);
  if (path === null) return null;
  const c = detectContainer(path);
  if (c) return c.runtime === 'systemd' ? c.id : `${c.runtime}:${c.id.slice(0, SHORT_ID)}`;
  if (path === '/' || path === '') return '/';
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '/';
}
