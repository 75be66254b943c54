// Invisible and control characters in names and command lines are shown as ⟨U+XXXX⟩ escapes.
import { describe, expect, it } from 'vitest';
import { showInvisible } from '../../shared/visible-text.js';
import { formatPs } from '../../main/cli/ps-format.js';
import { label } from '../../main/kill/signal-sender.js';
import { proc } from './renderer-fixtures.js';

describe('showInvisible', () => {
  it('shows bidi controls, zero-width characters, controls and separators as escapes', () => {
    expect(showInvisible('run\u202Egnp.exe')).toBe('run⟨U+202E⟩gnp.exe');
    expect(showInvisible('a\u2066b\u2069c\u200Fd\u061Ce')).toBe('a⟨U+2066⟩b⟨U+2069⟩c⟨U+200F⟩d⟨U+061C⟩e');
    expect(showInvisible('pay\u200Bpal \uFEFF')).toBe('pay⟨U+200B⟩pal ⟨U+FEFF⟩');
    expect(showInvisible('one\ntwo\tthree\x1b[31m\x7f\u0085')).toBe('one⟨U+000A⟩two⟨U+0009⟩three⟨U+001B⟩[31m⟨U+007F⟩⟨U+0085⟩');
    expect(showInvisible('line\u2028para\u2029')).toBe('line⟨U+2028⟩para⟨U+2029⟩');
    expect(showInvisible('tag\u{E0041}')).toBe('tag⟨U+E0041⟩');
  });

  it('leaves ordinary text alone, other scripts and emoji included (the same string, no copy)', () => {
    for (const text of ['python3 demo.py --x=1', 'שלום עולם', 'مرحبا', '进程 游乐场', 'café', '🐍 snake']) expect(showInvisible(text)).toBe(text);
  });

  it('is used by `procplay ps` and by the kill messages', () => {
    const p = proc(4242, 1, { name: 'run\u202Egnp.exe', command: '/tmp/run\u202Egnp.exe 300' });
    const text = formatPs([p], { tree: false, nowMs: Date.now(), width: Infinity });
    expect(text).toContain('/tmp/run⟨U+202E⟩gnp.exe 300');
    expect(text).not.toContain('\u202E');
    expect(label({ pid: 4242, name: 'run\u202Egnp.exe' })).toBe('4242 (run⟨U+202E⟩gnp.exe)');
  });
});
