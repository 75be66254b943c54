# Isolation: each process has its own memory. The child adds 1 to ITS copy of `count`;
# the parent's `count` stays 10. Processes share nothing unless they use a Queue, a Pipe,
# shared memory or a file.
import os
import time
from multiprocessing import Process

count = 10


def add_one():
    global count
    count += 1
    print(f"child  (pid {os.getpid()}): count = {count}")


if __name__ == "__main__":
    p = Process(target=add_one)
    p.start()
    time.sleep(1)  # long enough for the child to have changed its copy
    print(f"parent (pid {os.getpid()}): count = {count}")
    p.join()
