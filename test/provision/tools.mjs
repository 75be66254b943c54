// What `npm test` needs from the machine, where to find each tool, and how to install it on each OS.
// Plain Node (no TypeScript): `pretest` runs it before anything is built. vitest.config.ts imports the
// same module, so the Chromium the tests drive and the tests left out are decided in one place.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The machine as provisioning sees it. The PROCPLAY_PROVISION_* variables let the provisioning test
 * pretend to be another OS, a non-root user or a machine without /usr/bin (ROOTFS prefixes every fixed path).
 */
export function machineFrom(env = process.env) {
  const platform = env.PROCPLAY_PROVISION_PLATFORM || process.platform;
  const rootfs = env.PROCPLAY_PROVISION_ROOTFS || '';
  const realRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const root = env.PROCPLAY_PROVISION_ROOT === undefined || env.PROCPLAY_PROVISION_ROOT === '' ? realRoot : env.PROCPLAY_PROVISION_ROOT === '1';
  const family = platform === 'linux' ? linuxFamily(readOsRelease(rootfs)) : platform;
  return { platform, family, root, env, rootfs };
}

function readOsRelease(rootfs) {
  const out = {};
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    let text;
    try {
      text = readFileSync(rootfs + file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
      if (m) out[m[1]] = m[3];
    }
    break;
  }
  return out;
}

/** debian | ubuntu | fedora | arch | linux (any other distribution). */
function linuxFamily(osRelease) {
  const ids = [osRelease.ID, ...(osRelease.ID_LIKE ?? '').split(/\s+/)].filter(Boolean);
  if (ids[0] === 'ubuntu') return 'ubuntu';
  if (ids.includes('debian') || ids.includes('ubuntu')) return 'debian';
  if (ids.some((id) => ['fedora', 'rhel', 'centos'].includes(id))) return 'fedora';
  if (ids.includes('arch')) return 'arch';
  return 'linux';
}

function isExecutable(file, platform) {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` on the PATH, as `which` would find it. */
export function onPath(names, machine) {
  const { env, platform } = machine;
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((e) => e.toLowerCase()) : [''];
  for (const name of names) {
    for (const dir of dirs) {
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        if (isExecutable(file, platform)) return file;
      }
    }
  }
  return null;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function chromiumFixedPaths(machine) {
  const { platform, env } = machine;
  if (platform === 'linux') return ['/usr/bin/chromium'];
  if (platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (platform === 'win32') {
    return [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA]
      .filter(Boolean)
      .map((base) => path.win32.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  return [];
}

/**
 * Chromium for the end-to-end tests: PROCPLAY_CHROMIUM, then Debian's /usr/bin/chromium, then
 * Chromium or Google Chrome on the PATH (and in the usual place on macOS and Windows).
 * Returns { path } or { path: null, error } when PROCPLAY_CHROMIUM names something unusable.
 */
export function findChromium(machine) {
  const chosen = machine.env.PROCPLAY_CHROMIUM;
  if (chosen) {
    return isExecutable(chosen, machine.platform)
      ? { path: chosen }
      : { path: null, error: `PROCPLAY_CHROMIUM is set to ${chosen}, which is not an executable file` };
  }
  for (const file of chromiumFixedPaths(machine)) if (isExecutable(machine.rootfs + file, machine.platform)) return { path: machine.rootfs + file };
  return { path: onPath(CHROMIUM_NAMES, machine) };
}

const PROMETHEUS_DOWNLOAD = 'download prometheus and promtool from https://prometheus.io/download/ and put them on the PATH';
const PROCESS_EXPORTER_DOWNLOAD = 'download process-exporter from https://github.com/ncabatoff/process-exporter/releases and put it on the PATH';

/**
 * Every tool the tests need. `os` lists where tests use it (elsewhere its tests are marked "(Linux)" and
 * left out); `packages` names the package per OS family, or `manual` says what to do where none exists.
 */
export const TOOLS = [
  {
    id: 'chromium',
    what: 'Chromium (the end-to-end tests drive it)',
    lookedAt: (m) => ['PROCPLAY_CHROMIUM', ...chromiumFixedPaths(m), `${CHROMIUM_NAMES.join(', ')} on the PATH`].join(', '),
    os: ['linux', 'darwin', 'win32'],
    packages: { debian: 'chromium', ubuntu: 'chromium-browser', fedora: 'chromium', arch: 'chromium', darwin: 'chromium', win32: 'Google.Chrome' },
    find: (m) => findChromium(m),
  },
  {
    id: 'python3',
    what: 'python3 (lesson and playground programs)',
    os: ['linux', 'darwin', 'win32'],
    packages: { debian: 'python3', ubuntu: 'python3', fedora: 'python3', arch: 'python', darwin: 'python', win32: 'Python.Python.3.12' },
    find: (m) => ({ path: onPath(m.platform === 'win32' ? ['python3', 'python'] : ['python3'], m) }),
  },
  {
    id: 'ps',
    what: 'ps (the monitor is compared against it)',
    os: ['linux', 'darwin'],
    packages: { debian: 'procps', ubuntu: 'procps', fedora: 'procps-ng', arch: 'procps-ng' },
    manual: { darwin: 'ps is part of macOS: check that /bin is on the PATH' },
    find: (m) => ({ path: onPath(['ps'], m) }),
  },
  {
    id: 'strace',
    what: 'strace (exact process events)',
    os: ['linux'],
    packages: { debian: 'strace', ubuntu: 'strace', fedora: 'strace', arch: 'strace' },
    find: (m) => ({ path: onPath(['strace'], m) }),
  },
  {
    id: 'prometheus',
    what: 'prometheus (scrapes the metrics endpoint in a test)',
    os: ['linux', 'darwin', 'win32'],
    packages: { debian: 'prometheus', ubuntu: 'prometheus', fedora: 'golang-github-prometheus', arch: 'prometheus', darwin: 'prometheus' },
    manual: { win32: PROMETHEUS_DOWNLOAD, linux: PROMETHEUS_DOWNLOAD },
    find: (m) => ({ path: onPath(['prometheus'], m) }),
  },
  {
    id: 'promtool',
    what: "promtool (checks the metrics exposition; Prometheus' own package)",
    os: ['linux', 'darwin', 'win32'],
    packages: { debian: 'prometheus', ubuntu: 'prometheus', fedora: 'golang-github-prometheus', arch: 'prometheus', darwin: 'prometheus' },
    manual: { win32: PROMETHEUS_DOWNLOAD, linux: PROMETHEUS_DOWNLOAD },
    find: (m) => ({ path: onPath(['promtool'], m) }),
  },
  {
    id: 'process-exporter',
    what: 'prometheus-process-exporter (the metrics are compared against it)',
    os: ['linux'],
    packages: { debian: 'prometheus-process-exporter', ubuntu: 'prometheus-process-exporter' },
    manual: {
      fedora: PROCESS_EXPORTER_DOWNLOAD,
      arch: 'yay -S prometheus-process-exporter (AUR), or ' + PROCESS_EXPORTER_DOWNLOAD,
      linux: PROCESS_EXPORTER_DOWNLOAD,
    },
    find: (m) => ({ path: onPath(['prometheus-process-exporter', 'process-exporter'], m) }),
  },
];

/** The command that installs `packages` on this OS family (as a user, with sudo where it applies). */
export function installCommand(family, packages, { asRoot = false } = {}) {
  const sudo = asRoot ? '' : 'sudo ';
  const list = [...new Set(packages)].join(' ');
  switch (family) {
    case 'debian':
    case 'ubuntu':
      return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${list}`;
    case 'fedora':
      return `${sudo}dnf install -y ${list}`;
    case 'arch':
      return `${sudo}pacman -S --needed ${list}`;
    case 'darwin':
      return packages.map((p) => (p === 'chromium' ? 'brew install --cask chromium' : `brew install ${p}`)).filter((c, i, a) => a.indexOf(c) === i).join(' && ');
    case 'win32':
      return packages.map((p) => `winget install --id ${p} -e`).join(' && ');
    default:
      return null;
  }
}

/** How to get one missing tool on this machine, as one line. */
export function howToInstall(tool, machine) {
  const pkg = tool.packages[machine.family];
  if (pkg) return installCommand(machine.family, [pkg], { asRoot: machine.root });
  const manual = tool.manual?.[machine.family] ?? (machine.platform === 'linux' ? tool.manual?.linux : undefined);
  if (manual) return manual;
  const names = Object.values(tool.packages);
  return `install it with your package manager (it is packaged as ${[...new Set(names)].join(' or ')} elsewhere)`;
}

/** Tools the tests use on this OS, each with where it was found (path null when missing). */
export function survey(machine) {
  return TOOLS.filter((t) => t.os.includes(machine.platform)).map((tool) => ({ tool, ...tool.find(machine) }));
}

/**
 * Tests whose names carry a tag need something not every machine has. A tag is a word in parentheses,
 * alone or in a comma-separated list: "(Linux)", "(root)", "(Linux, root)".
 */
export const TAGS = [
  {
    tag: 'Linux',
    applies: (m) => m.platform !== 'linux',
    reason: (m) => `they need Linux (/proc, strace, the process connector, cgroups or Debian packages) and this is ${m.platform}`,
  },
  {
    tag: 'root',
    applies: (m) => !m.root,
    reason: () => 'they need root (the process connector, cgroup limits, other users\' processes) and this user is not root',
  },
];

/** The tags whose tests are left out on this machine, each with its reason. */
export function exclusions(machine) {
  return TAGS.filter((t) => t.applies(machine)).map((t) => ({ tag: t.tag, reason: t.reason(machine) }));
}

/** A test-name pattern (vitest's testNamePattern) that leaves out every test carrying one of `tags`. */
export function patternExcluding(tags) {
  if (!tags.length) return undefined;
  const tagged = tags.map((tag) => `\\((?:[^()]*,\\s*)?${tag}(?:\\s*,[^()]*)?\\)`).join('|');
  return new RegExp(`^(?![\\s\\S]*(?:${tagged}))`);
}
