import { describe, expect, test } from 'vitest';
import { readSpawnChildArgs, readSpawnChildResult } from '../../bootstrap/child-service.js';
import { CallError, encode, Secret } from '../../bootstrap/codec.js';
import {
  decodePayload,
  PayloadError,
  readFailedChains,
  readFetchRequest,
  readModuleReply,
} from '../../bootstrap/payloads.js';
import { Handle } from '../../bootstrap/protocol.js';

describe('payloads are decoded by handle into their types', () => {
  test('each structured handle reads back what was sent', () => {
    const log = {
      logger: 'spindle',
      level: 'info',
      message: 'hi',
      contextId: 3,
      contextName: 'web',
      time: 1,
    };
    expect(decodePayload(Handle.FORWARD_LOG, encode(log))).toEqual(log);
    expect(decodePayload(Handle.ADD_ROUTE, encode({ id: 7, name: 'web' }))).toEqual({ id: 7, name: 'web' });
    expect(decodePayload(Handle.DEL_ROUTE, encode({ id: 7 }))).toEqual({ id: 7 });
    expect(decodePayload(Handle.GET_MODULE, encode('npm:zod'))).toBe('npm:zod');
    const call = { chain: 'c1', module: 'm', export: 'run', args: [1, 'two'] };
    expect(decodePayload(Handle.CALL_FUNCTION, encode(call))).toEqual(call);
    expect(decodePayload(Handle.CALL_FUNCTION, encode({ module: 'm', export: 'run', args: [] }))).toEqual({
      module: 'm',
      export: 'run',
      args: [],
    });
    const record = { name: 'm', hash: 'h', source: 'x', imports: ['npm:zod'] };
    expect(decodePayload(Handle.LOAD_MODULE, encode(record))).toEqual(record);
    expect(decodePayload(Handle.LOAD_MODULE, encode({ name: 'm', missing: true }))).toEqual({
      name: 'm',
      missing: true,
    });
    expect(decodePayload(Handle.FORWARD_MODULE, encode({ target: 9, name: 'm' }))).toEqual({
      target: 9,
      name: 'm',
    });
    const service = { service: 'file', method: 'fetch', args: { path: '/x' } };
    expect(decodePayload(Handle.CALL_SERVICE, encode(service))).toEqual(service);
    expect(decodePayload(Handle.SHUTDOWN, encode(null))).toBeNull();
  });

  test('a payload of the wrong shape fails naming the handle and the field', () => {
    expect(() => decodePayload(Handle.ADD_ROUTE, encode({ id: '7', name: 'web' }))).toThrow(
      /malformed ADD_ROUTE payload: expected `id` as an integer/,
    );
    expect(() => decodePayload(Handle.FORWARD_LOG, encode({ logger: 'x', level: 'loud' }))).toThrow(
      PayloadError,
    );
    expect(() =>
      decodePayload(Handle.CALL_FUNCTION, encode({ module: 'm', export: 'run', args: 'no' })),
    ).toThrow(/CALL_FUNCTION.*`args` as a list/);
    expect(() => decodePayload(Handle.GET_MODULE, encode(42))).toThrow(/GET_MODULE/);
    expect(() => readModuleReply({ name: 'm', hash: 'h', source: 'x', imports: [1] })).toThrow(/imports/);
  });

  test('the executor and file-service payloads are read without casts', () => {
    const error = new CallError('Error', 'boom', '');
    expect(readFailedChains([['c1', error]])).toEqual([['c1', error]]);
    expect(() => readFailedChains([['c1', 'boom']])).toThrow(PayloadError);
    expect(readFetchRequest({ path: '/x', handle: 1001, window: 8 })).toEqual({
      path: '/x',
      handle: 1001,
      window: 8,
    });
    expect(() => readFetchRequest({ path: '/x' })).toThrow(/`handle`/);
  });

  test('the spawn service reads its argument and reply without casts', () => {
    const secret = new Secret('pw');
    const args = {
      spec: { argv: ['sudo', '-S'], prompts: [{ match: 'password', send: secret }], protocolFds: false },
      params: {
        id: 5,
        name: 'sudo',
        ancestors: [1, 0],
        maxMessageSize: 1024,
        unidirectional: true,
        ioLog: false,
      },
      timeoutMs: 30_000,
    };
    expect(readSpawnChildArgs(args)).toEqual(args);
    expect(readSpawnChildArgs(args).spec.prompts?.[0].send).toBe(secret);
    expect(() => readSpawnChildArgs({ ...args, params: { ...args.params, ancestors: ['x'] } })).toThrow(
      /ancestors/,
    );
    expect(readSpawnChildResult({ ok: true })).toEqual({ ok: true });
    expect(readSpawnChildResult({ ok: true, command: "sudo -u root -- /bin/sh -c 'x'" })).toEqual({
      ok: true,
      command: "sudo -u root -- /bin/sh -c 'x'",
    });
    expect(() => readSpawnChildResult({ ok: true, command: 7 })).toThrow(PayloadError);
    expect(readSpawnChildResult({ ok: false, phase: 'become', message: 'no', lastOutput: ['x'] })).toEqual({
      ok: false,
      phase: 'become',
      message: 'no',
      lastOutput: ['x'],
    });
    expect(() => readSpawnChildResult({ ok: false, phase: 'lunch', message: '', lastOutput: [] })).toThrow(
      PayloadError,
    );
  });
});
