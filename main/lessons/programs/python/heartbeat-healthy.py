# Lesson 11 (the healthy variant of lesson 10): the worker never fails, so the heartbeat goes on until you press Stop.
import multiprocessing as mp
import time


def heartbeat():
    while True:
        print("to the monitoring server: I am alive~")
        time.sleep(1)


def analyse_logs():
    round_ = 1
    while True:
        time.sleep(1)
        print(f"server 5: analysing the logs (round {round_})")
        round_ += 1


if __name__ == "__main__":
    # "fork": each child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    p1 = mp.Process(target=heartbeat)
    p2 = mp.Process(target=analyse_logs)
    p1.daemon = True

    p1.start()
    p2.start()

    p2.join()  # the worker never ends: neither does this wait
    print("parent: server state abnormal ...")
