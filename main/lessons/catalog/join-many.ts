// Lesson 6 (join many, the right way): its texts and the observations a run must show.
import { failed, held, type LessonDefinition } from '../observe/observation.js';
import { childLives, notAllEnded } from '../observe/child-lives.js';
import { secs } from '../observe/run-queries.js';

const CHILDREN = 10;
/** What the checklist checks and the texts say. */
// One second of waiting plus ten Node start-ups: about 1.5 s on a fast machine, up to 3.5 s on two
// busy cores. 4 s still tells it apart from the serial version (ten seconds).
export const TOGETHER_MAX_MS = 4000;
const MAX_S = TOGETHER_MAX_MS / 1000;

export const joinMany: LessonDefinition = {
  id: 'join-many',
  number: 6,
  endless: false,
  comparesWith: 'join-serial',
  title: { en: 'join many, the right way', zh: '多个子进程的 join：正确写法' },
  explanation: {
    en: `Ten children each send a mail after one second. The parent first starts all ten, keeping the Process objects in a list; then it joins them one by one. Its last mail waits for all of them.

While the parent waits for the first child, the other nine are already running: the waits overlap. The whole thing takes one second of waiting plus the time to start ten processes, under ${MAX_S} s in all, not ten seconds. On the timeline, the ten lanes lie on top of each other.

Compare with the next lesson, which looks almost the same.`,
    zh: `十个子进程各自在一秒后发出一封邮件。父进程先把十个全部启动，并把 Process 对象放进一个列表；然后再逐个 join。它的最后一封邮件要等所有子进程结束才发。

父进程等待第一个子进程时，另外九个已经在运行了：这些等待是重叠的。整个过程是一秒的等待加上启动十个进程的时间，总共不到 ${MAX_S} 秒，而不是十秒。在时间线上，十条泳道是并排重叠的。

请与下一课对比，那段代码看起来几乎一模一样。`,
  },
  observations: [
    {
      id: 'about-one-second',
      text: { en: `All ten are done in under ${MAX_S} s in total (one second of waiting, plus starting ten processes)`, zh: `十个子进程总共不到 ${MAX_S} 秒就全部完成（一秒的等待，加上启动十个进程的时间）` },
      check(facts) {
        const l = childLives(facts, CHILDREN);
        if (!l) return notAllEnded(facts, CHILDREN);
        return l.spanMs < TOGETHER_MAX_MS
          ? held({ en: `from the first start to the last exit: ${secs(l.spanMs)}, under ${MAX_S} s`, zh: `从第一个子进程启动到最后一个退出，共用了 ${secs(l.spanMs, 'zh')}，不到 ${MAX_S} 秒` })
          : failed({
              en: `from the first start to the last exit: ${secs(l.spanMs)}, not under ${MAX_S} s`,
              zh: `从第一个子进程启动到最后一个退出，共用了 ${secs(l.spanMs, 'zh')}，而不是不到 ${MAX_S} 秒`,
            });
      },
    },
    {
      id: 'overlap',
      text: { en: 'The children overlap on the timeline: all ten were alive at once', zh: '子进程在时间线上重叠：十个同时存活' },
      check(facts) {
        const l = childLives(facts, CHILDREN);
        if (!l) return notAllEnded(facts, CHILDREN);
        const lastStart = Math.max(...l.starts.map((s) => s.t));
        const firstExit = Math.min(...l.exits.map((e) => e.t));
        return lastStart < firstExit
          ? held({
              en: `the last child started at ${secs(lastStart)}, before the first one ended at ${secs(firstExit)}`,
              zh: `最后一个子进程在第 ${secs(lastStart, 'zh')}启动，这时第一个子进程还没有结束（它在第 ${secs(firstExit, 'zh')}结束）`,
            })
          : failed({
              en: `the first child ended at ${secs(firstExit)}, before the last one started at ${secs(lastStart)}`,
              zh: `第一个子进程在第 ${secs(firstExit, 'zh')}就结束了，而最后一个子进程到第 ${secs(lastStart, 'zh')}才启动`,
            });
      },
    },
  ],
};
