// The pure pieces of the lesson runtime, runner and CLI: the exitcode convention, the hand-over
// from parent to child, the event wire format, parent-death detection, paths, and the CLI's
// parsing and formatting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEvent, parseLessonArgs } from '../../main/cli/lesson-command.js';
import { projectRootFrom } from '../../main/lessons/paths.js';
import { childEnv, ENV, readChildConfig, readEventFd, readParentPid } from '../../main/lessons/runtime/env.js';
import { describeExit, toExitcode } from '../../main/lessons/runtime/exit-status.js';
import { parentIsGone } from '../../main/lessons/runtime/parent-watch.js';
import { encodeEvent, EVENT_LINE_MAX_BYTES, parseWireEvent, toLessonEvent, type WireEvent } from '../../main/lessons/wire-event.js';

describe('exitcode', () => {
  it('is the exit status, or minus the signal number', () => {
    expect(toExitcode(0, null)).toBe(0);
    expect(toExitcode(3, null)).toBe(3);
    expect(toExitcode(null, 'SIGKILL')).toBe(-9);
    expect(toExitcode(null, 'SIGTERM')).toBe(-15);
    expect(toExitcode(null, 'SIGINT')).toBe(-2);
    expect(describeExit(-15, 'SIGTERM')).toBe('killed by SIGTERM (exitcode -15)');
    expect(describeExit(1, null)).toBe('exit code 1');
  });
});

describe('the hand-over from parent to child', () => {
  it('round-trips target, arguments, daemon flag and name, and keeps the rest of the environment', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), fc.string({ minLength: 1 }), (args, daemon, name) => {
        const env = childEnv({ HOME: '/h', [ENV.target]: 'old' }, { mainModule: '/l/x.js', target: 'work', args, daemon, name, parentPid: 42, eventFd: 7 });
        expect(env.HOME).toBe('/h');
        expect(env.ELECTRON_RUN_AS_NODE).toBe('1');
        expect(readParentPid(env)).toBe(42);
        expect(readEventFd(env)).toBe(3); // the child finds the channel in slot 3, whatever the parent's fd
        const config = readChildConfig(env)!;
        expect(config).toMatchObject({ mainModule: '/l/x.js', target: 'work', daemon, name });
        expect(config.args).toEqual(JSON.parse(JSON.stringify(args)));
      }),
      { numRuns: 50 },
    );
  });

  it('a main program has no orders; without a listener there is no event fd', () => {
    expect(readChildConfig({ HOME: '/h' })).toBeNull();
    const env = childEnv({}, { mainModule: '/m.js', target: 't', args: [], daemon: false, name: 'n', parentPid: 1, eventFd: null });
    expect(readEventFd(env)).toBeNull();
    expect(() => readChildConfig({ [ENV.target]: 't' })).toThrow(/PROCPLAY_MAIN_MODULE/);
  });
});

describe('the event wire format', () => {
  const output = (text: string): WireEvent => ({ type: 'output', ts: 1000, pid: 5, ppid: 4, stream: 'stdout', text });

  it('parses what it encodes and rejects malformed lines', () => {
    const events: WireEvent[] = [
      { type: 'start', ts: 1, pid: 2, ppid: 1, name: 'P', daemon: true },
      output('hello'),
      { type: 'join-begin', ts: 3, pid: 1, target: 2, timeoutMs: 300 },
      { type: 'join-end', ts: 4, pid: 1, target: 2, timedOut: false },
      { type: 'exit', ts: 5, pid: 2, exitcode: -9, signal: 'SIGKILL' },
    ];
    for (const e of events) expect(encodeEvent(e).map(parseWireEvent)).toEqual([e]);
    for (const bad of ['', 'hello', '[]', '{"type":"exit","ts":1,"pid":2}', '{"type":"observation","ts":1,"pid":1}', '{"type":"output","ts":"x","pid":1,"ppid":1,"stream":"stdout","text":""}']) {
      expect(parseWireEvent(bad)).toBeNull();
    }
  });

  it('splits long output into lines that each fit one atomic pipe write, losing nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 6000 }), (text) => {
        const lines = encodeEvent(output(text));
        for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(EVENT_LINE_MAX_BYTES);
        expect(lines.map((l) => (parseWireEvent(l) as { text: string }).text).join('')).toBe(text);
      }),
      { numRuns: 40 },
    );
  });

  it('puts events on the run clock', () => {
    expect(toLessonEvent(output('x'), 400)).toEqual({ type: 'output', t: 600, pid: 5, ppid: 4, stream: 'stdout', text: 'x' });
  });
});

describe('parent watch', () => {
  it('sees the parent gone when the ppid changed or the parent no longer answers', () => {
    expect(parentIsGone(10, 10, true)).toBe(false);
    expect(parentIsGone(10, 1, true)).toBe(true);
    expect(parentIsGone(10, 10, false)).toBe(true);
  });
});

describe('paths', () => {
  it('finds the project root from the built and the source layout', () => {
    expect(projectRootFrom('/app/dist/main/lessons')).toBe('/app');
    expect(projectRootFrom('/app/main/lessons')).toBe('/app');
  });
});

describe('the lesson command line', () => {
  it('parses verbs, ids and --lang', () => {
    expect(parseLessonArgs(['run', 'join', '--lang', 'zh'])).toEqual({ verb: 'run', id: 'join', lang: 'zh', language: 'typescript', error: null });
    expect(parseLessonArgs(['run', 'join', '--python'])).toEqual({ verb: 'run', id: 'join', lang: 'en', language: 'python', error: null });
    expect(parseLessonArgs(['list', '--python']).error).toMatch(/goes with lesson run/);
    expect(parseLessonArgs(['--lang=zh', 'list'])).toMatchObject({ verb: 'list', lang: 'zh', error: null });
    expect(parseLessonArgs(['run', 'join', '--lang', 'fr']).error).toMatch(/en or zh/);
    expect(parseLessonArgs(['run', 'join', '--lang']).error).toMatch(/en or zh/);
    expect(parseLessonArgs(['run', 'a', 'b']).error).toMatch(/unexpected "b"/);
  });

  it('formats attributed lines and process events', () => {
    expect(formatEvent({ type: 'output', t: 1, pid: 4242, ppid: 4240, stream: 'stdout', text: 'hi' })).toBe('[pid 4242 ppid 4240] hi');
    expect(formatEvent({ type: 'exit', t: 1, pid: 7, exitcode: -9, signal: 'SIGKILL' })).toContain('killed by SIGKILL (exitcode -9)');
    expect(formatEvent({ type: 'exit', t: 1, pid: 7, exitcode: -9, signal: 'SIGKILL' }, 'zh')).toBe('  · pid 7 结束：被 SIGKILL 杀死（exitcode -9）');
    expect(formatEvent({ type: 'start', t: 1, pid: 8, ppid: 7, name: 'Process-1 (job)', daemon: true }, 'zh')).toBe('  · pid 8 由 7 启动：Process-1 (job)（守护进程）');
    expect(formatEvent({ type: 'join-begin', t: 1, pid: 1, target: 2, timeoutMs: null })).toBeNull();
  });
});
