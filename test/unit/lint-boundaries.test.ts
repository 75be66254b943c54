// The lint config states the architecture's walls; these cases prove each wall is enforced (a
// rule that silently matched no file would let every violation through).
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The messages of the given rules for `code` linted as if it were `file`; a snippet that does not parse fails the test (it would pass every "nothing reported" case). */
async function lint(file: string, code: string, rules: (string | null)[]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file}: the snippet does not parse: ${fatal.message}`);
  return result.messages.filter((m) => rules.includes(m.ruleId)).map((m) => m.message);
}

const restrictedImports = (file: string, code: string) => lint(file, code, ['no-restricted-imports']);

describe('lint: import walls', () => {
  it.each([
    ['main/app/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron/],
    ['main/app/x.ts', "import { fmt } from '../../renderer/src/format.js';\nexport const f = fmt;", /never imports the renderer/],
    ['renderer/src/x.ts', "import { s } from '../../main/app/services.js';\nexport const t = s;", /only through the API/],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;", /no Node built-ins/],
    ['shared/x.ts', "import { s } from '../main/app/services.js';\nexport const t = s;", /imports neither side/],
    ['test/unit/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron/],
    ['renderer/src/playground/x.ts', "import { buildTimeline } from '../lessons/timeline-model.js';\nexport const b = buildTimeline;", /never imports another page/],
    ['renderer/src/lessons/x.ts', "import { StateLegend } from '../monitor/StateLegend.js';\nexport const s = StateLegend;", /never imports another page/],
    ['renderer/src/ui/x.ts', "import { MonitorPage } from '../monitor/MonitorPage.js';\nexport const m = MonitorPage;", /imports no page/],
    ['renderer/src/monitor/x.ts', "import fs from 'node:fs';\nexport const f = fs;", /no Node built-ins/],
    // Below the pages: kill/, settings/, api/, i18n/, a root module, and a folder added later.
    ['renderer/src/kill/x.ts', "import { keyForPid } from '../monitor/selection.js';\nexport const k = keyForPid;", /imports no page/],
    ['renderer/src/settings/x.tsx', "import { LessonsPage } from '../lessons/LessonsPage.js';\nexport const l = LessonsPage;", /imports no page/],
    ['renderer/src/api/x.ts', "import { PlaygroundPage } from '../playground/PlaygroundPage.js';\nexport const p = PlaygroundPage;", /imports no page/],
    ['renderer/src/i18n/x.ts', "import { LessonsPage } from '../lessons/LessonsPage.js';\nexport const l = LessonsPage;", /imports no page/],
    ['renderer/src/prefs.ts', "import { MonitorPage } from './monitor/MonitorPage.js';\nexport const m = MonitorPage;", /imports no page/],
    ['renderer/src/charts/x.ts', "import { MonitorPage } from '../monitor/MonitorPage.js';\nexport const m = MonitorPage;", /imports no page/],
    // ps-list and pidusage are the platform layer's, on every side of the walls.
    ['main/kill/x.ts', "import psList from 'ps-list';\nexport const l = psList;", /Only the platform layer/],
    ['main/electron/x.ts', "import pidusage from 'pidusage';\nexport const u = pidusage;", /Only the platform layer/],
    ['main/bench/x.ts', "import pidusage from 'pidusage';\nexport const u = pidusage;", /Only the platform layer/],
    ['renderer/src/ui/x.ts', "import psList from 'ps-list';\nexport const l = psList;", /Only the platform layer/],
    ['shared/x.ts', "import type pidusage from 'pidusage';\nexport type U = typeof pidusage;", /Only the platform layer/],
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import type { ProcInfo } from '../../shared/process.js';\nexport type P = ProcInfo;"],
    ['main/app/x.ts', "import type { ProcInfo } from '../../shared/process.js';\nexport type P = ProcInfo;"],
    ['renderer/src/playground/x.ts', "import { StateBadge } from '../ui/StateBadge.js';\nexport const s = StateBadge;"],
    // App.tsx and main.tsx compose the pages; what stands below them may use ui/ and each other.
    ['renderer/src/App.tsx', "import { MonitorPage } from './monitor/MonitorPage.js';\nimport { LessonsPage } from './lessons/LessonsPage.js';\nexport const p = [MonitorPage, LessonsPage];"],
    ['renderer/src/main.tsx', "import { PlaygroundPage } from './playground/PlaygroundPage.js';\nexport const p = PlaygroundPage;"],
    ['renderer/src/kill/x.ts', "import { useDismiss } from '../ui/use-dismiss.js';\nimport { useI18n } from '../i18n/i18n-context.js';\nexport const d = [useDismiss, useI18n];"],
    // The platform layer and the tests may use the packages.
    ['main/processes/x.ts', "import psList from 'ps-list';\nimport pidusage from 'pidusage';\nexport const l = [psList, pidusage];"],
    ['test/unit/x.ts', "import pidusage from 'pidusage';\nexport const u = pidusage;"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  // The platform wall is three rules: selectors (no-restricted-syntax), the project's own rule for
  // commands (walls/no-process-table-read) and the imports of ps-list and pidusage.
  const platformMessages = async (file: string, code: string): Promise<string[]> =>
    (await lint(file, code, ['no-restricted-syntax', 'walls/no-process-table-read', 'no-restricted-imports'])).filter((m) => /Only the platform layer/.test(m));

  it.each([
    ['main/kill/x.ts', "import { readFileSync } from 'node:fs';\nexport const s = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8');"],
    ['main/lessons/x.ts', "import fs from 'node:fs';\nexport const e = fs.existsSync('/proc/self/environ');"],
    ['main/playground/x.ts', "import { execFileSync } from 'node:child_process';\nexport const o = execFileSync('ps', ['-o', 'pid=']);"],
    ['main/app/x.ts', "import { spawn } from 'node:child_process';\nexport const o = spawn('powershell', ['-Command', 'Get-Process']);"],
    // A member call, a constant, a command with arguments, a path or .exe, a template, a script.
    ['main/kill/x.ts', "import cp from 'node:child_process';\nexport const o = cp.execFileSync('ps', ['-o', 'pid=']);"],
    ['main/kill/x.ts', "import * as cp from 'node:child_process';\nexport const o = cp['spawnSync']('ps');"],
    ['main/kill/x.ts', "import { spawnSync } from 'node:child_process';\nconst PS = 'ps';\nexport const o = spawnSync(PS, ['-e']);"],
    ['main/kill/x.ts', "import { spawn } from 'node:child_process';\nconst LISTER = process.platform === 'win32' ? 'tasklist' : 'ps' as const;\nexport const o = spawn(LISTER);"],
    ['main/kill/x.ts', "import { execSync } from 'node:child_process';\nexport const o = execSync('wmic process list');"],
    ['main/kill/x.ts', "import { execSync } from 'node:child_process';\nexport const o = (pid: number) => execSync(`tasklist /FI \"PID eq ${pid}\"`);"],
    ['main/kill/x.ts', "import { execSync } from 'node:child_process';\nconst PS = 'ps';\nexport const o = (pid: number) => execSync(`${PS} -o stat= -p ${pid}`);"],
    ['main/kill/x.ts', "import { execFile } from 'node:child_process';\nexport const o = execFile('/bin/ps', ['aux']);"],
    ['main/kill/x.ts', "import { execFile } from 'node:child_process';\nexport const o = execFile('C:\\\\Windows\\\\System32\\\\WindowsPowerShell\\\\v1.0\\\\PowerShell.exe', []);"],
    ['main/kill/x.ts', "import { spawn } from 'node:child_process';\nexport const o = spawn('sh', ['-c', 'ps -o pid= -g 1']);"],
    ['main/kill/x.ts', "import { spawn } from 'node:child_process';\nexport const o = spawn('cmd.exe', ['/c', 'tasklist']);"],
    // /proc as segments, as a constant segment, and in a template.
    ['main/kill/x.ts', "import path from 'node:path';\nexport const p = (pid: number) => path.join('/', 'proc', String(pid), 'stat');"],
    ['main/kill/x.ts', "import { resolve } from 'node:path';\nconst PROC = 'proc';\nexport const p = (pid: number) => resolve('/', PROC, String(pid));"],
    ['main/kill/x.ts', "export const p = (pid: number) => `/proc/${pid}/stat`;"],
    // The packages, loaded lazily as portable.ts does.
    ['main/kill/x.ts', "export const load = () => import('ps-list');"],
  ])('%s: an OS process-table read outside the platform layer is refused (%s)', async (file, code) => {
    expect((await platformMessages(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    // Programs that do not list processes, or only start with the same letters.
    ['main/kill/x.ts', "import { spawn } from 'node:child_process';\nexport const o = (pid: number) => spawn('taskkill', ['/T', '/F', '/PID', String(pid)]);"],
    ['main/kill/x.ts', "import cp from 'node:child_process';\nexport const o = cp.execFileSync('psql', ['-c', 'select 1']);"],
    ['main/kill/x.ts', "import { spawn } from 'node:child_process';\nexport const o = spawn('python3', ['-c', 'print(\"ps aux\")', 'ps']);"],
    // A command from a parameter, even one named like a constant that holds 'ps' (scopes are followed).
    ['main/playground/x.ts', "import { spawn } from 'node:child_process';\nconst cmd = 'ps';\nexport const label = cmd;\nexport const run = (cmd: string, args: string[]) => spawn(cmd, args);"],
    // 'ps' as a word (the CLI's subcommand), paths that only start with proc.
    ['main/cli/x.ts', "export const kind = (arg: string) => { switch (arg) { case 'ps': return 1; default: return 0; } };"],
    ['main/kill/x.ts', "import path from 'node:path';\nexport const p = (dir: string) => [path.join(dir, 'procs'), path.join(dir, 'process.json'), ['a', 'b'].join(',')];"],
    ['main/kill/x.ts', "export const load = () => import('tree-kill');"],
  ])('%s: what only looks like a process-table read passes (%s)', async (file, code) => {
    expect(await platformMessages(file, code)).toEqual([]);
  });

  it('main/processes/: the platform layer may read /proc and run ps', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import cp from 'node:child_process';",
      "import path from 'node:path';",
      "import psList from 'ps-list';",
      "const PS = 'ps';",
      "export const s = (pid: number) => readFileSync(path.join('/', 'proc', String(pid), 'stat'), 'utf8') + cp.execFileSync(PS, ['aux']).toString() + readFileSync(`/proc/${pid}/io`, 'utf8');",
      "export const l = [psList, () => import('pidusage')];",
    ].join('\n');
    expect(await platformMessages('main/processes/x.ts', code)).toEqual([]);
  });
});
