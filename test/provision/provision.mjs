#!/usr/bin/env node
// `npm test` runs this first (the `pretest` script): it finds every tool the tests need, installs the
// missing ones where it can do so without asking (Debian or Ubuntu, as root: one apt-get update, one
// apt-get install), and otherwise stops before any test runs, with one message per missing tool and the
// command that installs it on this OS. It also says which tagged tests this machine leaves out and why
// (vitest.config.ts applies the same decision, from the same module).
import { spawnSync } from 'node:child_process';
import { exclusions, howToInstall, installCommand, machineFrom, onPath, survey } from './tools.mjs';

const say = (line) => process.stdout.write(`procplay test setup: ${line}\n`);
const complain = (line) => process.stderr.write(`${line}\n`);

const OS_NAMES = { darwin: 'macOS', win32: 'Windows', fedora: 'Fedora', arch: 'Arch Linux', linux: 'a Linux other than Debian, Ubuntu, Fedora or Arch' };

function canInstall(machine) {
  if (machine.platform !== 'linux' || !['debian', 'ubuntu'].includes(machine.family)) return null;
  if (!machine.root) return null;
  return onPath(['apt-get'], machine);
}

function aptInstall(aptGet, packages, machine) {
  const env = { ...machine.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    say(`running apt-get ${args.join(' ')}`);
    const r = spawnSync(aptGet, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) complain(`apt-get could not be run: ${r.error.message}`);
    return r.status === 0;
  };
  // A failed update (one unreachable mirror) may still leave usable lists: try the install anyway.
  run(['update']);
  return run(['install', '-y', '--no-install-recommends', ...packages]);
}

function main() {
  const machine = machineFrom();
  let found = survey(machine);

  const unusable = found.filter((f) => f.error);
  if (unusable.length) {
    for (const f of unusable) complain(`procplay test setup: ${f.error}. Unset it, or point it at Chromium or Google Chrome.`);
    return 1;
  }

  let missing = found.filter((f) => !f.path);
  const aptGet = missing.length ? canInstall(machine) : null;
  if (aptGet) {
    const packages = [...new Set(missing.map((f) => f.tool.packages[machine.family]).filter(Boolean))];
    say(`installing what the tests need: ${packages.join(' ')}`);
    aptInstall(aptGet, packages, machine);
    found = survey(machine);
    missing = found.filter((f) => !f.path);
  }

  if (missing.length) {
    const why = machine.platform === 'linux' && ['debian', 'ubuntu'].includes(machine.family) && !machine.root
      ? 'not root, so nothing was installed'
      : aptGet
        ? 'apt-get did not install them'
        : `this script installs only on Debian or Ubuntu as root, and this is ${OS_NAMES[machine.family] ?? machine.family}`;
    complain(`procplay test setup: ${missing.length} tool${missing.length > 1 ? 's' : ''} the tests need ${missing.length > 1 ? 'are' : 'is'} missing (${why}); no test was run.`);
    for (const f of missing) {
      complain(`  missing: ${f.tool.what}${f.tool.lookedAt ? ` — looked at ${f.tool.lookedAt(machine)}` : ''}`);
      complain(`    to install: ${howToInstall(f.tool, machine)}`);
    }
    const packages = missing.map((f) => f.tool.packages[machine.family]).filter(Boolean);
    if (packages.length > 1) {
      const all = installCommand(machine.family, packages, { asRoot: machine.root });
      if (all) complain(`  all at once: ${all}`);
    }
    if (missing.some((f) => f.tool.id === 'chromium')) complain('  (a Chromium or Chrome installed elsewhere can be named with PROCPLAY_CHROMIUM=/path/to/it)');
    complain('Then run npm test again.');
    return 1;
  }

  say(found.map((f) => `${f.tool.id} ${f.path}`).join(', '));
  for (const x of exclusions(machine)) say(`tests marked (${x.tag}) are left out: ${x.reason}. CI (Linux, root) runs them.`);
  return 0;
}

process.exitCode = main();
