// The lint config states the architecture's walls; these cases prove each wall is enforced (a
// rule that silently matched no file would let every violation through).
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

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
  ])('%s: %s is refused', async (file, code, message) => {
    const messages = await restrictedImports(file, code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it.each([
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/src/x.ts', "import type { ProcInfo } from '../../shared/process.js';\nexport type P = ProcInfo;"],
    ['main/app/x.ts', "import type { ProcInfo } from '../../shared/process.js';\nexport type P = ProcInfo;"],
    ['renderer/src/playground/x.ts', "import { StateBadge } from '../ui/StateBadge.js';\nexport const s = StateBadge;"],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  const platformMessages = async (file: string, code: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it.each([
    ['main/kill/x.ts', "import { readFileSync } from 'node:fs';\nexport const s = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8');"],
    ['main/lessons/x.ts', "import fs from 'node:fs';\nexport const e = fs.existsSync('/proc/self/environ');"],
    ['main/playground/x.ts', "import { execFileSync } from 'node:child_process';\nexport const o = execFileSync('ps', ['-o', 'pid=']);"],
    ['main/app/x.ts', "import { spawn } from 'node:child_process';\nexport const o = spawn('powershell', ['-Command', 'Get-Process']);"],
  ])('%s: an OS process-table read outside the platform layer is refused (%s)', async (file, code) => {
    expect((await platformMessages(file, code)).some((m) => /Only the platform layer/.test(m))).toBe(true);
  });

  it('main/processes/: the platform layer may read /proc and run ps', async () => {
    const code = "import { readFileSync, } from 'node:fs';\nimport { execFileSync } from 'node:child_process';\nexport const s = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8') + execFileSync('ps', ['aux']).toString();";
    expect(await platformMessages('main/processes/x.ts', code)).toEqual([]);
  });
});
