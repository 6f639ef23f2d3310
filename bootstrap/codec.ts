import { Handle } from './protocol.js';

/**
 * The structured payload codec (enc = 1): a compact binary tag-length-value format. Binary-safe (bytes travel
 * as bytes), identical on every Node version, and restricted: decoding yields only null, booleans, numbers,
 * bigints, strings, byte arrays, arrays, plain objects and the tagged types below. A `__proto__` key becomes an
 * own property, never a prototype.
 */

enum Tag {
  Null = 0,
  Undefined = 1,
  False = 2,
  True = 3,
  Int32 = 4,
  Float64 = 5,
  BigInt = 6,
  String = 7,
  Bytes = 8,
  Array = 9,
  Object = 10,
  CallError = 11,
  ContextRef = 12,
  Secret = 13,
}

/** A remote exception as data: the class name, message and stack of the far side. */
export class CallError extends Error {
  override name = 'CallError';
  constructor(
    readonly remoteName: string,
    message: string,
    readonly remoteStack: string,
  ) {
    super(`${remoteName}: ${message}`);
  }
  /** The message without the class-name prefix. */
  get remoteMessage(): string {
    return this.message.slice(this.remoteName.length + 2);
  }
}

/** A reference to a context, passed by value between contexts. */
export class ContextRef {
  constructor(
    readonly id: number,
    readonly name: string,
  ) {}
}

/** A value that must never be printed or logged: it renders as `[secret]` everywhere. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The secret itself, for the one place that needs it (a password prompt). */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secret]';
  }
}

/** Raised for values the codec refuses (functions, class instances, cycles…), naming what was found. */
export class CodecError extends Error {
  override name = 'CodecError';
}

const MAX_DEPTH = 256;
/**
 * The most digits a decoded bigint may have: `BigInt()` of a decimal string is superlinear, so a peer must
 * not be able to stall a context's only thread with a multi-megabyte one. Far beyond any real value.
 */
export const MAX_BIGINT_DIGITS = 4096;
const BIGINT_TEXT = /^-?[0-9]+$/;

/**
 * The largest payload each well-known control handle accepts (bytes); anything bigger is refused before it
 * is decoded. Handles not listed (calls, module loads, replies) are bounded by `maxMessageSize` only.
 */
const PAYLOAD_LIMITS: Record<number, number> = {
  [Handle.GET_MODULE]: 64 * 1024,
  [Handle.FORWARD_LOG]: 256 * 1024,
  [Handle.ADD_ROUTE]: 4 * 1024,
  [Handle.DEL_ROUTE]: 1024,
  [Handle.ALLOCATE_ID]: 1024,
  [Handle.SHUTDOWN]: 1024,
  [Handle.DETACHING]: 1024,
  [Handle.FORWARD_MODULE]: 64 * 1024,
  [Handle.CALL_SERVICE]: 8 * 1024 * 1024,
};

/** The largest payload a message to `handle` may carry (Infinity: only `maxMessageSize` applies). */
export function payloadLimit(handle: number): number {
  return PAYLOAD_LIMITS[handle] ?? Number.POSITIVE_INFINITY;
}

class Writer {
  buffer = Buffer.allocUnsafe(256);
  offset = 0;

  ensure(extra: number): void {
    if (this.offset + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.offset + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, 0, this.offset);
    this.buffer = next;
  }
  byte(value: number): void {
    this.ensure(1);
    this.buffer[this.offset++] = value;
  }
  u32(value: number): void {
    this.ensure(4);
    this.buffer.writeUInt32BE(value, this.offset);
    this.offset += 4;
  }
  string(value: string): void {
    const max = value.length * 3;
    this.ensure(4 + max);
    const written = this.buffer.write(value, this.offset + 4, 'utf8');
    this.buffer.writeUInt32BE(written, this.offset);
    this.offset += 4 + written;
  }
  bytes(value: Uint8Array): void {
    this.ensure(4 + value.length);
    this.buffer.writeUInt32BE(value.length, this.offset);
    this.buffer.set(value, this.offset + 4);
    this.offset += 4 + value.length;
  }
}

function encodeValue(w: Writer, value: unknown, depth: number, seen: Set<object>): void {
  switch (typeof value) {
    case 'string':
      w.byte(Tag.String);
      w.string(value);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0)) {
        w.byte(Tag.Int32);
        w.ensure(4);
        w.buffer.writeInt32BE(value, w.offset);
        w.offset += 4;
      } else {
        w.byte(Tag.Float64);
        w.ensure(8);
        w.buffer.writeDoubleBE(value, w.offset);
        w.offset += 8;
      }
      return;
    case 'boolean':
      w.byte(value ? Tag.True : Tag.False);
      return;
    case 'undefined':
      w.byte(Tag.Undefined);
      return;
    case 'bigint': {
      const text = value.toString();
      if (text.length > MAX_BIGINT_DIGITS + 1)
        throw new CodecError(`cannot encode a bigint of more than ${MAX_BIGINT_DIGITS} digits`);
      w.byte(Tag.BigInt);
      w.string(text);
      return;
    }
    case 'object':
      break;
    default:
      throw new CodecError(`cannot encode a ${typeof value}`);
  }
  if (value === null) {
    w.byte(Tag.Null);
    return;
  }
  if (depth > MAX_DEPTH) throw new CodecError(`value nested deeper than ${MAX_DEPTH} levels`);
  if (value instanceof Uint8Array) {
    w.byte(Tag.Bytes);
    w.bytes(value);
    return;
  }
  if (seen.has(value)) throw new CodecError('cannot encode a value that contains itself');
  seen.add(value);
  if (Array.isArray(value)) {
    w.byte(Tag.Array);
    w.u32(value.length);
    for (const item of value) encodeValue(w, item, depth + 1, seen);
  } else if (value instanceof CallError) {
    w.byte(Tag.CallError);
    w.string(value.remoteName);
    w.string(value.remoteMessage);
    w.string(value.remoteStack);
  } else if (value instanceof ContextRef) {
    w.byte(Tag.ContextRef);
    w.u32(value.id);
    w.string(value.name);
  } else if (value instanceof Secret) {
    w.byte(Tag.Secret);
    w.string(value.reveal());
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new CodecError(`cannot encode an instance of ${proto?.constructor?.name ?? 'an unknown class'}`);
    }
    const keys = Object.keys(value);
    w.byte(Tag.Object);
    w.u32(keys.length);
    for (const key of keys) {
      w.string(key);
      encodeValue(w, (value as Record<string, unknown>)[key], depth + 1, seen);
    }
  }
  seen.delete(value);
}

/** Encodes a plain-data value into bytes. */
export function encode(value: unknown): Buffer {
  const w = new Writer();
  encodeValue(w, value, 0, new Set());
  return w.buffer.subarray(0, w.offset);
}

class Reader {
  offset = 0;
  constructor(readonly buffer: Buffer) {}
  need(size: number): void {
    if (this.offset + size > this.buffer.length) throw new CodecError('truncated payload');
  }
  u32(): number {
    this.need(4);
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  string(): string {
    const length = this.u32();
    this.need(length);
    const value = this.buffer.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

function decodeValue(r: Reader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new CodecError(`payload nested deeper than ${MAX_DEPTH} levels`);
  r.need(1);
  const tag = r.buffer[r.offset++];
  switch (tag) {
    case Tag.Null:
      return null;
    case Tag.Undefined:
      return undefined;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.Int32: {
      r.need(4);
      const value = r.buffer.readInt32BE(r.offset);
      r.offset += 4;
      return value;
    }
    case Tag.Float64: {
      r.need(8);
      const value = r.buffer.readDoubleBE(r.offset);
      r.offset += 8;
      return value;
    }
    case Tag.BigInt: {
      const length = r.u32();
      if (length > MAX_BIGINT_DIGITS + 1)
        throw new CodecError(`bigint of ${length} characters exceeds ${MAX_BIGINT_DIGITS} digits`);
      r.need(length);
      const text = r.buffer.toString('latin1', r.offset, r.offset + length);
      r.offset += length;
      if (!BIGINT_TEXT.test(text)) throw new CodecError('malformed bigint');
      return BigInt(text);
    }
    case Tag.String:
      return r.string();
    case Tag.Bytes: {
      const length = r.u32();
      r.need(length);
      const value = Buffer.from(r.buffer.subarray(r.offset, r.offset + length));
      r.offset += length;
      return value;
    }
    case Tag.Array: {
      const count = r.u32();
      if (count > r.buffer.length - r.offset) throw new CodecError('array length exceeds payload');
      const items = new Array(count);
      for (let i = 0; i < count; i++) items[i] = decodeValue(r, depth + 1);
      return items;
    }
    case Tag.Object: {
      const count = r.u32();
      if (count > r.buffer.length - r.offset) throw new CodecError('object size exceeds payload');
      const object: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) {
        const key = r.string();
        const value = decodeValue(r, depth + 1);
        if (key === '__proto__') {
          Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        } else {
          object[key] = value;
        }
      }
      return object;
    }
    case Tag.CallError:
      return new CallError(r.string(), r.string(), r.string());
    case Tag.ContextRef:
      return new ContextRef(r.u32(), r.string());
    case Tag.Secret:
      return new Secret(r.string());
    default:
      throw new CodecError(`unknown type tag ${tag}`);
  }
}

/** Decodes bytes produced by `encode`; throws CodecError on malformed input, never returns exotic objects. */
export function decode(payload: Buffer): unknown {
  const r = new Reader(payload);
  const value = decodeValue(r, 0);
  if (r.offset !== payload.length)
    throw new CodecError(`${payload.length - r.offset} trailing bytes after payload`);
  return value;
}

/** Turns any thrown value into a CallError that can cross the wire. */
export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) return error;
  if (error instanceof Error) return new CallError(error.name || 'Error', error.message, error.stack ?? '');
  return new CallError('Error', String(error), '');
}
