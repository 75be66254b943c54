# Heartbeat: a daemon reports "I am alive" while the real work runs in another child.
# When the worker fails, the parent (which joined it) moves on and ends; the daemon ends
# with it, so the heartbeat stops: the monitoring server notices this server is gone.
import os
import time
from multiprocessing import Process


def heartbeat():
    while True:
        print(f"heartbeat {os.getpid()}: I am alive")
        time.sleep(0.5)


def analyse_logs():
    for step in range(1, 4):
        print(f"worker {os.getpid()}: analysing logs, step {step}")
        time.sleep(0.6)
    raise RuntimeError("the log disk failed")  # the traceback goes to stderr; exit code 1


if __name__ == "__main__":
    alive = Process(target=heartbeat, daemon=True)
    work = Process(target=analyse_logs)
    alive.start()
    work.start()
    work.join()  # wait for the worker, however it ends
    print(f"parent: worker ended with exit code {work.exitcode}: server state abnormal")
