#!/usr/bin/env python3
# The reaper the zombie and orphan lessons run under: a Linux "child subreaper". The kernel hands
# it the orphans of its descendants (instead of pid 1) and it collects (waits for) every process
# that ends, so a lesson never leaves a zombie behind, even where pid 1 does not reap.
#
# Usage: subreaper.py COMMAND [ARGS...]. Prints lines "@PID PPID text" (the lesson relays them,
# attributed to PID); the first is "subreaper PID: ready" or "no subreaper: ..." (orphans then go
# to pid 1). Ends when it has no child left. On SIGTERM, or when its own parent dies, it kills
# every child it has (adopted ones too), collects them all, and ends.
import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
# The lesson's pid, so a parent that died before we could ask for PDEATHSIG is noticed.
PARENT_ENV = "PROCPLAY_REAPER_PARENT"

ending = False


def say(text):
    print(f"@{os.getpid()} {os.getppid()} {text}", flush=True)


def prctl(option, value):
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def live_children():
    """Pids whose parent is this process and which have not ended (zombies only need collecting)."""
    me = os.getpid()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == me and fields[0] != "Z":
            found.append(int(name))
    return found


def kill_children():
    for pid in live_children():
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def on_end(_signum, _frame):
    global ending
    ending = True
    kill_children()


def how(status):
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"killed by {name}"
    return f"exit code {os.WEXITSTATUS(status)}"


def main():
    if len(sys.argv) < 2:
        print("usage: subreaper.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, on_end)
    prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    expected_parent = os.environ.pop(PARENT_ENV, "")
    if expected_parent and os.getppid() != int(expected_parent):
        return 1  # the lesson already ended: start nothing
    me = os.getpid()
    if prctl(PR_SET_CHILD_SUBREAPER, 1):
        say(f"subreaper {me}: ready: I adopt the orphans of my descendants and collect every one that ends")
    else:
        say("no subreaper: this system refused one, orphans go to pid 1")
    command = sys.argv[1:]
    first = os.posix_spawnp(command[0], command, os.environ)
    say(f"subreaper {me}: started {first} ({command[0]})")
    if ending:
        kill_children()  # told to end while starting it
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            break
        whose = "my child" if pid == first else "an orphan I adopted"
        say(f"subreaper {me}: collected {pid} ({whose}), {how(status)}")
        if ending:
            kill_children()  # orphans adopted since the last sweep
    return 0


if __name__ == "__main__":
    sys.exit(main())
