// Lesson 12 (zombies): its texts and the observations a run must show.
import { PARENT_ENDED_LINE, SUBREAPER_COLLECTED_LINE, ZOMBIE_GONE_LINE, ZOMBIE_LINE } from '../../../shared/lesson-lines.js';
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { announcedReaper, firstMatch } from '../observe/line-facts.js';
import { secs } from '../observe/run-queries.js';
import { isFamily, shellFamily } from '../observe/shell-family.js';
import { lastTime, lcExitOf, osEvents, reapOf, reaperText } from '../observe/os-facts.js';

/** Exit to reap shorter than this is a parent that waits at once, not a zombie to see. */
const ZOMBIE_MIN_MS = 50;

export const zombie: LessonDefinition = {
  id: 'zombie',
  number: 12,
  endless: false,
  panel: 'zombie',
  title: { en: 'Zombies', zh: '僵尸进程' },
  explanation: {
    en: `When a process ends, the operating system frees its memory, closes its files and stops giving it CPU time, but it keeps one small record: the process's pid and its exit status (how it ended). That record waits for the parent, which collects it by calling wait() (Python: os.wait(), p.join(); Node does it by itself for the children it starts). Until then the ended child is a zombie: \`ps\` shows it with state Z and the command <defunct>.

A zombie uses no CPU and no memory, and no signal can reach it, not even kill -9: it has already ended. What it still holds is its pid and its line in the process table. A few do no harm; a parent that starts children forever without waiting for them fills the table until no new process can start.

Node collects its children at once, so this lesson's parent is not Node: it is a shell that starts a short child (sleep 0.3) in the background, then replaces itself with \`sleep 60\` (exec keeps the pid and the child). sleep never calls wait(): 0.3 s later its child is a zombie. The main program looks at both every quarter second, as ps would, and prints what it sees.

The fix is for the parent to wait for its children. If it never will, end the parent: its children, zombies included, are then orphans, and the reaper adopts them and collects them at once. On Linux the reaper is pid 1 (init, systemd), or the nearest ancestor that asked to be a "child subreaper". This lesson runs the family under its own subreaper (a small python3 program) because pid 1 in some containers is not a real init and never collects anything; where python3 or Linux is missing, the reaper is pid 1.

Look for the zombie in the process table (the Zombies filter), then end its parent with the clean-up button, or wait 8 s and the program ends the parent itself. Watch the zombie vanish.

Windows has no zombie state: a process that ends leaves the process list at once, and its exit code stays readable through any handle still open to it. There this lesson only says so.`,
    zh: `进程结束时，操作系统会释放它的内存、关闭它的文件、不再给它 CPU 时间，但会保留一条小小的记录：进程的 pid 和它的退出状态（它是怎样结束的）。这条记录等着父进程来取：父进程调用 wait()（Python 里是 os.wait()、p.join()；Node 会自动为它启动的子进程做这件事）把它“收走”。在那之前，这个已结束的子进程就是僵尸进程：\`ps\` 显示它的状态为 Z，命令为 <defunct>。

僵尸进程不占 CPU，也不占内存，任何信号都到不了它，连 kill -9 也不行：它已经结束了。它仍然占着的，是它的 pid 和进程表里的一行。少量僵尸无害；但如果父进程不停地创建子进程却从不等待它们，进程表终将被占满，再也无法创建新进程。

Node 会立即收走它的子进程，所以本课的父进程不是 Node，而是一个 shell：它在后台启动一个很短的子进程（sleep 0.3），然后用 \`sleep 60\` 替换自己（exec 保留 pid，也保留子进程）。sleep 从不调用 wait()：0.3 秒后，它的子进程就成了僵尸。主程序每 0.25 秒像 ps 一样查看这两个进程，并打印看到的情况。

解决办法是父进程去等待（wait）它的子进程。如果它永远不会这样做，就结束这个父进程：它的子进程（包括僵尸）随之成为孤儿，由“收养者”（reaper）收养并立即收走。在 Linux 上，收养者是 1 号进程（init、systemd），或者最近的一个声明自己是“子进程收养者”（child subreaper）的祖先进程。本课让这一家进程运行在它自己的收养者（一个小小的 python3 程序）之下，因为在某些容器里 1 号进程并不是真正的 init，从不收走任何进程；如果没有 python3 或不是 Linux，收养者就是 1 号进程。

在进程表中找到这个僵尸（“僵尸”筛选），然后用“清理”按钮结束它的父进程，或者等待 8 秒，程序会自己结束父进程。看着僵尸消失。

Windows 没有僵尸状态：进程一结束就立即从进程列表中消失，它的退出码可以通过仍然打开着的句柄读取。在 Windows 上本课只说明这一点。`,
  },
  observations: [
    {
      id: 'child-is-zombie',
      text: {
        en: 'The ended child shows state Z (<defunct>), still linked to its parent',
        zh: '已结束的子进程显示为状态 Z（<defunct>），仍然挂在它的父进程下',
      },
      check(facts) {
        const f = shellFamily(facts);
        if (!isFamily(f)) return f;
        const os = osEvents(facts);
        if (os === 'wait') return null;
        if (os !== 'sampled') {
          // Traced: the zombie is the time from the child's exit to its reap, as the kernel saw it.
          const exit = lcExitOf(os, f.child);
          if (!exit) return notYet(facts, { en: `pid ${f.child} was never seen to exit`, zh: `始终没有看到 pid ${f.child} 退出` });
          const reap = reapOf(os, f.child, exit.t);
          if (reap && reap.t - exit.t < ZOMBIE_MIN_MS) {
            return failed({
              en: `pid ${f.child} was reaped by ${reap.by} ${Math.round(reap.t - exit.t)} ms after it exited: it was never a zombie for long`,
              zh: `pid ${f.child} 退出后 ${Math.round(reap.t - exit.t)} 毫秒就被 ${reap.by} 收走了：它几乎没有成为僵尸`,
            });
          }
          if (!reap && !facts.ended && lastTime(os) - exit.t < ZOMBIE_MIN_MS) return null;
          const parentExit = lcExitOf(os, f.parent);
          if (parentExit && parentExit.t <= exit.t) {
            return failed({
              en: `pid ${f.child} exited at ${secs(exit.t)}, after its parent ${f.parent} had ended: it was an orphan, not its parent's zombie`,
              zh: `pid ${f.child} 在第 ${secs(exit.t, 'zh')}退出，那时它的父进程 ${f.parent} 已经结束：它是孤儿，不是父进程的僵尸`,
            });
          }
          const until = reap
            ? { en: `until ${reaperText(reap, 'en')} reaped it at ${secs(reap.t)}`, zh: `直到第 ${secs(reap.t, 'zh')}被${reaperText(reap, 'zh')}收走` }
            : { en: 'and was never reaped while the run was watched', zh: '在观察期间一直没有被收走' };
          return held({
            en: `pid ${f.child} exited at ${secs(exit.t)} while its parent ${f.parent} lived and did not wait: a zombie (state Z) ${until.en}`,
            zh: `pid ${f.child} 在第 ${secs(exit.t, 'zh')}退出，它的父进程 ${f.parent} 还活着却没有等待它：它成了僵尸（状态 Z），${until.zh}`,
          });
        }
        const seen = firstMatch(facts.events, ZOMBIE_LINE, (m) => m.nums[0] === f.child && m.nums[1] === f.parent);
        if (seen) {
          return held({
            en: `pid ${f.child} showed state Z with parent ${f.parent} at ${secs(seen.event.t)}: ended, not yet collected`,
            zh: `pid ${f.child} 在第 ${secs(seen.event.t, 'zh')}显示为状态 Z，父进程是 ${f.parent}：它已经结束，但还没有被收走`,
          });
        }
        const gone = firstMatch(facts.events, ZOMBIE_GONE_LINE, (m) => m.nums[0] === f.child);
        if (gone) {
          return failed({
            en: `pid ${f.child} was gone at ${secs(gone.event.t)} without ever being seen as a zombie of ${f.parent}`,
            zh: `pid ${f.child} 在第 ${secs(gone.event.t, 'zh')}消失了，此前从未被看到成为 ${f.parent} 的僵尸子进程`,
          });
        }
        return notYet(facts, {
          en: `pid ${f.child} was never seen as a zombie (state Z) of its parent ${f.parent}`,
          zh: `始终没有看到 pid ${f.child} 成为父进程 ${f.parent} 的僵尸子进程（状态 Z）`,
        });
      },
    },
    {
      id: 'reaped-after-parent-ends',
      text: {
        en: 'It disappears once its parent has ended: the reaper collects it',
        zh: '父进程结束后，它随即消失：收养者把它收走了',
      },
      check(facts) {
        const f = shellFamily(facts);
        if (!isFamily(f)) return f;
        const os = osEvents(facts);
        if (os === 'wait') return null;
        if (os !== 'sampled') {
          // Traced: the reap is the kernel's record of who collected the zombie, and when.
          const reap = reapOf(os, f.child);
          if (!reap) return notYet(facts, { en: `zombie ${f.child} was not seen to be reaped`, zh: `没有看到僵尸进程 ${f.child} 被收走` });
          const parentExit = lcExitOf(os, f.parent);
          if (!parentExit || parentExit.t > reap.t || reap.how === 'parent-wait') {
            return failed({
              en: `zombie ${f.child} was reaped at ${secs(reap.t)} by ${reaperText(reap, 'en')} while its parent ${f.parent} still lived`,
              zh: `僵尸进程 ${f.child} 在第 ${secs(reap.t, 'zh')}被${reaperText(reap, 'zh')}收走，那时它的父进程 ${f.parent} 还活着`,
            });
          }
          return held({
            en: `its parent ${f.parent} ended at ${secs(parentExit.t)}; zombie ${f.child} was adopted and reaped at ${secs(reap.t)} by ${reaperText(reap, 'en')}`,
            zh: `它的父进程 ${f.parent} 在第 ${secs(parentExit.t, 'zh')}结束；僵尸进程 ${f.child} 被收养，并在第 ${secs(reap.t, 'zh')}被${reaperText(reap, 'zh')}收走`,
          });
        }
        const gone = firstMatch(facts.events, ZOMBIE_GONE_LINE, (m) => m.nums[0] === f.child);
        if (!gone) return notYet(facts, { en: `zombie ${f.child} was not seen to go away`, zh: `没有看到僵尸进程 ${f.child} 消失` });
        const parentEnded = firstMatch(facts.events, PARENT_ENDED_LINE, (m) => m.nums[0] === f.parent);
        if (!parentEnded || parentEnded.event.t > gone.event.t) {
          return failed({
            en: `zombie ${f.child} was gone at ${secs(gone.event.t)} while its parent ${f.parent} still lived`,
            zh: `僵尸进程 ${f.child} 在第 ${secs(gone.event.t, 'zh')}消失时，它的父进程 ${f.parent} 还活着`,
          });
        }
        const reaper = announcedReaper(facts.events) ?? 1;
        const ended = `its parent ${f.parent} ended at ${secs(parentEnded.event.t)} and zombie ${f.child} was gone at ${secs(gone.event.t)}`;
        const endedZh = `它的父进程 ${f.parent} 在第 ${secs(parentEnded.event.t, 'zh')}结束，僵尸进程 ${f.child} 在第 ${secs(gone.event.t, 'zh')}消失`;
        if (reaper === 1) return held({ en: `${ended}: pid 1 collected it (no subreaper was available)`, zh: `${endedZh}：1 号进程把它收走了（没有可用的子进程收养者）` });
        const collected = firstMatch(facts.events, SUBREAPER_COLLECTED_LINE, (m) => m.nums[0] === reaper && m.nums[1] === f.child);
        if (!collected) {
          return notYet(facts, { en: `the subreaper ${reaper} never said it collected ${f.child}`, zh: `子进程收养者 ${reaper} 始终没有说它收走了 ${f.child}` });
        }
        return held({ en: `${ended}: the subreaper ${reaper} adopted it and collected it`, zh: `${endedZh}：子进程收养者 ${reaper} 收养了它，并把它收走` });
      },
    },
  ],
};
