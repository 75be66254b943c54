// Who this process is in its lesson: the main program, or a child started to run a target
// (Python's multiprocessing.current_process()). Read once from the environment at start-up.
import { ENV, readChildConfig, type ChildConfig } from './env.js';

const config: ChildConfig | null = readChildConfig(process.env);
// Keep the orders out of anything this process starts with a plain spawn.
for (const key of [ENV.target, ENV.args, ENV.daemon, ENV.name, ENV.mainModule]) delete process.env[key];

/** The child's orders, or null in the main program. */
export function childConfig(): ChildConfig | null {
  return config;
}

/** Python: current_process().daemon. A daemonic process may not have children. */
export function isDaemonProcess(): boolean {
  return config?.daemon ?? false;
}

/** The module children must re-import: this program's entry module, passed down the tree. */
export function mainModulePath(): string {
  if (config) return config.mainModule;
  const entry = process.argv[1];
  if (!entry) throw new Error('no main module: the runtime must run inside a node program');
  return entry;
}
