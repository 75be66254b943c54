# Python's helper processes. With the 'forkserver' start method (the default on Linux
# from Python 3.14; 'spawn' is the default on macOS and Windows), Python starts a
# forkserver process that forks every child, and a resource_tracker process that cleans
# up shared memory and semaphores if the program dies. Watch the tree: the children's
# ppid is the forkserver's pid, not the parent's.
import multiprocessing as mp
import os
import sys
import time


def work(i):
    print(f"child {i}: pid {os.getpid()}, parent {os.getppid()}")
    time.sleep(1.5)


if __name__ == "__main__":
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    mp.set_start_method(method)
    print(f"parent {os.getpid()}: start method {method} (Python {sys.version.split()[0]})")
    children = [mp.Process(target=work, args=(i,)) for i in range(2)]
    for p in children:
        p.start()
    for p in children:
        p.join()
    print("parent: done; the helpers end with me")
