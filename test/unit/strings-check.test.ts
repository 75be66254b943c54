// The string check: every UI string key exists in both languages with the same placeholders; no
// English word is left in a Chinese string (names, code and units excepted, by an allow-list);
// no two different actions of one page share a label; Chinese has no stray space between a unit
// and the word after it, and says 秒 rather than "s". Covers the three UI tables and the lessons'
// own texts (titles, explanations, observations).
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../main/lessons/catalog/index.js';
import { LESSON_STRINGS } from '../../renderer/src/i18n/lesson-strings.js';
import { en, zh } from '../../renderer/src/i18n/strings.js';
import { PG_STRINGS } from '../../renderer/src/i18n/playground-strings.js';

type Table = Record<string, string>;
const TABLES: Record<string, { en: Table; zh: Table }> = {
  app: { en, zh },
  lessons: LESSON_STRINGS,
  playground: PG_STRINGS,
};

/**
 * Latin words a Chinese string may keep: program and command names, signal and state names,
 * units, acronyms a Chinese reader meets as such, and Python/Node identifiers.
 */
const ALLOWED = new Set(
  [
    'python', 'python3', 'node', 'sh', 'bash', 'shell', 'ps', 'top', 'pstree', 'kill', 'sleep', 'exec', 'fork', 'spawn',
    'forkserver', 'join', 'wait', 'waitpid', 'init', 'systemd', 'subreaper', 'reaper', 'daemon', 'multiprocessing', 'os',
    'getpid', 'getppid', 'pid', 'ppid', 'stdin', 'stdout', 'stderr', 'exit', 'defunct', 'windows', 'linux', 'macos',
    'posix', 'ctrl', 'd', 'c', 'z', 'r', 's', 't', 'x', 'sys', 'time', 'print', 'process', 'start', 'is_alive', 'main',
    'resource_tracker', 'semaphore_tracker', 'kthreadd', 'heartbeat', 'oom', 'killer', 'command', 'not', 'found', 'min',
    'count', 'pickle', 'tini', 'launchd', 'cpu', 'tty', 'proc', 'stat', 'status', 'uid', 'procplay', 'ms', 'kib', 'mib', 'gib', 'mainprocess', 'id', 'e', 'g',
    // The product's name, and OS facilities named as the tools and files that expose them.
    'playground', 'token', 'argv', 'cgroup', 'nice', 'renice', 'root', 'taskset', 'strace',
  ].map((w) => w.toLowerCase()),
);

const LESSON_IDS = new RegExp(`\\b(${[...LESSONS.map((l) => l.id)].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** The Latin words of a Chinese string that are neither allowed nor code: `code`, {placeholders}, f(), a.b, ALLCAPS, SIGxxx, paths, flags. */
function strayEnglish(text: string): string[] {
  const prose = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\{[a-zA-Z]+\}/g, ' ')
    .replace(/<[a-z]+>/g, ' ')
    .replace(/[\w./-]*\/[\w./-]*/g, ' ') // paths
    .replace(/\b[\w.]+\([^)]*\)/g, ' ') // calls: os.wait(), p.join()
    .replace(/\b\w+\.\w+(\.\w+)*\b/g, ' ') // dotted names: mp.Process, helpers.py
    .replace(/(^|\s)--?[\w-]+/g, ' ') // flags
    .replace(/\.[a-z]+\b/g, ' ') // file extensions: .py
    .replace(/“[^”]*”/g, ' ') // a program's own output, quoted: “end”
    .replace(/（[A-Za-z][A-Za-z ]*）/g, ' ') // the English term given after its translation: 收养者（child subreaper）
    .replace(LESSON_IDS, ' ') // lesson ids: heartbeat-healthy
    .replace(/\b[a-z]+[A-Z]\w*\b|\b\w*_\w*\b/g, ' ') // identifiers: showIds, is_alive
    .replace(/\b[a-z]\b/g, ' '); // one-letter variables: n
  const words = prose.match(/[A-Za-z][A-Za-z_']*/g) ?? [];
  return words.filter((w) => !/^[A-Z0-9_]{2,}$/.test(w) && !/^SIG[A-Z]+$/.test(w) && !ALLOWED.has(w.toLowerCase()));
}

/** Every Chinese text of the lessons' catalogue: titles, explanations, observation texts. */
function lessonTexts(): { where: string; en: string; zh: string }[] {
  const out: { where: string; en: string; zh: string }[] = [];
  for (const l of LESSONS) {
    out.push({ where: `${l.id}.title`, ...l.title });
    out.push({ where: `${l.id}.explanation`, ...l.explanation });
    for (const o of l.observations) out.push({ where: `${l.id}.${o.id}`, ...o.text });
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('string check', () => {
  it('every UI string key exists in both languages, non-empty, with the same placeholders', () => {
    for (const [name, t] of Object.entries(TABLES)) {
      expect(Object.keys(t.zh).sort(), `${name}: zh keys`).toEqual(Object.keys(t.en).sort());
      for (const key of Object.keys(t.en)) {
        expect(t.en[key]!.trim(), `${name}.${key} (en)`).not.toBe('');
        expect(t.zh[key]!.trim(), `${name}.${key} (zh)`).not.toBe('');
        expect(placeholders(t.zh[key]!), `${name}.${key}: placeholders`).toEqual(placeholders(t.en[key]!));
      }
    }
  });

  it('leaves no English word in a Chinese string, except names and code', () => {
    const found: string[] = [];
    for (const [name, t] of Object.entries(TABLES)) {
      for (const [key, text] of Object.entries(t.zh)) {
        const stray = strayEnglish(text);
        if (stray.length) found.push(`${name}.${key}: ${stray.join(', ')}`);
      }
    }
    for (const l of lessonTexts()) {
      const stray = strayEnglish(l.zh);
      if (stray.length) found.push(`lesson ${l.where}: ${stray.join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  it('the check itself catches an English leftover and lets names and code through', () => {
    expect(strayEnglish('退出码 0 exit code 0')).toEqual(['code']);
    expect(strayEnglish('用“清理” clean-up button')).toEqual(['clean', 'up', 'button']);
    expect(strayEnglish('父进程调用 wait()（Python 里是 os.wait()、p.join()），`sleep 60`，SIGTERM，{pid}，PID')).toEqual([]);
  });

  it('says 秒 and has no stray space before a Chinese word after a number with its unit', () => {
    const bad: string[] = [];
    const all = [...Object.entries(TABLES).flatMap(([n, t]) => Object.entries(t.zh).map(([k, v]) => [`${n}.${k}`, v] as const)), ...lessonTexts().map((l) => [l.where, l.zh] as const)];
    for (const [where, text] of all) {
      const prose = text.replace(/`[^`]*`/g, '');
      if (/\d(\.\d+)? ?s(?![\w])/.test(prose)) bad.push(`${where}: "s" for seconds`);
      if (/\{time\} 后/.test(text)) bad.push(`${where}: a space after {time} (a duration, it ends in 秒)`);
      if (/秒 [\u4e00-\u9fff]/.test(prose)) bad.push(`${where}: a space after 秒`);
    }
    expect(bad).toEqual([]);
  });

  /** The actions of each page (buttons, menu items, toggles): each must have its own label in each language. */
  const PAGES: Record<string, [keyof typeof TABLES, string][]> = {
    monitor: [
      ...['sampler.pause', 'sampler.resume', 'kill.SIGTERM', 'kill.SIGKILL', 'kill.SIGINT', 'kill.SIGSTOP', 'kill.SIGCONT', 'kill.tree', 'kill.more'].map((k) => ['app', k] as [keyof typeof TABLES, string]),
      ...['details.copy', 'details.close', 'quick.all', 'quick.zombies', 'quick.stopped', 'view.table', 'view.tree', 'legend.button', 'toolbar.filterClear'].map((k) => ['app', k] as [keyof typeof TABLES, string]),
      ...['tree.expand', 'tree.collapse', 'zombie.endParent', 'zombie.killParent', 'dialog.cancel', 'tab.monitor', 'tab.lessons', 'tab.playground'].map((k) => ['app', k] as [keyof typeof TABLES, string]),
    ],
    lessons: [
      ...['run.run', 'run.again', 'run.stop', 'states.stop', 'states.cont', 'zombie.cleanup', 'page.showInMonitor', 'console.follow'].map((k) => ['lessons', k] as [keyof typeof TABLES, string]),
      ...['tab.monitor', 'tab.lessons', 'tab.playground'].map((k) => ['app', k] as [keyof typeof TABLES, string]),
    ],
    playground: [
      ...['cmd.run', 'cmd.stop', 'cmd.openScript', 'cmd.chooseDir', 'in.send', 'in.eof', 'out.follow', 'examples.code', 'out.procEvents'].map((k) => ['playground', k] as [keyof typeof TABLES, string]),
      ...['tab.monitor', 'tab.lessons', 'tab.playground'].map((k) => ['app', k] as [keyof typeof TABLES, string]),
    ],
  };

  it('no two different actions share one label within a page', () => {
    const clashes: string[] = [];
    for (const [page, keys] of Object.entries(PAGES)) {
      for (const lang of ['en', 'zh'] as const) {
        const seen = new Map<string, string>();
        for (const [table, key] of keys) {
          const label = TABLES[table]![lang][key];
          expect(label, `${table}.${key}`).toBeDefined();
          const other = seen.get(label!);
          if (other) clashes.push(`${page} (${lang}): "${label}" is both ${other} and ${key}`);
          else seen.set(label!, key);
        }
      }
    }
    expect(clashes).toEqual([]);
  });
});
