// Lesson 13: an orphan is a process whose parent ended first. It runs on, and the reaper adopts
// it: its ppid changes. The parent and child here are shells: the runtime's own children end
// with their parent (so that a lesson never leaves a process behind), which would hide it.
import { isMainProgram, sleep } from '../runtime/index.js';
import { readProcState, sameProcess, startFamily } from '../reaper/index.js';

/** How often this program looks at the child's ppid. */
const LOOK_EVERY_MS = 100;
/** Something went wrong if the family is still there after this long. */
const GIVE_UP_MS = 15_000;

// The child asks the OS for its ppid every half second ($PPID would not do: the shell reads it
// once, at start). A line "@PID PPID text" is shown as the output of PID.
const CHILD_SCRIPT = `for i in 1 2 3 4 5 6 7 8; do
  ppid=$(ps -o ppid= -p $$ | tr -d ' ')
  echo "@$$ $ppid child $$: my ppid is $ppid"
  sleep 0.5
done`;

// The parent starts the child in the background ($! is its pid) and ends 1.5 s later without waiting for it.
const PARENT_SCRIPT = `sh -c "$1" &
echo "@$$ $PPID parent $$: started child $!; I end in 1.5 s without waiting for it"
sleep 1.5
echo "@$$ $PPID parent $$: ending now, while my child $! still runs"`;

if (isMainProgram(import.meta.url)) {
  if (process.platform === 'win32') {
    console.log('main: Windows has no reparenting: a process whose parent ends keeps the old parent id, which no longer');
    console.log('main: names a live process (and may be reused). Run this lesson on Linux or macOS.');
  } else {
    let saidPids!: (pids: [number, number]) => void;
    const pids = new Promise<[number, number]>((resolve) => (saidPids = resolve));
    const family = await startFamily(['sh', '-c', PARENT_SCRIPT, 'sh', CHILD_SCRIPT], {
      onLine(line) {
        const m = /^parent (\d+): started child (\d+)/.exec(line.text);
        if (m) saidPids([Number(m[1]), Number(m[2])]);
      },
    });
    console.log(
      family.subreaper
        ? `main: the reaper is pid ${family.reaperPid}: a subreaper this lesson started; orphans below it become its children`
        : 'main: the reaper is pid 1 (no subreaper here: that needs Linux and python3); orphans become its children',
    );
    const said = await Promise.race([pids, family.ended().then(() => null)]);
    const child0 = said && readProcState(said[1]);
    if (!said || !child0) {
      console.log('main: the parent and its child ended before they could be watched');
    } else {
      const [parentPid, childPid] = said;
      const giveUpAt = performance.now() + GIVE_UP_MS;
      let ppid = child0.ppid;
      let parentEnded = false;
      for (;;) {
        const child = readProcState(childPid);
        const parent = readProcState(parentPid);
        if (!parentEnded && (!parent || parent.state === 'Z')) {
          parentEnded = true;
          console.log(`parent ${parentPid} ended`);
        }
        if (!sameProcess(child0, child) || child.state === 'Z') {
          console.log(`child ${childPid} ended; its new parent, the reaper ${ppid}, collects it`);
          break;
        }
        if (child.ppid !== ppid) {
          console.log(`child ${childPid} ppid changed: ${ppid} -> ${child.ppid} (its parent ended; the reaper adopted it)`);
          ppid = child.ppid;
        }
        if (performance.now() > giveUpAt) {
          console.log(`main: child ${childPid} is still running: ending the whole family`);
          break;
        }
        await sleep(LOOK_EVERY_MS);
      }
    }
    // The reaper ends by itself once it has nobody left to collect.
    await family.join(3000);
    if (family.isAlive()) {
      family.terminate();
      await family.join();
    }
  }
}
