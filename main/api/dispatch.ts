// Turns one untrusted message (from IPC or the WebSocket) into one response, through the contract's
// checks. Malformed input gets an error reply and changes nothing; a failing handler never crashes the app.
import { InputError } from '../../shared/check.js';
import { type MethodName, type Params, parseRequest, type ResponseMessage, type Result } from '../../shared/api.js';

/** Who sent a request: one object per connection (the window, a WebSocket), for state kept per client. */
export interface CallContext {
  client: object;
}

/** The client of callers that do not say (one shared "anyone"). */
export const ANY_CLIENT: object = Object.freeze({});

export type Handlers = { [M in MethodName]: (params: Params<M>, ctx: CallContext) => Promise<Result<M>> | Result<M> };

export type Dispatch = (raw: unknown, client?: object) => Promise<ResponseMessage>;

/**
 * The request's id when it is a valid one (a whole number ≥ 0), even if the rest of the envelope is not:
 * the caller then learns at once which of its requests failed instead of waiting for a timeout.
 */
export function validId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (raw, client = ANY_CLIENT) => {
    let id: number | null = validId(raw);
    try {
      const req = parseRequest(raw);
      id = req.id;
      const handler = handlers[req.method] as (p: unknown, ctx: CallContext) => Promise<unknown> | unknown;
      return { id, ok: true, result: await handler(req.params, { client }) };
    } catch (err) {
      const e = err as Error & { id?: number; code?: string };
      if (id === null && typeof e.id === 'number') id = e.id;
      if (e.code === 'unknown-method') return { id, ok: false, error: { code: 'unknown-method', message: e.message } };
      if (e instanceof InputError) return { id, ok: false, error: { code: 'bad-request', message: e.message } };
      return { id, ok: false, error: { code: 'failed', message: e?.message ?? String(err) } };
    }
  };
}

/** Parses a text frame; malformed JSON is reported like any other bad request. */
export async function dispatchText(dispatch: Dispatch, text: string, client?: object): Promise<ResponseMessage> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { id: null, ok: false, error: { code: 'bad-request', message: 'request is not valid JSON' } };
  }
  return dispatch(raw, client);
}
