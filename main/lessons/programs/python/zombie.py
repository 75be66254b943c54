# Lesson 12: a zombie is a child that has ended but whose parent has not collected it (wait()).
# The careless parent here starts a short child with os.fork() and never calls os.wait() for it.
# The main program watches the child, as ps would, and is the family's reaper (Linux only).
import ctypes
import multiprocessing as mp
import os
import time

ZOMBIE_SECONDS = 8  # how long the zombie is left for you to look at (and to clean up)
LOOK_EVERY = 0.25  # how often the main program looks at the child
GIVE_UP_SECONDS = 10  # something went wrong if the zombie is still there this long after that
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


def careless_parent(tell_main):
    child = os.fork()  # two processes return from here: 0 in the child, the child's pid in the parent
    if child == 0:
        time.sleep(0.3)
        os._exit(0)  # the child ends; its exit status waits until its parent calls wait()
    print(f"parent {os.getpid()}: started child {child}; it ends in 0.3 s, and I will never call wait() for it")
    tell_main.send(child)
    time.sleep(60)  # busy with other things, never os.wait()


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
        print(f"main: the reaper is pid {me}: this program asked to be a child subreaper; it adopts the orphans below it and collects them")
    else:
        print("main: the reaper is pid 1 (Linux refused a subreaper here); it adopts orphans and collects them")

    receive, send = mp.Pipe(duplex=False)
    parent = mp.Process(target=careless_parent, args=(send,))
    parent.start()
    child = receive.recv()  # the child's pid, as the parent tells it

    zombie_since = None
    parent_ended = False
    ended_by_me = False
    last = (None, None, 0.0)  # what was printed last: state, ppid, when
    while True:
        now = time.monotonic()
        if not parent_ended and not parent.is_alive():  # is_alive() also collects the parent, our child
            parent_ended = True
            print(f"parent {parent.pid} ended")
        seen = state_of(child)
        if seen is None:
            print(f"zombie {child} is gone: the reaper {reaper} collected its exit status, and its pid is free again")
            break
        state, ppid = seen
        if state == "Z":
            if zombie_since is None:
                zombie_since = now
            if (state, ppid) != last[:2] or now - last[2] >= 1:
                about = "the reaper, which adopted it" if ppid == reaper else f"pid {ppid}: alive, not calling wait()"
                print(f"zombie {child} state Z parent {ppid} ({about}): a zombie for {now - zombie_since:.0f} s; its exit status waits for a wait()")
                last = (state, ppid, now)
            if ppid == me:
                # Adopted: collect it, as a good parent (or init) does.
                _, status = os.waitpid(child, 0)
                print(f"subreaper {me}: collected {child} (an orphan I adopted), exit code {os.waitstatus_to_exitcode(status)}")
                continue
        elif (state, ppid) != last[:2]:
            print(f"child {child} state {state} parent {ppid}")
            last = (state, ppid, now)
        if zombie_since is not None and not parent_ended and not ended_by_me and now - zombie_since >= ZOMBIE_SECONDS:
            ended_by_me = True
            print(f"main: nobody ended parent {parent.pid}: I end it now (SIGTERM), as kill {parent.pid} would")
            parent.terminate()
        if zombie_since is not None and now - zombie_since >= ZOMBIE_SECONDS + GIVE_UP_SECONDS:
            print(f"main: zombie {child} is still there: giving up")
            break
        time.sleep(LOOK_EVERY)
