import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { waitForModule } from '../../modules/wait_for.js';
import { run } from './support.js';

describe('wait_for in check mode', () => {
  test('is skipped without waiting and reports no change, as Ansible (no check mode support) does', async () => {
    const started = Date.now();
    const result = await run(
      waitForModule,
      { path: '/nonexistent/spindle-never', timeout: 5 },
      { check: true },
    );
    expect(result).toEqual({
      changed: false,
      skipped: true,
      msg: 'remote module (wait_for) does not support check mode',
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('a real wait that succeeds reports no change', async () => {
    const result = await run(waitForModule, { path: '/', timeout: 5 });
    expect(result).toMatchObject({ changed: false, state: 'started', path: '/' });
    expect(result.failed).toBeUndefined();
  });
});

describe('wait_for as Ansible waits', () => {
  test('a file search returns its groups and named groups (Python syntax), and the paths and ports waited for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spindle-wait-for-'));
    try {
      const path = join(dir, 'log');
      writeFileSync(
        path,
        Buffer.concat([Buffer.from([0xff, 0xfe, 0x41, 0]), Buffer.from('\ncompleted data 123\n')]),
      );
      const result = await run(waitForModule, {
        path,
        search_regex: 'completed (?P<foo>\\w+) ([0-9]+)',
        timeout: 5,
      });
      expect(result).toMatchObject({
        changed: false,
        path,
        port: null,
        match_groups: ['data', '123'],
        match_groupdict: { foo: 'data' },
        elapsed: 0,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with neither port nor path it waits the whole timeout; path and port together are refused', async () => {
    expect(await run(waitForModule, { timeout: 1 })).toMatchObject({ changed: false, elapsed: 1 });
    expect(await run(waitForModule, { path: '/', port: 1, timeout: 1 })).toMatchObject({
      failed: true,
      msg: 'port and path parameter can not both be passed to wait_for',
    });
  });

  test('drained waits until no connection to the port is active, and times out while one is', async () => {
    const server = createServer((socket) => socket.on('close', () => {})).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const client = connect(port, '127.0.0.1');
    await new Promise((r) => client.once('connect', r));
    try {
      const busy = await run(waitForModule, { port, state: 'drained', timeout: 1 });
      expect(busy).toMatchObject({
        failed: true,
        msg: `Timeout when waiting for 127.0.0.1:${port} to drain`,
      });
    } finally {
      client.destroy();
    }
    await new Promise((r) => server.close(r));
    // The client closed first: its side keeps TIME_WAIT, on its own port, not the server's.
    expect(await run(waitForModule, { port, state: 'drained', timeout: 5 })).toMatchObject({
      changed: false,
      state: 'drained',
      port,
    });
  });
});
