// One policy, written once in shared/csp.ts: the built page's meta tag is the meta form of it, and
// the header form (web mode, Electron) differs from it only where a meta tag cannot or must not agree.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../shared/csp.js';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d] as const));

describe('the Content-Security-Policy', () => {
  it('is in the built index.html exactly as shared/csp.ts writes it (npm test builds first)', () => {
    const html = readFileSync(path.resolve(import.meta.dirname, '../../dist/renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });

  it('header and meta agree on every directive but framing (header only) and the dev server socket (meta only)', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(CONTENT_SECURITY_POLICY_META);
    expect(header.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(header.get('connect-src')).toBe("connect-src 'self'");
    for (const [name, d] of meta) if (name !== 'connect-src') expect(header.get(name)).toBe(d);
    expect(header.get('script-src')).toBe("script-src 'self'");
  });
});
