// Starts the built `procplay serve` as a user does, reads the port it printed, and ends it
// (SIGTERM, then SIGKILL if it hangs), for the metrics integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { TEST_MARK_ENV } from './marked-processes.js';

const CLI = path.join(process.cwd(), 'dist/main/cli/procplay.js');

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  stdout(): string;
  end(): Promise<void>;
}

export function startServe(args: string[], env: NodeJS.ProcessEnv, mark: string, timeoutMs = 15_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { env: { ...process.env, ...env, [TEST_MARK_ENV]: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void end();
      reject(new Error(`procplay serve did not print its metrics URL in ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const check = () => {
      const m = /metrics at http:\/\/[^\s]+:(\d+)\/metrics/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({ child, port: Number(m[1]), stdout: () => out, end });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`procplay serve exited (${code}) before serving:\n${out}`));
    });
  });
}

export interface HttpReply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export function httpGet(port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAndQuery, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A port free right now on 127.0.0.1 (for servers, such as Prometheus, that cannot pick their own and report it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
