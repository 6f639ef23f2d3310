import { Encoding, HEADER_SIZE, IS_DEAD, MAGIC } from './protocol.js';

/** One routed message: the frame header fields plus its payload bytes. */
export interface Message {
  dst: number;
  src: number;
  auth: number;
  handle: number;
  replyTo: number;
  enc: number;
  payload: Buffer;
}

/** True when the message is a dead reply (its payload is the reason). */
export function isDead(message: Message): boolean {
  return message.replyTo === IS_DEAD;
}

/** Serialises a message into one frame: the 26-byte big-endian header followed by the payload. */
export function encodeFrame(message: Message): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_SIZE + message.payload.length);
  frame[0] = MAGIC;
  frame[1] = message.enc;
  frame.writeUInt32BE(message.dst, 2);
  frame.writeUInt32BE(message.src, 6);
  frame.writeUInt32BE(message.auth, 10);
  frame.writeUInt32BE(message.handle, 14);
  frame.writeUInt32BE(message.replyTo, 18);
  frame.writeUInt32BE(message.payload.length, 22);
  message.payload.copy(frame, HEADER_SIZE);
  return frame;
}

/** Why a stream's bytes could not be read as frames; the stream is disconnected with this. */
export class FrameError extends Error {
  override name = 'FrameError';
  constructor(
    readonly code: 'bad-magic' | 'too-large' | 'truncated',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Incremental frame reader: feed it chunks as they arrive, it yields whole messages. Corrupt input raises a
 * FrameError (the caller disconnects that stream); a frame cut off by EOF is reported by `finish()`.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxMessageSize: number) {}

  /** Adds bytes and returns every message now complete. */
  push(chunk: Buffer): Message[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Message[] = [];
    while (this.buffered >= HEADER_SIZE) {
      const head = this.peek(HEADER_SIZE);
      if (head[0] !== MAGIC) {
        throw new FrameError(
          'bad-magic',
          `corrupt stream: expected frame magic 0x53, got 0x${head[0].toString(16).padStart(2, '0')}`,
        );
      }
      const length = head.readUInt32BE(22);
      if (length > this.maxMessageSize) {
        throw new FrameError(
          'too-large',
          `corrupt stream: frame of ${length} bytes exceeds the limit of ${this.maxMessageSize}`,
        );
      }
      if (this.buffered < HEADER_SIZE + length) break;
      const frame = this.take(HEADER_SIZE + length);
      messages.push({
        enc: frame[1],
        dst: frame.readUInt32BE(2),
        src: frame.readUInt32BE(6),
        auth: frame.readUInt32BE(10),
        handle: frame.readUInt32BE(14),
        replyTo: frame.readUInt32BE(18),
        payload: frame.subarray(HEADER_SIZE),
      });
    }
    return messages;
  }

  /** Call at end of stream: throws if a partial frame was left over. */
  finish(): void {
    if (this.buffered > 0) {
      throw new FrameError('truncated', `stream ended inside a frame (${this.buffered} bytes left over)`);
    }
  }

  private peek(size: number): Buffer {
    if (this.chunks[0].length >= size) return this.chunks[0];
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(size: number): Buffer {
    const first = this.peek(size);
    const taken = first.subarray(0, size);
    const rest = first.subarray(size);
    this.chunks[0] = rest;
    if (rest.length === 0) this.chunks.shift();
    this.buffered -= size;
    return taken;
  }
}

/** Builds a message whose payload is UTF-8 text (enc 3). */
export function textPayload(text: string): { enc: number; payload: Buffer } {
  return { enc: Encoding.TEXT, payload: Buffer.from(text, 'utf8') };
}
