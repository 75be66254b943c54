# Lesson 10: what daemons are for: a heartbeat. A daemon tells a monitoring server "this machine
# is alive" every second, while a worker does the real job. When the worker fails, the main
# program reports it and ends, and the heartbeat stops with it: the server notices the silence.
import multiprocessing as mp
import time


def heartbeat():
    while True:
        print("to the monitoring server: I am alive~")
        time.sleep(1)


def analyse_logs():
    for round_ in range(1, 4):
        time.sleep(1)
        print(f"server 5: analysing the logs (round {round_})")
    # An exception ends the child: Python prints the traceback, and its exit code is 1.
    raise RuntimeError("the log disk failed")


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    p1 = mp.Process(target=heartbeat)
    p2 = mp.Process(target=analyse_logs)
    p1.daemon = True

    p1.start()
    p2.start()

    p2.join()  # wait until the worker ends
    print(f"parent: server state abnormal (worker exit code {p2.exitcode}) ...")
