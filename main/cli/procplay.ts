#!/usr/bin/env node
// The `procplay` command: the monitor, the kill button and the lessons from a terminal.
import { runPsCommand, PS_USAGE } from './ps-command.js';
import { consoleOutput } from './output.js';

const USAGE = `Process Playground — see and teach processes

usage:
  procplay ps [--tree] [--filter TEXT] [--sort KEY] [--json]    the process table (ps aux / pstree)
  procplay kill [-s SIGNAL | -9 | -15 | -KILL | -TERM | -STOP | -CONT] [--tree] PID...
  procplay inspect PID [--json]                                 files, sockets, threads, I/O, environment … of one process
  procplay renice N PID | procplay affinity CPUS PID            set the nice value (-20..19) / the CPUs (taskset, Linux)
  procplay lesson list | procplay lesson run ID [--lang en|zh]
  procplay run [--cwd DIR] [--quiet] [--events FILE] [--no-trace] -- COMMAND [ARGS...]
                                                                run a program; print its output and every fork, exec, exit and reap
  procplay events [--json] [--seconds N]                        every process's fork, exec and exit on this machine, live
  procplay web [--port N]                                       the app in a browser on 127.0.0.1
  procplay serve [--metrics-port N] [--group-by name|user|cgroup] [--token-file FILE] [--port N]
                                                                headless: Prometheus /metrics (process-exporter names) and OTLP push

${PS_USAGE}`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ps':
      return runPsCommand(rest, consoleOutput);
    case 'kill': {
      const { runKillCommand } = await import('./kill-command.js');
      return runKillCommand([...rest], consoleOutput);
    }
    case 'inspect': {
      const { runInspectCommand } = await import('./inspect-command.js');
      return runInspectCommand(rest, consoleOutput);
    }
    case 'renice':
    case 'affinity': {
      const { runReniceCommand, runAffinityCommand } = await import('./priority-command.js');
      return (command === 'renice' ? runReniceCommand : runAffinityCommand)(rest, consoleOutput);
    }
    case 'lesson': {
      const { runLessonCommand } = await import('./lesson-command.js');
      return runLessonCommand([...rest], consoleOutput);
    }
    case 'run': {
      const { runRunCommand } = await import('./run-command.js');
      return runRunCommand([...rest]);
    }
    case 'events': {
      const { runEventsCommand } = await import('./events-command.js');
      return runEventsCommand(rest, consoleOutput);
    }
    case 'web': {
      const { runWebMode } = await import('../web/serve.js');
      await runWebMode(rest);
      return -1; // keeps running until interrupted
    }
    case 'serve': {
      const { runServeCommand } = await import('../metrics/serve-command.js');
      await runServeCommand(rest);
      return -1; // keeps running until interrupted
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      consoleOutput.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      consoleOutput.error(`procplay: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: Error) => {
    consoleOutput.error(`procplay: ${err.message}`);
    process.exitCode = 1;
  },
);
