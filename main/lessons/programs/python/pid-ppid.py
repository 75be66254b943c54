# Lesson 1: every process has an id (pid) and knows the id of the process that started it (ppid).
import multiprocessing as mp
import os
import time

# Long enough for the process table, which refreshes every second, to show parent and child together.
CHILD_STAYS_SECONDS = 3


# The child's job: the function the new process runs.
def show_ids():
    print(f"child:  my pid is {os.getpid()}, my parent's pid (ppid) is {os.getppid()}")
    time.sleep(CHILD_STAYS_SECONDS)


# Only the program you started runs this block. Where children are started by re-importing this
# file (the "spawn" method: macOS, Windows), a child would otherwise start a child of its own, and
# so on forever.
if __name__ == "__main__":
    # "fork": the child is a copy of this process, and its parent. (Python 3.14 on Linux starts
    # children from a helper server process by default: their ppid would be that server's pid.)
    mp.set_start_method("fork")
    print(f"parent: my pid is {os.getpid()}")
    p = mp.Process(target=show_ids)  # what to run: not running yet
    p.start()  # now a real child process exists, with its own pid
    # At the end of the program Python waits for the child (it is not a daemon).
