# Daemon: a daemon child is ended as soon as the parent's own code has finished.
# Watch the tree: the daemon (printing stars forever) disappears when the parent prints
# its last line; the ordinary child is waited for and finishes its work a second later.
import os
import time
from multiprocessing import Process


def stars_forever():
    count = 1
    while True:
        print("daemon " + "*" * count)
        count += 1
        time.sleep(0.3)


def slow_job():
    print(f"worker {os.getpid()}: start")
    time.sleep(2)
    print(f"worker {os.getpid()}: end")


if __name__ == "__main__":
    p1 = Process(target=stars_forever)
    p1.daemon = True  # must be set before start()
    p2 = Process(target=slow_job)
    p1.start()
    p2.start()
    print(f"parent {os.getpid()}: daemon {p1.pid}, worker {p2.pid}")
    time.sleep(1)
    print("parent: my code is done; Python now ends the daemon and waits for the worker")
