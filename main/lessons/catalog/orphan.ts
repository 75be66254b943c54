// Lesson 13 (orphans): its texts and the observations a run must show.
import { CHILD_PPID_LINE, PARENT_ENDED_LINE } from '../../../shared/lesson-lines.js';
import { failed, held, notYet, type LessonDefinition } from '../observe/observation.js';
import { announcedReaper, firstMatch, matchingLines } from '../observe/line-facts.js';
import { secs } from '../observe/run-queries.js';
import { isFamily, shellFamily } from '../observe/shell-family.js';


export const orphan: LessonDefinition = {
  id: 'orphan',
  number: 13,
  endless: false,
  panel: 'orphan',
  title: { en: 'Orphans', zh: '孤儿进程' },
  explanation: {
    en: `A parent may end before its child. The child is not ended with it: it runs on, now an orphan. But every process must have a parent, one that will collect its exit status when it ends (see the zombie lesson), so the operating system gives it a new one at once: the reaper. Its ppid changes while it runs.

On Linux the reaper is pid 1 (init, systemd), or the nearest ancestor that asked to be a "child subreaper" (systemd --user, container inits, tini). This lesson runs its family under its own subreaper, a small python3 program, because pid 1 in some containers is not a real init and would never collect the orphan; where python3 or Linux is missing, the reaper is pid 1. macOS gives orphans to launchd, pid 1.

The parent and the child are two small shell programs, not lesson processes: a lesson's own children end as soon as their parent dies (so that a lesson never leaves a process behind), which is exactly what an orphan does not do. The parent starts the child and ends 1.5 s later. The child asks the OS for its ppid every half second ($PPID would not do: the shell reads it once, when it starts) and prints it. The main program watches from outside and prints the change when it sees it.

Watch the child's row in the tree: it moves from under its parent to under the reaper. The app remembers its previous parent.

Windows does not reparent: a process whose parent ended keeps the old parent id, which no longer names a live process and may later be reused by another. There this lesson only says so.`,
    zh: `父进程可能先于子进程结束。子进程并不会随之结束：它继续运行，成了孤儿进程。但每个进程都必须有一个父进程，好在它结束时收走它的退出状态（见“僵尸进程”一课），所以操作系统立即给它指定一个新的父进程：收养者（reaper）。它的 ppid 在运行中发生了变化。

在 Linux 上，收养者是 1 号进程（init、systemd），或者最近的一个声明自己是“子进程收养者”（child subreaper）的祖先进程（systemd --user、容器的 init、tini）。本课让这一家进程运行在它自己的收养者（一个小小的 python3 程序）之下，因为在某些容器里 1 号进程并不是真正的 init，永远不会收走这个孤儿；如果没有 python3 或不是 Linux，收养者就是 1 号进程。macOS 把孤儿交给 1 号进程 launchd。

父进程和子进程是两个小小的 shell 程序，而不是课程进程：课程自己的子进程会在父进程死亡时立即结束（这样课程就不会留下任何进程），而这恰恰是孤儿进程不会做的。父进程启动子进程，1.5 秒后结束。子进程每半秒向操作系统询问一次自己的 ppid 并打印出来（$PPID 不行：shell 只在启动时读取一次）。主程序从外部观察，看到变化时打印出来。

请在进程树中看子进程那一行：它从父进程下面移到了收养者下面。应用会记住它之前的父进程。

Windows 不会重新指定父进程：父进程结束后，子进程保留原来的父进程 id，而这个 id 不再对应任何活着的进程，之后还可能被别的进程重用。在 Windows 上本课只说明这一点。`,
  },
  observations: [
    {
      id: 'ppid-becomes-reaper',
      text: {
        en: "The child's ppid changes from its parent to the reaper",
        zh: '子进程的 ppid 从它的父进程变成了收养者',
      },
      check(facts) {
        const f = shellFamily(facts);
        if (!isFamily(f)) return f;
        const reaper = announcedReaper(facts.events) ?? 1;
        const said = matchingLines(facts.events, CHILD_PPID_LINE).filter((m) => m.nums[0] === f.child);
        const before = said.find((m) => m.nums[1] === f.parent);
        const after = said.find((m) => m.nums[1] === reaper && (!before || m.event.t > before.event.t));
        if (before && after) {
          return held({
            en: `child ${f.child} printed ppid ${f.parent} at ${secs(before.event.t)}, then ppid ${reaper} (the reaper) at ${secs(after.event.t)}`,
            zh: `子进程 ${f.child} 在第 ${secs(before.event.t, 'zh')}打印的 ppid 是 ${f.parent}，随后在第 ${secs(after.event.t, 'zh')}打印的 ppid 是 ${reaper}（收养者）`,
          });
        }
        const other = said.find((m) => m.nums[1] !== f.parent && m.nums[1] !== reaper);
        if (other) {
          return failed({
            en: `child ${f.child} printed ppid ${other.nums[1]}: neither its parent ${f.parent} nor the reaper ${reaper}`,
            zh: `子进程 ${f.child} 打印的 ppid 是 ${other.nums[1]}：既不是它的父进程 ${f.parent}，也不是收养者 ${reaper}`,
          });
        }
        return notYet(
          facts,
          before
            ? { en: `child ${f.child} never printed the reaper ${reaper} as its ppid`, zh: `子进程 ${f.child} 始终没有打印出收养者 ${reaper} 作为它的 ppid` }
            : { en: `child ${f.child} never printed its parent ${f.parent} as its ppid`, zh: `子进程 ${f.child} 始终没有打印出父进程 ${f.parent} 作为它的 ppid` },
        );
      },
    },
    {
      id: 'child-outlives-parent',
      text: {
        en: 'The child runs on after its parent has ended',
        zh: '父进程结束后，子进程继续运行',
      },
      check(facts) {
        const f = shellFamily(facts);
        if (!isFamily(f)) return f;
        const ended = firstMatch(facts.events, PARENT_ENDED_LINE, (m) => m.nums[0] === f.parent);
        if (!ended) return notYet(facts, { en: `parent ${f.parent} was not seen to end`, zh: `没有看到父进程 ${f.parent} 结束` });
        const later = firstMatch(facts.events, CHILD_PPID_LINE, (m) => m.nums[0] === f.child && m.event.t > ended.event.t);
        if (later) {
          return held({
            en: `parent ${f.parent} ended at ${secs(ended.event.t)}; child ${f.child} still printed at ${secs(later.event.t)}`,
            zh: `父进程 ${f.parent} 在第 ${secs(ended.event.t, 'zh')}结束；子进程 ${f.child} 在第 ${secs(later.event.t, 'zh')}仍在打印`,
          });
        }
        return notYet(facts, {
          en: `child ${f.child} printed nothing after its parent ended at ${secs(ended.event.t)}`,
          zh: `父进程在第 ${secs(ended.event.t, 'zh')}结束后，子进程 ${f.child} 再也没有打印任何内容`,
        });
      },
    },
  ],
};
