# Lesson 13: an orphan is a process whose parent ended first. It runs on, and the reaper adopts
# it: its ppid changes. The main program watches the child's ppid and is the reaper (Linux only).
import ctypes
import multiprocessing as mp
import os
import time

LOOK_EVERY = 0.1  # how often the main program looks at the child's ppid
GIVE_UP_SECONDS = 15  # something went wrong if the child is still there after this long
PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


def state_of(pid):
    """(state, ppid) of a process as ps shows them, from /proc/PID/stat; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except FileNotFoundError:
        return None
    state, ppid = stat[stat.rindex(")") + 2:].split()[:2]  # the fields after "(name)"
    return state, int(ppid)


def child_loop():
    for _ in range(8):
        print(f"child {os.getpid()}: my ppid is {os.getppid()}")  # asks the OS every time
        time.sleep(0.5)
    os._exit(0)  # a forked child must never return into its parent's code


def parent(tell_main):
    child = os.fork()  # 0 in the child, the child's pid in the parent
    if child == 0:
        child_loop()
    print(f"parent {os.getpid()}: started child {child}; I end in 1.5 s without waiting for it")
    tell_main.send(child)
    time.sleep(1.5)
    print(f"parent {os.getpid()}: ending now, while my child {child} still runs")


def become_reaper():
    """Asks Linux to hand this process the orphans of its descendants (a "child subreaper")."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):  # no prctl: not Linux
        return False


if __name__ == "__main__":
    # "fork": the parent is a copy of this process (see lesson 1).
    if not os.path.exists("/proc/self/stat"):
        raise SystemExit("main: this lesson reads /proc to watch the processes, as ps does: run it on Linux")
    mp.set_start_method("fork")
    me = os.getpid()
    # Pid 1 takes orphans otherwise; in some containers it is not a real init and never collects them.
    reaper = me if become_reaper() else 1
    if reaper == me:
        print(f"main: the reaper is pid {me}: this program asked to be a child subreaper; orphans below it become its children")
    else:
        print("main: the reaper is pid 1 (Linux refused a subreaper here); orphans become its children")

    receive, send = mp.Pipe(duplex=False)
    p = mp.Process(target=parent, args=(send,))
    p.start()
    child = receive.recv()

    first = state_of(child)
    ppid = first[1] if first else p.pid
    parent_ended = False
    give_up_at = time.monotonic() + GIVE_UP_SECONDS
    while True:
        if not parent_ended and not p.is_alive():  # is_alive() also collects the parent, our child
            parent_ended = True
            print(f"parent {p.pid} ended")
        seen = state_of(child)
        if seen is None or seen[0] == "Z":
            print(f"child {child} ended; its new parent, the reaper {ppid}, collects it")
            if seen is not None and seen[1] == me:
                os.waitpid(child, 0)
            break
        if seen[1] != ppid:
            print(f"child {child} ppid changed: {ppid} -> {seen[1]} (its parent ended; the reaper adopted it)")
            ppid = seen[1]
        if time.monotonic() > give_up_at:
            print(f"main: child {child} is still running: giving up")
            break
        time.sleep(LOOK_EVERY)
