import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CallError, createMaster, type LogRecord, type Master, ref } from '../../../runner/core/index.js';
import { fileModuleName } from '../../../runner/core/module-bundle.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'functions');
const basic = (name: string) => ref(join(fixtures, 'basic.ts'), name);
const util = (name: string) => ref(join(fixtures, 'uses-util.ts'), name);

let master: Master;
afterEach(async () => {
  await master?.shutdown();
});

describe('calls into contexts', () => {
  test('calls an exported function of a local module file in a child process', async () => {
    master = await createMaster();
    const ctx = await master.local();
    expect(await ctx.call(basic('add'), 2, 40)).toBe(42);
    expect(await ctx.call(basic('pid'))).not.toBe(process.pid);
    expect(await ctx.call(basic('title'))).toMatch(/^spindle:.+@.+:local\.\d+$/);
  });

  test('round-trips binary and nested values through a real context', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const value = {
      bytes: Buffer.from([0, 1, 2, 255]),
      list: [1, 'two', null, true, 2n ** 70n],
      nested: { 'a.b': 1.5 },
    };
    expect(await ctx.call(basic('echo'), value)).toEqual(value);
  });

  test('rejects with a CallError carrying the remote class, message and stack', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const error = (await ctx.call(basic('fail'), 'disk full').catch((e) => e)) as CallError;
    expect(error).toBeInstanceOf(CallError);
    expect(error.remoteName).toBe('DeployFailure');
    expect(error.remoteMessage).toBe('disk full');
    expect(error.remoteStack).toContain('basic.ts');
  });

  test('a call chain fails fast after its first failure', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const chain = ctx.chain();
    chain.callNoReply(basic('add'), 1, 1);
    chain.callNoReply(basic('fail'), 'step two broke');
    const error = (await chain.call(basic('add'), 2, 2).catch((e) => e)) as CallError;
    expect(error.remoteMessage).toBe('step two broke');
    expect(await ctx.chain().call(basic('add'), 2, 2)).toBe(4);
  });

  test('console.log and a child process with inherited stdio arrive as log lines, not corrupt frames', async () => {
    master = await createMaster();
    const lines: LogRecord[] = [];
    master.onLog((r) => lines.push(r));
    const ctx = await master.local();
    expect(await ctx.call(basic('noisy'))).toBe('done');
    expect(await ctx.call(basic('add'), 1, 2)).toBe(3);
    await waitFor(() => lines.some((r) => r.message === 'hi from sh'));
    const messages = lines.filter((r) => r.contextId === ctx.id).map((r) => r.message);
    expect(messages).toContain('hello from console.log');
    expect(messages).toContain('hi from sh');
  });

  test('logs from any depth reach the master tagged with the context that wrote them', async () => {
    master = await createMaster();
    const lines: LogRecord[] = [];
    master.onLog((r) => lines.push(r));
    const child = await master.local({ name: 'middle' });
    const grandchild = await master.local({ via: child, name: 'leaf' });
    expect(await grandchild.call(util('logSomething'), 'from the leaf')).toBe(true);
    await waitFor(() => lines.some((r) => r.message === 'from the leaf'));
    const record = lines.find((r) => r.message === 'from the leaf')!;
    expect(record).toMatchObject({ logger: 'spindle.test', contextId: grandchild.id, contextName: 'leaf' });
  });

  test('a grandchild started through a child answers calls, and a 10-hop chain works', async () => {
    master = await createMaster();
    let ctx = await master.local();
    const first = ctx;
    for (let hop = 1; hop < 10; hop++) ctx = await master.local({ via: ctx });
    expect(ctx.path).toHaveLength(10);
    expect(ctx.path[0]).toBe(first.id);
    expect(await ctx.call(basic('add'), 10, 0)).toBe(10);
    expect(await ctx.call(util('contextName'))).toBe(ctx.name);
  });

  test('behind an intermediate a module crosses the first hop once for many grandchildren (FORWARD_MODULE)', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaves = await Promise.all([1, 2, 3, 4].map(() => master.local({ via: middle })));
    for (const leaf of leaves) expect(await leaf.call(basic('add'), leaf.id, 0)).toBe(leaf.id);
    const oneCopy = master.responder
      .cached(join(fixtures, 'basic.ts'))!
      .reduce((n, r) => n + r.source.length, 0);
    const sent = master.responder.loadBytesByHop.get(middle.id)!;
    expect(sent).toBeGreaterThanOrEqual(oneCopy);
    expect(sent).toBeLessThan(oneCopy * 1.5);
  });

  test('shared code is shipped once per context as a module of its own', async () => {
    master = await createMaster();
    const records = await master.responder.prepare(join(fixtures, 'uses-util.ts'));
    const names = records.map((r) => r.name);
    expect(names.at(-1)).toBe(fileModuleName(join(fixtures, 'uses-util.ts')));
    expect(names.some((n) => n.endsWith('bootstrap/runtime-api.ts'))).toBe(true);
    const entry = records.at(-1)!;
    expect(entry.source).not.toContain('spindle.runtime');
    expect(entry.imports).toEqual(names.slice(0, -1));
  });

  test('a module the master did not predict is fetched with GET_MODULE', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const records = await master.responder.prepare(join(fixtures, 'basic.ts'));
    for (const record of records) master.responder.mark(ctx.id, record.name);
    expect(await ctx.call(basic('add'), 5, 5)).toBe(10);
  });

  test('a call that blocks its event loop for 2 s does not stop the context routing to its children', async () => {
    master = await createMaster();
    const middle = await master.local();
    const leaf = await master.local({ via: middle });
    await leaf.call(basic('add'), 0, 0);
    let blockedDone = false;
    const blocked = middle.call(basic('block'), 2000).then((ms) => {
      blockedDone = true;
      return ms;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await leaf.call(basic('add'), 1, 1)).toBe(2);
    expect(blockedDone).toBe(false);
    expect(await blocked).toBe(2000);
  });

  test('a leaf context runs calls on its main thread and moves them to a thread once it has a child', async () => {
    master = await createMaster();
    const middle = await master.local();
    expect(await middle.call(basic('onMainThread'))).toBe(true);
    const chain = middle.chain();
    chain.callNoReply(basic('fail'), 'failed before the move');
    await master.local({ via: middle });
    expect(await middle.call(basic('onMainThread'))).toBe(false);
    const error = (await chain.call(basic('add'), 1, 1).catch((e) => e)) as CallError;
    expect(error.remoteMessage).toBe('failed before the move');
  });

  test('calls issued without waiting run in order on one context', async () => {
    master = await createMaster();
    const ctx = await master.local();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => ctx.call(basic('add'), i, 0)));
    expect(results).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('frame tracing', () => {
  test('spindle.io records every frame on the master and in contexts when enabled, and nothing otherwise', async () => {
    master = await createMaster({ ioLog: true });
    const records: LogRecord[] = [];
    master.onLog((r) => records.push(r));
    const ctx = await master.local();
    expect(await ctx.call(basic('add'), 1, 2)).toBe(3);
    await waitFor(() => records.some((r) => r.logger === 'spindle.io' && r.contextId === ctx.id));
    expect(
      records.some((r) => r.logger === 'spindle.io' && r.contextId === 0 && /handle=101/.test(r.message)),
    ).toBe(true);
    await master.shutdown();
    master = await createMaster();
    const quiet: LogRecord[] = [];
    master.onLog((r) => quiet.push(r));
    await (await master.local()).call(basic('add'), 1, 2);
    expect(quiet.filter((r) => r.logger === 'spindle.io')).toEqual([]);
  });
});
