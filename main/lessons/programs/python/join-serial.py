# Lesson 7: the wrong way: start and join in the same loop. Each child must end before the next starts.
import multiprocessing as mp
import time


def mail(i):
    time.sleep(1)
    print(f"mail {i}: may I have a promotion?")


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    started_at = time.monotonic()
    for i in range(10):
        p = mp.Process(target=mail, args=(i,))
        p.start()
        p.join()  # don't: this waits before the next child even exists
    seconds = time.monotonic() - started_at
    print(f"parent: the last mail, after {seconds:.1f} s: best regards")
