// Lesson 3 (memory is isolated): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { firstLine, mainChildren, mainStart } from '../observe/run-queries.js';

const COUNT = /count = (-?\d+)/;

export const isolation: LessonDefinition = {
  id: 'isolation',
  number: 3,
  endless: false,
  title: { en: 'Memory is isolated', zh: '进程之间数据彼此隔离' },
  explanation: {
    en: `Each process has its own memory. A child does not share the parent's variables: it has its own copy, made when it loaded the program.

The module-level variable count starts at 10. The child adds 1 and prints 11. The parent waits a second, long enough for the child to have done it, and prints its own count: still 10. The child changed its copy, and only its copy.

Processes that need to share data must send it to each other explicitly: through pipes, queues, files or shared memory set up on purpose.`,
    zh: `每个进程都有自己独立的内存。子进程并不共享父进程的变量：它有一份自己的副本，是它加载程序时产生的。

模块级变量 count 的初值是 10。子进程把它加 1，打印出 11。父进程等待一秒（足够让子进程完成修改），再打印自己的 count：仍然是 10。子进程改的是它自己的那份，也只改了它自己的那份。

进程之间若要共享数据，必须显式地互相传递：通过管道、队列、文件，或专门建立的共享内存。`,
  },
  observations: [
    {
      id: 'child-11',
      text: { en: 'The child prints 11', zh: '子进程打印出 11' },
      check(facts) {
        const child = mainChildren(facts.events)[0];
        const line = child && firstLine(facts.events, child.pid, COUNT);
        if (!child || !line) return notYet(facts, { en: 'the child printed no count', zh: '子进程没有打印 count' });
        const count = Number(COUNT.exec(line.text)?.[1]);
        return count === 11
          ? held({ en: `pid ${child.pid} printed count = 11`, zh: `pid ${child.pid} 打印出 count = 11` })
          : failed({ en: `the child printed count = ${count}`, zh: `子进程打印的是 count = ${count}` });
      },
    },
    {
      id: 'parent-10',
      text: { en: 'The parent still prints 10', zh: '父进程打印的仍然是 10' },
      check(facts) {
        const main = mainStart(facts.events);
        const line = main && firstLine(facts.events, main.pid, COUNT);
        if (!main || !line) return notYet(facts, { en: 'the parent printed no count', zh: '父进程没有打印 count' });
        const count = Number(COUNT.exec(line.text)?.[1]);
        if (count !== 10) return failed({ en: `the parent printed count = ${count}`, zh: `父进程打印的是 count = ${count}` });
        const child = mainChildren(facts.events)[0];
        const childLine = child && firstLine(facts.events, child.pid, COUNT);
        const after = childLine && childLine.t <= line.t;
        return held({
          en: `pid ${main.pid} printed count = 10${after ? ', after the child had printed 11' : ''}`,
          zh: `pid ${main.pid} 打印出 count = 10${after ? '，此时子进程已经打印了 11' : ''}`,
        });
      },
    },
  ],
};
