// `procplay web` options go through util.parseArgs; its errors are said in procplay's words.
import { describe, expect, it } from 'vitest';
import { parseWebArgs } from '../../main/web/serve.js';

describe('procplay web options', () => {
  it('defaults to any free port on loopback, and reads --port and --host', () => {
    expect(parseWebArgs([])).toEqual({ port: 0, host: '127.0.0.1' });
    expect(parseWebArgs(['--port', '8080', '--host', '::1'])).toEqual({ port: 8080, host: '::1' });
    expect(parseWebArgs(['--port=9000'])).toEqual({ port: 9000, host: '127.0.0.1' });
  });

  it('refuses bad input with one clear line', () => {
    expect(() => parseWebArgs(['--bogus'])).toThrow(/unknown option "--bogus"/);
    expect(() => parseWebArgs(['--port'])).toThrow(/^--port needs a value$/);
    expect(() => parseWebArgs(['--port', '99999'])).toThrow(/--port must be a number from 0 to 65535, got "99999"/);
    expect(() => parseWebArgs(['--port', '-1'])).toThrow(/--port/);
    expect(() => parseWebArgs(['extra'])).toThrow(/unexpected argument: extra/);
  });
});
