#!/usr/bin/env python3
"""System-wide process events from the Linux kernel's process connector, as JSON lines.

procplay's `procplay events` runs this: Node has no netlink sockets, python3's standard library
does (socket.AF_NETLINK), so no native addon is needed. Subscribing needs root or CAP_NET_ADMIN.

Prints {"ready": true} once subscribed, then one line per event in procplay's lifecycle shape
(shared/lifecycle.ts): fork (pid, ppid), exec (pid, name, argv), exit (pid, code | signal, name).
Threads are left out (a process is a thread group).

An exec event carries no name: the helper reads /proc/PID/comm when the event arrives, and on a busy
machine a short-lived process (a shell's `true`) has often been reaped by then. So the helper also
registers for the kernel's taskstats exit records (generic netlink, same privilege), which carry
the name a process had when it ended; the kernel queues that record before the connector's exit
event (do_exit: taskstats_exit, then exit_notify's proc_exit_connector), so draining the taskstats
socket before reading a batch of connector events finds the name of every exit in it. Without
taskstats (kernel built without it) exits simply carry no name. t is milliseconds since the subscription on
CLOCK_MONOTONIC (the kernel stamps each event with it). On failure: one line on stderr, exit 2
(no privilege) or 1.
"""
import errno
import json
import os
import signal
import socket
import struct
import sys
import time

NETLINK_CONNECTOR = 11
CN_IDX_PROC = 1
CN_VAL_PROC = 1
NLMSG_DONE = 3
PROC_CN_MCAST_LISTEN = 1

PROC_EVENT_NONE = 0x00000000  # the kernel's answer to our subscription, with an errno
PROC_EVENT_FORK = 0x00000001
PROC_EVENT_EXEC = 0x00000002
PROC_EVENT_EXIT = 0x80000000

NLMSGHDR = struct.Struct("=IHHII")      # len, type, flags, seq, pid
CN_MSG = struct.Struct("=IIIIHH")       # idx, val, seq, ack, len, flags
EVENT_HEAD = struct.Struct("=IIQ")      # what, cpu, timestamp_ns
FORK = struct.Struct("=IIII")           # parent_pid, parent_tgid, child_pid, child_tgid
EXEC = struct.Struct("=II")             # process_pid, process_tgid
EXIT = struct.Struct("=IIII")           # process_pid, process_tgid, exit_code, exit_signal

# Generic netlink and taskstats (include/uapi/linux/genetlink.h, taskstats.h).
NETLINK_GENERIC = 16
NLMSG_ERROR = 2
NLM_F_ACK = 4
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST = 1
GENLMSGHDR = struct.Struct("=BBH")      # cmd, version, reserved
NLATTR = struct.Struct("=HH")           # len, type
TASKSTATS_CMD_GET = 1
TASKSTATS_CMD_ATTR_REGISTER_CPUMASK = 3
TASKSTATS_TYPE_PID = 1
TASKSTATS_TYPE_STATS = 3
TASKSTATS_TYPE_AGGR_PID = 4
# struct taskstats has kept its first fields since version 1: ac_comm[32] at 80, ac_pid at 128.
TS_COMM = slice(80, 112)
TS_PID = struct.Struct("=I")
TS_PID_AT = 128
# Names of ended tasks waiting for their connector exit (threads' never come): bounded.
NAMES_MAX = 8192


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def nl_attr(kind, payload):
    a = NLATTR.pack(NLATTR.size + len(payload), kind) + payload
    return a + b"\0" * (-len(a) % 4)


def nl_attrs(data, offset, end):
    """(type, payload) of each netlink attribute in data[offset:end]."""
    while offset + NLATTR.size <= end:
        length, kind = NLATTR.unpack_from(data, offset)
        if length < NLATTR.size:
            return
        yield kind & 0x3FFF, data[offset + NLATTR.size:offset + length]
        offset += (length + 3) & ~3


def genl_request(sock, family, cmd, attrs, seq, flags=NLM_F_REQUEST):
    body = GENLMSGHDR.pack(cmd, 1, 0) + attrs
    sock.send(NLMSGHDR.pack(NLMSGHDR.size + len(body), family, flags, seq, 0) + body)


def open_taskstats():
    """(socket, family id) receiving the kernel's taskstats record of every task that ends, or None."""
    try:
        sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, NETLINK_GENERIC)
        sock.bind((0, 0))
        sock.settimeout(2.0)
        genl_request(sock, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, nl_attr(CTRL_ATTR_FAMILY_NAME, b"TASKSTATS\0"), 1)
        data = sock.recv(65536)
        family = None
        for kind, payload in nl_attrs(data, NLMSGHDR.size + GENLMSGHDR.size, len(data)):
            if kind == CTRL_ATTR_FAMILY_ID:
                family = struct.unpack_from("=H", payload)[0]
        if family is None:
            return None
        cpus = (read_text("/sys/devices/system/cpu/possible") or b"").strip() or ("0-%d" % ((os.cpu_count() or 1) - 1)).encode()
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        except OSError:
            pass
        genl_request(sock, family, TASKSTATS_CMD_GET, nl_attr(TASKSTATS_CMD_ATTR_REGISTER_CPUMASK, cpus + b"\0"), 2, NLM_F_REQUEST | NLM_F_ACK)
        # The kernel's answer: 0, or EPERM without CAP_NET_ADMIN. A record may come before it; it is dropped.
        while True:
            data = sock.recv(65536)
            length, kind, _flags, seq = NLMSGHDR.unpack_from(data)[:4]
            if kind == NLMSG_ERROR and seq == 2:
                if struct.unpack_from("=i", data, NLMSGHDR.size)[0] != 0:
                    return None
                break
        sock.setblocking(False)
        return sock, family
    except OSError:
        return None


def drain_taskstats(sock, family, names):
    """Reads every waiting taskstats record into names (pid -> name at exit); False once the socket failed."""
    while True:
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError as e:
            if e.errno == errno.ENOBUFS:
                continue  # records were dropped: those exits go without a name
            return False
        offset = 0
        while offset + NLMSGHDR.size <= len(data):
            length, kind = NLMSGHDR.unpack_from(data, offset)[:2]
            if length < NLMSGHDR.size:
                break
            end = min(offset + length, len(data))
            if kind != family:
                offset += (length + 3) & ~3
                continue
            for akind, payload in nl_attrs(data, offset + NLMSGHDR.size + GENLMSGHDR.size, end):
                if akind != TASKSTATS_TYPE_AGGR_PID:
                    continue
                for skind, stats in nl_attrs(payload, 0, len(payload)):
                    if skind == TASKSTATS_TYPE_STATS and len(stats) >= TS_PID_AT + 4:
                        pid = TS_PID.unpack_from(stats, TS_PID_AT)[0]
                        if len(names) >= NAMES_MAX:
                            del names[next(iter(names))]
                        names[pid] = stats[TS_COMM].split(b"\0", 1)[0].decode("utf-8", "replace")
            offset += (length + 3) & ~3


def signal_name(n):
    try:
        return signal.Signals(n).name
    except ValueError:
        return "SIG%d" % n


def main():
    if not sys.platform.startswith("linux"):
        print("the process connector exists only on Linux", file=sys.stderr)
        return 1
    try:
        sock = socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, NETLINK_CONNECTOR)
        sock.bind((0, CN_IDX_PROC))
        body = struct.pack("=I", PROC_CN_MCAST_LISTEN)
        # seq/ack set: the kernel answers with PROC_EVENT_NONE carrying 0 or EPERM (no CAP_NET_ADMIN).
        cn = CN_MSG.pack(CN_IDX_PROC, CN_VAL_PROC, 1, 1, len(body), 0) + body
        sock.send(NLMSGHDR.pack(NLMSGHDR.size + len(cn), NLMSG_DONE, 0, 0, os.getpid()) + cn)
    except OSError as e:
        if e.errno in (errno.EPERM, errno.EACCES):
            print("reading the kernel's process events needs root or CAP_NET_ADMIN", file=sys.stderr)
            return 2
        print("cannot subscribe to the kernel's process events: %s" % e.strerror, file=sys.stderr)
        return 1
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    except OSError:
        pass
    taskstats = open_taskstats()
    exit_names = {}  # insertion-ordered: the oldest goes first when full
    start_ns = time.monotonic_ns()
    # The kernel stamps events with its own CLOCK_MONOTONIC, which a container's time namespace
    # may offset from ours: the first event anchors the kernel's clock to "now".
    base = None
    out = sys.stdout
    ready = False
    sock.settimeout(3.0)
    while True:
        try:
            data = sock.recv(65536)
        except socket.timeout:
            if not ready:  # an older kernel that does not answer: assume the subscription worked
                ready = True
                sock.settimeout(None)
                out.write('{"ready": true}\n')
                out.flush()
            continue
        except OSError as e:
            if e.errno == errno.ENOBUFS:
                # The kernel dropped events (we fell behind): say so, and go on.
                out.write('{"lost": true}\n')
                out.flush()
                continue
            raise
        if taskstats is not None and not drain_taskstats(*taskstats, exit_names):
            taskstats = None
        offset = 0
        lines = []
        while offset + NLMSGHDR.size <= len(data):
            length = NLMSGHDR.unpack_from(data, offset)[0]
            if length < NLMSGHDR.size:
                break
            at = offset + NLMSGHDR.size + CN_MSG.size
            offset += (length + 3) & ~3
            if at + EVENT_HEAD.size > len(data):
                continue
            what, _cpu, ts = EVENT_HEAD.unpack_from(data, at)
            at += EVENT_HEAD.size
            if what == PROC_EVENT_NONE:
                err = struct.unpack_from("=I", data, at)[0] if at + 4 <= len(data) else 0
                if err in (errno.EPERM, errno.EACCES):
                    print("reading the kernel's process events needs root or CAP_NET_ADMIN", file=sys.stderr)
                    return 2
                if err:
                    print("the kernel refused the subscription: %s" % os.strerror(err), file=sys.stderr)
                    return 1
                if not ready:
                    ready = True
                    sock.settimeout(None)
                    lines.insert(0, {"ready": True})
                continue
            if base is None:
                base = ts - (time.monotonic_ns() - start_ns)
            t = (ts - base) / 1e6
            if what == PROC_EVENT_FORK:
                _ppid, ptgid, cpid, ctgid = FORK.unpack_from(data, at)
                if cpid != ctgid:
                    continue  # a new thread, not a process
                lines.append({"t": t, "type": "fork", "pid": ctgid, "ppid": ptgid})
            elif what == PROC_EVENT_EXEC:
                pid, tgid = EXEC.unpack_from(data, at)
                comm = read_text("/proc/%d/comm" % tgid)
                cmdline = read_text("/proc/%d/cmdline" % tgid)
                name = comm.decode("utf-8", "replace").rstrip("\n") if comm is not None else None
                argv = [a.decode("utf-8", "replace") for a in cmdline.split(b"\0")[:-1]] if cmdline else []
                lines.append({"t": t, "type": "exec", "pid": tgid, "name": name, "argv": argv})
            elif what == PROC_EVENT_EXIT:
                pid, tgid, status, _sig = EXIT.unpack_from(data, at)
                if pid != tgid:
                    continue  # a thread ended, its process goes on
                termsig = status & 0x7F
                if termsig == 0:
                    ev = {"t": t, "type": "exit", "pid": tgid, "code": (status >> 8) & 0xFF, "signal": None}
                else:
                    ev = {"t": t, "type": "exit", "pid": tgid, "code": None, "signal": signal_name(termsig)}
                    if status & 0x80:
                        ev["core"] = True
                name = exit_names.pop(tgid, None)
                if name is not None:
                    ev["name"] = name
                lines.append(ev)
        if lines:
            out.write("".join(json.dumps(l, separators=(",", ":")) + "\n" for l in lines))
            out.flush()


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(0)
