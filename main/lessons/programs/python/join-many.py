# Lesson 6: start every child first, then join them all: they work at the same time.
import multiprocessing as mp
import time


def mail(i):
    time.sleep(1)
    print(f"mail {i}: may I have a promotion?")


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    started_at = time.monotonic()
    processes = []
    for i in range(10):
        p = mp.Process(target=mail, args=(i,))
        p.start()
        processes.append(p)  # all ten are running now
    for p in processes:
        p.join()  # ten joins, but the children run side by side
    seconds = time.monotonic() - started_at
    print(f"parent: the last mail, after {seconds:.1f} s: best regards")
