# Lesson 2: a process object can hand arguments to its target: Process(target=f, args=(n,)).
import multiprocessing as mp
import os


def print_lines(n):
    for i in range(1, n + 1):
        print(f"child line {i} of {n}: pid {os.getpid()}, ppid {os.getppid()}")


if __name__ == "__main__":
    # "fork": the child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    n = 5
    p = mp.Process(target=print_lines, args=(n,))  # args is a tuple: (n,), not (n)
    p.start()

    # Meanwhile the parent draws a small triangle. Which lines come first?
    for i in range(1, n + 1):
        print("*" * i)
