// What to spawn for a command line (the user's shell, as a terminal would) or for a script (the
// interpreter its extension calls for). Pure apart from the injected `which`, so the choices for
// every platform are unit-tested here, including Windows.
import path from 'node:path';
import { PlaygroundError } from './errors.js';

export interface LaunchSpec {
  file: string;
  args: string[];
  /** What the page shows as the launcher: "/bin/sh -c", "cmd.exe /d /s /c", "/usr/bin/python3". */
  label: string;
  /** Extra environment for this launcher (ELECTRON_RUN_AS_NODE for node). */
  env: Record<string, string>;
  /** Windows: pass the arguments as they are (cmd.exe does its own parsing). */
  verbatim: boolean;
}

export interface LaunchContext {
  platform: NodeJS.Platform;
  /** The executable for a name on PATH, or null. */
  which(name: string): string | null;
  /** The running node (Electron's binary runs as node with ELECTRON_RUN_AS_NODE=1). */
  execPath: string;
  /** ComSpec on Windows. */
  comSpec?: string;
}

export function commandSpec(command: string, ctx: LaunchContext): LaunchSpec {
  if (ctx.platform === 'win32') {
    const cmd = ctx.comSpec || 'cmd.exe';
    return { file: cmd, args: ['/d', '/s', '/c', `"${command}"`], label: `${path.win32.basename(cmd)} /d /s /c`, env: {}, verbatim: true };
  }
  return { file: '/bin/sh', args: ['-c', command], label: '/bin/sh -c', env: {}, verbatim: false };
}

/** The interpreters by extension, first found wins. */
function interpreterNames(ext: string, platform: NodeJS.Platform): string[] | 'node' | null {
  const win = platform === 'win32';
  switch (ext) {
    case '.py':
      return win ? ['python', 'py', 'python3'] : ['python3', 'python'];
    case '.js':
    case '.mjs':
    case '.cjs':
      return 'node';
    case '.sh':
      return win ? ['sh', 'bash'] : ['sh'];
    case '.ps1':
      return win ? ['pwsh', 'powershell'] : ['pwsh'];
    default:
      return null;
  }
}

export function fileSpec(file: string, ctx: LaunchContext): LaunchSpec {
  const ext = path.extname(file).toLowerCase();
  if (ctx.platform === 'win32' && (ext === '.bat' || ext === '.cmd')) {
    const cmd = ctx.comSpec || 'cmd.exe';
    return { file: cmd, args: ['/d', '/s', '/c', `""${file}""`], label: `${path.win32.basename(cmd)} /d /s /c`, env: {}, verbatim: true };
  }
  const names = interpreterNames(ext, ctx.platform);
  if (names === null) {
    throw new PlaygroundError(
      'no-interpreter',
      `no known interpreter for "${path.basename(file)}"${ext ? ` (extension ${ext})` : ' (no extension)'}: the playground runs .py with Python, .js/.mjs/.cjs with Node, .sh with sh${ctx.platform === 'win32' ? ', .bat/.cmd with cmd.exe, .ps1 with PowerShell' : ''}; to run anything else, type a command line`,
    );
  }
  if (names === 'node') return { file: ctx.execPath, args: [file], label: `node (${ctx.execPath})`, env: { ELECTRON_RUN_AS_NODE: '1' }, verbatim: false };
  for (const name of names) {
    const found = ctx.which(name);
    if (found) {
      const args = ext === '.ps1' ? ['-NoProfile', '-File', file] : name === 'py' ? ['-3', file] : [file];
      return { file: found, args, label: found, env: {}, verbatim: false };
    }
  }
  throw new PlaygroundError('no-interpreter', `cannot run "${path.basename(file)}": none of ${names.join(', ')} was found on the PATH`);
}
