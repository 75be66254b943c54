# Arguments: a child process gets its own arguments (args=(n,)) and runs beside its parent.
# Watch the tree: one python3 parent and one python3 child whose ppid is the parent's pid.
# The parent's stars usually come first: it is already running, the child must start up.
import os
import time
from multiprocessing import Process


def count_up(n):
    for i in range(1, n + 1):
        print(f"child  {i}/{n}: pid {os.getpid()}, parent {os.getppid()}")
        time.sleep(0.3)


if __name__ == "__main__":  # needed where children re-import this file (spawn, forkserver)
    n = 5
    p = Process(target=count_up, args=(n,))
    p.start()
    print(f"parent: pid {os.getpid()} started child {p.pid}")
    for i in range(1, n + 1):
        print("parent " + "*" * i)
        time.sleep(0.2)
    p.join()
    print(f"parent: child {p.pid} ended with exit code {p.exitcode}")
