// Lesson 10 (heartbeat monitor): its texts and the observations a run must show.
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { childRunning, exitOf, firstLine, howEnded, linesOf, mainStart, secs } from '../observe/run-queries.js';

export const HEARTBEAT = /I am alive/;
/** The heartbeat beats every second: it has stopped "right after" within this. */
const STOP_WITHIN_MS = 1500;

export const heartbeat: LessonDefinition = {
  id: 'heartbeat',
  number: 10,
  endless: false,
  title: { en: 'Heartbeat monitor', zh: '守护进程的实际用途：监控报活' },
  explanation: {
    en: `What are daemons for? A classic use is a heartbeat. A server runs a daemon child that tells a central monitoring server "I am alive" every second, while a worker child does the real job (here: analysing logs).

The main program joins the worker: as long as the worker works, the main program waits and the heartbeat keeps beating. After three rounds the worker fails with an error. join() returns, the main program reports the abnormal state, and its code ends. The daemon is killed with it: the heartbeat stops.

The monitoring server does not need to be told that something went wrong: the silence is the message. When the heartbeats stop, it raises the alarm.

The healthy variant (heartbeat-healthy) shows normal operation: the worker never fails, and the heartbeat goes on until you stop it.`,
    zh: `守护进程有什么用？一个经典用途是“报活”（心跳）。服务器运行一个守护子进程，每秒向监控总服务器报告“我还活着”；同时一个工作子进程做真正的任务（这里是分析日志）。

主程序 join 工作进程：只要工作进程还在干活，主程序就一直等待，心跳也持续不断。三轮之后，工作进程出错失败。join() 返回，主程序报告服务器状态异常，代码执行结束。守护进程随之被杀死：心跳停止了。

监控服务器不需要被告知出了问题：沉默本身就是消息。心跳一停，它就会报警。

健康版本（heartbeat-healthy）展示正常运行的情形：工作进程从不失败，心跳一直持续，直到你停止它。`,
  },
  observations: [
    {
      id: 'heartbeats-while-working',
      text: { en: 'Heartbeats come while the worker lives', zh: '工作进程存活期间，心跳不断' },
      check(facts) {
        const beat = childRunning(facts.events, 'heartbeat');
        const worker = childRunning(facts.events, 'analyseLogs');
        const workerExit = worker && exitOf(facts.events, worker.pid);
        if (!beat || !worker || !workerExit) return notYet(facts, { en: 'the worker did not end', zh: '工作进程没有结束' });
        const beats = linesOf(facts.events, beat.pid).filter((l) => HEARTBEAT.test(l.text) && l.t >= worker.t && l.t <= workerExit.t);
        return beats.length >= 2
          ? held({
              en: `${beats.length} heartbeats while the worker ran (${secs(worker.t)} to ${secs(workerExit.t)})`,
              zh: `工作进程运行期间（第 ${secs(worker.t, 'zh')}到第 ${secs(workerExit.t, 'zh')}）有 ${beats.length} 次心跳`,
            })
          : failed({ en: `only ${beats.length} heartbeat(s) while the worker ran`, zh: `工作进程运行期间只有 ${beats.length} 次心跳` });
      },
    },
    {
      id: 'worker-fails',
      text: { en: 'The worker fails and the main program reports it', zh: '工作进程失败，主程序报告异常' },
      check(facts) {
        const main = mainStart(facts.events);
        const worker = childRunning(facts.events, 'analyseLogs');
        const workerExit = worker && exitOf(facts.events, worker.pid);
        if (!main || !worker || !workerExit) return notYet(facts, { en: 'the worker did not end', zh: '工作进程没有结束' });
        if (workerExit.exitcode === 0) return failed({ en: 'the worker ended normally', zh: '工作进程正常结束了' });
        const report = firstLine(facts.events, main.pid, /abnormal/);
        if (!report) return notYet(facts, { en: 'the main program did not report the failure', zh: '主程序没有报告这次失败' });
        return held({
          en: `the worker ended with ${howEnded(workerExit)} at ${secs(workerExit.t)}; the main program reported it at ${secs(report.t)}`,
          zh: `工作进程在第 ${secs(workerExit.t, 'zh')}结束（${howEnded(workerExit, 'zh')}）；主程序在第 ${secs(report.t, 'zh')}报告了这一异常`,
        });
      },
    },
    {
      id: 'heartbeat-stops',
      text: { en: 'The heartbeats stop right after the worker fails', zh: '工作进程失败后，心跳随即停止' },
      check(facts) {
        const beat = childRunning(facts.events, 'heartbeat');
        const worker = childRunning(facts.events, 'analyseLogs');
        const beatExit = beat && exitOf(facts.events, beat.pid);
        const workerExit = worker && exitOf(facts.events, worker.pid);
        if (!beat || !worker || !beatExit || !workerExit) return notYet(facts, { en: 'the heartbeat or the worker did not end', zh: '心跳进程或工作进程没有结束' });
        const lastBeat = linesOf(facts.events, beat.pid).filter((l) => HEARTBEAT.test(l.text)).at(-1);
        const gap = beatExit.t - workerExit.t;
        if (!beatExit.signal || gap > STOP_WITHIN_MS) {
          return failed({
            en: `the heartbeat ended ${secs(gap)} after the worker failed (${howEnded(beatExit)})`,
            zh: `工作进程失败后过了 ${secs(gap, 'zh')}，心跳进程才结束（${howEnded(beatExit, 'zh')}）`,
          });
        }
        const last = lastBeat ? `the last heartbeat at ${secs(lastBeat.t)}; ` : '';
        const lastZh = lastBeat ? `最后一次心跳在第 ${secs(lastBeat.t, 'zh')}；` : '';
        return held({
          en: `${last}the worker failed at ${secs(workerExit.t)}, the heartbeat was ended by ${howEnded(beatExit)} at ${secs(beatExit.t)}`,
          zh: `${lastZh}工作进程在第 ${secs(workerExit.t, 'zh')}失败，心跳进程在第 ${secs(beatExit.t, 'zh')}被 ${howEnded(beatExit, 'zh')} 结束`,
        });
      },
    },
  ],
};
