import { describe, expect, test } from 'vitest';
import { decode } from '../../../bootstrap/codec.js';
import { Handle } from '../../../bootstrap/protocol.js';
import { request } from '../../../bootstrap/request.js';
import { createMaster } from '../../../runner/core/index.js';
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
});
