// `npm start`: opens the Electron window; where Electron's binary cannot be had (an offline
// machine), says so in one line and runs web mode instead. Resolving the binary happens in a
// child process because require('electron') may try (and fail) to download it.
import { spawn } from 'node:child_process';
import { appRoot } from '../app/paths.js';
import { LONG_RUN_V8_FLAGS } from '../app/v8-flags.js';
import { findElectronBinary } from './find-electron.js';

async function main(): Promise<void> {
  const found = findElectronBinary();
  if ('path' in found) {
    // --js-flags given at launch reach the main process's V8 too (Electron's command-line switches).
    const child = spawn(found.path, [`--js-flags=${LONG_RUN_V8_FLAGS.join(' ')}`, appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  console.log(`procplay: Electron's binary is not available on this machine (${found.error}); starting web mode instead.`);
  const { runWebMode } = await import('../web/serve.js');
  await runWebMode(process.argv.slice(2));
}

main().catch((err: Error) => {
  console.error(`procplay: ${err.message}`);
  process.exit(1);
});
