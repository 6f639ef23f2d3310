import type { Readable, Writable } from 'node:stream';
import { encodeFrame, FrameDecoder, FrameError, type Message } from './message.js';

/** Why a stream stopped: EOF, a write/read error, or corrupt frames. */
export interface StreamLoss {
  reason: string;
  error?: Error;
}

/**
 * One direct link to a neighbouring context: frames in from `input`, frames out to `output`. Writes made in
 * the same tick are batched into one syscall (pipelined calls cost one write, not N).
 */
export class Stream {
  /** The context id of the peer at the other end. */
  remoteId: number;
  /** The peer's name, for logs and errors. */
  remoteName: string;
  readonly isParent: boolean;
  private readonly decoder: FrameDecoder;
  private pending: Buffer[] = [];
  private flushScheduled = false;
  private closed = false;
  private lossListeners: Array<(loss: StreamLoss) => void> = [];

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    options: { remoteId: number; remoteName: string; isParent: boolean; maxMessageSize: number },
    private readonly onMessage: (message: Message, stream: Stream) => void,
  ) {
    this.remoteId = options.remoteId;
    this.remoteName = options.remoteName;
    this.isParent = options.isParent;
    this.decoder = new FrameDecoder(options.maxMessageSize);
    input.on('data', (chunk: Buffer) => this.receive(chunk));
    input.on('end', () => {
      try {
        this.decoder.finish();
        this.lose({ reason: 'end of stream' });
      } catch (error) {
        this.lose({ reason: (error as Error).message, error: error as Error });
      }
    });
    input.on('error', (error) => this.lose({ reason: `read error: ${error.message}`, error }));
    input.on('close', () => this.lose({ reason: 'stream closed' }));
    output.on('error', (error) => this.lose({ reason: `write error: ${error.message}`, error }));
    input.resume();
  }

  /** Queues a message for sending; frames queued in one tick are written together. */
  send(message: Message): void {
    if (this.closed) return;
    this.pending.push(encodeFrame(message));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  /** Registers a listener for the end of this stream (called once). */
  onLoss(listener: (loss: StreamLoss) => void): void {
    if (this.closed) return;
    this.lossListeners.push(listener);
  }

  /** True once the stream has been lost or closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes the outgoing side (the peer sees EOF) and stops reading. */
  close(reason = 'closed locally'): void {
    this.flush();
    this.output.end();
    this.lose({ reason });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.closed) return;
    const frames = this.pending;
    this.pending = [];
    this.output.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let messages: Message[];
    try {
      messages = this.decoder.push(chunk);
    } catch (error) {
      const reason = error instanceof FrameError ? error.message : `frame error: ${(error as Error).message}`;
      this.lose({ reason, error: error as Error });
      this.input.destroy();
      return;
    }
    for (const message of messages) this.onMessage(message, this);
  }

  private lose(loss: StreamLoss): void {
    if (this.closed) return;
    this.closed = true;
    const listeners = this.lossListeners;
    this.lossListeners = [];
    for (const listener of listeners) listener(loss);
  }
}
