// The environment a lesson process reads at start-up: whether it is a child (and which target to
// call with which arguments), who its parent is, and where to send events. Parent and child agree
// on these names here, so the hand-over is one pure function each way.

export const ENV = {
  /** File descriptor of the run's event channel (inherited by every process of the run). */
  eventFd: 'PROCPLAY_EVENT_FD',
  /** Pid of the process that started this one; if it dies, this process ends too. */
  parentPid: 'PROCPLAY_PARENT_PID',
  /** Path of the lesson module the child re-imports (Python's spawn re-imports __main__). */
  mainModule: 'PROCPLAY_MAIN_MODULE',
  /** Name of the exported function the child calls. */
  target: 'PROCPLAY_TARGET',
  /** The target's arguments, as JSON (Python pickles them). */
  args: 'PROCPLAY_ARGS',
  daemon: 'PROCPLAY_DAEMON',
  name: 'PROCPLAY_PROCESS_NAME',
} as const;

export interface ChildConfig {
  mainModule: string;
  target: string;
  args: unknown[];
  daemon: boolean;
  name: string;
}

type Env = Record<string, string | undefined>;

/** The child's orders, or null in a main program (no target named). Throws on a malformed hand-over. */
export function readChildConfig(env: Env): ChildConfig | null {
  const target = env[ENV.target];
  if (!target) return null;
  const mainModule = env[ENV.mainModule];
  if (!mainModule) throw new Error(`${ENV.mainModule} is missing: a child needs the module to re-import`);
  const args: unknown = JSON.parse(env[ENV.args] ?? '[]');
  if (!Array.isArray(args)) throw new Error(`${ENV.args} must be a JSON array`);
  return { mainModule, target, args, daemon: env[ENV.daemon] === '1', name: env[ENV.name] || target };
}

/** The environment for a new child: the parent's own, minus any orders meant for the parent itself. */
export function childEnv(base: Env, child: ChildConfig & { parentPid: number; eventFd: number | null }): Env {
  const env: Env = { ...base };
  for (const key of Object.values(ENV)) delete env[key];
  // The lesson may run inside Electron's main process, where execPath is the Electron binary.
  env.ELECTRON_RUN_AS_NODE = '1';
  env[ENV.mainModule] = child.mainModule;
  env[ENV.target] = child.target;
  env[ENV.args] = JSON.stringify(child.args);
  env[ENV.daemon] = child.daemon ? '1' : '0';
  env[ENV.name] = child.name;
  env[ENV.parentPid] = String(child.parentPid);
  if (child.eventFd !== null) env[ENV.eventFd] = String(CHILD_EVENT_FD);
  return env;
}

/** Where the child finds the event channel: the fourth stdio slot. */
export const CHILD_EVENT_FD = 3;

export function readEventFd(env: Env): number | null {
  const fd = Number(env[ENV.eventFd]);
  return Number.isInteger(fd) && fd > 2 ? fd : null;
}

export function readParentPid(env: Env): number | null {
  const pid = Number(env[ENV.parentPid]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}
