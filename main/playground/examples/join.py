# join: the parent waits for its children. Start them all first, THEN join them all:
# they work at the same time, so five 1-second jobs take about 1 second, not 5.
# (Joining each right after starting it would run them one after the other.)
import os
import time
from multiprocessing import Process


def send_mail(i):
    time.sleep(1)
    print(f"mail {i} sent by pid {os.getpid()}")


if __name__ == "__main__":
    started = time.monotonic()
    children = [Process(target=send_mail, args=(i,)) for i in range(5)]
    for p in children:
        p.start()
    print(f"parent {os.getpid()} started {[p.pid for p in children]}")
    for p in children:
        p.join()  # all five run meanwhile
    print(f"parent: the last mail, after {time.monotonic() - started:.1f} s")
