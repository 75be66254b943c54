// Lesson 12: a zombie is a child that has ended but whose parent has not collected it (wait()).
// Node collects its own children at once, so the parent here is a shell that starts a short
// child and then becomes `sleep` (exec): same pid, same child, and sleep never calls wait().
import { isMainProgram, sleep } from '../runtime/index.js';
import { describeState, readProcState, sameProcess, startFamily, type ProcState } from '../reaper/index.js';

/** How long the zombie is left for you to look at (and to clean up) before this program does it. */
const ZOMBIE_MS = 8000;
/** How often this program looks at the two processes, as `ps` would show them. */
const LOOK_EVERY_MS = 250;
/** Something went wrong if the zombie is still there this long after that. */
const GIVE_UP_MS = 10_000;

// $$ is the shell's own pid, $! the pid of the child it just started in the background.
// A line "@PID PPID text" is shown as the output of PID.
const PARENT_SCRIPT = [
  'sleep 0.3 &',
  'echo "@$$ $PPID parent $$: started child $!; it ends in 0.3 s, and I will never call wait() for it"',
  'exec sleep 60',
].join('\n');

function aboutParent(zombie: ProcState, parent: ProcState | null, reaperPid: number): string {
  if (zombie.ppid === reaperPid) return 'the reaper, which adopted it';
  return parent ? `${parent.name}, state ${parent.state}: alive, not calling wait()` : 'ended';
}

if (isMainProgram(import.meta.url)) {
  if (process.platform === 'win32') {
    console.log('main: Windows has no zombie state: a process that ends leaves the process list at once, and');
    console.log('main: its exit code stays readable through any handle still open to it. Run this lesson on Linux or macOS.');
  } else {
    let saidPids!: (pids: [number, number]) => void;
    const pids = new Promise<[number, number]>((resolve) => (saidPids = resolve));
    const family = await startFamily(['sh', '-c', PARENT_SCRIPT], {
      onLine(line) {
        const m = /^parent (\d+): started child (\d+)/.exec(line.text);
        if (m) saidPids([Number(m[1]), Number(m[2])]);
      },
    });
    const reaper = family.subreaper ? `the subreaper ${family.reaperPid}` : 'pid 1';
    console.log(
      family.subreaper
        ? `main: the reaper is pid ${family.reaperPid}: a subreaper this lesson started; it adopts the orphans below it and collects them`
        : 'main: the reaper is pid 1 (no subreaper here: that needs Linux and python3); it adopts orphans and collects them',
    );
    const said = await Promise.race([pids, family.ended().then(() => null)]);
    const parent0 = said && readProcState(said[0]);
    const child0 = said && readProcState(said[1]);
    if (!said || !parent0 || !child0) {
      console.log('main: the parent and its child ended before they could be watched');
    } else {
      const [parentPid, childPid] = said;
      let zombieSince: number | null = null;
      let parentEndedAt: number | null = null;
      let endedByMe = false;
      let last = { state: '', ppid: 0, at: 0 };
      for (;;) {
        const now = performance.now();
        const child = readProcState(childPid);
        const parent = readProcState(parentPid);
        // A parent that has ended is a zombie itself until the reaper collects it, a moment later.
        const parentLives = sameProcess(parent0, parent) && parent.state !== 'Z';
        if (!parentLives && parentEndedAt === null) {
          parentEndedAt = now;
          console.log(`parent ${parentPid} ended`);
        }
        if (!sameProcess(child0, child)) {
          console.log(`zombie ${childPid} is gone: ${reaper} collected its exit status, and its pid is free again`);
          break;
        }
        if (child.state === 'Z') {
          zombieSince ??= now;
          if (child.state !== last.state || child.ppid !== last.ppid || now - last.at >= 1000) {
            const age = ((now - zombieSince) / 1000).toFixed(0);
            const about = aboutParent(child, parentLives ? parent : null, family.reaperPid);
            console.log(`zombie ${childPid} state Z parent ${child.ppid} (${about}): a zombie for ${age} s; its exit status waits for a wait()`);
            last = { state: child.state, ppid: child.ppid, at: now };
          }
        } else if (child.state !== last.state) {
          console.log(`child ${childPid} state ${child.state} (${describeState(child.state)}) parent ${child.ppid}`);
          last = { state: child.state, ppid: child.ppid, at: now };
        }
        if (zombieSince !== null && parentLives && !endedByMe && now - zombieSince >= ZOMBIE_MS) {
          endedByMe = true;
          console.log(`main: nobody ended parent ${parentPid}: I end it now (SIGTERM), as kill ${parentPid} would`);
          process.kill(parentPid, 'SIGTERM');
        }
        if (zombieSince !== null && now - zombieSince >= ZOMBIE_MS + GIVE_UP_MS) {
          console.log(`main: zombie ${childPid} is still there: ending the whole family`);
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
