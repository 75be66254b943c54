// The host side of the Electron-shaped harness. Electron's binary cannot be had here, so this
// stands in for the runtime and nothing else: the app's real entry (package.json "main") runs in
// a Node process with the stand-in `electron` module (electron.mjs), exactly as Electron would
// load it; each BrowserWindow it creates is shown in Debian's Chromium; the app's real built
// preload runs in the page against a contextBridge/ipcRenderer stand-in whose invoke() reaches
// the app's real ipcMain handlers through playwright's exposeBinding, and webContents.send()
// reaches the page's ipcRenderer listeners.
//
// Where it differs from Electron, by necessity: the preload runs in the page's own world (an init
// script) rather than an isolated one, so the binding it uses is visible to the page; and file://
// pages may load other file:// URLs (Chromium's --allow-file-access-from-files), as Electron
// allows its file:// pages to load their module scripts.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../browser.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../../..');
const STOP_WAIT_MS = 5000;
/** Bounds for the page's work on a slow, shared machine. */
const CAPTURE_TIMEOUT_MS = 90_000;
const PAGE_ACTION_TIMEOUT_MS = 60_000;

export interface HarnessOptions {
  /** The app folder (holding package.json); the repository by default. */
  appDir?: string;
  /** The app's own command-line arguments (after the app folder, as with `electron APP ...`). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface HarnessWindow {
  id: number;
  /** The options the app passed to `new BrowserWindow(...)`. */
  options: { webPreferences?: Record<string, unknown>; width?: number; height?: number; show?: boolean; [k: string]: unknown };
  context: BrowserContext;
  page: Page;
  /** The URL the app loaded (loadFile / loadURL), once it has. */
  loadedUrl: string | null;
  /** Settles when the current load has finished (executeJavaScript waits for it, as in Electron). */
  loading: Promise<void>;
  /** webContents.send messages not yet delivered to the page, in order. */
  outbox: [string, unknown[]][];
  flushing: boolean;
}

export interface DialogAnswer {
  canceled: boolean;
  filePaths: string[];
}

type Message =
  | { kind: 'call'; id: number; op: string; args: Record<string, unknown> }
  | { kind: 'tell'; op: string; args: Record<string, unknown> }
  | { kind: 'reply'; id: number; ok: boolean; value?: unknown; error?: string };

/** The page-side stand-in for the preload's `electron` module, then the real preload source. */
function preloadScript(preloadSource: string): string {
  return `(() => {
  const strict = (target, name) => new Proxy(target, { get(t, key, r) {
    if (typeof key === 'symbol' || key in t || key === 'then' || key === 'toJSON') return Reflect.get(t, key, r);
    throw new Error('electron stand-in (preload): ' + name + '.' + String(key) + ' is not implemented');
  } });
  const invoke = window.__electronHarnessInvoke;
  const listeners = new Map();
  const ipcRenderer = strict({
    invoke: (channel, ...args) => invoke(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  }, 'ipcRenderer');
  const event = strict({ sender: ipcRenderer, senderId: 0 }, 'IpcRendererEvent');
  Object.defineProperty(window, '__electronHarnessEmit', {
    value: (channel, args) => { for (const l of [...(listeners.get(channel) ?? [])]) l(event, ...args); },
  });
  const contextBridge = strict({
    exposeInMainWorld(key, api) {
      // Electron copies the object into the page's world: functions stay callable, the copy is frozen.
      const copy = {};
      for (const [k, v] of Object.entries(api)) copy[k] = typeof v === 'function' ? (...a) => v(...a) : v;
      Object.defineProperty(window, key, { value: Object.freeze(copy), enumerable: true });
    },
  }, 'contextBridge');
  const electron = strict({ contextBridge, ipcRenderer }, 'electron');
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload cannot require "' + name + '"');
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

export class ElectronHarness {
  readonly windows = new Map<number, HarnessWindow>();
  /** Navigations of a window's page that the app refused (will-navigate prevented). */
  readonly refusedNavigations: string[] = [];
  /** What the app asked shell.openExternal to open. */
  readonly openedExternal: string[] = [];
  /** Answers for the app's next dialog.showOpenDialog calls, in order. */
  readonly dialogAnswers: DialogAnswer[] = [];
  /** Everything the app printed (stdout and stderr). */
  output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly windowReady = new Map<number, Promise<HarnessWindow>>();
  private windowWaiters: (() => void)[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  private constructor(
    private readonly child: ChildProcess,
    private readonly browser: Browser,
  ) {
    child.stdout!.on('data', (d) => (this.output += String(d)));
    child.stderr!.on('data', (d) => (this.output += String(d)));
    child.on('message', (m: Message) => void this.onMessage(m));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        for (const p of this.pending.values()) p.reject(new Error('the app exited'));
        this.pending.clear();
        resolve(this.exitInfo);
      }),
    );
  }

  /** Starts Chromium and the app (its package.json "main") under the stand-in electron module. */
  static async start(opts: HarnessOptions = {}): Promise<ElectronHarness> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--allow-file-access-from-files',
      ],
    });
    const child = fork(path.join(HERE, 'boot.mjs'), [opts.appDir ?? REPO_ROOT, ...(opts.args ?? [])], {
      execArgv: ['--import', path.join(HERE, 'register.mjs')],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ...opts.env },
    });
    return new ElectronHarness(child, browser);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The first window, once the app has loaded its page into it. */
  async firstWindow(timeoutMs = 20_000): Promise<HarnessWindow> {
    const end = performance.now() + timeoutMs;
    while (this.windowReady.size === 0) {
      if (this.exitInfo) throw new Error(`the app exited (${JSON.stringify(this.exitInfo)}) before opening a window:\n${this.output}`);
      if (performance.now() > end) throw new Error(`no window within ${timeoutMs} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.windowWaiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    const win = await this.windowReady.values().next().value!;
    while (!win.loadedUrl) {
      if (this.exitInfo) throw new Error(`the app exited before loading its page:\n${this.output}`);
      if (performance.now() > end) throw new Error(`the window loaded no page within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return win;
  }

  /** Asks the app's permission handler (session.setPermissionRequestHandler) about a permission. */
  permission(permission: string): Promise<boolean> {
    return this.callApp('session:permission', { permission }) as Promise<boolean>;
  }

  /** The response headers after the app's session.webRequest.onHeadersReceived hook. */
  responseHeaders(url: string, responseHeaders: Record<string, string[]>): Promise<Record<string, string[]>> {
    return this.callApp('session:headers', { url, responseHeaders }) as Promise<Record<string, string[]>>;
  }

  /** app.quit(), as the window's close button or the OS would; resolves with the exit status. */
  async quit(timeoutMs = 15_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.exitInfo) await this.callApp('app:quit', {}).catch(() => undefined);
    return this.waitForExit(timeoutMs);
  }

  async waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the app did not exit within ${timeoutMs} ms:\n${this.output}`)), timeoutMs)));
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends the app (SIGTERM, then SIGKILL) if still running, and the browser. */
  async close(): Promise<void> {
    if (!this.exitInfo) {
      this.child.kill('SIGTERM');
      await this.waitForExit(STOP_WAIT_MS).catch(() => this.child.kill('SIGKILL'));
      await this.exited;
    }
    await this.browser.close();
  }

  private callApp(op: string, args: Record<string, unknown>): Promise<unknown> {
    if (this.exitInfo) return Promise.reject(new Error('the app has exited'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.child.send({ kind: 'call', id, op, args });
    });
  }

  private async onMessage(m: Message): Promise<void> {
    if (m.kind === 'reply') {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(m.error));
      return;
    }
    if (m.kind === 'tell') return this.onTell(m.op, m.args);
    let reply: Message;
    try {
      reply = { kind: 'reply', id: m.id, ok: true, value: await this.onCall(m.op, m.args) };
    } catch (err) {
      reply = { kind: 'reply', id: m.id, ok: false, error: (err as Error).message };
    }
    if (!this.exitInfo && this.child.connected) this.child.send(reply);
  }

  private onTell(op: string, args: Record<string, unknown>): void {
    const windowId = args.windowId as number;
    if (op === 'window:create') {
      this.windowReady.set(windowId, this.createWindow(windowId, args.options as HarnessWindow['options']));
      for (const wake of this.windowWaiters.splice(0)) wake();
    } else if (op === 'webContents:send') {
      const win = this.windows.get(windowId);
      // Like Electron, dropped when no page is there to listen.
      if (!win?.loadedUrl) return;
      win.outbox.push([args.channel as string, args.args as unknown[]]);
      if (!win.flushing) void this.flush(win);
    } else if (op === 'window:destroy') {
      void this.windowReady.get(windowId)?.then((w) => w.context.close()).catch(() => undefined);
      this.windows.delete(windowId);
    } else {
      throw new Error(`electron harness: unknown message "${op}" from the app`);
    }
  }

  /** Delivers every queued message in order, as many per round trip as have queued up: one
   * page.evaluate per message cannot keep up with 1,000-row snapshots on a slow machine. */
  private async flush(win: HarnessWindow): Promise<void> {
    win.flushing = true;
    while (win.outbox.length) {
      const batch = win.outbox.splice(0);
      // As JSON text: playwright's own argument serialisation is slow for big snapshots.
      await win.page
        .evaluate((json) => {
          const emit = (window as unknown as { __electronHarnessEmit?: (c: string, a: unknown[]) => void }).__electronHarnessEmit;
          for (const [channel, args] of JSON.parse(json) as [string, unknown[]][]) emit?.(channel, args);
        }, JSON.stringify(batch))
        .catch(() => undefined); // the page is navigating or gone: the messages are lost, as in Electron
    }
    win.flushing = false;
  }

  private async onCall(op: string, args: Record<string, unknown>): Promise<unknown> {
    if (op === 'dialog:showOpenDialog') {
      const answer = this.dialogAnswers.shift();
      if (!answer) throw new Error('electron harness: the app opened a file dialog the test did not plan an answer for');
      return answer;
    }
    if (op === 'shell:openExternal') {
      this.openedExternal.push(args.url as string);
      return undefined;
    }
    const win = await this.windowReady.get(args.windowId as number);
    if (!win) throw new Error(`electron harness: no window ${String(args.windowId)}`);
    switch (op) {
      case 'window:load': {
        const url = args.url as string;
        win.loadedUrl = null;
        win.loading = win.page.goto(url, { waitUntil: 'load' }).then(() => undefined);
        await win.loading;
        win.loadedUrl = url;
        return undefined;
      }
      case 'window:capture':
        return win.page.screenshot({ type: 'png', timeout: CAPTURE_TIMEOUT_MS });
      case 'webContents:executeJavaScript':
        // Electron runs it once the page has loaded.
        await win.loading.catch(() => undefined);
        return win.page.evaluate(args.code as string);
      default:
        throw new Error(`electron harness: "${op}" is not implemented`);
    }
  }

  private async createWindow(id: number, options: HarnessWindow['options']): Promise<HarnessWindow> {
    const context = await this.browser.newContext({ viewport: { width: options.width ?? 800, height: options.height ?? 600 } });
    const win: HarnessWindow = { id, options, context, page: null as unknown as Page, loadedUrl: null, loading: Promise.resolve(), outbox: [], flushing: false };
    // The page reaches the app's ipcMain handlers only through this binding, with its frame's URL
    // as event.senderFrame.url (the app checks it).
    await context.exposeBinding('__electronHarnessInvoke', (source, channel: string, args: unknown[]) =>
      this.callApp('ipc:invoke', { windowId: id, channel, args, frameUrl: source.frame.url() }),
    );
    const preload = options.webPreferences?.preload;
    if (typeof preload === 'string') await context.addInitScript({ content: preloadScript(readFileSync(preload, 'utf8')) });
    // Offline, like the app: nothing from the network. A navigation of the page asks the app
    // (will-navigate); one in a new window (window.open) asks its setWindowOpenHandler, and a
    // denied window is closed at once.
    let deniedPopups = 0; // a denied window.open whose page playwright has not reported yet
    const closeStrays = (): boolean => {
      const strays = context.pages().filter((p) => p !== win.page);
      for (const p of strays) void p.close();
      return strays.length > 0;
    };
    context.on('page', (p) => {
      if (p !== win.page && deniedPopups > 0) {
        deniedPopups -= 1;
        void p.close();
      }
    });
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.url().startsWith('file:')) return route.continue();
      // A prevented navigation is aborted (net::ERR_ABORTED): the page stays, with no error page.
      if (request.isNavigationRequest()) {
        let frame: ReturnType<typeof request.frame> | null = null;
        try {
          frame = request.frame();
        } catch {
          // a window.open navigation is issued before its frame exists
        }
        if (!frame || frame.page() !== win.page) {
          const decision = (await this.callApp('window:open', { windowId: id, url: request.url() }).catch(() => ({ action: 'deny' }))) as { action: string };
          if (decision.action !== 'allow') {
            await route.abort('aborted');
            if (!closeStrays()) deniedPopups += 1;
            return;
          }
        } else if (frame === win.page.mainFrame() && win.loadedUrl) {
          const allowed = await this.callApp('window:will-navigate', { windowId: id, url: request.url() }).catch(() => false);
          if (!allowed) {
            this.refusedNavigations.push(request.url());
            return route.abort('aborted');
          }
        }
      }
      return route.abort('internetdisconnected');
    });
    context.setDefaultTimeout(PAGE_ACTION_TIMEOUT_MS);
    win.page = await context.newPage();
    this.windows.set(id, win);
    return win;
  }
}
