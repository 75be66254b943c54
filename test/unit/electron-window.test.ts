// The Electron shell with a fake electron module: the window is locked down, navigation and
// window.open are refused, and IPC from any sender but our page is ignored.
import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { CALL_CHANNEL, createMainWindow, type ElectronModule } from '../../main/electron/window.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import type { AppServices } from '../../main/app/services.js';
import { stubSnapshot } from '../support/stub-services.js';
import type { ProcInfo } from '../../shared/process.js';

function fakeElectron() {
  const handlers = new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>();
  const webContentsListeners = new Map<string, (...args: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  let headersHook: ((details: unknown, cb: (r: unknown) => void) => void) | null = null;
  let permissionHook: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  const created: { options: Record<string, unknown> }[] = [];
  const webContents = {
    on: (name: string, fn: (...args: unknown[]) => void) => webContentsListeners.set(name, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    send: vi.fn(),
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      created.push({ options });
    }
    on() {}
    once() {}
    isDestroyed() {
      return false;
    }
    loadFile() {
      return Promise.resolve();
    }
  }
  const openExternal = vi.fn(async () => undefined);
  const electron = {
    BrowserWindow,
    ipcMain: { handle: (ch: string, fn: never) => handlers.set(ch, fn), removeHandler: (ch: string) => handlers.delete(ch) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: typeof headersHook) => (headersHook = fn) },
        setPermissionRequestHandler: (fn: typeof permissionHook) => (permissionHook = fn),
      },
    },
    shell: { openExternal },
  } as unknown as ElectronModule;
  return { electron, handlers, webContents, webContentsListeners, created, openExternal, open: () => openHandler!, headers: () => headersHook!, permission: () => permissionHook! };
}

const services = () => {
  const dispatch = vi.fn(async (raw: unknown) => ({ id: 1, ok: true as const, result: raw }));
  return { dispatch, onEvent: () => () => undefined, forgetClient: () => undefined } as unknown as AppServices & { dispatch: typeof dispatch };
};

const paths = { preload: '/app/dist/main/electron/preload.cjs', indexHtml: '/app/dist/renderer/index.html' };
const pageUrl = pathToFileURL(path.resolve(paths.indexHtml)).href;

describe('the Electron window', () => {
  it('is created with context isolation, the sandbox, no node integration and web security', () => {
    const fake = fakeElectron();
    createMainWindow(fake.electron, services(), paths);
    const prefs = fake.created[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: paths.preload });
  });

  it('serves a strict Content-Security-Policy header', () => {
    const fake = fakeElectron();
    createMainWindow(fake.electron, services(), paths);
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    fake.headers()({ responseHeaders: {} }, (r) => (result = r as typeof result));
    const csp = result!.responseHeaders['Content-Security-Policy'][0];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses navigation away from the page and every window.open', () => {
    const fake = fakeElectron();
    createMainWindow(fake.electron, services(), paths);
    const preventDefault = vi.fn();
    fake.webContentsListeners.get('will-navigate')!({ preventDefault }, 'https://evil.example/');
    expect(preventDefault).toHaveBeenCalledTimes(1);
    expect(fake.open()({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(fake.open()({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).toHaveBeenCalledTimes(1); // only the http(s) link goes to the OS browser
    const redirect = vi.fn();
    fake.webContentsListeners.get('will-redirect')!({ preventDefault: redirect }, 'https://evil.example/');
    const webview = vi.fn();
    fake.webContentsListeners.get('will-attach-webview')!({ preventDefault: webview });
    expect(redirect).toHaveBeenCalledTimes(1);
    expect(webview).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request (camera, notifications, …)', () => {
    const fake = fakeElectron();
    createMainWindow(fake.electron, services(), paths);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      let granted: boolean | undefined;
      fake.permission()({}, permission, (g) => (granted = g));
      expect(granted).toBe(false);
    }
  });

  it('answers IPC from our page and ignores any other sender', async () => {
    const fake = fakeElectron();
    const svc = services();
    createMainWindow(fake.electron, svc, paths);
    const handler = fake.handlers.get(CALL_CHANNEL)!;
    const request = { id: 1, method: 'snapshot.get', params: {} };
    const ok = await handler({ sender: fake.webContents, senderFrame: { url: pageUrl } }, request);
    expect(ok).toMatchObject({ ok: true });
    const otherSender = await handler({ sender: {}, senderFrame: { url: pageUrl } }, request);
    const otherFrame = await handler({ sender: fake.webContents, senderFrame: { url: 'https://evil.example/' } }, request);
    expect(otherSender).toMatchObject({ ok: false });
    expect(otherFrame).toMatchObject({ ok: false });
    expect(svc.dispatch).toHaveBeenCalledTimes(1);
  });

  it('sends snapshots over IPC as deltas: the full table first, then what changed, and a full one again after the page reloads', () => {
    const fake = fakeElectron();
    let sink: ((m: unknown) => void) | null = null;
    const svc = { dispatch: vi.fn(), onEvent: (s: (m: unknown) => void) => ((sink = s), () => undefined) } as unknown as AppServices;
    createMainWindow(fake.electron, svc, paths);
    const row = (pid: number, cpu: number): ProcInfo => ({
      pid, ppid: 1, startTime: 5, name: 'x', command: 'x', user: 'u', uid: 1, state: 'S', cpu, cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false,
    });
    const tick = (seq: number, cpu: number) => sink!({ event: 'snapshot', data: { ...stubSnapshot(), seq, processes: [row(10, 0), row(11, cpu)] } });
    const sent = () => fake.webContents.send.mock.calls.map((c) => c[1] as { event: string; data: Record<string, unknown> });
    tick(1, 0);
    tick(2, 50);
    sink!({ event: 'lesson.event', data: { runId: 'r', lessonId: 'l', event: { type: 'exit', t: 1 } } });
    fake.webContentsListeners.get('did-start-loading')!();
    tick(3, 60);
    tick(4, 60);
    expect(sent().map((m) => m.event)).toEqual(['snapshot', 'snapshot.delta', 'lesson.event', 'snapshot', 'snapshot.delta']);
    expect(sent()[1].data).toMatchObject({ seq: 2, baseSeq: 1, added: [], removed: [], changed: [{ pid: 11, startTime: 5, set: { cpu: 50 } }] });
    expect(sent()[4].data).toMatchObject({ seq: 4, baseSeq: 3, changed: [] });
  });
});
