// Every message is checked against the contract: malformed ones get an error reply and reach no handler.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatchText } from '../../main/api/dispatch.js';
import { parseRequest, paramChecks } from '../../shared/api.js';
import { stubServices } from '../support/stub-services.js';

describe('the API dispatcher', () => {
  it('answers a valid request with its result and the same id', async () => {
    const { services, calls } = stubServices();
    const res = await services.dispatch({ id: 7, method: 'sampler.configure', params: { intervalMs: 500 } });
    expect(res).toEqual({ id: 7, ok: true, result: { intervalMs: 500, paused: false } });
    expect(calls).toEqual(['sampler.configure']);
  });

  it.each([
    ['malformed JSON', '{"id": 1, "method": ', 'bad-request', /not valid JSON/],
    ['an unknown method', '{"id":2,"method":"process.format","params":{}}', 'unknown-method', /unknown method "process.format"/],
    ['a wrong type', '{"id":3,"method":"sampler.configure","params":{"intervalMs":"fast"}}', 'bad-request', /params.intervalMs must be a number/],
    ['an out-of-range interval', '{"id":4,"method":"sampler.configure","params":{"intervalMs":5}}', 'bad-request', /between 250 and 10000/],
    ['a missing field', '{"id":5,"method":"process.kill","params":{"pid":42}}', 'bad-request', /params.signal must be one of/],
    ['an unknown signal', '{"id":6,"method":"process.kill","params":{"pid":42,"signal":"SIGSEGV"}}', 'bad-request', /must be one of/],
    ['an extra field', '{"id":7,"method":"snapshot.get","params":{"all":true}}', 'bad-request', /unknown field "all"/],
    ['an unknown dialog kind', '{"id":8,"method":"playground.chooseFile","params":{"kind":"folder"}}', 'bad-request', /must be one of script, directory/],
    ['no id', '{"method":"snapshot.get","params":{}}', 'bad-request', /request.id must be a number/],
    ['an array', '[1,2,3]', 'bad-request', /must be an object/],
    ['null', 'null', 'bad-request', /must be an object/],
  ])('refuses %s with a clear error and calls nothing', async (_name, text, code, message) => {
    const { services, calls } = stubServices();
    const res = await dispatchText(services.dispatch, text);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(res.error.message).toMatch(message);
    }
    expect(calls).toEqual([]);
  });

  it('keeps the request id on a refusal so the caller can match it', async () => {
    const { services } = stubServices();
    const res = await services.dispatch({ id: 41, method: 'process.history', params: { pid: 'x', startTime: 1 } });
    expect(res).toMatchObject({ id: 41, ok: false });
  });

  it.each([
    ['no method', { id: 12 }, 12],
    ['a method that is not text', { id: 13, method: 5 }, 13],
    ['an over-long method name', { id: 14, method: 'x'.repeat(65) }, 14],
    ['params but no method', { id: 0, params: {} }, 0],
  ])('answers an envelope with %s using the request\'s own id', async (_name, raw, id) => {
    const { services, calls } = stubServices();
    const res = await services.dispatch(raw);
    expect(res).toMatchObject({ id, ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a negative id', { id: -1 }],
    ['a fractional id', { id: 1.5 }],
    ['a text id', { id: '3' }],
    ['an array', [{ id: 3 }]],
  ])('answers id null when the id itself is invalid (%s)', async (_name, raw) => {
    const { services } = stubServices();
    expect(await services.dispatch(raw)).toMatchObject({ id: null, ok: false });
  });

  it('turns a throwing handler into an error reply', async () => {
    const { services } = stubServices();
    const res = await services.dispatch({ id: 9, method: 'lesson.run', params: { lessonId: 'nope' } });
    expect(res).toEqual({ id: 9, ok: false, error: { code: 'failed', message: 'no lessons in the stub' } });
  });

  it('fuzz: any JSON value either parses into a known method with checked params or throws, never anything else', () => {
    const methods = Object.keys(paramChecks);
    const arbRequest = fc.oneof(
      fc.jsonValue(),
      fc.record({ id: fc.oneof(fc.integer(), fc.double(), fc.string()), method: fc.oneof(fc.constantFrom(...methods), fc.string()), params: fc.jsonValue() }, { requiredKeys: [] }),
      fc.record({ id: fc.nat(), method: fc.constantFrom(...methods), params: fc.dictionary(fc.constantFrom('pid', 'signal', 'startTime', 'tree', 'intervalMs', 'paused', 'lessonId', 'runId'), fc.jsonValue()) }),
    );
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(arbRequest, (raw) => {
        try {
          const req = parseRequest(raw);
          accepted++;
          expect(methods).toContain(req.method);
          expect(Number.isInteger(req.id)).toBe(true);
          // what passed the check passes it again unchanged: the check is the contract
          expect(paramChecks[req.method](req.params, 'params')).toEqual(req.params);
        } catch (e) {
          refused++;
          expect(e).toBeInstanceOf(Error);
          expect((e as Error).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
    console.log(`fuzz: ${accepted + refused} generated requests, ${refused} refused with a message, ${accepted} valid`);
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});
