// The source highlighter and what the states / zombie / orphan lessons watch.
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { STATES_WORKER_NAME } from '../../shared/lesson-lines.js';
import { highlightLines, tokenize, tokenizePython } from '../../renderer/src/lessons/highlight.js';
import { diagramState, watchOrphan, watchWorker, watchZombie } from '../../renderer/src/lessons/lesson-watch.js';
import { highlightedPids } from '../../renderer/src/lessons/highlight-pids.js';
import { runsReducer, emptyRuns } from '../../renderer/src/lessons/lesson-run-store.js';
import { proc } from './renderer-fixtures.js';

const out = (t: number, pid: number, text: string): LessonEvent => ({ type: 'output', t, pid, ppid: 1, stream: 'stdout', text });

describe('source highlighting', () => {
  const src = `// Lesson 9: a daemon
import { Process, sleep } from '../runtime/index.js';
/* two
   lines */
export async function job(n: number): Promise<void> {
  const s = \`a \${n}
b\`;
  p1.daemon = true; await sleep(1000); console.log("x\\"y", 0.5, 0x1f);
}`;

  it('gives the source back exactly, token by token', () => {
    expect(tokenize(src).map((t) => t.text).join('')).toBe(src);
    const lines = highlightLines(src);
    expect(lines).toHaveLength(src.split('\n').length);
    expect(lines.map((l) => l.map((t) => t.text).join(''))).toEqual(src.split('\n'));
  });

  it('tells comments, strings, numbers, keywords, types and calls apart', () => {
    const kinds = (text: string) => tokenize(src).filter((t) => t.text === text).map((t) => t.kind);
    expect(tokenize(src)[0]).toEqual({ kind: 'comment', text: '// Lesson 9: a daemon' });
    expect(kinds("'../runtime/index.js'")).toEqual(['string']);
    expect(kinds('"x\\"y"')).toEqual(['string']);
    expect(kinds('1000')).toEqual(['number']);
    expect(kinds('0.5')).toEqual(['number']);
    expect(kinds('0x1f')).toEqual(['number']);
    expect(kinds('async')).toEqual(['keyword']);
    expect(kinds('await')).toEqual(['keyword']);
    expect(kinds('true')).toEqual(['literal']);
    expect(kinds('Promise')).toEqual(['type']);
    expect(kinds('number')).toEqual(['type']);
    expect(kinds('job')).toEqual(['function']);
    expect(kinds('log')).toEqual(['function']);
    expect(kinds('daemon')).toEqual(['property']);
    // A block comment and a template string spanning lines stay one kind on every line.
    const lines = highlightLines(src);
    expect(lines[3]).toEqual([{ kind: 'comment', text: '   lines */' }]);
    expect(lines[6]![0]).toEqual({ kind: 'string', text: 'b`' });
  });
  const py = [
    '# Lesson 9: a daemon',
    'import multiprocessing as mp',
    '',
    'def job(n):',
    '    """Two',
    '    lines."""',
    `    print(f"child {n}: it's #1", 0.5, 0x1f)  # a comment`,
    '    p1.daemon = True; return None',
    '',
    'if __name__ == "__main__":',
    "    mp.set_start_method('fork')",
  ].join('\n');

  it('Python: gives the source back exactly, and tells comments, strings (triple, f), keywords, literals and calls apart', () => {
    expect(tokenizePython(py).map((t) => t.text).join('')).toBe(py);
    const lines = highlightLines(py, 'python');
    expect(lines.map((l) => l.map((t) => t.text).join(''))).toEqual(py.split('\n'));
    const kinds = (text: string) => tokenizePython(py).filter((t) => t.text === text).map((t) => t.kind);
    expect(tokenizePython(py)[0]).toEqual({ kind: 'comment', text: '# Lesson 9: a daemon' });
    expect(kinds(`f"child {n}: it's #1"`)).toEqual(['string']); // a # inside a string is no comment
    expect(kinds('# a comment')).toEqual(['comment']);
    expect(kinds('"__main__"')).toEqual(['string']);
    expect(kinds("'fork'")).toEqual(['string']);
    expect(kinds('0.5')).toEqual(['number']);
    expect(kinds('0x1f')).toEqual(['number']);
    for (const k of ['import', 'as', 'def', 'if', 'return']) expect(kinds(k)).toEqual(['keyword']);
    expect(kinds('True')).toEqual(['literal']);
    expect(kinds('None')).toEqual(['literal']);
    expect(kinds('job')).toEqual(['function']);
    expect(kinds('print')).toEqual(['function']);
    expect(kinds('set_start_method')).toEqual(['function']);
    expect(kinds('daemon')).toEqual(['property']);
    // A triple-quoted string spanning lines stays a string on every line.
    expect(lines[5]).toEqual([{ kind: 'string', text: '    lines."""' }]);
  });

  it('survives unterminated strings and comments, and markup stays plain text', () => {
    for (const bad of ['"abc', '/* never closed', '`tpl', "'a\nb'", '<img src=x onerror=alert(1)>']) {
      expect(tokenize(bad).map((t) => t.text).join('')).toBe(bad);
    }
    expect(highlightLines('')).toEqual([[]]);
  });
});

describe('the states lesson: the worker and its state', () => {
  const events: LessonEvent[] = [
    { type: 'start', t: 0, pid: 100, ppid: 1, name: 'MainProcess', daemon: false },
    { type: 'start', t: 80, pid: 101, ppid: 100, name: 'worker (work)', daemon: false },
    out(100, 100, 'main: the worker is pid 101. Stop it and continue it'),
    out(150, 100, 'worker 101 state R (running)'),
    out(1200, 100, 'worker 101 state S (sleeping)'),
    out(2500, 100, 'worker 101 state T (stopped)'),
  ];
  const startedAt = 50_000;

  it('maps state letters to the diagram', () => {
    expect(diagramState('R')).toBe('running');
    expect(diagramState('S')).toBe('blocked');
    expect(diagramState('D')).toBe('blocked');
    expect(diagramState('T')).toBe('stopped');
    expect(diagramState('Z')).toBe('zombie');
    expect(diagramState('?')).toBeNull();
  });

  it('follows the output lines, and the snapshot when it is newer', () => {
    const w = watchWorker(events, null, startedAt);
    expect(w.pid).toBe(101);
    expect(w.current).toMatchObject({ state: 'stopped', letter: 'T', source: 'output' });
    expect(w.history.map((h) => h.state)).toEqual(['running', 'blocked', 'stopped']);
    expect(w.previous).toBe('blocked'); // the arrow just taken: blocked → stopped
    const older = { takenAt: startedAt + 2000, processes: [proc(101, 100, { state: 'R', startTime: 7 })] };
    expect(watchWorker(events, older, startedAt).current!.state).toBe('stopped');
    const newer = { takenAt: startedAt + 3000, processes: [proc(101, 100, { state: 'R', startTime: 7 })] };
    const w2 = watchWorker(events, newer, startedAt);
    expect(w2.current).toMatchObject({ state: 'running', source: 'snapshot' });
    expect(w2.previous).toBe('stopped');
    expect(w2.startTime).toBe(7);
  });

  it('finds the worker by its start event alone, named as the program names it (shared/lesson-lines.ts)', () => {
    const starts: LessonEvent[] = [
      { type: 'start', t: 0, pid: 100, ppid: 1, name: 'MainProcess', daemon: false },
      { type: 'start', t: 40, pid: 102, ppid: 100, name: 'workers (pool)', daemon: false },
      { type: 'start', t: 80, pid: 101, ppid: 100, name: `${STATES_WORKER_NAME} (work)`, daemon: false },
    ];
    expect(watchWorker(starts, null, startedAt).pid).toBe(101);
    expect(watchWorker(starts.slice(0, 2), null, startedAt).pid).toBeNull();
  });

  it('finds the worker from the main program\'s words alone, and ends with its exit', () => {
    const noStart = events.filter((e) => e.type !== 'start');
    expect(watchWorker(noStart, null, startedAt).pid).toBe(101);
    const ended = watchWorker([...events, { type: 'exit', t: 9000, pid: 101, exitcode: -15, signal: 'SIGTERM' }], null, startedAt);
    expect(ended.ended).toBe(true);
    expect(ended.current!.state).toBe('ended');
    expect(watchWorker([], null, startedAt)).toMatchObject({ pid: null, current: null });
  });
});

describe('the zombie and orphan lessons', () => {
  it('finds the zombie and its parent, reads the table, and sees it go', () => {
    const events = [
      out(100, 4241, 'parent 4241: started child 4242; it ends in 0.3 s, and I will never call wait() for it'),
      out(600, 4000, 'zombie 4242 state Z parent 4241 (sh, sleeping): ended 0 s ago, its exit status waits for a wait()'),
    ];
    const snap = { processes: [proc(4242, 4241, { state: 'Z' }), proc(4241, 4000, { state: 'S', name: 'sleep' })] };
    const w = watchZombie(events, snap);
    expect(w).toMatchObject({ zombiePid: 4242, parentPid: 4241, gone: false, wasZombie: true });
    expect(w.zombie!.state).toBe('Z');
    expect(w.parent!.name).toBe('sleep');
    const gone = watchZombie([...events, out(5000, 4000, 'zombie 4242 is gone: pid 1 collected its exit status')], { processes: [] });
    expect(gone).toMatchObject({ gone: true, zombie: null, parent: null });
    expect(watchZombie([], null).zombiePid).toBeNull();
  });

  it('follows the orphan\'s ppid', () => {
    const events = [
      out(100, 500, 'parent 500: started child 501; I end in 1.5 s without waiting for it'),
      out(1600, 400, 'parent 500 ended'),
      out(1700, 400, 'child 501 ppid changed: 500 -> 399 (its parent ended; the reaper adopted it)'),
    ];
    const w = watchOrphan(events, null);
    expect(w).toMatchObject({ childPid: 501, parentPid: 500, parentEnded: true, ppid: 399 });
    expect(w.changes).toEqual([{ from: 500, to: 399, t: 1700 }]);
    expect(watchOrphan(events.slice(0, 1), { processes: [proc(501, 500)] }).ppid).toBe(500);
  });
});

describe('highlighting the lesson\'s processes in the monitor', () => {
  it('marks the live processes of running runs, and helpers only while they are in the table', () => {
    let s = runsReducer(emptyRuns, {
      type: 'known',
      infos: [
        { runId: 'a', lessonId: 'zombie', language: 'typescript', pid: 10, startedAt: 1, running: true, events: [
          { type: 'start', t: 0, pid: 10, ppid: 1, name: 'MainProcess', daemon: false },
          { type: 'start', t: 5, pid: 11, ppid: 10, name: 'family', daemon: false },
          { type: 'exit', t: 9, pid: 11, exitcode: 0, signal: null },
          out(20, 12, 'parent 12: started child 13'),
          out(30, 13, 'hello'),
        ] },
        { runId: 'b', lessonId: 'join', language: 'python', pid: 20, startedAt: 1, running: false, events: [
          { type: 'start', t: 0, pid: 20, ppid: 1, name: 'MainProcess', daemon: false },
        ] },
      ],
    });
    const snapshot = { processes: [proc(10, 1), proc(12, 10), proc(20, 1)] };
    expect(highlightedPids(Object.values(s.runs), snapshot)).toEqual([10, 12]);
    s = runsReducer(s, { type: 'event', runId: 'a', lessonId: 'zombie', event: { type: 'run-end', t: 99, ok: true, stopped: false }, receivedAt: 100 });
    expect(highlightedPids(Object.values(s.runs), snapshot)).toEqual([]);
  });
});
