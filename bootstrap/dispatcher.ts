import { Worker } from 'node:worker_threads';
import { encode, toCallError } from './codec.js';
import type { FromExecutor, ToExecutor } from './executor.js';
import type { Importer } from './importer.js';
import type { Logger } from './log.js';
import type { Message } from './message.js';
import { Encoding, Handle, MASTER_ID, TRANSFER_WINDOW } from './protocol.js';
import { request } from './request.js';
import type { Router } from './router.js';

/**
 * The main-thread half of calls: hands CALL_FUNCTIONs to the executor thread in arrival order, sends replies,
 * serves the executor's module, log, service and file-transfer requests. The router never waits on a call.
 */
export class Dispatcher {
  private readonly worker: Worker;
  private readonly calls = new Map<number, { dst: number; replyTo: number }>();
  private readonly transferAcks = new Map<number, { master: number; ackHandle: number }>();
  private seq = 0;

  constructor(
    private readonly router: Router,
    private readonly importer: Importer,
    private readonly log: Logger,
    source: string,
  ) {
    this.worker = new Worker(source, {
      eval: true,
      workerData: { role: 'executor', id: router.id, name: router.name },
    });
    this.worker.unref();
    this.worker.on('message', (message: FromExecutor) => this.onWorker(message));
    this.worker.on('error', (error) => log.error(`executor thread failed: ${error.stack ?? error}`));
    router.addHandler((m) => this.onCall(m), {
      handle: Handle.CALL_FUNCTION,
      persist: true,
      policy: router.parentAuthority,
    });
  }

  /** Stops the executor thread. */
  stop(): Promise<number> {
    return this.worker.terminate();
  }

  private post(message: ToExecutor, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  private onCall(message: Message): void {
    const seq = ++this.seq;
    if (message.replyTo !== 0) this.calls.set(seq, { dst: message.src, replyTo: message.replyTo });
    // An exact-size copy, transferred: posting a view would clone the whole read chunk behind it.
    const payload = new Uint8Array(message.payload);
    this.post({ t: 'call', seq, payload }, [payload.buffer as ArrayBuffer]);
  }

  private onWorker(message: FromExecutor): void {
    switch (message.t) {
      case 'result': {
        const call = this.calls.get(message.seq);
        this.calls.delete(message.seq);
        if (call) {
          this.router.send({
            dst: call.dst,
            handle: call.replyTo,
            replyTo: 0,
            enc: Encoding.STRUCTURED,
            payload: Buffer.from(message.payload),
          });
        }
        break;
      }
      case 'need-module':
        this.importer
          .get(message.name)
          .then((record) => this.post({ t: 'module', name: message.name, record: record ?? null }));
        break;
      case 'log':
        this.log.emit(message.level, message.message, message.name);
        break;
      case 'service':
        this.forwardService(message.seq, message.target, message.payload);
        break;
      case 'receive':
        this.receiveFile(message.seq, message.path);
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

  private forwardService(seq: number, target: number, payload: Uint8Array): void {
    const replyTo = this.router.addHandler(
      (reply) => {
        const data =
          reply.replyTo === Handle.IS_DEAD
            ? encode(toCallError(new Error(reply.payload.toString())))
            : reply.payload;
        this.post({ t: 'service-result', seq, payload: data });
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

  private receiveFile(seq: number, path: string): void {
    const chunkHandle = this.router.addHandler(
      (chunk) => {
        if (chunk.src !== MASTER_ID) return;
        this.transferAcks.set(seq, { master: chunk.src, ackHandle: chunk.replyTo });
        if (chunk.payload.length === 0) return;
        const copy = new Uint8Array(chunk.payload);
        this.post({ t: 'chunk', seq, data: copy }, [copy.buffer as ArrayBuffer]);
      },
      { persist: true },
    );
    request(this.router, MASTER_ID, Handle.CALL_SERVICE, {
      service: 'file',
      method: 'fetch',
      args: { path, handle: chunkHandle, window: TRANSFER_WINDOW },
    })
      .then(
        (value) => encode(value),
        (error) => encode(toCallError(error)),
      )
      .then((payload) => {
        this.router.removeHandler(chunkHandle);
        this.transferAcks.delete(seq);
        this.post({ t: 'received', seq, payload });
      });
  }
}
