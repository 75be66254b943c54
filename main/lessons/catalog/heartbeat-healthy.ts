// Lesson 11 (the healthy variant of lesson 10) (runs until stopped): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { childRunning, exitOf, firstLine, linesOf, secs } from '../observe/run-queries.js';
import { HEARTBEAT } from './heartbeat.js';

/** "About every second". */
const BEAT_GAP_MS = [500, 1600] as const;

export const heartbeatHealthy: LessonDefinition = {
  id: 'heartbeat-healthy',
  number: 11,
  endless: true,
  title: { en: 'Heartbeat monitor (healthy)', zh: '监控报活（正常运行）' },
  explanation: {
    en: `The heartbeat monitor when all is well. The worker analyses logs round after round and never fails; the daemon child reports "I am alive" to the monitoring server every second.

The main program is blocked in join(), waiting for a worker that never ends, so its code never finishes and the daemon is never killed. The heartbeat goes on for as long as the server lives.

This run does not end by itself: press Stop. Stopping ends the whole tree: the main program terminates its children, then itself.`,
    zh: `一切正常时的监控报活。工作进程一轮又一轮地分析日志，从不失败；守护子进程每秒向监控服务器报告“我还活着”。

主程序阻塞在 join() 上，等待一个永远不会结束的工作进程，所以它的代码永远执行不完，守护进程也永远不会被杀死。只要服务器活着，心跳就一直持续。

这次运行不会自己结束：请按“停止”。停止会结束整棵进程树：主程序先终止它的子进程，然后终止自己。`,
  },
  observations: [
    {
      id: 'steady-heartbeat',
      text: { en: 'A heartbeat about every second', zh: '大约每秒一次心跳' },
      check(facts) {
        const beat = childRunning(facts.events, 'heartbeat');
        const beats = beat ? linesOf(facts.events, beat.pid).filter((l) => HEARTBEAT.test(l.text)) : [];
        if (beats.length < 2) return notYet(facts, { en: `only ${beats.length} heartbeat(s) were seen`, zh: `只看到了 ${beats.length} 次心跳` });
        const gap = beats[1]!.t - beats[0]!.t;
        const [from, to] = BEAT_GAP_MS;
        return gap >= from && gap <= to
          ? held({ en: `heartbeats at ${secs(beats[0]!.t)} and ${secs(beats[1]!.t)}`, zh: `心跳出现在第 ${secs(beats[0]!.t, 'zh')}和第 ${secs(beats[1]!.t, 'zh')}` })
          : failed({ en: `${secs(gap)} between the first two heartbeats`, zh: `前两次心跳相隔 ${secs(gap, 'zh')}` });
      },
    },
    {
      id: 'worker-keeps-working',
      text: { en: 'The worker keeps working until the run is stopped', zh: '工作进程一直工作，直到运行被停止' },
      check(facts) {
        const worker = childRunning(facts.events, 'analyseLogs');
        if (!worker) return notYet(facts, { en: 'the worker was not started', zh: '工作进程没有启动' });
        const workerExit = exitOf(facts.events, worker.pid);
        if (workerExit && (facts.stoppedAt === null || workerExit.t < facts.stoppedAt)) {
          return failed({ en: `the worker ended at ${secs(workerExit.t)} before the run was stopped`, zh: `工作进程在第 ${secs(workerExit.t, 'zh')}就结束了，那时运行还没有被停止` });
        }
        if (!facts.ended) return null;
        if (!firstLine(facts.events, worker.pid, /analysing/)) return failed({ en: 'the worker never reported any work', zh: '工作进程从未报告过任何工作' });
        const rounds = linesOf(facts.events, worker.pid).filter((l) => /analysing/.test(l.text)).length;
        return held({ en: `the worker did ${rounds} round(s) of work and ended only when the run was stopped`, zh: `工作进程完成了 ${rounds} 轮工作，直到运行被停止才结束` });
      },
    },
  ],
};
