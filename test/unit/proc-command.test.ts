// The COMMAND column: cmdline bytes to text, and the bracketed forms ps uses.
import { describe, expect, it } from 'vitest';
import { decodeCmdline, formatCommand } from '../../main/processes/proc-command.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('the command column, as ps prints it', () => {
  it('joins NUL-separated arguments with spaces and drops the final NUL', () => {
    expect(decodeCmdline(bytes('sleep\u000030\u0000'))).toBe('sleep 30');
    expect(decodeCmdline(bytes('sh\u0000-c\u0000sleep 30 & wait\u0000'))).toBe('sh -c sleep 30 & wait');
  });

  it('keeps an empty argument as a double space, and UTF-8 text intact', () => {
    expect(decodeCmdline(bytes('echo\u0000\u0000x\u0000'))).toBe('echo  x');
    expect(decodeCmdline(bytes('echo\u0000进程\u0000'))).toBe('echo 进程');
  });

  it('shows control characters as "?" so a row stays one line', () => {
    expect(decodeCmdline(bytes('printf\u0000a\nb\tc\u0000'))).toBe('printf a?b?c');
  });

  it('trims the NUL or space padding of a process that rewrote its title', () => {
    expect(decodeCmdline(bytes('postgres: writer   \u0000\u0000\u0000'))).toBe('postgres: writer');
    expect(decodeCmdline(bytes(''))).toBe('');
  });

  it('brackets zombies, kernel threads and empty command lines', () => {
    expect(formatCommand('sleep 30', 'sleep', 'S', false)).toBe('sleep 30');
    expect(formatCommand('', 'sleep', 'Z', false)).toBe('[sleep] <defunct>');
    expect(formatCommand('sleep 30', 'sleep', 'Z', false)).toBe('[sleep] <defunct>');
    expect(formatCommand('', 'kworker/0:1', 'I', true)).toBe('[kworker/0:1]');
    expect(formatCommand('', 'cleared', 'S', false)).toBe('[cleared]');
  });
});
