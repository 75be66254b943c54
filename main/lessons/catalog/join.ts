// Lesson 5 (join: child first, then parent): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { exitOf, firstLine, mainChildren, mainStart, secs } from '../observe/run-queries.js';
import { lcExitOf, osEvents, reapOf } from '../observe/os-facts.js';

const FIRST = /^mail 1/;
const SECOND = /^mail 2/;

export const join: LessonDefinition = {
  id: 'join',
  number: 5,
  endless: false,
  title: { en: 'join: child first, then parent', zh: 'join：先子后主' },
  explanation: {
    en: `Sometimes the parent must not go on before the child is done. p.join() makes the parent wait, blocked, until the child process has ended: it synchronises parent and child.

The child sends the first mail (asking for a raise); the parent sends the second (naming the amount) only after join() returns. The order is now the same on every run, whatever the scheduler does.

Without join(), the parent's line would usually come first, as in the previous lessons. A sleep() instead of join() would only make it likely, never certain: a slow machine could still lose the race.`,
    zh: `有时父进程必须等子进程做完才能继续。p.join() 让父进程阻塞等待，直到子进程结束：它用来同步父子进程。

子进程发出第一封邮件（要求涨工资）；父进程要等 join() 返回后，才发出第二封（说明涨到多少）。现在不管调度器怎么安排，每次运行的顺序都一样。

如果没有 join()，父进程的行通常会先出现，就像前面几课那样。用 sleep() 代替 join() 只能让顺序“很可能”正确，却永远不能保证：机器慢的时候仍可能出错。`,
  },
  observations: [
    {
      id: 'child-then-parent',
      text: { en: "The child's mail comes before the parent's", zh: '子进程的邮件先于父进程的邮件' },
      check(facts) {
        const main = mainStart(facts.events);
        const child = mainChildren(facts.events)[0];
        const second = main && firstLine(facts.events, main.pid, SECOND);
        if (!main || !child || !second) return notYet(facts, { en: "the parent's second mail never came", zh: '父进程的第二封邮件始终没有出现' });
        const first = firstLine(facts.events, child.pid, FIRST);
        if (first && facts.events.indexOf(first) < facts.events.indexOf(second)) {
          return held({
            en: `the child's mail at ${secs(first.t)}, the parent's at ${secs(second.t)}`,
            zh: `子进程的邮件出现在第 ${secs(first.t, 'zh')}，父进程的出现在第 ${secs(second.t, 'zh')}`,
          });
        }
        return failed({ en: "the parent's mail came before the child's", zh: '父进程的邮件先于子进程的邮件出现' });
      },
    },
    {
      id: 'join-waits',
      text: { en: 'join() waited until the child had ended', zh: 'join() 一直等到子进程结束' },
      check(facts) {
        const main = mainStart(facts.events);
        const child = mainChildren(facts.events)[0];
        if (!main || !child) return notYet(facts, { en: 'no child was started', zh: '没有启动子进程' });
        const os = osEvents(facts);
        if (os === 'wait') return null;
        if (os !== 'sampled') {
          // Traced: join is the parent's wait returning the child, after the child's exit. Where the
          // runtime also says when join returned (Node's reaps on its own), that must not be earlier.
          const died = lcExitOf(os, child.pid);
          const reap = died && reapOf(os, child.pid, died.t);
          if (!died || !reap) return notYet(facts, { en: 'the parent was not seen to wait for the child', zh: '没有看到父进程等待（wait）子进程' });
          const end = facts.events.find((e) => e.type === 'join-end' && e.pid === main.pid && e.target === child.pid);
          if (reap.by !== main.pid || (end && end.t < died.t)) {
            return failed({
              en: reap.by !== main.pid ? `the child was reaped by ${reap.by}, not by its parent ${main.pid}` : `join returned at ${secs(end!.t)}, before the child exited at ${secs(died.t)}`,
              zh: reap.by !== main.pid ? `子进程是被 ${reap.by} 收走的，而不是它的父进程 ${main.pid}` : `join 在第 ${secs(end!.t, 'zh')}就返回了，而子进程到第 ${secs(died.t, 'zh')}才退出`,
            });
          }
          return held({
            en: `the child ${child.pid} exited at ${secs(died.t)}; its parent ${main.pid}'s wait returned it at ${secs(reap.t)}`,
            zh: `子进程 ${child.pid} 在第 ${secs(died.t, 'zh')}退出；它的父进程 ${main.pid} 的 wait 在第 ${secs(reap.t, 'zh')}返回了它`,
          });
        }
        const begin = facts.events.find((e) => e.type === 'join-begin' && e.pid === main.pid && e.target === child.pid);
        const end = facts.events.find((e) => e.type === 'join-end' && e.pid === main.pid && e.target === child.pid);
        const childExit = exitOf(facts.events, child.pid);
        if (!begin || !end || !childExit) return notYet(facts, { en: 'the parent never joined the child', zh: '父进程始终没有 join 子进程' });
        return childExit.t <= end.t
          ? held({
              en: `the parent waited from ${secs(begin.t)} to ${secs(end.t)}; the child ended at ${secs(childExit.t)}`,
              zh: `父进程从第 ${secs(begin.t, 'zh')}一直等到第 ${secs(end.t, 'zh')}；子进程在第 ${secs(childExit.t, 'zh')}结束`,
            })
          : failed({
              en: `the parent stopped waiting at ${secs(end.t)}, before the child ended at ${secs(childExit.t)}`,
              zh: `父进程在第 ${secs(end.t, 'zh')}就不再等待，而子进程到第 ${secs(childExit.t, 'zh')}才结束`,
            });
      },
    },
  ],
};
