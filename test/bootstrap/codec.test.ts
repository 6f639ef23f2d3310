import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CallError,
  CodecError,
  ContextRef,
  decode,
  encode,
  MAX_BIGINT_DIGITS,
  payloadLimit,
  Secret,
} from '../../bootstrap/codec.js';
import { Handle } from '../../bootstrap/protocol.js';

const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: false }),
    fc.bigInt(),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array().map((bytes) => Buffer.from(bytes)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

describe('the structured codec', () => {
  test('any plain value survives a round trip unchanged', () => {
    fc.assert(
      fc.property(plain, (value) => {
        expect(decode(encode(value))).toStrictEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  test('bytes travel as bytes, not as base64 text', () => {
    const bytes = Buffer.alloc(1000, 0xab);
    const encoded = encode({ data: bytes });
    expect(encoded.length).toBeLessThan(1100);
    expect(decode(encoded)).toEqual({ data: bytes });
  });

  test('a __proto__ key becomes an own property and never a prototype', () => {
    const hostile = Buffer.from(encode(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')));
    const value = decode(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((value as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
  });

  test('tagged types round trip and secrets print as [secret]', () => {
    const error = new CallError('TypeError', 'bad', 'stack here');
    const out = decode(encode([error, new ContextRef(3, 'web1'), new Secret('hunter2')])) as [
      CallError,
      ContextRef,
      Secret,
    ];
    expect(out[0]).toBeInstanceOf(CallError);
    expect(out[0].remoteName).toBe('TypeError');
    expect(out[0].remoteMessage).toBe('bad');
    expect(out[1]).toEqual(new ContextRef(3, 'web1'));
    expect(String(out[2])).toBe('[secret]');
    expect(JSON.stringify({ password: out[2] })).toBe('{"password":"[secret]"}');
    expect(out[2].reveal()).toBe('hunter2');
  });

  test('functions, class instances and cycles are refused with a message naming them', () => {
    expect(() => encode({ f: () => 1 })).toThrow(/cannot encode a function/);
    expect(() => encode(new Map())).toThrow(/cannot encode an instance of Map/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => encode(cycle)).toThrow(CodecError);
  });

  test('malformed payloads raise CodecError instead of returning garbage', () => {
    expect(() => decode(Buffer.from([0x07, 0, 0, 0, 50, 0x41]))).toThrow(/truncated/);
    expect(() => decode(Buffer.from([0x63]))).toThrow(/unknown type tag/);
    expect(() => decode(Buffer.from([0x00, 0x00]))).toThrow(/trailing bytes/);
    expect(() => decode(Buffer.from([0x09, 0xff, 0xff, 0xff, 0xff]))).toThrow(/exceeds payload/);
  });

  test('refuses a bigint longer than MAX_BIGINT_DIGITS before parsing it, with a CodecError', () => {
    const digits = '9'.repeat(2_000_000);
    const payload = Buffer.concat([Buffer.from([6]), Buffer.alloc(4), Buffer.from(digits)]);
    payload.writeUInt32BE(digits.length, 1);
    expect(() => decode(payload)).toThrow(CodecError);
    expect(() => decode(payload)).toThrow(`exceeds ${MAX_BIGINT_DIGITS} digits`);
    expect(() => encode(10n ** BigInt(MAX_BIGINT_DIGITS + 1))).toThrow(CodecError);
    expect(decode(encode(-(10n ** BigInt(MAX_BIGINT_DIGITS - 1))))).toBe(
      -(10n ** BigInt(MAX_BIGINT_DIGITS - 1)),
    );
  });

  test('raises CodecError, not SyntaxError, for a malformed bigint', () => {
    for (const text of ['12a', '', ' 1', '0x10', '1e3', '--1']) {
      const payload = Buffer.concat([Buffer.from([6]), Buffer.alloc(4), Buffer.from(text)]);
      payload.writeUInt32BE(text.length, 1);
      expect(() => decode(payload), text).toThrow(CodecError);
    }
  });

  test('bounds the payload of control handles and leaves calls to maxMessageSize', () => {
    expect(payloadLimit(Handle.FORWARD_LOG)).toBe(256 * 1024);
    expect(payloadLimit(Handle.ADD_ROUTE)).toBeLessThanOrEqual(4096);
    expect(payloadLimit(Handle.CALL_FUNCTION)).toBe(Number.POSITIVE_INFINITY);
  });
});
