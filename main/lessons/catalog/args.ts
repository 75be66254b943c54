// Lesson 2 (arguments): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { exitOf, linesOf, mainChildren, mainStart } from '../observe/run-queries.js';

const N = 5;
const CHILD_LINE = /child line (\d+) of (\d+)/;
const STARS = /^\*+$/;

export const args: LessonDefinition = {
  id: 'args',
  number: 2,
  endless: false,
  title: { en: 'Arguments', zh: '带参数的进程' },
  explanation: {
    en: `A Process object names a target function and the arguments to call it with, like Process(target=f, args=(n,)) in Python. The child receives the arguments as data: the runtime serialises them (Python pickles them) and the child unpacks them before it calls the target.

Here the parent passes n = 5: the child prints five lines. Meanwhile the parent draws a small triangle of stars.

Which lines come first? Usually the parent's. The parent is already running, while the child must first be created: the system sets up a new process, loads the runtime and this file again. By the time the child can print, the parent has long finished its stars.`,
    zh: `Process 对象指明一个目标函数以及调用它所用的参数，就像 Python 中的 Process(target=f, args=(n,))。子进程以数据的形式收到这些参数：运行时把它们序列化（Python 用 pickle），子进程在调用目标函数之前再把它们还原。

这里父进程传入 n = 5：子进程打印五行。与此同时，父进程打印一个由星号组成的小三角形。

哪些行先出现？通常是父进程的。父进程早已在运行，而子进程必须先被创建：系统要建立新进程，重新加载运行时和这个文件。等子进程能打印的时候，父进程的星号早就打印完了。`,
  },
  observations: [
    {
      id: 'child-got-n',
      text: { en: `The child got n = ${N}: it printed ${N} lines`, zh: `子进程收到了 n = ${N}：它打印了 ${N} 行` },
      check(facts) {
        const child = mainChildren(facts.events)[0];
        if (!child || !exitOf(facts.events, child.pid)) return notYet(facts, { en: 'no child ended', zh: '没有子进程结束' });
        const lines = linesOf(facts.events, child.pid).filter((l) => CHILD_LINE.test(l.text));
        const ns = new Set(lines.map((l) => Number(CHILD_LINE.exec(l.text)?.[2])));
        if (lines.length === N && ns.size === 1 && ns.has(N)) {
          return held({ en: `pid ${child.pid} printed ${N} lines, each saying "of ${N}"`, zh: `pid ${child.pid} 打印了 ${N} 行，每行都写着“of ${N}”` });
        }
        return failed({
          en: `the child printed ${lines.length} lines (n = ${[...ns].join(', ') || 'none'})`,
          zh: `子进程打印了 ${lines.length} 行（n = ${[...ns].join('、') || '无'}）`,
        });
      },
    },
    {
      id: 'parent-first',
      text: {
        en: "The parent's lines came first: creating a process takes time",
        zh: '父进程的行先出现：创建进程需要时间',
      },
      check(facts) {
        const main = mainStart(facts.events);
        const child = mainChildren(facts.events)[0];
        if (!main || !child) return notYet(facts, { en: 'no child was started', zh: '没有启动子进程' });
        const firstChildLine = facts.events.findIndex((e) => e.type === 'output' && e.pid === child.pid);
        if (firstChildLine < 0) return notYet(facts, { en: 'the child printed nothing', zh: '子进程什么也没有打印' });
        const starsBefore = facts.events.slice(0, firstChildLine).filter((e) => e.type === 'output' && e.pid === main.pid && STARS.test(e.text));
        const childAt = facts.events[firstChildLine]!.t;
        const ms = Math.round(childAt);
        if (starsBefore.length === N) {
          return held({
            en: `all ${N} rows of stars were printed before the child's first line (at ${ms} ms)`,
            zh: `${N} 行星号全部打印在子进程的第一行（第 ${ms} 毫秒）之前`,
          });
        }
        return failed({
          en: `this time the child's first line (at ${ms} ms) came after only ${starsBefore.length} rows of stars`,
          zh: `这一次子进程的第一行（第 ${ms} 毫秒）出现时，父进程只打印了 ${starsBefore.length} 行星号`,
        });
      },
    },
  ],
};
