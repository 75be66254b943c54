// The filter language shared by the monitor's filter box and `procplay ps --filter`: every form
// (word, field:value, /regex/, field:/regex/, !negation, "quoted phrase", AND) and every error.
import { describe, expect, it } from 'vitest';
import { applyFilter, matchesTerms, parseFilter, type FilterContext } from '../../shared/filter.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, extra: Partial<ProcInfo> = {}): ProcInfo => ({
  pid, ppid: 1, startTime: 1000, name: 'sleep', command: 'sleep 60', user: 'alice', uid: 1000, state: 'S', cpu: 0,
  cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false, ...extra,
});

function matches(p: ProcInfo, text: string, ctx?: FilterContext): boolean {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return matchesTerms(p, parsed.terms, ctx);
}

const py = proc(29353, { ppid: 812, name: 'python3', command: 'python3 Demo.py --fast', user: 'bob', state: 'R' });

describe('plain words', () => {
  it('match case-insensitively anywhere in pid, ppid, user, name or command, like grep', () => {
    expect(matches(py, '2935')).toBe(true); // inside the pid
    expect(matches(py, '812')).toBe(true); // the ppid
    expect(matches(py, 'BOB')).toBe(true);
    expect(matches(py, 'demo')).toBe(true);
    expect(matches(py, 'PYTHON3')).toBe(true);
    expect(matches(py, 'perl')).toBe(false);
    expect(matches(proc(10, { command: 'kill -9 4242' }), '4242')).toBe(true);
  });

  it('several terms are ANDed; a quoted phrase is one term', () => {
    expect(matches(py, 'python3 fast')).toBe(true);
    expect(matches(py, 'python3 slow')).toBe(false);
    expect(matches(py, '"demo.py --fast"')).toBe(true);
    expect(matches(py, '"fast demo"')).toBe(false);
  });

  it('a word with slashes inside (a path) is a plain word, and markup is plain text', () => {
    expect(matches(proc(5, { command: '/usr/bin/python3 x' }), 'usr/bin')).toBe(true);
    expect(matches(proc(5, { command: '<img src=x onerror=alert(1)>' }), '<img')).toBe(true);
  });

  it('an empty filter keeps everything (a copy, not the same array)', () => {
    const list = [proc(1), proc(2)];
    const out = applyFilter(list, '   ');
    expect(out).toEqual({ ok: true, list });
    expect(out.ok && out.list).not.toBe(list);
  });
});

describe('field:value', () => {
  it('pid and ppid match exactly', () => {
    expect(matches(py, 'pid:29353')).toBe(true);
    expect(matches(py, 'pid:2935')).toBe(false);
    expect(matches(py, 'ppid:812')).toBe(true);
    expect(matches(py, 'ppid:29353')).toBe(false);
  });

  it('user, name and cmd match a substring of that field only', () => {
    expect(matches(py, 'user:bo')).toBe(true);
    expect(matches(py, 'user:python')).toBe(false);
    expect(matches(py, 'name:PYTH')).toBe(true);
    expect(matches(py, 'name:demo')).toBe(false);
    expect(matches(py, 'cmd:demo.py')).toBe(true);
    expect(matches(py, 'cmd:"Demo.py --fast"')).toBe(true);
    expect(matches(py, 'CMD:fast')).toBe(true); // field names are case-insensitive
  });

  it('state matches any of the letters; z finds zombies, t only traced', () => {
    const z = proc(3, { state: 'Z' });
    const stopped = proc(4, { state: 'T' });
    const traced = proc(5, { state: 't' });
    expect(matches(z, 'state:Z')).toBe(true);
    expect(matches(z, 'state:z')).toBe(true);
    expect(matches(stopped, 'state:ZT')).toBe(true);
    expect(matches(stopped, 'state:t')).toBe(false);
    expect(matches(traced, 'state:t')).toBe(true);
    expect(matches(py, 'state:S')).toBe(false);
  });

  it('port matches a listening port of the process, given the ports', () => {
    const ctx: FilterContext = { portsOf: (pid) => (pid === py.pid ? [8080, 5353] : undefined) };
    expect(matches(py, 'port:8080', ctx)).toBe(true);
    expect(matches(py, 'port:80', ctx)).toBe(false);
    expect(matches(proc(1), 'port:8080', ctx)).toBe(false);
    expect(parseFilter('port:8080')).toMatchObject({ ok: true, needsPorts: true });
    expect(parseFilter('python')).toMatchObject({ ok: true, needsPorts: false });
  });

  it('a word with an unknown field name is a plain word', () => {
    expect(matches(proc(1, { command: 'curl http://x' }), 'http://x')).toBe(true);
  });
});

describe('/regex/', () => {
  it('matches any field, case-insensitively, and may hold spaces', () => {
    expect(matches(py, '/^python\\d$/')).toBe(true);
    expect(matches(py, '/demo\\.py --f/')).toBe(true);
    expect(matches(py, '/^29353$/')).toBe(true);
    expect(matches(py, '/^perl/')).toBe(false);
  });

  it('field:/regex/ matches one field only', () => {
    expect(matches(py, 'name:/^py/')).toBe(true);
    expect(matches(py, 'cmd:/^py.*fast$/')).toBe(true);
    expect(matches(py, 'user:/^py/')).toBe(false);
    expect(matches(py, 'port:/^80/', { portsOf: () => [8080] })).toBe(true);
  });
});

describe('!negation', () => {
  it('negates words, fields and regexes', () => {
    expect(matches(py, '!perl')).toBe(true);
    expect(matches(py, '!python')).toBe(false);
    expect(matches(py, '!user:root')).toBe(true);
    expect(matches(py, '!state:R')).toBe(false);
    expect(matches(py, '!/^py/')).toBe(false);
    expect(matches(py, 'python !slow')).toBe(true);
    expect(matches(proc(1, { command: '!important' }), '!')).toBe(true); // a lone ! is a plain word
  });
});

describe('errors', () => {
  it('a malformed regex gets a message, not an empty result', () => {
    const bad = parseFilter('python /(unclosed/');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^bad regular expression \/\(unclosed\/: /);
    expect(applyFilter([py], 'name:/[z-a]/')).toMatchObject({ ok: false, error: expect.stringMatching(/bad regular expression/) });
  });

  it('an unclosed regex or quote, an empty value and a non-number are reported', () => {
    expect(parseFilter('/abc')).toEqual({ ok: false, error: 'the regular expression /abc is not closed with /' });
    expect(parseFilter('"abc')).toEqual({ ok: false, error: 'the quote "abc is not closed' });
    expect(parseFilter('pid:')).toMatchObject({ ok: false, error: expect.stringMatching(/^pid: needs a value/) });
    expect(parseFilter('port:http')).toEqual({ ok: false, error: 'port: needs a number, got "http"' });
    expect(parseFilter('//')).toMatchObject({ ok: false, error: expect.stringMatching(/empty regular expression/) });
  });
});
