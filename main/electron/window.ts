// The Electron shell, kept thin: one locked-down window and one IPC channel that hands every
// message to the same dispatcher web mode uses. It receives the electron module as a parameter
// so unit tests can pass a fake (requiring the real one downloads a binary).
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { AppServices } from '../app/services.js';
import { SnapshotFrames } from '../api/snapshot-frames.js';
import type { Snapshot } from '../../shared/process.js';

export const CALL_CHANNEL = 'procplay:call';
export const EVENT_CHANNEL = 'procplay:event';

export type ElectronModule = Pick<typeof Electron, 'BrowserWindow' | 'ipcMain' | 'session' | 'shell'>;

export interface ShellPaths {
  preload: string;
  indexHtml: string;
  icon?: string;
}

export function webPreferencesFor(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Creates the main window and wires IPC; returns the window. */
export function createMainWindow(electron: ElectronModule, services: AppServices, paths: ShellPaths): Electron.BrowserWindow {
  const win = new electron.BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 500,
    title: 'Process Playground',
    icon: paths.icon,
    show: false,
    webPreferences: webPreferencesFor(paths.preload),
  });
  const pageUrl = pathToFileURL(path.resolve(paths.indexHtml)).href;

  // A strict CSP as a header too (the page also carries it as a meta tag).
  electron.session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  // The page needs no camera, microphone, notifications or any other permission: deny them all.
  electron.session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  // The window shows our page only: no navigation, redirects, webviews or new windows (links open in the OS browser).
  win.webContents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void electron.shell.openExternal(url);
    return { action: 'deny' };
  });

  const isTrustedSender = (event: Electron.IpcMainInvokeEvent): boolean =>
    event.sender === win.webContents && !!event.senderFrame && event.senderFrame.url === pageUrl;

  electron.ipcMain.handle(CALL_CHANNEL, async (event, raw: unknown) => {
    if (win.isDestroyed() || !isTrustedSender(event)) {
      return { id: null, ok: false, error: { code: 'bad-request', message: 'refused: message from an unexpected sender' } };
    }
    return services.dispatch(raw, win.webContents);
  });
  // Snapshots go as deltas, as in web mode: the full table once, then per tick what changed. A page
  // that loads (again) holds no table, so the next tick it is sent is a full one.
  const frames = new SnapshotFrames();
  let pageTableSeq: number | null = null;
  win.webContents.on('did-start-loading', () => {
    pageTableSeq = null;
  });
  const unsubscribe = services.onEvent((message) => {
    if (win.isDestroyed()) return;
    if (message.event !== 'snapshot') return win.webContents.send(EVENT_CHANNEL, message);
    const tick = frames.next(message.data as Snapshot);
    win.webContents.send(EVENT_CHANNEL, tick.messageFor(pageTableSeq));
    pageTableSeq = tick.seq;
  });
  win.on('closed', () => {
    unsubscribe();
    services.forgetClient(win.webContents);
    electron.ipcMain.removeHandler(CALL_CHANNEL);
  });

  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexHtml);
  return win;
}
