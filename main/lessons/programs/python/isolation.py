# Lesson 3: processes do not share memory. Each has its own copy of every variable.
import multiprocessing as mp
import time

count = 10  # module level: each process has its own copy


def add_one():
    global count
    count += 1  # changes the child's copy only
    print(f"child:  count = {count}")


if __name__ == "__main__":
    # "fork": the child starts as a copy of this process, count = 10 included (see lesson 1).
    mp.set_start_method("fork")
    p = mp.Process(target=add_one)
    p.start()
    time.sleep(1)  # give the child time to change "count"
    print(f"parent: count = {count}")
