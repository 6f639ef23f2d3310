import { describe, expect, test } from 'vitest';
import { encodeFrame, FrameDecoder, FrameError, type Message } from '../../bootstrap/message.js';
import { HEADER_SIZE } from '../../bootstrap/protocol.js';

const sample: Message = {
  dst: 7,
  src: 0,
  auth: 0,
  handle: 101,
  replyTo: 1000,
  enc: 1,
  payload: Buffer.from('payload'),
};

describe('frames', () => {
  test('a frame is the 26-byte header followed by the payload, and decodes to the same message', () => {
    const frame = encodeFrame(sample);
    expect(frame.length).toBe(HEADER_SIZE + 7);
    expect(frame[0]).toBe(0x53);
    const [decoded] = new FrameDecoder(1024).push(frame);
    expect({ ...decoded, payload: decoded.payload.toString() }).toEqual({ ...sample, payload: 'payload' });
  });

  test('frames split at every byte boundary reassemble in order', () => {
    const bytes = Buffer.concat([encodeFrame(sample), encodeFrame({ ...sample, handle: 102 })]);
    const decoder = new FrameDecoder(1024);
    const out: Message[] = [];
    for (const byte of bytes) out.push(...decoder.push(Buffer.from([byte])));
    expect(out.map((m) => m.handle)).toEqual([101, 102]);
    expect(() => decoder.finish()).not.toThrow();
  });

  test('a bad magic byte is reported as a corrupt stream', () => {
    const frame = encodeFrame(sample);
    frame[0] = 0x41;
    expect(() => new FrameDecoder(1024).push(frame)).toThrow(
      /corrupt stream: expected frame magic 0x53, got 0x41/,
    );
  });

  test('a length over the limit is refused before the payload is buffered', () => {
    const header = encodeFrame(sample).subarray(0, HEADER_SIZE);
    header.writeUInt32BE(4096, 22);
    expect(() => new FrameDecoder(1024).push(header)).toThrow(FrameError);
  });

  test('a stream that ends inside a frame is reported as truncated', () => {
    const decoder = new FrameDecoder(1024);
    decoder.push(encodeFrame(sample).subarray(0, 10));
    expect(() => decoder.finish()).toThrow(/stream ended inside a frame/);
  });
});
