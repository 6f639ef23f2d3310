import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CallError, CodecError, ContextRef, decode, encode, Secret } from '../../bootstrap/codec.js';

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
});
