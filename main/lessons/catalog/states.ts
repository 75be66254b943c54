// Lesson 14 (process states): its texts and the observations a run must show.
import { NOBODY_STOPPED_LINE, WORKER_STATE_LINE } from '../../../shared/lesson-lines.js';
import { failed, held, notYet, type LessonDefinition, type RunFacts } from '../observe/observation.js';
import { firstMatch, matchingLines } from '../observe/line-facts.js';
import { childRunning, firstLine, secs, type StartEvent } from '../observe/run-queries.js';


const worker = (facts: RunFacts): StartEvent | undefined => childRunning(facts.events, 'work');
const NOT_STARTED = { en: 'the worker was not started', zh: '工作进程没有启动' };

/**
 * The first time the worker was seen in `state` (as the main program printed it) after it said
 * it was `doing` that: a process is also R while it starts up, which is not what the lesson shows.
 */
function seenIn(facts: RunFacts, state: string, doing?: RegExp) {
  const w = worker(facts);
  if (!w) return { worker: w, seen: undefined };
  const since = doing ? firstLine(facts.events, w.pid, doing)?.t : 0;
  if (since === undefined) return { worker: w, seen: undefined };
  return { worker: w, seen: firstMatch(facts.events, WORKER_STATE_LINE, (m) => m.nums[0] === w.pid && m.groups[1] === state && m.event.t >= since) };
}

export const states: LessonDefinition = {
  id: 'states',
  number: 14,
  endless: false,
  panel: 'states',
  // Under ptrace a stopped process shows as "t" (tracing stop), not "T", and this lesson is about
  // exactly that letter.
  untracedBecause: 'this lesson is not traced: under strace a stopped process shows t (traced), not T',
  title: { en: 'Process states', zh: '进程状态' },
  explanation: {
    en: `A process is not always running. Textbooks draw three states: running (on a CPU), ready (could run, waits for a CPU) and blocked (waits for something else: a timer, a disk, the network, a key press). The scheduler moves processes from ready to running and back many times a second; a process blocks by itself when it waits, and becomes ready again when what it waited for happens.

ps shows a letter for the state: R is running or ready (Linux does not tell the two apart: both want a CPU), S is sleeping, that is blocked and wakeable by a signal, D is blocked on a disk and not interruptible, T is stopped, Z is a zombie (ended, not yet collected by its parent).

Here a worker computes for one second (R: it never waits), then sleeps for one second (S: blocked on a timer, using no CPU), again and again. A process that reads its own state always finds itself running, since it is running when it reads, so the main program watches the worker from outside, ten times a second, as ps would, and prints each change. The state diagram follows those lines.

Stop the worker (SIGSTOP: the Stop button, or kill -STOP PID in a terminal): it shows T and does nothing, not even its timers, whatever it was doing. Continue it (SIGCONT): it goes on where it was. SIGSTOP cannot be caught or ignored, unlike SIGTERM. If nobody stops it within 15 s, the main program does it once, for 2 s. After 25 s the lesson ends the worker.

Windows has no such states to read and no SIGSTOP: there the lesson only says so.`,
    zh: `进程并不总是在运行。教科书画出三种状态：运行（正在 CPU 上执行）、就绪（可以运行，正在等 CPU）和阻塞（在等别的东西：定时器、磁盘、网络、一次按键）。调度器每秒多次把进程在就绪和运行之间来回切换；进程在等待时自己进入阻塞，等待的事情发生后重新变为就绪。

ps 用一个字母表示状态：R 是运行或就绪（Linux 不区分这两者：它们都想要 CPU），S 是睡眠，即阻塞且可被信号唤醒，D 是等待磁盘而不可中断的阻塞，T 是已暂停，Z 是僵尸（已结束，尚未被父进程收走）。

这里一个工作进程先计算一秒（R：它从不等待），再睡眠一秒（S：阻塞在定时器上，不占 CPU），如此反复。进程读取自己的状态时，看到的永远是“运行”，因为读的时候它正在运行；所以主程序像 ps 一样从外部每秒观察工作进程十次，并打印每一次变化。状态图跟随这些输出变化。

挂起工作进程（SIGSTOP：“挂起”按钮，或在终端里执行 kill -STOP PID）：它显示为 T，不管原来在做什么，都停下不动，连定时器也不走。让它恢复运行（SIGCONT，“恢复运行”按钮）：它从停下的地方接着运行。与 SIGTERM 不同，SIGSTOP 无法被捕获或忽略。如果 15 秒内没有人挂起它，主程序会亲自挂起它一次，持续 2 秒。25 秒后，本课结束工作进程。

Windows 没有这样可读取的状态，也没有 SIGSTOP：在 Windows 上本课只说明这一点。`,
  },
  observations: [
    {
      id: 'seen-running',
      text: { en: 'The worker was seen running (R) while it computed', zh: '工作进程计算时，被看到处于运行状态（R）' },
      check(facts) {
        const { worker: w, seen } = seenIn(facts, 'R', /computing/);
        if (seen) return held({ en: `pid ${w!.pid} was in state R at ${secs(seen.event.t)}, computing`, zh: `pid ${w!.pid} 在第 ${secs(seen.event.t, 'zh')}处于状态 R，正在计算` });
        return notYet(facts, w ? { en: `pid ${w.pid} was never seen in state R`, zh: `始终没有看到 pid ${w.pid} 处于状态 R` } : NOT_STARTED);
      },
    },
    {
      id: 'seen-sleeping',
      text: { en: 'The worker was seen sleeping, blocked (S), while it waited', zh: '工作进程等待时，被看到处于睡眠（阻塞）状态（S）' },
      check(facts) {
        const { worker: w, seen } = seenIn(facts, 'S', /sleeping/);
        if (seen) {
          return held({ en: `pid ${w!.pid} was in state S at ${secs(seen.event.t)}, waiting for its timer`, zh: `pid ${w!.pid} 在第 ${secs(seen.event.t, 'zh')}处于状态 S，正在等它的定时器` });
        }
        return notYet(facts, w ? { en: `pid ${w.pid} was never seen in state S`, zh: `始终没有看到 pid ${w.pid} 处于状态 S` } : NOT_STARTED);
      },
    },
    {
      id: 'stopped-then-continued',
      text: {
        en: 'Stopped, it showed T; continued, it ran again',
        zh: '挂起后显示为 T；恢复后又运行起来',
      },
      check(facts) {
        const { worker: w, seen: stopped } = seenIn(facts, 'T');
        if (!w || !stopped) {
          return notYet(facts, w ? { en: `pid ${w.pid} was never seen stopped (T): nobody sent it SIGSTOP`, zh: `始终没有看到 pid ${w.pid} 被挂起（T）：没有人给它发送 SIGSTOP` } : NOT_STARTED);
        }
        const after = matchingLines(facts.events, WORKER_STATE_LINE).find((m) => m.nums[0] === w.pid && m.event.t > stopped.event.t && m.groups[1] !== 'T');
        const at = stopped.event.t;
        if (!after) {
          return notYet(facts, { en: `pid ${w.pid} was stopped at ${secs(at)} and never seen to go on`, zh: `pid ${w.pid} 在第 ${secs(at, 'zh')}被挂起，之后再也没有看到它继续运行` });
        }
        if (after.groups[1] === 'Z') {
          return failed({ en: `pid ${w.pid} was stopped at ${secs(at)}, then ended instead of going on`, zh: `pid ${w.pid} 在第 ${secs(at, 'zh')}被挂起，随后没有继续运行，而是结束了` });
        }
        const shown = firstMatch(facts.events, NOBODY_STOPPED_LINE, (m) => m.event.t <= at);
        const who = shown
          ? { en: 'the main program stopped it, since nobody else did', zh: '没有别人挂起它，于是主程序挂起了它' }
          : { en: 'you stopped it', zh: '你挂起了它' };
        const state = after.groups[1];
        return held({
          en: `${who.en}: T at ${secs(at)}, then ${state} again at ${secs(after.event.t)}`,
          zh: `${who.zh}：第 ${secs(at, 'zh')}显示为 T，第 ${secs(after.event.t, 'zh')}又回到 ${state}`,
        });
      },
    },
  ],
};
