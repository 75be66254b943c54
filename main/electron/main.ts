// Electron's entry (package.json "main"). The only module that imports 'electron' at run time;
// web mode, the CLI and the tests never load it.
import * as electron from 'electron';
import { createServices } from '../app/services.js';
import { appRoot, electronPaths } from '../app/paths.js';
import { runSmoke, smokeOptionsFrom } from './smoke.js';
import { createMainWindow } from './window.js';

const { app, BrowserWindow } = electron;
const smoke = smokeOptionsFrom(process.argv);

// A second launch focuses the first window instead of starting a second monitor.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startApp();
}

function startApp(): void {
  let win: electron.BrowserWindow | null = null;
  const services = createServices({
    // "Open script…" (the playground runs the file with the interpreter its extension names) and
    // the working-directory chooser.
    chooseFile: async (kind) => {
      const options: electron.OpenDialogOptions =
        kind === 'directory'
          ? { title: 'Working directory', properties: ['openDirectory', 'createDirectory'] }
          : {
              title: 'Open script',
              properties: ['openFile'],
              filters: [
                { name: 'Programs', extensions: ['py', 'js', 'mjs', 'sh', 'bat', 'cmd', 'ps1'] },
                { name: 'All files', extensions: ['*'] },
              ],
            };
      const result = win && !win.isDestroyed() ? await electron.dialog.showOpenDialog(win, options) : await electron.dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
  });

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    services.setExtraSelfPids(() => app.getAppMetrics().map((m) => m.pid));
    services.monitor.start();
    const open = () => {
      win = createMainWindow(electron, services, electronPaths(appRoot));
      // A crashed page can no longer show or stop what it started: end those runs, then reload.
      win.webContents.on('render-process-gone', (_e, details) => {
        console.error(`procplay: the window's page ended (${details.reason}); stopping its runs and reloading`);
        void Promise.all([services.lessons.stopAll(), services.playground.stopAll()]).finally(() => {
          if (win && !win.isDestroyed()) win.reload();
        });
      });
    };
    open();
    if (smoke) {
      runSmoke(win!, smoke).then(
        (summary) => {
          console.log(summary);
          shutdown(0);
        },
        (err: Error) => {
          console.error(`procplay smoke: FAILED: ${err.message}`);
          shutdown(1);
        },
      );
    }
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
  // The smoke run ends with its verdict as the exit status (app.quit() always exits 0).
  const shutdown = (code: number): void => {
    disposed = true;
    void services.dispose().finally(() => app.exit(code));
  };
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}
