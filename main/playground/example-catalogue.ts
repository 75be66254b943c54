// The Python examples of the Playground, written anew for the original lesson's scenarios
// (arguments, isolation, join, daemon, heartbeat) plus one that shows Python's own helper
// processes, with a title and a one-line hint in English and Chinese. Offered only when a
// Python is on the PATH. The .py files ship in the source tree (they are not compiled).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaygroundExample, PlaygroundExamples, PythonHelperMeta } from '../../shared/playground.js';
import type { Text } from '../../shared/i18n.js';
import { outsideAsar } from '../../shared/asar-path.js';

interface ExampleDef {
  id: string;
  title: Text;
  explanation: Text;
}

export const EXAMPLES: readonly ExampleDef[] = [
  {
    id: 'arguments',
    title: { en: 'A child with arguments', zh: '带参数的子进程' },
    explanation: {
      en: 'Process(target=f, args=(n,)): the tree shows a parent and one child whose ppid is the parent; their lines interleave.',
      zh: 'Process(target=f, args=(n,))：进程树里有一个父进程和一个子进程，子进程的 ppid 就是父进程；两者的输出交错出现。',
    },
  },
  {
    id: 'isolation',
    title: { en: 'Memory is not shared', zh: '进程之间数据隔离' },
    explanation: {
      en: 'The child adds 1 to its own copy of count and prints 11; the parent still prints 10.',
      zh: '子进程把自己那份 count 加 1，打印 11；父进程打印的仍然是 10。',
    },
  },
  {
    id: 'join',
    title: { en: 'join: the parent waits', zh: 'join：先子后主' },
    explanation: {
      en: 'Five children start together and the parent joins them all: about one second in all, and the parent speaks last.',
      zh: '五个子进程同时启动，父进程逐个 join：总共约一秒，父进程最后发言。',
    },
  },
  {
    id: 'daemon',
    title: { en: 'A daemon child', zh: '守护进程' },
    explanation: {
      en: 'The daemon disappears from the tree as soon as the parent\'s code is done; the ordinary child is waited for.',
      zh: '父进程的代码一执行完，守护进程就从进程树中消失；普通子进程则会被等待，直到完成。',
    },
  },
  {
    id: 'heartbeat',
    title: { en: 'Heartbeat: reporting alive', zh: '监控报活' },
    explanation: {
      en: 'A daemon prints "I am alive" while a worker runs; the worker fails, the parent ends, and the heartbeat stops with it.',
      zh: '守护进程不停报告“我还活着”，工作进程在干活；工作进程出错后父进程结束，心跳也随之停止。',
    },
  },
  {
    id: 'helpers',
    title: { en: 'Python\'s helper processes', zh: 'Python 自己的辅助进程' },
    explanation: {
      en: 'With the forkserver start method, Python adds a forkserver (the children\'s parent) and a resource_tracker to the tree.',
      zh: '使用 forkserver 启动方式时，Python 会在树中加入一个 forkserver 进程（子进程的父进程）和一个 resource_tracker 进程。',
    },
  },
];

/** The processes Python itself starts, so the page can name them when they appear in a tree. */
export const PYTHON_HELPERS: readonly PythonHelperMeta[] = [
  {
    id: 'forkserver',
    name: 'forkserver',
    commandPattern: 'multiprocessing\\.forkserver',
    explanation: {
      en: "With the 'forkserver' start method (the default on Linux from Python 3.14), Python starts this server once; it forks every new child on request, so children start from a clean, single-threaded process. That is why the children's ppid is the forkserver, not your program. It ends when your program ends.",
      zh: "使用 'forkserver' 启动方式时（Python 3.14 起为 Linux 的默认方式），Python 会先启动这个服务进程，之后每个子进程都由它按请求 fork 出来，这样子进程来自一个干净的单线程进程。所以子进程的 ppid 是 forkserver，而不是你的程序。你的程序结束时它也结束。",
    },
  },
  {
    id: 'resource-tracker',
    name: 'resource_tracker',
    commandPattern: 'multiprocessing\\.resource_tracker',
    explanation: {
      en: "With the 'spawn' and 'forkserver' start methods, Python starts this tracker once. It records the named semaphores and shared memory your processes create, and frees any left over if they die without cleaning up. It ends after your program does.",
      zh: "使用 'spawn' 或 'forkserver' 启动方式时，Python 会启动一次这个跟踪进程。它记录各进程创建的命名信号量和共享内存，如果进程没来得及清理就结束了，由它负责释放。它在你的程序结束后结束。",
    },
  },
  {
    id: 'semaphore-tracker',
    name: 'semaphore_tracker',
    commandPattern: 'multiprocessing\\.semaphore_tracker',
    explanation: {
      en: 'The name of the resource tracker before Python 3.8: it freed named semaphores left behind by dead processes.',
      zh: 'Python 3.8 之前资源跟踪进程的名字：负责释放已结束进程遗留的命名信号量。',
    },
  },
];

const here = path.dirname(fileURLToPath(import.meta.url));

/** Pure: the examples folder seen from this module's directory (main/playground or dist/main/playground). */
export function examplesDirFrom(moduleDir: string): string {
  const parts = moduleDir.split(/[\\/]/);
  const built = parts[parts.length - 3] === 'dist';
  // python3 runs these and cannot read inside app.asar: a packaged app uses the unpacked copies.
  return outsideAsar(built ? path.resolve(moduleDir, '../../../main/playground/examples') : path.join(moduleDir, 'examples'));
}

export const EXAMPLES_DIR = examplesDirFrom(here);

/** The catalogue, with each script's path and source, when `which` finds a Python. */
export function listExamples(which: (name: string) => string | null): PlaygroundExamples {
  const python = ['python3', 'python'].find((name) => which(name) !== null) ?? null;
  if (!python) {
    return { python: null, reason: 'no python3 or python on the PATH: install Python to run the examples', examples: [], helpers: [...PYTHON_HELPERS] };
  }
  const examples: PlaygroundExample[] = [];
  for (const def of EXAMPLES) {
    const file = path.join(EXAMPLES_DIR, `${def.id}.py`);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue; // not shipped: not offered
    }
    examples.push({ ...def, path: file, source });
  }
  return { python, reason: examples.length ? null : `the example scripts were not found in ${EXAMPLES_DIR}`, examples, helpers: [...PYTHON_HELPERS] };
}
