// Electron's entry (package.json "main"). The only module that imports 'electron' at run time;
// web mode, the CLI and the tests never load it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as electron from 'electron';
import { createServices } from '../app/services.js';
import { appRoot, rendererDir } from '../app/paths.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { app, BrowserWindow } = electron;

if (!app.requestSingleInstanceLock()) app.quit();

const services = createServices();

app.whenReady().then(() => {
  services.setExtraSelfPids(() => app.getAppMetrics().map((m) => m.pid));
  services.monitor.start();
  const open = () =>
    createMainWindow(electron, services, {
      preload: path.join(here, 'preload.cjs'),
      indexHtml: path.join(rendererDir, 'index.html'),
      icon: path.join(appRoot, 'assets', 'icon.png'),
    });
  open();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

// Whatever way the app ends, the processes it started end with it.
let disposed = false;
app.on('before-quit', (event) => {
  if (disposed) return;
  event.preventDefault();
  disposed = true;
  void services.dispose().finally(() => app.quit());
});
app.on('window-all-closed', () => app.quit());
app.on('render-process-gone', (_e, _wc, details) => console.error(`procplay: renderer gone (${details.reason})`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
