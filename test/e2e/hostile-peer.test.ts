import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { LogRecord } from '../../bootstrap/log.js';
import { Handle, MASTER_ID } from '../../bootstrap/protocol.js';
import { compilePlaybook, InventoryBuilder, renderIssues } from '../../dsl/index.js';
import { type Context, createMaster, type Master, ref } from '../../runner/core/index.js';
import { runPlaybook } from '../../runner/play/run-playbook.js';
import type { RunEvent } from '../../runner/report/events.js';
import type { ForgedFrame } from '../fixtures/functions/hostile.js';

// A compromised host: a real context into which the test loads a function that writes forged frames straight
// onto its channel to the controller (DESIGN.md §3 "a compromised host can neither…").
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'functions');
const hostile = (name: string) => ref(join(fixtures, 'hostile.ts'), name);
const basic = (name: string) => ref(join(fixtures, 'basic.ts'), name);

let master: Master;
let dir: string | undefined;
afterEach(async () => {
  await master?.shutdown();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A master with two honest hosts and one hostile one, each a real local context. */
async function hosts(): Promise<{ alpha: Context; beta: Context; evil: Context; logs: LogRecord[] }> {
  master = await createMaster();
  const logs: LogRecord[] = [];
  master.onLog((r) => logs.push(r));
  const [alpha, beta, evil] = await Promise.all([
    master.local({ name: 'alpha' }),
    master.local({ name: 'beta' }),
    master.local({ name: 'evil' }),
  ]);
  return { alpha, beta, evil, logs };
}

/** Has the hostile context write `frames`; resolves with the reason it was disconnected. */
async function attack(evil: Context, frames: ForgedFrame[]): Promise<string> {
  const lost = new Promise<string>((resolve) => evil.onDisconnect((error) => resolve(error.message)));
  // The call itself may fail: the controller can cut the host off before its reply arrives.
  await evil.call(hostile('forge'), frames).catch(() => {});
  return lost;
}

/** The honest hosts still answer their own calls (with their own pids), unaffected. */
async function stillServed(...contexts: Context[]): Promise<void> {
  for (const ctx of contexts) {
    const pid = await ctx.call<number>(basic('pid'));
    expect(pid).toBeGreaterThan(0);
    expect(await ctx.call(basic('add'), pid, 1)).toBe(pid + 1);
  }
}

describe('a hostile peer', () => {
  test("cannot take over another host's route with ADD_ROUTE; it is disconnected and the others keep working", async () => {
    const { alpha, beta, evil, logs } = await hosts();
    const betaPid = await beta.call<number>(basic('pid'));
    const reason = await attack(evil, [
      { dst: MASTER_ID, handle: Handle.ADD_ROUTE, data: { id: beta.id, name: 'beta' } },
    ]);
    expect(reason).toMatch(/protocol violation: ADD_ROUTE for context \d+, which was not allocated/);
    expect(master.router.routes.get(beta.id)?.remoteName).toBe('beta');
    expect(await beta.call(basic('pid'))).toBe(betaPid);
    await stillServed(alpha, beta);
    expect(logs.some((r) => r.message.startsWith('protocol violation by evil'))).toBe(true);
  });

  test('cannot claim an id that was never allocated to it', async () => {
    const { alpha, evil } = await hosts();
    const reason = await attack(evil, [
      { dst: MASTER_ID, handle: Handle.ADD_ROUTE, data: { id: 4242, name: 'x' } },
    ]);
    expect(reason).toMatch(/ADD_ROUTE for context 4242/);
    expect(master.router.routes.has(4242)).toBe(false);
    await stillServed(alpha);
  });

  test('cannot read a file offered to another host, and learns no controller stack from the refusal', async () => {
    const { beta, evil } = await hosts();
    dir = await mkdtemp(join(tmpdir(), 'spindle-hostile-'));
    const secret = join(dir, 'beta-only.bin');
    writeFileSync(secret, Buffer.alloc(300 * 1024, 7));
    const withdraw = master.files.offer(secret, beta.id);
    const stolen = await evil.call<{ size?: number; error?: string; stack?: string }>(
      hostile('steal'),
      secret,
    );
    expect(stolen.size).toBeUndefined();
    expect(stolen.error).toMatch(new RegExp(`was not offered to context ${evil.id}`));
    expect(stolen.stack).toBe('');
    expect(await beta.call(hostile('steal'), secret)).toEqual({ size: 300 * 1024 });
    withdraw();
    expect((await beta.call<{ error?: string }>(hostile('steal'), secret)).error).toMatch(/was not offered/);
  });

  test('cannot stall the controller with a multi-megabyte bigint in FORWARD_LOG', async () => {
    const { alpha, evil } = await hosts();
    const reason = await attack(evil, [
      { dst: MASTER_ID, handle: Handle.FORWARD_LOG, bigint: { digits: 4_000_000 } },
    ]);
    expect(reason).toMatch(/exceeds its limit/);
    await stillServed(alpha);
  });

  test('is cut off for a malformed or over-long bigint that fits the size limit', async () => {
    const { alpha, evil } = await hosts();
    const long = await attack(evil, [
      { dst: MASTER_ID, handle: Handle.FORWARD_LOG, bigint: { digits: 200_000 } },
    ]);
    expect(long).toMatch(/malformed payload to handle 102: .*digits/);
    const { evil: other } = await reconnectEvil();
    const malformed = await attack(other, [
      { dst: MASTER_ID, handle: Handle.FORWARD_LOG, bigint: { text: '12x' } },
    ]);
    expect(malformed).toMatch(/malformed payload to handle 102: malformed bigint/);
    await stillServed(alpha);
  });

  test('cannot print log lines as another host', async () => {
    const { beta, evil, logs } = await hosts();
    await evil.call(hostile('forge'), [
      {
        dst: MASTER_ID,
        handle: Handle.FORWARD_LOG,
        data: {
          logger: 'spindle.task.t1.stdout',
          level: 'info',
          message: 'forged as beta',
          contextId: beta.id,
          contextName: 'beta',
          time: 0,
        },
      },
    ]);
    await evil.call(basic('pid'));
    const forged = logs.find((r) => r.message === 'forged as beta');
    expect(forged).toMatchObject({ contextId: evil.id, contextName: 'evil' });
  });

  test('cannot call functions on the controller', async () => {
    const { alpha, evil, logs } = await hosts();
    const reason = await attack(evil, [
      {
        dst: MASTER_ID,
        handle: Handle.CALL_FUNCTION,
        replyTo: 1000,
        data: { module: 'x', export: 'y', args: [] },
      },
    ]);
    expect(reason).toMatch(/handle 101 is not served here/);
    expect(logs.some((r) => r.message.startsWith('protocol violation by evil'))).toBe(true);
    await stillServed(alpha);
  });

  test('gets no file through GET_MODULE, whatever path it names', async () => {
    const { evil } = await hosts();
    const answers: unknown[] = [];
    const send = master.router.sendData.bind(master.router);
    master.router.sendData = (dst, handle, data, replyTo) => {
      if (dst === evil.id && handle === 5000) answers.push(data);
      send(dst, handle, data, replyTo);
    };
    const names = ['../../etc/shadow', '/etc/shadow', `${process.env.HOME}/.ssh/id_rsa`, 'file:/etc/passwd'];
    await evil.call(
      hostile('forge'),
      names.map((name) => ({ dst: MASTER_ID, handle: Handle.GET_MODULE, replyTo: 5000, data: name })),
    );
    await evil.call(basic('pid'));
    expect(answers).toEqual(names.map((name) => ({ name, missing: true })));
  });

  test('cannot send to another host directly, with its own identity or a forged one', async () => {
    const { beta, evil } = await hosts();
    const betaPid = await beta.call<number>(basic('pid'));
    await evil.call(hostile('forge'), [{ dst: beta.id, handle: Handle.SHUTDOWN }]);
    await evil.call(basic('pid'));
    const reason = await attack(evil, [
      { dst: beta.id, src: MASTER_ID, auth: MASTER_ID, handle: Handle.SHUTDOWN },
    ]);
    expect(reason).toMatch(/forged source/);
    expect(beta.disconnected).toBe(false);
    expect(await beta.call(basic('pid'))).toBe(betaPid);
  });
});

/** A fresh hostile context on the same master (the previous one was cut off). */
async function reconnectEvil(): Promise<{ evil: Context }> {
  return { evil: await master.local({ name: 'evil2' }) };
}

describe('a hostile host in a playbook run', () => {
  test('ends UNREACHABLE while the other hosts finish, and its no_log output never shows', async () => {
    const builder = new InventoryBuilder();
    for (const name of ['alpha', 'beta', 'evil'])
      builder.addHost(name, 'ungrouped', { ansible_connection: 'local' });
    const inventory = builder.build();
    const { graph, issues } = compilePlaybook(
      join(import.meta.dirname, '..', 'fixtures', 'playbooks', 'hostile', 'play.yml'),
      {
        inventory,
      },
    );
    expect(renderIssues(issues.filter((i) => i.severity === 'error'))).toBe('');
    const events: RunEvent[] = [];
    const { exitCode, stats } = await runPlaybook({
      graph,
      inventory,
      extraVars: {},
      check: false,
      diff: false,
      verbosity: 0,
      emit: (e) => events.push(e),
    });
    expect(stats.evil.unreachable).toBe(1);
    for (const host of ['alpha', 'beta'])
      expect(stats[host]).toMatchObject({ ok: 3, failed: 0, unreachable: 0 });
    expect(exitCode).toBe(4);
    const unreachable = events.find(
      (e) => e.kind === 'task:result' && e.host === 'evil' && e.status === 'unreachable',
    );
    expect(JSON.stringify(unreachable)).toMatch(/protocol violation: ADD_ROUTE/);
    expect(JSON.stringify(events)).not.toMatch(/leaked-s3cr3t/);
  });
});
