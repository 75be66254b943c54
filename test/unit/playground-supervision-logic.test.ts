// The watchdog's pure parts: the owner marker in an environment, the registration protocol, and
// which processes a sweep signals.
import { describe, expect, it } from 'vitest';
import { appendToken, makeOwnerId, makeToken, matchesAny, ownerPrefix, tokensFromEnviron } from '../../main/supervision/owner-marker.js';
import { encodeCommand, parseCommand } from '../../main/supervision/watchdog-protocol.js';
import { planSweep } from '../../main/supervision/sweep.js';
import type { ScannedProc } from '../../main/supervision/proc-scan.js';
import { watchdogCandidates } from '../../main/supervision/watchdog-path.js';

describe('owner marker', () => {
  it('is a token per run under an owner id that a later app with the same pid cannot match', () => {
    const a = makeOwnerId(4242);
    const b = makeOwnerId(4242);
    expect(a).toMatch(/^4242\.[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(makeToken(a, 'pg-1')).toBe(`${a}/pg-1`);
    expect(makeToken(a, 'pg-1').startsWith(ownerPrefix(a))).toBe(true);
    expect(() => makeToken(a, 'x y')).toThrow(/white space/);
  });
  it('keeps an enclosing owner\'s token when a nested run adds its own', () => {
    expect(appendToken(undefined, 't1')).toBe('t1');
    expect(appendToken('t0', 't1')).toBe('t0 t1');
    expect(appendToken('t0 t1', 't1')).toBe('t0 t1');
  });
  it('is read from a raw environ, first, middle or absent', () => {
    expect(tokensFromEnviron('PROCPLAY_OWNER=a/1 b/2\0PATH=/bin\0')).toEqual(['a/1', 'b/2']);
    expect(tokensFromEnviron('HOME=/root\0PROCPLAY_OWNER=a/1\0X=1')).toEqual(['a/1']);
    expect(tokensFromEnviron('HOME=/root\0XPROCPLAY_OWNER=a/1\0')).toEqual([]);
    expect(tokensFromEnviron('')).toEqual([]);
    expect(matchesAny(['x/1'], new Set(), ['x/'])).toBe(true);
    expect(matchesAny(['x/1'], new Set(['x/2']), ['y/'])).toBe(false);
  });
});

describe('watchdog protocol', () => {
  it('round-trips registrations and ignores anything else', () => {
    expect(parseCommand(encodeCommand({ op: 'track', pgid: 4242, token: 'a.b/pg-1' }).trimEnd())).toEqual({ op: 'track', pgid: 4242, token: 'a.b/pg-1' });
    expect(parseCommand(encodeCommand({ op: 'untrack', pgid: 4242 }).trimEnd())).toEqual({ op: 'untrack', pgid: 4242 });
    for (const bad of ['', '+ 1 t', '+ 0 t', '+ -5 t', '+ 12', '- 12 t', 'rm -rf /', '+ 12 a b', '* 12 t']) expect(parseCommand(bad), bad).toBeNull();
  });
});

describe('sweep plan', () => {
  const proc = (pid: number, pgrp: number, tokens: string[], state = 'S'): ScannedProc => ({ pid, ppid: 1, pgrp, startTime: 1_700_000_000_000 + pid, state, tokens });
  it('signals marked processes and the registered groups that still hold one, never the spared or the dead', () => {
    const scan = [
      proc(100, 100, ['o/1']), // the root of a registered group
      proc(101, 100, []), // env cleared, in the group: reached through the group
      proc(200, 200, ['o/1']), // setsid: found by its marker
      proc(300, 300, []), // a stranger whose pgid was registered (reused id): left alone
      proc(400, 400, ['other/1']),
      proc(500, 500, ['o/2'], 'Z'),
      proc(600, 600, ['o/9']), // spared (the caller)
    ];
    const plan = planSweep(scan, { groups: [100, 300], tokens: new Set(['o/1']), prefixes: ['o/'], spare: new Set([600]) });
    expect(plan.groups).toEqual([100]);
    expect(plan.procs).toEqual([scan[0], scan[2]]); // each as scanned: pinned to its start time
  });
  it('finds the compiled watchdog next to the module or in dist/', () => {
    expect(watchdogCandidates('/app/main/supervision')).toEqual(['/app/main/supervision/watchdog.js', '/app/dist/main/supervision/watchdog.js']);
  });
});
