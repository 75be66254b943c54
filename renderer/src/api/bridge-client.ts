// Electron's transport: the preload's window.procplay bridge (IPC), wrapped as the typed
// ApiClient. The IPC channel lives as long as the window, so it is always "open".
import type { ApiEvents, BridgeApi, EventName, MethodName, Params, Result } from '../../../shared/api.js';
import type { AppApiClient, ConnectionState } from './connection.js';

const OPEN: ConnectionState = { status: 'open' };

export function createBridgeClient(bridge: BridgeApi): AppApiClient {
  return {
    transport: 'electron',
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      return bridge.call(method, params) as Promise<Result<M>>;
    },
    on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void {
      return bridge.on(event, listener as (data: unknown) => void);
    },
    connection: () => OPEN,
    onConnection: () => () => {},
  };
}
