import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ChannelError, createMaster, type Master, ref } from '../../../runner/core/index.js';
import { findRunProcesses } from '../../support/processes.js';

const fixture = (file: string, name: string) =>
  ref(join(import.meta.dirname, '..', '..', 'fixtures', 'functions', file), name);

let master: Master;
afterEach(async () => {
  await master?.shutdown();
});

/** Polls until `check` holds or `ms` pass (bounded by time, and so by count). */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const running = async (pattern: RegExp) => (await findRunProcesses(pattern)).length > 0;

describe('faults: no orphans, no unbounded waits', () => {
  test('kill -9 of a context during a task kills the task process group within seconds', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const pid = (await ctx.call(fixture('basic.ts', 'pid'))) as number;
    const pending = ctx.call(fixture('processes.ts', 'run'), ['sleep', '1201']);
    expect(await eventually(() => running(/^sleep 1201/), 10_000)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toBeInstanceOf(ChannelError);
    expect(await eventually(async () => !(await running(/^sleep 1201/)), 5000)).toBe(true);
  });

  test('kill -9 of a context’s parent drops its link: the context exits and kills its task processes', async () => {
    master = await createMaster();
    const parent = await master.local({ name: 'parent' });
    const child = await master.local({ name: 'child', via: parent });
    const parentPid = (await parent.call(fixture('basic.ts', 'pid'))) as number;
    const childPid = (await child.call(fixture('basic.ts', 'pid'))) as number;
    const pending = child.call(fixture('processes.ts', 'run'), ['sleep', '1202']);
    expect(await eventually(() => running(/^sleep 1202/), 10_000)).toBe(true);
    process.kill(parentPid, 'SIGKILL');
    await expect(pending).rejects.toBeInstanceOf(ChannelError);
    expect(await eventually(async () => !(await running(/^sleep 1202/)), 5000)).toBe(true);
    expect(await eventually(async () => !alive(childPid), 5000)).toBe(true);
  });

  test('a deliberate shutdown during a task kills the task process group', async () => {
    master = await createMaster();
    const ctx = await master.local();
    ctx.call(fixture('processes.ts', 'run'), ['sleep', '1203']).catch(() => {});
    expect(await eventually(() => running(/^sleep 1203/), 10_000)).toBe(true);
    await ctx.shutdown();
    expect(await eventually(async () => !(await running(/^sleep 1203/)), 5000)).toBe(true);
  });

  test('a context started through another whose thread is stuck is killed through its parent: shutdown ends in bounded time', async () => {
    master = await createMaster();
    const parent = await master.local({ name: 'parent' });
    const stuck = await master.local({ name: 'stuck', via: parent });
    const pid = (await stuck.call(fixture('basic.ts', 'pid'))) as number;
    stuck.call(fixture('basic.ts', 'block'), 120_000).catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await stuck.shutdown(500);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(stuck.disconnected).toBe(true);
    expect(await eventually(async () => !alive(pid), 5000)).toBe(true);
    expect(await parent.call(fixture('basic.ts', 'add'), 1, 2)).toBe(3);
  });

  test('a context that never answers (SIGSTOP, a silent link) fails a bounded service call instead of hanging', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const pid = (await ctx.call(fixture('basic.ts', 'pid'))) as number;
    process.kill(pid, 'SIGSTOP');
    try {
      await expect(ctx.callService('spindle.context', 'kill', { id: 999 }, 500)).rejects.toThrow(
        /no reply from context \d+ within/,
      );
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
