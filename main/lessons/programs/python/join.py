# Lesson 5: join() makes the parent wait for the child: first the child, then the parent.
import multiprocessing as mp


def first_mail():
    print("mail 1: may I have a raise?")


if __name__ == "__main__":
    # "fork": the child is a copy of this process (see lesson 1).
    mp.set_start_method("fork")
    p = mp.Process(target=first_mail)
    p.start()
    p.join()  # wait here until the child has ended
    print("mail 2: the raise should be 60,000 a month")
