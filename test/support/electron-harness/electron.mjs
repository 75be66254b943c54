// The stand-in `electron` module for the app's main process in the test harness: only what the
// app calls, each piece shaped like Electron's API. Windows live in the host process (the test),
// which shows them in Chromium; the two talk over the IPC channel of this Node process, as
// Electron's main process talks to its renderers. Anything not implemented throws at once
// (`strict`), so the app can never silently get `undefined` where Electron would give it a value.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

if (typeof process.send !== 'function') throw new Error('electron stand-in: run by the harness host (it needs an IPC channel)');

/** Wraps an object so reading a member it does not have throws, naming the member. */
function strict(target, name) {
  return new Proxy(target, {
    get(t, key, receiver) {
      // Promise resolution probes `then`; inspection probes symbols and toJSON.
      if (typeof key === 'symbol' || key in t || key === 'then' || key === 'toJSON') return Reflect.get(t, key, receiver);
      throw new Error(`electron stand-in: ${name}.${String(key)} is not implemented (test/support/electron-harness/electron.mjs)`);
    },
  });
}

// ---- the channel to the host -------------------------------------------------------------------

let nextCallId = 1;
const pending = new Map();

/** Asks the host to do something with a window (or a dialog); resolves with its answer. */
function callHost(op, args) {
  return new Promise((resolve, reject) => {
    const id = nextCallId++;
    pending.set(id, { resolve, reject });
    process.send({ kind: 'call', id, op, args });
  });
}

/** Tells the host something that needs no answer (webContents.send). */
function tellHost(op, args) {
  process.send({ kind: 'tell', op, args });
}

/** What the host may ask of the main process: each answered by the app's own handlers. */
const fromHost = {
  'ipc:invoke': ({ windowId, channel, args, frameUrl }) => {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const win = windowsById.get(windowId);
    const event = strict({ sender: win?.webContents ?? null, senderFrame: strict({ url: frameUrl }, 'WebFrameMain'), frameId: 1, processId: 1, type: 'frame' }, 'IpcMainInvokeEvent');
    return handler(event, ...args);
  },
  'window:will-navigate': ({ windowId, url }) => {
    const win = windowsById.get(windowId);
    if (!win) return false;
    const event = preventable({ url });
    win.webContents.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  },
  'window:open': ({ windowId, url }) => {
    const handler = windowsById.get(windowId)?.webContents._openHandler;
    if (!handler) return { action: 'allow' };
    return handler(strict({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } }, 'HandlerDetails'));
  },
  'session:permission': ({ permission }) =>
    new Promise((resolve) => {
      const handler = sessionHooks.permission;
      if (!handler) return resolve(true); // Electron grants by default
      handler(windowsById.values().next().value?.webContents ?? null, permission, resolve, { requestingUrl: '' });
    }),
  'session:headers': ({ url, responseHeaders }) =>
    new Promise((resolve) => {
      const hook = sessionHooks.headersReceived;
      if (!hook) return resolve(responseHeaders);
      hook({ url, responseHeaders, resourceType: 'mainFrame', method: 'GET', statusCode: 200 }, (r) => resolve(r.responseHeaders ?? responseHeaders));
    }),
  'app:quit': () => void app.quit(),
};

process.on('message', (m) => {
  if (m.kind === 'reply') {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.value);
    else p?.reject(new Error(m.error));
  } else if (m.kind === 'call') {
    Promise.resolve()
      .then(() => {
        const op = fromHost[m.op];
        if (!op) throw new Error(`electron stand-in: the host asked for "${m.op}"`);
        return op(m.args);
      })
      .then(
        (value) => process.send({ kind: 'reply', id: m.id, ok: true, value }),
        (err) => process.send({ kind: 'reply', id: m.id, ok: false, error: String(err?.message ?? err) }),
      );
  }
});

function preventable(fields = {}) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

// ---- app ---------------------------------------------------------------------------------------

let markAppReady;
const readyPromise = new Promise((resolve) => (markAppReady = resolve));
let ready = false;
let quitting = false;

/** Called by boot.mjs once the entry module has run, as Electron emits 'ready' after it. */
export function markReady() {
  ready = true;
  app.emit('will-finish-launching');
  app.emit('ready', preventable(), {});
  markAppReady();
}

class App extends EventEmitter {
  requestSingleInstanceLock() {
    // The harness runs one instance per test: the lock is always ours ('second-instance' never fires).
    return true;
  }
  whenReady() {
    return readyPromise;
  }
  isReady() {
    return ready;
  }
  getAppMetrics() {
    // The main process only: the page's Chromium processes belong to the test's browser.
    return [strict({ pid: process.pid, type: 'Browser', creationTime: Date.now() - process.uptime() * 1000 }, 'ProcessMetric')];
  }
  quit() {
    if (quitting) return;
    const before = preventable();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    quitting = true;
    for (const win of [...windowsById.values()]) win.destroy();
    const will = preventable();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      quitting = false;
      return;
    }
    this.emit('quit', preventable(), 0);
    process.exit(0);
  }
  exit(code = 0) {
    process.exit(code);
  }
}

export const app = strict(new App(), 'app');

// ---- windows -----------------------------------------------------------------------------------

const windowsById = new Map();
let nextWindowId = 1;

/** The harness shows sandboxed, isolated pages without Node only: refuse to pretend otherwise. */
function checkWebPreferences(prefs = {}) {
  const unsupported = [];
  if (prefs.contextIsolation === false) unsupported.push('contextIsolation: false');
  if (prefs.sandbox === false) unsupported.push('sandbox: false');
  if (prefs.nodeIntegration === true) unsupported.push('nodeIntegration: true');
  if (prefs.nodeIntegrationInWorker === true) unsupported.push('nodeIntegrationInWorker: true');
  if (prefs.webviewTag === true) unsupported.push('webviewTag: true');
  if (unsupported.length) throw new Error(`electron stand-in: cannot emulate a window with ${unsupported.join(', ')}`);
}

function nativeImage(png) {
  const buffer = Buffer.from(png);
  return strict({ isEmpty: () => buffer.length === 0, toPNG: () => buffer, getSize: () => ({ width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) }) }, 'NativeImage');
}

class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.id = win.id;
    this._win = win;
    this._openHandler = null;
    this._url = '';
  }
  send(channel, ...args) {
    if (this._win._destroyed) throw new Error('Object has been destroyed');
    tellHost('webContents:send', { windowId: this.id, channel, args });
  }
  setWindowOpenHandler(handler) {
    this._openHandler = handler;
  }
  executeJavaScript(code) {
    return callHost('webContents:executeJavaScript', { windowId: this.id, code });
  }
  getURL() {
    return this._url;
  }
  isDestroyed() {
    return this._win._destroyed;
  }
  reload() {
    void this._win.loadURL(this._url);
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windowsById.values()];
  }

  constructor(options = {}) {
    super();
    checkWebPreferences(options.webPreferences);
    this.id = nextWindowId++;
    this._destroyed = false;
    this._visible = options.show !== false;
    this._shownOnce = false;
    this._options = options;
    const self = strict(this, 'BrowserWindow');
    this.webContents = strict(new WebContents(self), 'webContents');
    windowsById.set(this.id, self);
    tellHost('window:create', { windowId: this.id, options });
    return self;
  }

  loadFile(file) {
    return this.loadURL(pathToFileURL(path.resolve(file)).href);
  }

  async loadURL(url) {
    this.webContents._url = url;
    await callHost('window:load', { windowId: this.id, url });
    this.webContents.emit('did-finish-load', preventable());
    if (!this._shownOnce) {
      this._shownOnce = true;
      this.emit('ready-to-show', preventable());
    }
  }

  capturePage() {
    return callHost('window:capture', { windowId: this.id }).then(nativeImage);
  }

  show() {
    this._visible = true;
  }
  isVisible() {
    return this._visible;
  }
  isDestroyed() {
    return this._destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  reload() {
    this.webContents.reload();
  }
  close() {
    const event = preventable();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  destroy() {
    if (this._destroyed) return;
    this._destroyed = true;
    windowsById.delete(this.id);
    tellHost('window:destroy', { windowId: this.id });
    this.emit('closed');
    if (windowsById.size === 0 && !quitting) app.emit('window-all-closed');
  }
}

// ---- IPC, session, dialog, shell -----------------------------------------------------------

const invokeHandlers = new Map();

export const ipcMain = strict(
  {
    handle(channel, handler) {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      invokeHandlers.set(channel, handler);
    },
    removeHandler(channel) {
      invokeHandlers.delete(channel);
    },
  },
  'ipcMain',
);

const sessionHooks = { permission: null, headersReceived: null };

export const session = strict(
  {
    defaultSession: strict(
      {
        setPermissionRequestHandler(handler) {
          sessionHooks.permission = handler;
        },
        webRequest: strict(
          {
            onHeadersReceived(filterOrListener, maybeListener) {
              sessionHooks.headersReceived = maybeListener ?? filterOrListener;
            },
          },
          'session.defaultSession.webRequest',
        ),
      },
      'session.defaultSession',
    ),
  },
  'session',
);

export const dialog = strict(
  {
    showOpenDialog(winOrOptions, maybeOptions) {
      const options = maybeOptions ?? winOrOptions;
      return callHost('dialog:showOpenDialog', { options });
    },
  },
  'dialog',
);

export const shell = strict(
  {
    openExternal(url) {
      return callHost('shell:openExternal', { url });
    },
  },
  'shell',
);
