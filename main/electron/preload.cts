// The preload: exposes the contract's two verbs as window.procplay and nothing else. Sandboxed
// preloads may require only 'electron', so this file is self-contained (types only from shared/).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BridgeApi, ResponseMessage } from '../../shared/api.js';

let nextId = 1;

const bridge: BridgeApi = {
  async call(method, params) {
    const response = (await ipcRenderer.invoke('procplay:call', { id: nextId++, method, params })) as ResponseMessage;
    if (!response.ok) throw new Error(response.error.message);
    return response.result;
  },
  on(event, listener) {
    // The Electron event object never reaches the page: only the payload.
    const handler = (_e: IpcRendererEvent, message: { event: string; data: unknown }) => {
      if (message.event === event) listener(message.data);
    };
    ipcRenderer.on('procplay:event', handler);
    return () => {
      ipcRenderer.removeListener('procplay:event', handler);
    };
  },
};

contextBridge.exposeInMainWorld('procplay', bridge);
