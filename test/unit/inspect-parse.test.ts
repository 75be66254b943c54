// The inspector's parsers on captured /proc and lsof text: addresses in both byte orders, socket
// states, fd flags, terminals, containers, limits, memory, environment and argv.
import { describe, expect, it } from 'vitest';
import {
  detectContainer, parseArgv, parseCgroup, parseEnviron, parseFdinfo, parseLimits, parseSmapsRollup, ttyName,
} from '../../main/processes/inspect-parse.js';
import { decodeAddress, parseInetSockets, parseUnixSockets, socketsByInode } from '../../main/processes/proc-net.js';
import { parseLsof } from '../../main/processes/inspect-portable.js';
import { isSecretName } from '../../shared/inspect.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4243 1 0000000000000000 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5000 1 0000000000000000 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5001 1 0000000000000000 100 0 0 10 0
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  100: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6000 2 0000000000000000 0
`;
const UNIX = `Num       RefCount Protocol Flags    Type St Inode Path
0000000000000000: 00000002 00000000 00010000 0001 01 7000 /run/app.sock
0000000000000000: 00000003 00000000 00000000 0001 03 7001
0000000000000000: 00000002 00000000 00000000 0002 01 7002 @abstract name
`;

describe('proc-net', () => {
  it('decodes IPv4 and IPv6 addresses in the host byte order the kernel prints', () => {
    expect(decodeAddress('0100007F:1F90', true)).toEqual({ addr: '127.0.0.1', port: 8080 });
    expect(decodeAddress('7F000001:1F90', false)).toEqual({ addr: '127.0.0.1', port: 8080 });
    expect(decodeAddress('00000000000000000000000001000000:0016', true)).toEqual({ addr: '::1', port: 22 });
    expect(decodeAddress('B80D0120000000000000000001000000:0016', true)).toEqual({ addr: '2001:db8::1', port: 22 });
    expect(decodeAddress('0000000000000000FFFF00000100007F:0050', true)).toEqual({ addr: '::ffff:127.0.0.1', port: 80 });
    expect(decodeAddress('zz', true)).toBeNull();
  });

  it('parses tcp, tcp6, udp and unix tables with their states', () => {
    expect(parseInetSockets(TCP, 'tcp', true)).toEqual([
      { proto: 'tcp', local: '127.0.0.1:8080', remote: '0.0.0.0:0', state: 'LISTEN', port: 8080, inode: 4242 },
      { proto: 'tcp', local: '127.0.0.1:8080', remote: '127.0.0.1:54321', state: 'ESTABLISHED', port: 8080, inode: 4243 },
    ]);
    const v6 = parseInetSockets(TCP6, 'tcp6', true);
    expect(v6.map((s) => s.local)).toEqual(['[::1]:22', '::ffff:127.0.0.1:80']);
    expect(parseInetSockets(UDP, 'udp', true)[0]).toMatchObject({ local: '0.0.0.0:68', state: 'UNCONN', inode: 6000 });
    expect(parseUnixSockets(UNIX)).toEqual([
      { proto: 'unix', local: '/run/app.sock (stream)', remote: '', state: 'LISTEN', port: null, inode: 7000 },
      { proto: 'unix', local: '(stream)', remote: '', state: 'CONNECTED', port: null, inode: 7001 },
      { proto: 'unix', local: '@abstract name (dgram)', remote: '', state: 'UNCONNECTED', port: null, inode: 7002 },
    ]);
    const map = socketsByInode((name) => ({ tcp: TCP, unix: UNIX })[name as 'tcp'] ?? null);
    expect([...map.keys()].sort()).toEqual([4242, 4243, 7000, 7001, 7002]);
  });
});

describe('inspect-parse', () => {
  it('names terminals, open flags and modes', () => {
    expect(ttyName(0)).toBeNull();
    expect(ttyName((136 << 8) | 5)).toBe('pts/5');
    expect(ttyName((4 << 8) | 1)).toBe('tty1');
    expect(ttyName((4 << 8) | 64)).toBe('ttyS0');
    expect(parseFdinfo('pos:\t10485760\nflags:\t02100001\nmnt_id:\t30\n')).toEqual({
      pos: 10485760, flags: '02100001', flagNames: ['O_WRONLY', 'O_LARGEFILE', 'O_CLOEXEC'], mode: 'w',
    });
    expect(parseFdinfo('pos:\t0\nflags:\t04002\n')).toMatchObject({ mode: 'rw', flagNames: ['O_RDWR', 'O_NONBLOCK'] });
  });

  it('finds the cgroup path and the container or unit behind it', () => {
    expect(parseCgroup('0::/system.slice/docker-0123456789abcdef0123.scope\n')).toBe('/system.slice/docker-0123456789abcdef0123.scope');
    expect(detectContainer('/system.slice/docker-0123456789abcdef0123.scope')).toEqual({ runtime: 'docker', id: '0123456789abcdef0123' });
    expect(detectContainer('/docker/0123456789abcdef0123')).toEqual({ runtime: 'docker', id: '0123456789abcdef0123' });
    expect(detectContainer('/machine.slice/libpod-abcdef0123456789.scope/container')).toEqual({ runtime: 'podman', id: 'abcdef0123456789' });
    expect(detectContainer('/kubepods.slice/kubepods-burstable.slice/cri-containerd-abcdef0123456789.scope')).toMatchObject({ runtime: 'containerd' });
    expect(detectContainer('/system.slice/ssh.service')).toEqual({ runtime: 'systemd', id: 'ssh.service' });
    expect(detectContainer('/')).toBeNull();
    expect(parseCgroup('12:pids:/user.slice\n11:memory:/user.slice\n')).toBe('pids:/user.slice; memory:/user.slice');
  });

  it('parses limits, smaps_rollup, environ (sorted, secrets flagged) and argv', () => {
    const limits = `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              unlimited            unlimited            seconds   
Max open files            1024                 1048576              files     
`;
    expect(parseLimits(limits)).toEqual([
      { name: 'Max cpu time', soft: 'unlimited', hard: 'unlimited', units: 'seconds' },
      { name: 'Max open files', soft: '1024', hard: '1048576', units: 'files' },
    ]);
    const smaps = 'Rss:                4096 kB\nPss:                2048 kB\nShared_Clean:        1024 kB\nShared_Dirty:           0 kB\nPrivate_Clean:       1024 kB\nPrivate_Dirty:       2048 kB\nSwap:                  8 kB\n';
    expect(parseSmapsRollup(smaps)).toEqual({ rss: 4096 * 1024, pss: 2048 * 1024, shared: 1024 * 1024, private: 3072 * 1024, swap: 8 * 1024 });
    expect(parseEnviron('ZED=1\0FOO=bar\0DB_PASSWORD=x=y\0')).toEqual([
      { name: 'DB_PASSWORD', value: 'x=y', secret: true },
      { name: 'FOO', value: 'bar', secret: false },
      { name: 'ZED', value: '1', secret: false },
    ]);
    for (const n of ['AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'PGPASS', 'app_credentials', 'API_KEY']) expect(isSecretName(n), n).toBe(true);
    for (const n of ['PATH', 'HOME', 'FOO']) expect(isSecretName(n), n).toBe(false);
    expect(parseArgv('python3\0-c\0\0x\0')).toEqual(['python3', '-c', '', 'x']);
    expect(parseArgv('')).toEqual([]);
  });

  it('parses lsof -F output into files and sockets', () => {
    const out = 'p42\nfcwd\natr\ntDIR\nn/tmp\nf3\naw\ntREG\nn/tmp/known\nf4\nau\ntIPv4\nPTCP\nn127.0.0.1:8080\nTST=LISTEN\nTQR=0\nf5\nau\ntunix\nn/run/x.sock\n';
    const r = parseLsof(out);
    expect(r.files.map((f) => [f.fd, f.type, f.mode, f.target])).toEqual([
      [3, 'file', 'w', '/tmp/known'], [4, 'socket', 'rw', '127.0.0.1:8080'], [5, 'socket', 'rw', '/run/x.sock'],
    ]);
    expect(r.sockets[0]).toEqual({ fd: 4, proto: 'tcp', local: '127.0.0.1:8080', remote: '', state: 'LISTEN', port: 8080, inode: 0 });
    expect(r.sockets[1]).toMatchObject({ proto: 'unix', local: '/run/x.sock' });
  });
});
