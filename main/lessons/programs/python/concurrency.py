# Lesson 4: processes run concurrently and asynchronously: nobody knows in advance who finishes first.
import multiprocessing as mp
import os
import random
import time


def work(n):
    time.sleep(random.uniform(0, 2))  # 0 to 2 seconds (each forked child draws its own numbers)
    print(f"number {n}: pid {os.getpid()}, ppid {os.getppid()}")


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    for i in range(1, 11):
        mp.Process(target=work, args=(i,)).start()
    print("parent: my code is finished ...")
    print(f"parent: pid {os.getpid()}")
    # The parent still waits for its children here, before it exits.
