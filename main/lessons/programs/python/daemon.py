# Lesson 8: a daemon child guards the main program: when the main program's code is over, it is killed.
import multiprocessing as mp
import time


def task():
    print("daemon child: start")
    time.sleep(1)
    print("daemon child: end")


if __name__ == "__main__":
    # "fork": the child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    p = mp.Process(target=task)
    p.daemon = True  # must be set before start()
    p.start()
    print("parent: my code is finished ...")
    # Here Python terminates every daemon child that is still running (SIGTERM).
