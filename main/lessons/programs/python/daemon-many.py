# Lesson 9: a daemon child and a normal child. The daemon dies with the main program's code;
# the normal child finishes its work, and the main process waits for it.
import multiprocessing as mp
import time


def stars():
    count = 1
    while True:
        print("*" * count)
        count += 1
        time.sleep(0.5)


def job():
    print("normal child: start")
    time.sleep(3)
    print("normal child: end")


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    p1 = mp.Process(target=stars)
    p2 = mp.Process(target=job)
    p1.daemon = True  # p1 is the daemon

    p1.start()
    p2.start()

    time.sleep(1)
    print("parent: my code is finished ...")
    # Python now terminates the daemon p1, then waits for p2.
