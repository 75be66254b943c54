// Lesson 8 (a daemon child): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { exitOf, firstLine, howEnded, linesOf, mainChildren, mainStart, secs } from '../observe/run-queries.js';
import { lcExitOf, osEvents, signalsTo } from '../observe/os-facts.js';

const START = /daemon child: start/;
const END = /daemon child: end/;

export const daemon: LessonDefinition = {
  id: 'daemon',
  number: 8,
  endless: false,
  title: { en: 'A daemon child', zh: '守护进程' },
  explanation: {
    en: `A daemon child guards the main program. When the main program's code has run to its end, every daemon child still running is killed at once, whatever it was doing.

Mark a process as a daemon with \`p.daemon = true\`, before \`start()\`. Afterwards it is too late: the child was created without knowing, and setting it raises an error.

This daemon would print "start", sleep a second and print "end". But the main program finishes at once, so the daemon is terminated: "end" never appears, and often "start" does not either, because the daemon is killed before it even got going.`,
    zh: `守护进程守护的是主程序。当主程序的代码执行完毕时，所有仍在运行的守护子进程会被立刻杀死，不管它正在做什么。

用 \`p.daemon = true\` 把进程设为守护进程，而且必须写在 \`start()\` 之前。之后再设置就晚了：子进程创建时并不知道，此时设置会报错。

这个守护进程本来会打印“start”，睡一秒，再打印“end”。但主程序立刻就执行完了，于是守护进程被终止：“end”永远不会出现，而且“start”往往也不会出现，因为守护进程还没开始干活就被杀死了。`,
  },
  observations: [
    {
      id: 'daemon-killed',
      text: { en: 'The daemon is killed when the main program ends', zh: '主程序结束时，守护进程被杀死' },
      check(facts) {
        const main = mainStart(facts.events);
        const kid = mainChildren(facts.events).find((c) => c.daemon);
        const kidExit = kid && exitOf(facts.events, kid.pid);
        if (!main || !kid || !kidExit) return notYet(facts, { en: 'no daemon child ran and ended', zh: '没有守护子进程运行并结束' });
        const os = osEvents(facts);
        if (os === 'wait') return null;
        if (os !== 'sampled') {
          // Traced: the kill() the main program made at its end, and the daemon's death by it, as the kernel saw them.
          const died = lcExitOf(os, kid.pid);
          if (!died) return notYet(facts, { en: `daemon ${kid.pid} was not seen to exit`, zh: `没有看到守护进程 ${kid.pid} 退出` });
          const sent = signalsTo(os, kid.pid).filter((e) => e.sender === main.pid && e.t <= died.t).at(-1);
          if (!died.signal || !sent) {
            return failed({
              en: died.signal
                ? `the daemon ${kid.pid} was killed by ${died.signal}, but not by a signal from the main program ${main.pid}`
                : `the daemon ${kid.pid} ended by itself (exit ${died.code}), it was not killed`,
              zh: died.signal
                ? `守护进程 ${kid.pid} 被 ${died.signal} 杀死，但这个信号不是主程序 ${main.pid} 发出的`
                : `守护进程 ${kid.pid} 是自己结束的（退出码 ${died.code}），并没有被杀死`,
            });
          }
          return held({
            en: `at its end the main program ${main.pid} sent ${sent.signal} to the daemon ${kid.pid} (${secs(sent.t)}), which was killed by ${died.signal} at ${secs(died.t)}`,
            zh: `主程序 ${main.pid} 在结束时（第 ${secs(sent.t, 'zh')}）向守护进程 ${kid.pid} 发送了 ${sent.signal}，守护进程在第 ${secs(died.t, 'zh')}被 ${died.signal} 杀死`,
          });
        }
        if (!kidExit.signal) {
          return failed({
            en: `the daemon ended by itself (${howEnded(kidExit)}), it was not killed`,
            zh: `守护进程是自己结束的（${howEnded(kidExit, 'zh')}），并没有被杀死`,
          });
        }
        const lastMainLine = linesOf(facts.events, main.pid).filter((l) => l.t <= kidExit.t).at(-1);
        const after = lastMainLine ? `, right after the main program's last line (${secs(lastMainLine.t)})` : '';
        const afterZh = lastMainLine ? `，紧接在主程序最后一行（第 ${secs(lastMainLine.t, 'zh')}）之后` : '';
        return held({
          en: `the daemon pid ${kid.pid} was ended by ${howEnded(kidExit)} at ${secs(kidExit.t)}${after}`,
          zh: `守护进程 pid ${kid.pid} 在第 ${secs(kidExit.t, 'zh')}被 ${howEnded(kidExit, 'zh')} 结束${afterZh}`,
        });
      },
    },
    {
      id: 'no-end',
      text: { en: '"end" never appears (often "start" neither)', zh: '“end”从未出现（“start”往往也没有）' },
      check(facts) {
        const kid = mainChildren(facts.events).find((c) => c.daemon);
        if (!kid) return notYet(facts, { en: 'no daemon child was started', zh: '没有启动守护子进程' });
        if (firstLine(facts.events, kid.pid, END)) return failed({ en: 'the daemon printed "end": it was not killed in time', zh: '守护进程打印了“end”：它没有被及时杀死' });
        if (!facts.ended) return null;
        return held(
          firstLine(facts.events, kid.pid, START)
            ? { en: 'the daemon printed "start" but never "end"', zh: '守护进程打印了“start”，但始终没有打印“end”' }
            : { en: 'the daemon printed neither "start" nor "end"', zh: '守护进程既没有打印“start”，也没有打印“end”' },
        );
      },
    },
  ],
};
