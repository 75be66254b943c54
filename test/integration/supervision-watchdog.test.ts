// Nothing left behind, whatever way the owner ends: a real owner process (a node child using the
// supervisor, or `procplay run`) starts a stubborn tree (children ignoring SIGTERM, a setsid
// descendant in its own session, one with a cleared environment) and is then SIGKILLed (no
// handler runs), exits without cleaning up, or gets SIGTERM / SIGINT. Every process of the tree
// must be gone within 2 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sleep, until } from '../support/marked-processes.js';
import { INTERRUPT_GRACE_MS } from '../../main/app/limits.js';

const root = process.cwd();
const dist = path.join(root, 'dist/main');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-sup-'));

/** The stubborn tree: SIGTERM ignored everywhere, a setsid sleeper, an env-cleared sleeper (found through its group only). */
const TREE = [
  'trap "" TERM',
  'setsid sleep 300 &',
  'env -i /bin/sleep 301 &',
  `python3 -c "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)" &`,
  'echo tree-ready',
  'sleep 302',
].join('\n');

interface Identity {
  pid: number;
  start: string;
}

function statOf(pid: number): { pgrp: number; start: string; state: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: f[0]!, pgrp: Number(f[2]), start: f[19]! };
  } catch {
    return null;
  }
}

/** Every process now carrying the owner's marker, plus every member of the given group. */
function treeOf(ownerId: string, pgid: number): Identity[] {
  const out: Identity[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const st = statOf(pid);
    if (!st || st.state === 'Z') continue;
    let marked = false;
    try {
      marked = readFileSync(`/proc/${pid}/environ`, 'latin1').includes(`${ownerId}/`);
    } catch {
      // gone or not ours
    }
    if (marked || st.pgrp === pgid) out.push({ pid, start: st.start });
  }
  return out;
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
  } catch {
    return ''; // gone meanwhile (a shell between fork and exec)
  }
}

const alive = (ids: Identity[]) => ids.filter((id) => {
  const st = statOf(id.pid);
  return st !== null && st.start === id.start && st.state !== 'Z';
});

async function allGone(ids: Identity[], ms: number): Promise<Identity[]> {
  await until(() => alive(ids).length === 0, ms);
  return alive(ids);
}

/**
 * The owner's tree once every process of TREE has started and exec'd (all three kinds are seen):
 * the sync point for the tests, instead of a sleep. Fails the test with what it saw if not by 10 s.
 */
async function wholeTree(ownerId: string, root: number): Promise<Identity[]> {
  let tree: Identity[] = [];
  let cmdlines: string[] = [];
  const complete = () => {
    tree = treeOf(ownerId, root);
    cmdlines = tree.map((id) => cmdlineOf(id.pid));
    return cmdlines.some((c) => c.startsWith('sleep 300')) && cmdlines.some((c) => c.startsWith('/bin/sleep 301')) && cmdlines.some((c) => c.includes('SIG_IGN'));
  };
  const seen = await until(complete, 10_000);
  leftovers.push(...tree);
  expect(seen, `the setsid sleeper, the env-cleared sleeper and the python child; saw ${JSON.stringify(cmdlines)}`).toBe(true);
  return tree;
}

const owners: ChildProcess[] = [];
const leftovers: Identity[] = [];

function startOwner(script: string, args: string[] = []): { proc: ChildProcess; lines: string[]; errLines: string[] } {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tmp });
  owners.push(proc);
  const lines: string[] = [];
  const errLines: string[] = [];
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => lines.push(...d.split('\n').filter(Boolean)));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => errLines.push(...d.split('\n').filter(Boolean)));
  return { proc, lines, errLines };
}

async function waitFor<T>(get: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const OWNER = path.join(tmp, 'owner.mjs');
const CLI = path.join(tmp, 'cli.mjs');

beforeAll(() => {
  for (const f of ['supervision/watchdog.js', 'supervision/supervisor.js', 'cli/run-command.js']) {
    if (!existsSync(path.join(dist, f))) throw new Error(`dist/main/${f} is missing: run npm run build (or npx tsc -p tsconfig.main.json) first`);
  }
  writeFileSync(OWNER, `
import { spawn } from 'node:child_process';
import { createSupervisor } from ${JSON.stringify(path.join(dist, 'supervision/supervisor.js'))};
const sup = createSupervisor();
const { token, envName, envValue } = sup.markerFor('tree-1');
await sup.prepare();
const child = spawn('/bin/sh', ['-c', ${JSON.stringify(TREE)}], { detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, [envName]: envValue } });
sup.track(child.pid, token);
child.stdout.on('data', () => {
  console.log(JSON.stringify({ ownerId: sup.ownerId, watchdog: sup.watchdogPid(), root: child.pid }));
});
// 'exit': leave without cleaning up when the test says so (after it has seen the whole tree).
if (process.argv[2] === 'exit') process.on('SIGUSR2', () => process.exit(0));
setInterval(() => {}, 1000);
`);
  writeFileSync(CLI, `
import { runRunCommand } from ${JSON.stringify(path.join(dist, 'cli/run-command.js'))};
import { getSupervisor } from ${JSON.stringify(path.join(dist, 'supervision/supervisor.js'))};
console.error('owner ' + getSupervisor().ownerId);
process.exitCode = await runRunCommand(process.argv.slice(2), undefined, { stdin: null });
`);
});

afterEach(async () => {
  for (const p of owners.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  // Never leave anything, even when a test failed.
  for (const id of alive(leftovers.splice(0))) {
    try {
      process.kill(id.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the watchdog (Linux)', () => {
  for (const ending of ['SIGKILL', 'exit'] as const) {
    it(`ends the whole tree within 2 s when its owner ${ending === 'SIGKILL' ? 'is SIGKILLed' : 'exits without cleaning up'}`, async () => {
      const owner = startOwner(OWNER, ending === 'exit' ? ['exit'] : []);
      const ready = await waitFor(() => owner.lines.map((l) => JSON.parse(l) as { ownerId: string; watchdog: number; root: number })[0], 10_000, 'the tree');
      const tree = await wholeTree(ready.ownerId, ready.root);
      expect(tree.length).toBeGreaterThanOrEqual(5);
      // The setsid sleeper really left the group: only the marker finds it.
      expect(tree.some((id) => statOf(id.pid)!.pgrp !== ready.root)).toBe(true);
      const watchdog = { pid: ready.watchdog, start: statOf(ready.watchdog)!.start };
      leftovers.push(watchdog);

      const t0 = performance.now();
      owner.proc.kill(ending === 'SIGKILL' ? 'SIGKILL' : 'SIGUSR2');
      expect(await allGone(tree, 2000), 'survivors').toEqual([]);
      expect(await allGone([watchdog], 1000), 'the watchdog itself').toEqual([]);
      expect(performance.now() - t0).toBeLessThan(3500);
    });
  }

  it('procplay run: SIGKILL of the command leaves nothing behind', async () => {
    const cli = startOwner(CLI, ['--', TREE]);
    const ownerId = await waitFor(() => cli.errLines.find((l) => l.startsWith('owner '))?.slice(6), 10_000, 'the owner id');
    await waitFor(() => (cli.lines.includes('tree-ready') ? true : undefined), 10_000, 'the tree');
    const rootLine = await waitFor(() => cli.errLines.find((l) => / sh \(ppid \d+\)$/.test(l)), 1000, 'the root line');
    const rootPid = Number(rootLine.split(' ')[1]);
    const tree = await wholeTree(ownerId, rootPid);
    expect(tree.length).toBeGreaterThanOrEqual(5);
    cli.proc.kill('SIGKILL');
    expect(await allGone(tree, 2000), 'survivors').toEqual([]);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`procplay run: ${signal} stops the whole tree and exits with the program's status`, async () => {
      const cli = startOwner(CLI, ['--', TREE]);
      const ownerId = await waitFor(() => cli.errLines.find((l) => l.startsWith('owner '))?.slice(6), 10_000, 'the owner id');
      await waitFor(() => (cli.lines.includes('tree-ready') ? true : undefined), 10_000, 'the tree');
      const rootPid = Number((await waitFor(() => cli.errLines.find((l) => / sh \(ppid \d+\)$/.test(l)), 1000, 'the root line')).split(' ')[1]);
      const tree = await wholeTree(ownerId, rootPid);
      const exited = new Promise<number | null>((resolve) => cli.proc.on('exit', (code) => resolve(code)));
      cli.proc.kill(signal);
      // SIGINT is Ctrl+C: it goes to the program's group, as a terminal's does. The script's
      // foreground sleep and then the script itself end by it (exit 130 = 128 + SIGINT); its
      // background jobs ignore SIGINT, and the end of the run sweeps them. SIGTERM is ignored by
      // the whole tree: the stop escalates to SIGKILL after 1 s (exit 137).
      expect(await allGone(tree, signal === 'SIGINT' ? INTERRUPT_GRACE_MS + 3000 : 2000), 'survivors').toEqual([]);
      if (signal === 'SIGINT') {
        expect(await exited).toBe(130);
        expect(cli.errLines.some((l) => l.includes('Ctrl+C: sent SIGINT to the program'))).toBe(true);
      } else {
        expect(await exited).toBe(137);
        expect(cli.errLines.some((l) => l.includes('SIGTERM: SIGTERM to the program and all its processes'))).toBe(true);
        expect(cli.errLines.some((l) => l.includes('stopped: ended by SIGKILL'))).toBe(true);
      }
    });
  }
});
