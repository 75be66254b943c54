// uid → user name, as ps shows it, with the number as the fallback.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createUserNames, parsePasswd } from '../../main/processes/passwd.js';

describe('user names from /etc/passwd', () => {
  it('maps uids to names, first entry wins, malformed lines ignored', () => {
    const names = parsePasswd('root:x:0:0:root:/root:/bin/bash\n# comment\nbroken\nalice:x:1000:1000::/home/alice:/bin/sh\ntwin:x:1000:1000::/:/bin/sh\n:x:5:5::/:/bin/sh\n');
    expect([...names]).toEqual([[0, 'root'], [1000, 'alice']]);
  });

  it('names this process owner as os.userInfo() does, and shows an unknown uid as its number', () => {
    const userName = createUserNames();
    const me = os.userInfo();
    expect(userName(me.uid)).toBe(me.username);
    expect(userName(4_000_000_123)).toBe('4000000123');
  });

  it('falls back to numbers when the passwd file cannot be read', () => {
    expect(createUserNames('/nonexistent/passwd')(0)).toBe('0');
  });
});
