// Lesson 7 (join many, the wrong way): its texts and the observations a run must show.
import { failed, held, type LessonDefinition } from '../observe/observation.js';
import { childLives, notAllEnded } from '../observe/child-lives.js';
import { secs } from '../observe/run-queries.js';

const CHILDREN = 10;
/** "About ten seconds" for ten children of one second each, one after another. */
export const SERIAL_MIN_MS = 9000;
const MIN_S = SERIAL_MIN_MS / 1000;

export const joinSerial: LessonDefinition = {
  id: 'join-serial',
  number: 7,
  endless: false,
  comparesWith: 'join-many',
  title: { en: 'join many, the wrong way', zh: '多个子进程的 join：错误写法' },
  explanation: {
    en: `The same ten children, but start() and join() sit in the same loop. The parent starts child 0, waits until it has ended, and only then starts child 1.

The children never run at the same time: the program takes ten seconds of waiting (at least ${MIN_S} s, plus starting ten processes one by one) instead of one. On the timeline the lanes form a staircase, one after another.

Do not write it this way. Start everything first, then join: that is the previous lesson.`,
    zh: `同样是十个子进程，但 start() 和 join() 写在了同一个循环里。父进程启动子进程 0，等它结束，然后才启动子进程 1。

这些子进程从来没有同时运行：程序要等待十秒（至少 ${MIN_S} 秒，再加上逐个启动十个进程的时间），而不是一秒。在时间线上，泳道排成阶梯状，一个接一个。

千万不要这样写。应该先全部启动，再逐个 join：也就是上一课的写法。`,
  },
  observations: [
    {
      id: 'about-ten-seconds',
      text: { en: `It takes ten seconds of waiting in total: at least ${MIN_S} s`, zh: `总共要等待十秒：至少 ${MIN_S} 秒` },
      check(facts) {
        const l = childLives(facts, CHILDREN);
        if (!l) return notAllEnded(facts, CHILDREN);
        return l.spanMs >= SERIAL_MIN_MS
          ? held({ en: `from the first start to the last exit: ${secs(l.spanMs)}, at least ${MIN_S} s`, zh: `从第一个子进程启动到最后一个退出，共用了 ${secs(l.spanMs, 'zh')}，至少 ${MIN_S} 秒` })
          : failed({ en: `from the first start to the last exit: only ${secs(l.spanMs)}, under ${MIN_S} s`, zh: `从第一个子进程启动到最后一个退出，只用了 ${secs(l.spanMs, 'zh')}，不到 ${MIN_S} 秒` });
      },
    },
    {
      id: 'one-after-another',
      text: { en: 'The children run one after another on the timeline', zh: '子进程在时间线上一个接一个地运行' },
      check(facts) {
        const l = childLives(facts, CHILDREN);
        if (!l) return notAllEnded(facts, CHILDREN);
        const overlapAt = l.starts.findIndex((s, i) => i > 0 && s.t < l.exits[i - 1]!.t);
        return overlapAt < 0
          ? held({ en: `each of the ${CHILDREN} children started only after the previous one had ended`, zh: `${CHILDREN} 个子进程中，每一个都等前一个结束之后才启动` })
          : failed({ en: `child ${overlapAt} started before child ${overlapAt - 1} had ended`, zh: `子进程 ${overlapAt} 在子进程 ${overlapAt - 1} 结束之前就启动了` });
      },
    },
  ],
};
