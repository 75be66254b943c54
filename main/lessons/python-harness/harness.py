#!/usr/bin/env python3
# Runs a Python lesson program (main/lessons/programs/python/*.py) for Process Playground and
# reports what happens in it on the run's event channel, the same JSON lines the TypeScript lesson
# runtime writes (main/lessons/wire-event.ts): every printed line attributed to the pid that
# printed it, each multiprocessing.Process's start and exit, each join's begin and end. The
# lesson's checklist is then judged the same way whichever language the program is written in.
#
# The learner's program stays plain Python (standard library only, nothing of ours imported): this
# file wraps it from outside and runs it as __main__ (`harness.py PROGRAM.py`), the way
# `python3 PROGRAM.py` would. The programs pick the "fork" start method, so every child is a copy
# of a process that already has these hooks; children started by spawn or forkserver would not.
#
# Without an event channel (PROCPLAY_EVENT_FD unset) it only runs the program.
import atexit
import json
import os
import runpy
import signal
import sys
import time

EVENT_FD_ENV = "PROCPLAY_EVENT_FD"
# Each event is one write() below PIPE_BUF (4096), so lines of many processes never interleave
# (EVENT_LINE_MAX_BYTES in wire-event.ts).
EVENT_LINE_MAX_BYTES = 4000
PR_SET_PDEATHSIG = 1

_fd = None


def _now_ms():
    return time.time() * 1000


def _write_line(line):
    global _fd
    data = (line + "\n").encode("utf-8")
    for _attempt in range(2000):
        if _fd is None:
            return
        try:
            os.write(_fd, data)
            return
        except BlockingIOError:
            time.sleep(0.001)  # a full channel: the runner is behind; wait rather than lose the event
        except OSError:
            _fd = None  # the runner is gone: keep running, stop reporting
            return


def send(event, ts=None):
    """One event on the channel; output text too long for one write is split in halves."""
    if _fd is None:
        return
    body = dict(event, ts=_now_ms() if ts is None else ts)
    line = json.dumps(body, ensure_ascii=False)
    if len(line.encode("utf-8")) <= EVENT_LINE_MAX_BYTES or event.get("type") != "output":
        _write_line(line)
        return
    text = event["text"]
    if len(text) < 2:
        _write_line(line[:EVENT_LINE_MAX_BYTES])
        return
    half = (len(text) + 1) // 2
    send(dict(event, text=text[:half]), body["ts"])
    send(dict(event, text=text[half:]), body["ts"])


class EventStream:
    """sys.stdout / sys.stderr: every complete line becomes an output event of the pid that wrote it."""

    def __init__(self, stream, original):
        self.stream = stream
        self.original = original
        self.partial = ""
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, text):
        lines = (self.partial + text).split("\n")
        self.partial = lines.pop()
        for line in lines:
            self._emit(line)
        return len(text)

    def _emit(self, line):
        send({"type": "output", "pid": os.getpid(), "ppid": os.getppid(), "stream": self.stream, "text": line.rstrip("\r")})

    def flush(self):
        # Lines go out as they are completed; a partial line waits for its newline (or the end).
        pass

    def finish(self):
        if self.partial:
            self._emit(self.partial)
        self.partial = ""

    def forget(self):
        self.partial = ""

    def isatty(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        return self.original.fileno()


_streams = []


def _finish_output():
    for s in _streams:
        s.finish()


def _capture_output():
    for name in ("stdout", "stderr"):
        stream = EventStream(name, getattr(sys, name))
        _streams.append(stream)
        setattr(sys, name, stream)
    # A forked child starts with a copy of the parent's unfinished line: it is the parent's to print.
    os.register_at_fork(after_in_child=lambda: [s.forget() for s in _streams])


def _in_forked_child():
    # The main program's SIGTERM step (end my children) is not a child's: until it sets its own,
    # a forked child dies at once on SIGTERM, as in plain Python.
    if signal.getsignal(signal.SIGTERM) is _end_by_sigterm:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _die_with_parent(parent_pid):
    """A multiprocessing child ends when its parent dies (a lesson leaves nothing behind)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # it died before we asked
        os.kill(os.getpid(), signal.SIGTERM)


def _signal_name(returncode):
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"SIG{-returncode}"


def _end_by_sigterm(_signum, _frame):
    """The runner stops a run with SIGTERM to its main program: end its children first, then die
    by the signal, as the TypeScript runtime does (Python alone would leave them running)."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(1.0)
        if child.is_alive():
            child.kill()
            child.join()
    _finish_output()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _report_sigterm(_signum, _frame):
    """A child's end by SIGTERM, said by the child at that moment: its parent may collect it only
    much later (Python joins children one by one). Then the signal's default action ends it."""
    _finish_output()
    send({"type": "exit", "pid": os.getpid(), "exitcode": -signal.SIGTERM, "signal": "SIGTERM"})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _hook_multiprocessing():
    import multiprocessing.popen_fork as popen_fork
    import multiprocessing.process as process

    base = process.BaseProcess
    original_start = base.start
    original_bootstrap = base._bootstrap
    original_join = base.join
    original_poll = popen_fork.Popen.poll

    def start(self):
        # Reported by the parent, timed just before the fork: a daemon may be terminated before
        # it runs a line of its own. (The child's first lines can reach the runner before this
        # event; the runner orders events by time.)
        ts = _now_ms()
        target_name = getattr(getattr(self, "_target", None), "__name__", None)  # start() forgets the target
        original_start(self)
        name = f"{self.name} ({target_name})" if target_name else self.name
        send({"type": "start", "pid": self.pid, "ppid": os.getpid(), "name": name, "daemon": bool(self.daemon)}, ts)

    def _bootstrap(self, *args, **kwargs):
        signal.signal(signal.SIGTERM, _report_sigterm)  # it still dies at once on SIGTERM, as in plain Python
        _die_with_parent(os.getppid())
        code = original_bootstrap(self, *args, **kwargs)
        # Its own end, said by the child itself: its parent may collect it much later (join order).
        _finish_output()
        send({"type": "exit", "pid": os.getpid(), "exitcode": code, "signal": None})
        return code

    def poll(self, flag=os.WNOHANG):
        # A child killed by SIGKILL, or by SIGTERM before it got going, cannot say so itself: its
        # parent reports it when it collects it (the runner keeps the first report of a pid's end).
        before = self.returncode
        code = original_poll(self, flag)
        if before is None and code is not None and code < 0:
            send({"type": "exit", "pid": self.pid, "exitcode": code, "signal": _signal_name(code)})
        return code

    def join(self, timeout=None):
        if self._popen is None:
            return original_join(self, timeout)  # raises, as Python does
        target = self.pid
        send({"type": "join-begin", "pid": os.getpid(), "target": target, "timeoutMs": None if timeout is None else timeout * 1000})
        original_join(self, timeout)
        send({"type": "join-end", "pid": os.getpid(), "target": target, "timedOut": self.exitcode is None})

    base.start = start
    base._bootstrap = _bootstrap
    base.join = join
    popen_fork.Popen.poll = poll


def main():
    global _fd
    if len(sys.argv) < 2:
        print("usage: harness.py PROGRAM.py [ARGS...]", file=sys.stderr)
        return 2
    program = os.path.abspath(sys.argv[1])
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(program)  # as `python3 PROGRAM.py` would have it
    try:
        fd = int(os.environ.pop(EVENT_FD_ENV, ""))
    except ValueError:
        fd = None
    if fd is not None and fd > 2:
        _fd = fd
        # Registered before multiprocessing's own exit step, so it runs after it (atexit is LIFO).
        atexit.register(_finish_output)
        _capture_output()
        _hook_multiprocessing()
        signal.signal(signal.SIGTERM, _end_by_sigterm)
        os.register_at_fork(after_in_child=_in_forked_child)
    runpy.run_path(program, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
