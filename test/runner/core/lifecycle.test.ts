import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  CallError,
  ChannelError,
  ConnectError,
  createMaster,
  type Master,
  ref,
} from '../../../runner/core/index.js';
import { findRunProcesses } from '../../support/processes.js';

const basic = (name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', 'basic.ts'), name);

let master: Master;
afterEach(async () => {
  await master?.shutdown();
});

async function pidOf(ctx: { call(r: ReturnType<typeof ref>): Promise<unknown> }): Promise<number> {
  return (await ctx.call(basic('pid'))) as number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('faults and lifecycle', () => {
  test('kill -9 of a child rejects its pending calls with ChannelError', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const pid = await pidOf(ctx);
    const pending = ctx.call(basic('hang'));
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toBeInstanceOf(ChannelError);
    await expect(ctx.call(basic('add'), 1, 1)).rejects.toThrow(/disconnected/);
  });

  test('a shutdown while a context is still booting closes it: the connect rejects and no process is left', async () => {
    master = await createMaster();
    const booting = master.local({ name: 'late-boot' });
    await master.shutdown();
    await expect(booting).rejects.toBeInstanceOf(ConnectError);
    await expect(booting).rejects.toThrow(/shutting down/);
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && (await findRunProcesses(/late-boot/)).length > 0)
      await new Promise((r) => setTimeout(r, 50));
    expect(await findRunProcesses(/late-boot/)).toEqual([]);
  });

  test('a context that shuts down says DETACHING first, so its disconnect is deliberate; a killed one is not', async () => {
    master = await createMaster();
    const leaving = await master.local();
    const killed = await master.local();
    await leaving.shutdown();
    expect(leaving.detached).toBe(true);
    await expect(leaving.call(basic('add'), 1, 1)).rejects.toThrow(/detached/);
    process.kill(await pidOf(killed), 'SIGKILL');
    await expect(killed.call(basic('hang'))).rejects.toBeInstanceOf(ChannelError);
    expect(killed.detached).toBe(false);
  });

  test('children inherit the maximum message size: an oversized result fails the call instead of hanging', async () => {
    master = await createMaster({ maxMessageSize: 64 * 1024 });
    const middle = await master.local();
    const leaf = await master.local({ via: middle });
    expect(((await leaf.call(basic('bytes'), 1000)) as Buffer).length).toBe(1000);
    const error = (await leaf.call(basic('bytes'), 100 * 1024).catch((e) => e)) as CallError;
    expect(error).toBeInstanceOf(CallError);
    expect(error.remoteMessage).toMatch(/too large.*65536/);
    await expect(leaf.call(basic('echo'), Buffer.alloc(100 * 1024))).rejects.toThrow(/too large/);
  });

  test('kill -9 of an intermediate rejects pending calls on it and on its grandchild', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaf = await master.local({ via: middle });
    const [middlePid, leafPid] = [await pidOf(middle), await pidOf(leaf)];
    const onMiddle = middle.call(basic('hang'));
    const onLeaf = leaf.call(basic('hang'));
    process.kill(middlePid, 'SIGKILL');
    await expect(onMiddle).rejects.toBeInstanceOf(ChannelError);
    await expect(onLeaf).rejects.toBeInstanceOf(ChannelError);
    await waitFor(() => !alive(leafPid));
  });

  test('kill -9 of a grandchild rejects its pending calls and leaves the intermediate working', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaf = await master.local({ via: middle });
    const pid = await pidOf(leaf);
    const pending = leaf.call(basic('hang'));
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toThrow(ChannelError);
    expect(await middle.call(basic('add'), 2, 2)).toBe(4);
  });

  test('shutdown cascades down the tree and leaves no process behind', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaves = await Promise.all([master.local({ via: middle }), master.local({ via: middle })]);
    const pids = [await pidOf(middle), ...(await Promise.all(leaves.map(pidOf)))];
    await master.shutdown();
    await waitFor(() => pids.every((pid) => !alive(pid)));
    expect(await findRunProcesses(/spindle:/)).toEqual([]);
  });

  test('a command that is not a shell fails the connect in the spawn phase', async () => {
    master = await createMaster();
    const error = (await master
      .connect({ kind: 'spawn', name: 'broken', argv: ['/nonexistent/sh', '-c'] })
      .catch((e) => e)) as ConnectError;
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.phase).toBe('spawn');
  });

  test('a boot that dies early reports the bootstrap phase and the last lines printed', async () => {
    master = await createMaster();
    const argv = ['/bin/sh', '-c', 'echo "motd: welcome" >&2; echo "fatal: no way" >&2; exit 3', 'sh'];
    const error = (await master
      .connect({ kind: 'spawn', name: 'dies', argv })
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('bootstrap');
    expect(error.message).toMatch(/exited with code 3 before it was ready/);
    expect(error.lastOutput).toEqual(['motd: welcome', 'fatal: no way']);
  });

  test('a target without node reports it clearly', async () => {
    master = await createMaster();
    const argv = ['/usr/bin/env', 'PATH=/nonexistent', '/bin/sh', '-c'];
    const error = (await master
      .connect({ kind: 'spawn', name: 'nonode', argv })
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('bootstrap');
    expect(error.message).toMatch(/no usable node/);
  });

  test('a boot that never answers times out with phase timeout', async () => {
    master = await createMaster();
    const argv = ['/bin/sh', '-c', 'sleep 30', 'sh'];
    const error = (await master
      .connect({ kind: 'spawn', name: 'silent', argv }, { connectTimeoutMs: 300 })
      .catch((e) => e)) as ConnectError;
    expect(error.phase).toBe('timeout');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
