// The monitor's "Recent exits" over web mode's WebSocket: a client turns the watch on, the kernel's
// process connector (python3 helper) is read, and five runs of /bin/true that each live about a
// millisecond (far below the 1 s sampling interval) are pushed as recent exits. Turning the watch
// off ends the helper. Root here (CI runs as root; on kernels since 6.6 any user may listen).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecentExit, RecentExitsPush } from '../../shared/recent-exits.js';
import { alive, until } from '../support/marked-processes.js';
import { connectApi, startReapedWebApp, type ReapedWebApp } from '../support/reaped-web-app.js';

let app: ReapedWebApp;

beforeAll(async () => {
  app = await startReapedWebApp();
}, 30_000);

afterAll(async () => {
  await app?.stop();
});

describe('Recent exits over web mode (Linux, root)', () => {
  it('pushes five short-lived /bin/true runs of a shell, then ends the helper when the watch is off', async () => {
    const client = await connectApi(app);
    try {
      const on = await client.call('events.watch', { on: true });
      expect(on.ok).toBe(true);
      const pushes = () => client.events.filter((e) => e.event === 'events.recentExits').map((e) => e.data as RecentExitsPush);
      // Python starts slowly on a loaded machine: wait for the subscription, not a fixed time.
      expect(await until(() => pushes().some((p) => p.state === 'listening'), 45_000)).toBe(true);
      const helperPid = pushes().filter((p) => p.helperPid !== null).at(-1)!.helperPid!;
      expect(alive(helperPid)).toBe(true);

      const shell = spawn('sh', ['-c', 'for i in 1 2 3 4 5; do /bin/true; done'], { stdio: 'ignore' });
      const shellPid = shell.pid!;
      const code = await new Promise((resolve) => shell.on('close', resolve));
      expect(code).toBe(0);
      const mine = (): RecentExit[] => pushes().flatMap((p) => p.exits).filter((e) => e.ppid === shellPid);
      expect(await until(() => mine().length >= 5, 20_000)).toBe(true);
      const exits = mine();
      expect(exits).toHaveLength(5);
      expect(exits.every((e) => e.code === 0 && e.signal === null)).toBe(true);
      expect(exits.every((e) => e.lifetimeMs >= 0 && e.lifetimeMs < 1000)).toBe(true);
      // The name is read from /proc when the exec event arrives (a run already reaped by then would read "?").
      expect(exits.map((e) => e.name)).toEqual(['true', 'true', 'true', 'true', 'true']);

      const off = await client.call('events.watch', { on: false });
      expect(off.ok).toBe(true);
      expect((off.result as { state: string }).state).toBe('off');
      expect(await until(() => !alive(helperPid), 10_000)).toBe(true);
    } finally {
      client.close();
    }
  }, 90_000);
});
