import { Worker } from 'node:worker_threads';
import type { CallError } from './codec.js';
import { encode, toCallError } from './codec.js';
import type { FromExecutor, ToExecutor } from './executor.js';
import { runExecutor } from './executor.js';
import { type DispatcherSide, inThreadPorts } from './executor-port.js';
import type { Importer } from './importer.js';
import type { Logger } from './log.js';
import type { Message } from './message.js';
import type { FetchRequest } from './payloads.js';
import { Encoding, Handle, MASTER_ID, TRANSFER_WINDOW } from './protocol.js';
import { request } from './request.js';
import type { Router } from './router.js';

/** Where calls run: on the main thread (a leaf context), or in an executor thread once the context has children. */
type Mode = 'inline' | 'switching' | 'thread';

/**
 * The main-thread half of calls: hands CALL_FUNCTIONs to the executor in arrival order, sends replies, serves
 * the executor's module, log, service and file-transfer requests. A context without children runs its executor
 * on the main thread (no routing to protect, and no thread start-up: ~25 ms of CPU and a hop per call saved);
 * when it starts its first child, the calls that follow move to a worker thread, so a call that blocks its event
 * loop never stops the router on the main thread (DESIGN.md §4.6).
 */
export class Dispatcher {
  private mode: Mode = 'inline';
  private readonly inline: DispatcherSide;
  private readonly inlineFailedChains: Map<string, CallError>;
  private worker: Worker | null = null;
  /** Calls sent to the in-thread executor whose result has not come back. */
  private inlineOutstanding = 0;
  /** Calls that arrived while switching, for the worker once the in-thread executor is idle. */
  private held: Array<{ seq: number; payload: Uint8Array }> = [];
  private readonly calls = new Map<number, { dst: number; replyTo: number }>();
  private readonly transferAcks = new Map<number, { master: number; ackHandle: number }>();
  private seq = 0;

  constructor(
    private readonly router: Router,
    private readonly importer: Importer,
    private readonly log: Logger,
    private readonly source: string,
  ) {
    const [dispatcherSide, executorSide] = inThreadPorts();
    this.inline = dispatcherSide;
    this.inline.on('message', (message) => this.onExecutor(message, this.inline));
    this.inlineFailedChains = runExecutor(executorSide, { id: router.id, name: router.name }).failedChains;
    router.addHandler((m) => this.onCall(m), {
      handle: Handle.CALL_FUNCTION,
      persist: true,
      policy: router.parentAuthority,
    });
  }

  /** Moves the calls that follow to an executor thread (the context is about to route for a child). */
  useThread(): void {
    if (this.mode !== 'inline') return;
    this.mode = 'switching';
    const worker = new Worker(this.source, {
      eval: true,
      workerData: { role: 'executor', id: this.router.id, name: this.router.name },
    });
    worker.unref();
    const side: DispatcherSide = worker;
    worker.on('message', (message: FromExecutor) => this.onExecutor(message, side));
    worker.on('error', (error) => this.log.error(`executor thread failed: ${error.stack ?? error}`));
    this.worker = worker;
    this.finishSwitch();
  }

  /** Stops the executor thread, if one was started. */
  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Once the in-thread executor is idle, hands the worker its failed chains and the calls held meanwhile. */
  private finishSwitch(): void {
    if (this.mode !== 'switching' || this.inlineOutstanding > 0 || !this.worker) return;
    this.mode = 'thread';
    const failed = encode([...this.inlineFailedChains]);
    this.worker.postMessage({ t: 'failed-chains', payload: new Uint8Array(failed) } satisfies ToExecutor);
    for (const call of this.held.splice(0)) this.postCall(call.seq, call.payload);
  }

  private postCall(seq: number, payload: Uint8Array): void {
    if (this.mode === 'inline') {
      this.inlineOutstanding++;
      this.inline.postMessage({ t: 'call', seq, payload });
    } else if (this.mode === 'switching') {
      this.held.push({ seq, payload });
    } else {
      this.worker!.postMessage({ t: 'call', seq, payload }, [payload.buffer as ArrayBuffer]);
    }
  }

  private onCall(message: Message): void {
    const seq = ++this.seq;
    if (message.replyTo !== 0) this.calls.set(seq, { dst: message.src, replyTo: message.replyTo });
    // An exact-size copy (transferred to a worker): a view would keep, or clone, the whole read chunk behind it.
    this.postCall(seq, new Uint8Array(message.payload));
  }

  private onExecutor(message: FromExecutor, origin: DispatcherSide): void {
    switch (message.t) {
      case 'result': {
        if (origin === this.inline) {
          this.inlineOutstanding--;
          this.finishSwitch();
        }
        const call = this.calls.get(message.seq);
        this.calls.delete(message.seq);
        if (call) {
          const size = message.payload.byteLength;
          // A result the routers would refuse becomes the call's error, so the caller is told instead of waiting.
          const payload =
            size > this.router.maxMessageSize
              ? encode(
                  toCallError(
                    new RangeError(
                      `the result is too large to send (${size} > ${this.router.maxMessageSize} bytes, maxMessageSize)`,
                    ),
                  ),
                )
              : Buffer.from(message.payload);
          this.router.send({
            dst: call.dst,
            handle: call.replyTo,
            replyTo: 0,
            enc: Encoding.STRUCTURED,
            payload,
          });
        }
        break;
      }
      case 'need-module':
        this.importer
          .get(message.name)
          .then((record) => origin.postMessage({ t: 'module', name: message.name, record: record ?? null }));
        break;
      case 'log':
        this.log.emit(message.level, message.message, message.name);
        break;
      case 'service':
        this.forwardService(origin, message.seq, message.target, message.payload);
        break;
      case 'receive':
        this.receiveFile(origin, message.seq, message.path);
        break;
      case 'ack': {
        const ack = this.transferAcks.get(message.seq);
        if (ack)
          this.router.send({
            dst: ack.master,
            handle: ack.ackHandle,
            replyTo: 0,
            enc: Encoding.RAW,
            payload: Buffer.alloc(0),
          });
        break;
      }
    }
  }

  private forwardService(origin: DispatcherSide, seq: number, target: number, payload: Uint8Array): void {
    const replyTo = this.router.addHandler(
      (reply) => {
        const data =
          reply.replyTo === Handle.IS_DEAD
            ? encode(toCallError(new Error(reply.payload.toString())))
            : reply.payload;
        origin.postMessage({ t: 'service-result', seq, payload: data });
      },
      { respondent: target },
    );
    this.router.send({
      dst: target,
      handle: Handle.CALL_SERVICE,
      replyTo,
      enc: Encoding.STRUCTURED,
      payload: Buffer.from(payload),
    });
  }

  private receiveFile(origin: DispatcherSide, seq: number, path: string): void {
    const chunkHandle = this.router.addHandler(
      (chunk) => {
        if (chunk.src !== MASTER_ID) return;
        this.transferAcks.set(seq, { master: chunk.src, ackHandle: chunk.replyTo });
        if (chunk.payload.length === 0) return;
        // An executor on this thread takes the frame's bytes as they are; a worker thread gets its own copy.
        if (origin === this.inline) origin.postMessage({ t: 'chunk', seq, data: chunk.payload });
        else {
          const copy = new Uint8Array(chunk.payload);
          origin.postMessage({ t: 'chunk', seq, data: copy }, [copy.buffer as ArrayBuffer]);
        }
      },
      { persist: true },
    );
    request(this.router, MASTER_ID, Handle.CALL_SERVICE, {
      service: 'file',
      method: 'fetch',
      args: { path, handle: chunkHandle, window: TRANSFER_WINDOW } satisfies FetchRequest,
    })
      .then(
        (value) => encode(value),
        (error) => encode(toCallError(error)),
      )
      .then((payload) => {
        this.router.removeHandler(chunkHandle);
        this.transferAcks.delete(seq);
        origin.postMessage({ t: 'received', seq, payload });
      });
  }
}
