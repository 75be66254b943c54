// Lesson 4 (concurrency is asynchronous): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition, type RunFacts } from '../observe/observation.js';
import { exitOf, linesOf, mainChildren, mainStart, secs } from '../observe/run-queries.js';

const CHILDREN = 10;
const NUMBER = /^number (\d+)/;

/** The children's numbers in the order they printed them. */
function finishingOrder(facts: RunFacts): number[] {
  const kids = new Set(mainChildren(facts.events).map((s) => s.pid));
  return facts.events.flatMap((e) => (e.type === 'output' && kids.has(e.pid) && NUMBER.test(e.text) ? [Number(NUMBER.exec(e.text)?.[1])] : []));
}

export const concurrency: LessonDefinition = {
  id: 'concurrency',
  number: 4,
  endless: false,
  title: { en: 'Concurrency is asynchronous', zh: '多个进程之间是异步并发' },
  explanation: {
    en: `Processes run concurrently and asynchronously. Which one runs when is up to the scheduler: when a process blocks (here: sleeps), the CPU switches to another, and comes back once the sleeper is ready again. Nobody can say in advance which child finishes first.

The parent starts ten children, numbered 1 to 10. Each sleeps a random 0 to 2 seconds, then prints its number. The parent prints that it is finished at once: creating processes is quick, and it does not wait for them.

Its code is finished, but the parent process is not: like Python, the runtime waits for every child before the parent exits, so that no unfinished children are left behind in the background, unmanaged, holding CPU and memory (and no finished child is left as a zombie that nobody reaped). Run it twice: the order changes.`,
    zh: `多个进程是异步并发执行的。谁在什么时候运行由调度器决定：一个进程阻塞（这里是睡眠）时，CPU 立刻切换到别的进程，等它重新变为就绪态再回来执行。没有人能预先知道哪个子进程先结束。

父进程启动十个子进程，编号 1 到 10。每个子进程随机睡眠 0 到 2 秒，然后打印自己的编号。父进程立刻打印“执行结束”：创建进程很快，而且它并不等待子进程。

父进程的代码执行完了，但父进程本身还没有结束：和 Python 一样，运行时会等所有子进程结束后才让父进程退出，这样就不会在后台留下无人管理、占用 CPU 和内存的子进程（也不会留下无人回收的僵尸进程）。多运行几次：顺序每次都不同。`,
  },
  observations: [
    {
      id: 'order-differs',
      text: { en: 'The children finish in a different order than they were started', zh: '子进程结束的顺序与启动顺序不同' },
      check(facts) {
        const order = finishingOrder(facts);
        if (order.length < CHILDREN) return notYet(facts, { en: `only ${order.length} of ${CHILDREN} children printed their number`, zh: `${CHILDREN} 个子进程中只有 ${order.length} 个打印了编号` });
        const started = [...order].sort((a, b) => a - b);
        const differs = order.some((n, i) => n !== started[i]);
        return differs
          ? held({ en: `they finished as ${order.join(', ')}`, zh: `它们结束的顺序是 ${order.join('、')}` })
          : failed({
              en: `this time they finished exactly in start order (${order.join(', ')}): run it again`,
              zh: `这一次它们恰好按启动顺序结束（${order.join('、')}）：再运行一次试试`,
            });
      },
    },
    {
      id: 'parent-done-first',
      text: { en: "The parent's last line comes while children are still running", zh: '父进程的最后一行出现时，子进程仍在运行' },
      check(facts) {
        const main = mainStart(facts.events);
        if (!main || !exitOf(facts.events, main.pid)) return notYet(facts, { en: 'the main program did not end', zh: '主程序没有结束' });
        const last = linesOf(facts.events, main.pid).at(-1);
        if (!last) return failed({ en: 'the parent printed nothing', zh: '父进程什么也没有打印' });
        const running = mainChildren(facts.events).filter((c) => (exitOf(facts.events, c.pid)?.t ?? Infinity) > last.t).length;
        return running > 0
          ? held({
              en: `the parent printed its last line at ${secs(last.t)}, while ${running} children were still running`,
              zh: `父进程在第 ${secs(last.t, 'zh')}打印了最后一行，此时仍有 ${running} 个子进程在运行`,
            })
          : failed({
              en: `every child had ended before the parent's last line (at ${secs(last.t)})`,
              zh: `父进程打印最后一行（第 ${secs(last.t, 'zh')}）之前，所有子进程都已经结束了`,
            });
      },
    },
    {
      id: 'parent-waits',
      text: { en: 'The parent process stays until every child has ended (no zombies left)', zh: '父进程一直等到所有子进程结束（不留僵尸进程）' },
      check(facts) {
        const main = mainStart(facts.events);
        const mainExit = main && exitOf(facts.events, main.pid);
        if (!main || !mainExit) return notYet(facts, { en: 'the main program did not end', zh: '主程序没有结束' });
        const kids = mainChildren(facts.events);
        const exits = kids.map((c) => exitOf(facts.events, c.pid));
        if (kids.length !== CHILDREN || exits.some((e) => !e || e.t > mainExit.t)) {
          return failed({
            en: `the parent ended at ${secs(mainExit.t)} before all ${CHILDREN} children had ended and been reaped`,
            zh: `父进程在第 ${secs(mainExit.t, 'zh')}就结束了，当时 ${CHILDREN} 个子进程还没有全部结束并被回收`,
          });
        }
        const lastChild = Math.max(...exits.map((e) => e!.t));
        return held({
          en: `the last child ended at ${secs(lastChild)}; the parent exited after it, at ${secs(mainExit.t)}`,
          zh: `最后一个子进程在第 ${secs(lastChild, 'zh')}结束；父进程在它之后，于第 ${secs(mainExit.t, 'zh')}退出`,
        });
      },
    },
  ],
};
