// Lesson 9 (daemon and normal children): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { childRunning, exitOf, firstLine, howEnded, mainStart, secs } from '../observe/run-queries.js';

/**
 * The daemon ends when the main program's code ends (its last line is printed at 1 s of its own
 * time): within this long after that line (a line and an exit travel by different pipes, hence a
 * little before too). Measured from the main program's line, not from the run's start, so that
 * the seconds Node or Python take to start on a loaded machine do not count against the lesson.
 */
const DAEMON_AFTER_MAIN_CODE_MS = [-200, 1000] as const;
/** The normal child works 3 s: its own life, start to exit, is about that (start-up included). */
const NORMAL_LIFE_MS = [2800, 6000] as const;

export const daemonMany: LessonDefinition = {
  id: 'daemon-many',
  number: 9,
  endless: false,
  title: { en: 'Daemon and normal children', zh: '守护进程与普通子进程' },
  explanation: {
    en: `A daemon guards the main program's code, not the other children. Here the daemon prints a growing row of stars every half second, forever. A normal child works for three seconds. The main program's code ends after one second.

At that moment the daemon is killed: its stars stop after about one second. The normal child is not a daemon: it goes on and finishes at about three seconds. The main process, its code done, stays until then, waiting for the normal child, and exits last.

So "the main program ends" means two things: its code ends (daemons are killed), and later the process exits (after the normal children).`,
    zh: `守护进程守护的是主程序的代码，而不是其他子进程。这里守护进程每半秒打印一行越来越长的星号，永不停止。普通子进程工作三秒。主程序的代码一秒后结束。

就在那一刻，守护进程被杀死：星号大约在第一秒停止。普通子进程不是守护进程：它继续运行，大约在第三秒完成。主进程的代码虽然已经执行完，却一直留到那时，等待普通子进程，最后才退出。

所以“主程序结束”包含两件事：先是代码执行完（守护进程被杀死），然后进程才退出（在普通子进程结束之后）。`,
  },
  observations: [
    {
      id: 'daemon-at-1s',
      text: { en: "The daemon is killed when the main program's code ends, at about 1 s", zh: '守护进程在主程序代码结束时（大约第 1 秒）被杀死' },
      check(facts) {
        const kid = childRunning(facts.events, 'stars');
        const kidExit = kid && exitOf(facts.events, kid.pid);
        if (!kid || !kidExit) return notYet(facts, { en: 'the daemon did not end', zh: '守护进程没有结束' });
        if (!kidExit.signal) return failed({ en: `the daemon ended by itself (${howEnded(kidExit)})`, zh: `守护进程是自己结束的（${howEnded(kidExit, 'zh')}）` });
        const main = mainStart(facts.events);
        const codeEnd = main && firstLine(facts.events, main.pid, /my code is finished/);
        if (!codeEnd) return notYet(facts, { en: 'the main program did not say its code was finished', zh: '主程序没有说它的代码已经执行完' });
        const after = kidExit.t - codeEnd.t;
        const [from, to] = DAEMON_AFTER_MAIN_CODE_MS;
        return after >= from && after <= to
          ? held({
              en: `the daemon pid ${kid.pid} was ended by ${howEnded(kidExit)} at ${secs(kidExit.t)}, as the main program's code finished (${secs(codeEnd.t)})`,
              zh: `守护进程 pid ${kid.pid} 在第 ${secs(kidExit.t, 'zh')}被 ${howEnded(kidExit, 'zh')} 结束，正是主程序代码执行完的时候（第 ${secs(codeEnd.t, 'zh')}）`,
            })
          : failed({
              en: `the daemon was ended at ${secs(kidExit.t)}, not when the main program's code finished (${secs(codeEnd.t)})`,
              zh: `守护进程在第 ${secs(kidExit.t, 'zh')}被结束，而不是在主程序代码执行完的时候（第 ${secs(codeEnd.t, 'zh')}）`,
            });
      },
    },
    {
      id: 'normal-at-3s',
      text: { en: 'The normal child still finishes its 3 s of work', zh: '普通子进程照常完成它 3 秒的工作' },
      check(facts) {
        const kid = childRunning(facts.events, 'job');
        const kidExit = kid && exitOf(facts.events, kid.pid);
        if (!kid || !kidExit) return notYet(facts, { en: 'the normal child did not end', zh: '普通子进程没有结束' });
        const [from, to] = NORMAL_LIFE_MS;
        if (kidExit.exitcode !== 0 || !firstLine(facts.events, kid.pid, /: end/)) {
          return failed({ en: `the normal child did not finish its work (${howEnded(kidExit)})`, zh: `普通子进程没有完成它的工作（${howEnded(kidExit, 'zh')}）` });
        }
        const life = kidExit.t - kid.t;
        return life >= from && life <= to
          ? held({ en: `the normal child pid ${kid.pid} finished at ${secs(kidExit.t)}, ${secs(life)} after it started`, zh: `普通子进程 pid ${kid.pid} 在第 ${secs(kidExit.t, 'zh')}完成，距它启动 ${secs(life, 'zh')}` })
          : failed({ en: `the normal child finished ${secs(life)} after it started, not about 3 s`, zh: `普通子进程在启动 ${secs(life, 'zh')}后完成，而不是大约 3 秒` });
      },
    },
    {
      id: 'main-stays',
      text: { en: 'The main process stays until the normal child has finished', zh: '主进程一直留到普通子进程完成' },
      check(facts) {
        const main = mainStart(facts.events);
        const kid = childRunning(facts.events, 'job');
        const mainExit = main && exitOf(facts.events, main.pid);
        const kidExit = kid && exitOf(facts.events, kid.pid);
        if (!main || !kid || !mainExit || !kidExit) return notYet(facts, { en: 'the main program or the normal child did not end', zh: '主程序或普通子进程没有结束' });
        return mainExit.t >= kidExit.t
          ? held({
              en: `the main process exited at ${secs(mainExit.t)}, after the normal child (${secs(kidExit.t)})`,
              zh: `主进程在第 ${secs(mainExit.t, 'zh')}退出，晚于普通子进程（第 ${secs(kidExit.t, 'zh')}）`,
            })
          : failed({
              en: `the main process exited at ${secs(mainExit.t)}, before the normal child (${secs(kidExit.t)})`,
              zh: `主进程在第 ${secs(mainExit.t, 'zh')}退出，早于普通子进程（第 ${secs(kidExit.t, 'zh')}）`,
            });
      },
    },
  ],
};
