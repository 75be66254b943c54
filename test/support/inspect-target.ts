// The inspector's test subject: a real python3 process that opens a known file, writes 10 MiB to
// it, listens on 127.0.0.1:0, has FOO=bar (and a secret-looking API_TOKEN) in its environment and
// runs 3 threads besides its main one; it prints its port once all of that is true, then waits
// until its stdin closes. The caller ends it with stop().
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitOf } from './child-waits.js';

const PROGRAM = String.raw`
import socket, sys, threading
f = open(sys.argv[1], 'wb')
chunk = b'x' * (1024 * 1024)
for _ in range(10):
    f.write(chunk)
f.flush()
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen()
done = threading.Event()
for i in range(3):
    threading.Thread(target=done.wait, name='worker-%d' % i, daemon=True).start()
print(s.getsockname()[1], flush=True)
sys.stdin.read()
`;

const READY_MS = 10_000;

export interface InspectTarget {
  child: ChildProcess;
  pid: number;
  port: number;
  file: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startInspectTarget(): Promise<InspectTarget> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procplay-inspect-'));
  const file = path.join(dir, 'known-file.bin');
  const child = spawn('python3', ['-c', PROGRAM, file], {
    cwd: dir,
    env: { ...process.env, FOO: 'bar', API_TOKEN: 'hunter2' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const stop = async () => {
    child.kill('SIGKILL');
    await exitOf(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('python3 test process did not report its port')), READY_MS);
    child.stdout!.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`python3 test process exited early (${code})`)));
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { child, pid: child.pid!, port, file, dir, stop };
}
