// Lesson 1 (pid and ppid): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { exitOf, firstLine, mainChildren, mainStart, secs } from '../observe/run-queries.js';
import { forkOf, osEvents } from '../observe/os-facts.js';

/** How long the child stays after printing (CHILD_STAYS_MS in the program): the process table refreshes every second. */
export const CHILD_STAYS_S = 3;
/** The table must be able to show both: at least two refreshes while both live. */
const TOGETHER_MIN_MS = 2000;

const PARENT_PID = /my pid is (\d+)/;
const CHILD_PPID = /ppid\) is (\d+)/;

export const pidPpid: LessonDefinition = {
  id: 'pid-ppid',
  number: 1,
  endless: false,
  title: { en: 'pid and ppid', zh: 'pid 与 ppid' },
  explanation: {
    en: `A process is a program that is running. It is the unit the operating system hands resources to: CPU time and memory are given to processes, not to programs on disk.

Every process has a number, its pid, and remembers the pid of the process that started it, its ppid (parent pid). In a terminal, \`ps aux\` lists the processes with their pids, \`ps aux | grep 2860\` finds one, and \`kill -9 2860\` ends it. Python reads them with os.getpid() and os.getppid(); Node with process.pid and process.ppid.

Here the parent prints its pid, then creates a Process object for the function showIds and calls start(): only then does a real child process exist. The child prints its own pid and its ppid, which is the parent's pid, then stays ${CHILD_STAYS_S} s: the process table refreshes every second, so watch both rows appear there, the child under its parent in the tree.

Why the isMainProgram() guard (Python: \`if __name__ == "__main__"\`)? The child is a fresh program: it loads this same file again to find showIds. Without the guard, loading the file would start another child, which would load the file and start another, and so on.`,
    zh: `进程就是正在运行的程序，是操作系统分配资源的最小单位：CPU 时间和内存分配给的是进程，而不是磁盘上的程序文件。

每个进程都有一个编号，即 pid；它还记得创建它的那个进程的编号，即 ppid（父进程 id）。在终端里，\`ps aux\` 列出所有进程及其 pid，\`ps aux | grep 2860\` 查找某一个，\`kill -9 2860\` 杀死它。Python 用 os.getpid() 和 os.getppid() 读取它们，Node 用 process.pid 和 process.ppid。

这里父进程先打印自己的 pid，然后为函数 showIds 创建一个 Process 对象并调用 start()：直到这时才真正产生一个子进程。子进程打印自己的 pid 和 ppid，而 ppid 正是父进程的 pid，然后停留 ${CHILD_STAYS_S} 秒：进程表每秒刷新一次，请在其中看这两行同时出现，在进程树中子进程挂在父进程下面。

为什么需要 isMainProgram() 这个判断（Python 中的 \`if __name__ == "__main__"\`）？子进程是一个全新的程序：它要重新加载同一个文件才能找到 showIds。如果没有这个判断，加载文件时又会创建一个子进程，而它又会加载文件、再创建子进程，没完没了。`,
  },
  observations: [
    {
      id: 'child-ppid-is-parent-pid',
      text: { en: "The child's ppid equals the parent's pid", zh: '子进程的 ppid 等于父进程的 pid' },
      check(facts) {
        const main = mainStart(facts.events);
        const child = mainChildren(facts.events)[0];
        const os = osEvents(facts);
        if (os === 'wait') return null;
        if (os !== 'sampled') {
          // Traced: the kernel's fork record says who the parent is, whatever the child printed.
          const fork = child && forkOf(os, child.pid);
          if (!main || !child || !fork) return notYet(facts, { en: 'the parent was not seen to fork a child', zh: '没有看到父进程创建（fork）子进程' });
          if (fork.ppid === main.pid) {
            return held({
              en: `the kernel recorded pid ${main.pid} forking pid ${child.pid} at ${secs(fork.t)}: the child's ppid is ${fork.ppid}, its parent's pid`,
              zh: `内核记录到 pid ${main.pid} 在第 ${secs(fork.t, 'zh')}创建了 pid ${child.pid}：子进程的 ppid 是 ${fork.ppid}，正是父进程的 pid`,
            });
          }
          return failed({
            en: `pid ${child.pid} was forked by ${fork.ppid}, not by the main program ${main.pid}`,
            zh: `pid ${child.pid} 是由 ${fork.ppid} 创建的，而不是主程序 ${main.pid}`,
          });
        }
        const parentLine = main && firstLine(facts.events, main.pid, PARENT_PID);
        const childLine = child && firstLine(facts.events, child.pid, CHILD_PPID);
        if (!main || !child || !parentLine || !childLine) return notYet(facts, { en: 'the parent and the child did not both print their ids', zh: '父进程和子进程没有都打印出自己的 id' });
        const parentPid = Number(PARENT_PID.exec(parentLine.text)?.[1]);
        const childPpid = Number(CHILD_PPID.exec(childLine.text)?.[1]);
        if (childPpid === parentPid && parentPid === main.pid) {
          return held({
            en: `the child (pid ${child.pid}) printed ppid ${childPpid}: the pid its parent printed`,
            zh: `子进程（pid ${child.pid}）打印的 ppid 是 ${childPpid}：正是父进程打印的 pid`,
          });
        }
        return failed({
          en: `the child printed ppid ${childPpid}, but the parent is pid ${main.pid} (it printed ${parentPid})`,
          zh: `子进程打印的 ppid 是 ${childPpid}，但父进程是 pid ${main.pid}（它打印的是 ${parentPid}）`,
        });
      },
    },
    {
      id: 'linked-in-table',
      text: {
        en: `Both live at the same time for at least ${TOGETHER_MIN_MS / 1000} s (two refreshes of the process table), linked as parent and child`,
        zh: `两者同时存活至少 ${TOGETHER_MIN_MS / 1000} 秒（进程表刷新两次），并以父子关系相连`,
      },
      check(facts) {
        const main = mainStart(facts.events);
        const child = mainChildren(facts.events)[0];
        const mainExit = main && exitOf(facts.events, main.pid);
        const childExit = child && exitOf(facts.events, child.pid);
        if (!main || !child || !mainExit || !childExit) return notYet(facts, { en: 'the parent never started a child that ended', zh: '没有看到父进程启动的子进程运行结束' });
        if (child.ppid === main.pid && childExit.t <= mainExit.t && childExit.t - child.t < TOGETHER_MIN_MS) {
          return failed({
            en: `the child (pid ${child.pid}) lived only ${secs(childExit.t - child.t)}: too short for the process table to show it`,
            zh: `子进程（pid ${child.pid}）只存活了 ${secs(childExit.t - child.t, 'zh')}：太短，进程表来不及显示它`,
          });
        }
        if (child.ppid !== main.pid || childExit.t > mainExit.t) {
          return failed({
            en: `the child (pid ${child.pid}, ppid ${child.ppid}) did not live inside its parent's lifetime`,
            zh: `子进程（pid ${child.pid}，ppid ${child.ppid}）的存活时间没有落在父进程的存活时间之内`,
          });
        }
        return held({
          en: `pid ${child.pid} (ppid ${child.ppid}) lived from ${secs(child.t)} to ${secs(childExit.t)}, while its parent pid ${main.pid} lived until ${secs(mainExit.t)}`,
          zh: `pid ${child.pid}（ppid ${child.ppid}）从第 ${secs(child.t, 'zh')}存活到第 ${secs(childExit.t, 'zh')}，而它的父进程 pid ${main.pid} 一直存活到第 ${secs(mainExit.t, 'zh')}`,
        });
      },
    },
  ],
};
