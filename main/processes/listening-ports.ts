// Which ports each process listens on (TCP LISTEN, and bound UDP sockets), for the filter's
// port: term. Costs a readlink per open fd of every process, so it is read only on demand — when
// a filter uses port: — never on every tick. Linux only; elsewhere an empty map.
import fs from 'node:fs';
import { socketsByInode } from './proc-net.js';

export function listeningPorts(procRoot = '/proc', platform: NodeJS.Platform = process.platform): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (platform !== 'linux') return out;
  // The reader's own network namespace: a process in another one (a container) is not matched by port.
  const sockets = socketsByInode((name) => {
    if (name === 'unix') return null;
    try {
      return fs.readFileSync(`${procRoot}/net/${name}`, 'utf8');
    } catch {
      return null;
    }
  });
  const portOf = new Map<number, number>();
  for (const s of sockets.values()) {
    const listening = s.proto.startsWith('tcp') ? s.state === 'LISTEN' : s.port !== 0;
    if (listening && s.port !== null) portOf.set(s.inode, s.port);
  }
  if (portOf.size === 0) return out;
  for (const entry of fs.readdirSync(procRoot)) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`${procRoot}/${entry}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    const ports = new Set<number>();
    for (const fd of fds) {
      let target: string;
      try {
        target = fs.readlinkSync(`${procRoot}/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (!target.startsWith('socket:[')) continue;
      const port = portOf.get(Number(target.slice(8, -1)));
      if (port !== undefined) ports.add(port);
    }
    if (ports.size) out.set(pid, [...ports].sort((a, b) => a - b));
  }
  return out;
}
