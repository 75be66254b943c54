// Parses /proc/net/{tcp,tcp6,udp,udp6,unix} (see proc(5)) into sockets keyed by inode, so a
// process's socket fds ("socket:[INODE]") can be resolved to protocol, addresses and state. Pure.
import os from 'node:os';
import type { SocketEntry } from '../../shared/inspect.js';

/** A socket of /proc/net, before it is matched to a process's fd: the contract's entry without `fd`. */
export type NetSocket = Omit<SocketEntry, 'fd'>;

/** TCP states as the kernel numbers them (include/net/tcp_states.h), named as `ss` names them. */
const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
};

/** One 32-bit word of an address as printed by the kernel: in host byte order, so reversed on little-endian. */
function wordBytes(hex8: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => parseInt(hex8.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

/** "0100007F:1F90" → { addr: "127.0.0.1", port: 8080 } (IPv4) or the IPv6 form "[::1]". */
export function decodeAddress(text: string, littleEndian = os.endianness() === 'LE'): { addr: string; port: number } | null {
  const [hex, portHex] = text.split(':');
  if (!hex || !portHex) return null;
  const port = parseInt(portHex, 16);
  if (hex.length === 8) return { addr: wordBytes(hex, littleEndian).join('.'), port };
  if (hex.length !== 32) return null;
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), littleEndian));
  // An IPv4-mapped address (::ffff:a.b.c.d) reads better in its IPv4 form.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return { addr: `::ffff:${bytes.slice(12).join('.')}`, port };
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return { addr: compressIpv6(groups), port };
}

/** Shortens the longest run of zero groups to "::", as RFC 5952 says. */
function compressIpv6(groups: string[]): string {
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

const joinAddr = (addr: string, port: number, v6: boolean): string => (v6 && !addr.includes('.') ? `[${addr}]:${port}` : `${addr}:${port}`);

/** Parses /proc/net/tcp, tcp6, udp or udp6 text. */
export function parseInetSockets(text: string, proto: 'tcp' | 'tcp6' | 'udp' | 'udp6', littleEndian?: boolean): NetSocket[] {
  const out: NetSocket[] = [];
  const v6 = proto.endsWith('6');
  const udp = proto.startsWith('udp');
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const local = decodeAddress(f[1], littleEndian);
    const remote = decodeAddress(f[2], littleEndian);
    const inode = Number(f[9]);
    if (!local || !remote || !Number.isInteger(inode)) continue;
    const code = f[3].toUpperCase();
    // A UDP socket has no connection states: 07 (CLOSE) is an unconnected one, which ss calls UNCONN.
    const state = udp ? (code === '01' ? 'ESTABLISHED' : 'UNCONN') : TCP_STATES[code] ?? code;
    out.push({
      proto,
      local: joinAddr(local.addr, local.port, v6),
      remote: joinAddr(remote.addr, remote.port, v6),
      state,
      port: local.port,
      inode,
    });
  }
  return out;
}

const UNIX_TYPES: Record<string, string> = { '0001': 'stream', '0002': 'dgram', '0005': 'seqpacket' };
const UNIX_STATES: Record<string, string> = { '01': 'UNCONNECTED', '02': 'CONNECTING', '03': 'CONNECTED', '04': 'DISCONNECTING' };
/** __SO_ACCEPTCON: the socket is listening. */
const SO_ACCEPTCON = 0x10000;

/** Parses /proc/net/unix text. The proto is "unix" (the type, stream or dgram, goes in front of the path). */
export function parseUnixSockets(text: string): NetSocket[] {
  const out: NetSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 7) continue;
    const inode = Number(f[6]);
    if (!Number.isInteger(inode)) continue;
    const flags = parseInt(f[3], 16);
    const listening = (flags & SO_ACCEPTCON) !== 0;
    const type = UNIX_TYPES[f[4]] ?? f[4];
    const path = f.slice(7).join(' ');
    out.push({
      proto: 'unix',
      local: path ? `${path} (${type})` : `(${type})`,
      remote: '',
      state: listening ? 'LISTEN' : UNIX_STATES[f[5]] ?? f[5],
      port: null,
      inode,
    });
  }
  return out;
}

export const NET_FILES = ['tcp', 'tcp6', 'udp', 'udp6', 'unix'] as const;

/** All sockets of one network namespace, by inode; `read` returns a file's text or null when missing. */
export function socketsByInode(read: (name: (typeof NET_FILES)[number]) => string | null): Map<number, NetSocket> {
  const map = new Map<number, NetSocket>();
  for (const name of NET_FILES) {
    const text = read(name);
    if (text === null) continue;
    const list = name === 'unix' ? parseUnixSockets(text) : parseInetSockets(text, name);
    for (const s of list) if (!map.has(s.inode)) map.set(s.inode, s);
  }
  return map;
}
