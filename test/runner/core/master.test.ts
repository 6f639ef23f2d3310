import { describe, expect, test } from 'vitest';
import { CallError, decode } from '../../../bootstrap/codec.js';
import type { LogRecord } from '../../../bootstrap/log.js';
import { Handle } from '../../../bootstrap/protocol.js';
import { request } from '../../../bootstrap/request.js';
import { createMaster } from '../../../runner/core/index.js';
import { MAX_ID_BLOCKS_PER_CHILD } from '../../../runner/core/master.js';
import { link, makeRouter } from '../../support/links.js';

describe('the master', () => {
  test('hands out context ids in blocks of 1000 to immediate children only', async () => {
    const master = await createMaster();
    const child = makeRouter(1, [0]);
    link(master.router, child);
    expect(await request(child, 0, Handle.ALLOCATE_ID, null)).toEqual({ start: 1000, end: 1999 });
    expect(await request(child, 0, Handle.ALLOCATE_ID, null)).toEqual({ start: 2000, end: 2999 });
    await expect(request(master.router, 0, Handle.ALLOCATE_ID, null)).rejects.toThrow(/refused by policy/);
  });

  test('hands one child at most MAX_ID_BLOCKS_PER_CHILD blocks, then refuses', async () => {
    const master = await createMaster();
    const child = makeRouter(1, [0]);
    link(master.router, child);
    for (let i = 0; i < MAX_ID_BLOCKS_PER_CHILD; i++) await request(child, 0, Handle.ALLOCATE_ID, null);
    await expect(request(child, 0, Handle.ALLOCATE_ID, null)).rejects.toThrow(/already has 16 id blocks/);
  });

  test('re-emits FORWARD_LOG records under the forwarding context', async () => {
    const master = await createMaster();
    const child = makeRouter(1, [0]);
    link(master.router, child);
    const seen: unknown[] = [];
    master.onLog((r) => seen.push(r));
    child.sendData(0, Handle.FORWARD_LOG, {
      logger: 'spindle.x',
      level: 'info',
      message: 'hello',
      contextId: 1,
      contextName: 'c1',
      time: 1,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toContainEqual(
      expect.objectContaining({ logger: 'spindle.x', message: 'hello', contextId: 1 }),
    );
  });

  test('answers GET_MODULE only for modules it bundled', async () => {
    const master = await createMaster();
    const child = makeRouter(1, [0]);
    link(master.router, child);
    const missing = await request(child, 0, Handle.GET_MODULE, 'file:/etc/shadow');
    expect(missing).toEqual({ name: 'file:/etc/shadow', missing: true });
    expect(decode).toBeTypeOf('function');
  });

  test('re-emits a FORWARD_LOG record that names a context behind another stream under its sender', async () => {
    const master = await createMaster();
    const honest = makeRouter(1, [0]);
    const hostile = makeRouter(2, [0]);
    link(master.router, honest);
    link(master.router, hostile);
    const seen: LogRecord[] = [];
    master.onLog((r) => seen.push(r));
    hostile.sendData(0, Handle.FORWARD_LOG, {
      logger: 'spindle.task.t1.stdout',
      level: 'info',
      message: 'forged line',
      contextId: 1,
      contextName: 'c1',
      time: 1,
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.find((r) => r.message === 'forged line')).toMatchObject({ contextId: 2, contextName: 'c2' });
  });

  test('answers a child that calls a refused service with the message only, never the controller stack', async () => {
    const master = await createMaster();
    const child = makeRouter(1, [0]);
    link(master.router, child);
    const error = (await request(child, 0, Handle.CALL_SERVICE, {
      service: 'file',
      method: 'fetch',
      args: { path: '/etc/shadow', handle: 2000 },
    }).catch((e) => e)) as CallError;
    expect(error).toBeInstanceOf(CallError);
    expect(error.remoteMessage).toMatch(/was not offered/);
    expect(error.remoteStack).toBe('');
  });
});
