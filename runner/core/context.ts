import { CallError, decode, encode } from '../../bootstrap/codec.js';
import { ChannelError } from '../../bootstrap/errors.js';
import { isDead } from '../../bootstrap/message.js';
import type { CallRequest } from '../../bootstrap/payloads.js';
import { Encoding, Handle } from '../../bootstrap/protocol.js';
import { request } from '../../bootstrap/request.js';
import type { Router } from '../../bootstrap/router.js';
import type { Transport } from '../../bootstrap/spawner.js';
import type { ContextPath, ModuleResponder } from './module-responder.js';
import type { FunctionRef } from './ref.js';

const SHUTDOWN_GRACE_MS = 5000;
/** After the grace and a kill, how long a shutdown still waits before it gives the context up as lost. */
const SHUTDOWN_KILL_WAIT_MS = 3000;
/** The default bound of an internal service call (CALL_SERVICE) whose caller gives none. */
export const DEFAULT_SERVICE_CALL_BOUND_MS = 60_000;
let chainCounter = 0;

/** Pipelined dependent calls: after the first failure the rest fail fast; N steps cost one round trip. */
export interface CallChain {
  /** Sends a call without waiting for (or receiving) its result. */
  callNoReply(target: FunctionRef, ...args: unknown[]): void;
  /** Sends a call and resolves with its result, or rejects with the chain's first failure. */
  call<T = unknown>(target: FunctionRef, ...args: unknown[]): Promise<T>;
}

/**
 * The master's handle on one remote context: calls into it (shipping the code it lacks first, in order),
 * call chains, services, shutdown and disconnect notification.
 */
export class Context implements ContextPath {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private disconnectError: ChannelError | null = null;
  private readonly listeners: Array<(error: ChannelError) => void> = [];
  private readonly closedPromise: Promise<void>;
  private markClosed!: () => void;

  constructor(
    private readonly router: Router,
    private readonly responder: ModuleResponder,
    readonly id: number,
    readonly name: string,
    /** Ids from the master's direct child down to this context. */
    readonly path: number[],
    private readonly transport: Transport | null,
  ) {
    this.closedPromise = new Promise((resolve) => (this.markClosed = resolve));
  }

  /** Runs `target(...args)` in the context and resolves with its return value (CallError on a remote throw). */
  call<T = unknown>(target: FunctionRef, ...args: unknown[]): Promise<T> {
    return this.invoke(target, args, undefined, true) as Promise<T>;
  }

  /** Starts a call chain on this context. */
  chain(): CallChain {
    const id = `c${process.pid}.${++chainCounter}`;
    return {
      callNoReply: (target, ...args) => {
        this.invoke(target, args, id, false).catch(() => {});
      },
      call: <T>(target: FunctionRef, ...args: unknown[]) => this.invoke(target, args, id, true) as Promise<T>,
    };
  }

  /** CALL_SERVICE on this context, bounded: no reply within `boundMs` rejects with ChannelError. */
  callService(
    service: string,
    method: string,
    args?: unknown,
    boundMs = DEFAULT_SERVICE_CALL_BOUND_MS,
  ): Promise<unknown> {
    if (this.disconnectError) return Promise.reject(this.disconnectError);
    return request(this.router, this.id, Handle.CALL_SERVICE, { service, method, args }, boundMs);
  }

  /**
   * Asks the context to shut down (it shuts its own children down first). One that does not go within the
   * grace period is killed (its transport, or through its parent's `spindle.context.kill`), and one that
   * still gives no sign is given up as lost: a shutdown always ends in bounded time.
   */
  async shutdown(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    if (this.disconnectError) return;
    this.router.send({
      dst: this.id,
      handle: Handle.SHUTDOWN,
      replyTo: 0,
      enc: Encoding.STRUCTURED,
      payload: encode(null),
    });
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    timers.push(setTimeout(() => this.killNow(), graceMs));
    timers.push(
      setTimeout(
        () => this.lost(`did not answer SHUTDOWN within ${Math.round(graceMs / 1000)} s; killed`),
        graceMs + SHUTDOWN_KILL_WAIT_MS,
      ),
    );
    await this.closedPromise;
    for (const timer of timers) clearTimeout(timer);
    if (this.transport) await Promise.race([this.transport.closed, delay(SHUTDOWN_KILL_WAIT_MS)]);
  }

  /** Kills the context: its own transport, or (started through another context) by asking its parent. */
  private killNow(): void {
    if (this.transport) {
      this.transport.close();
      return;
    }
    const parent = this.path[this.path.length - 2];
    if (parent === undefined) return;
    request(
      this.router,
      parent,
      Handle.CALL_SERVICE,
      { service: 'spindle.context', method: 'kill', args: { id: this.id } },
      SHUTDOWN_KILL_WAIT_MS,
    ).catch(() => {});
  }

  /** Calls `listener` once when the context becomes unreachable. */
  onDisconnect(listener: (error: ChannelError) => void): () => void {
    if (this.disconnectError) {
      listener(this.disconnectError);
      return () => {};
    }
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** True when the context said DETACHING before it went: a deliberate shutdown, not a failure. */
  detached = false;

  /** True once the context is gone. */
  get disconnected(): boolean {
    return this.disconnectError !== null;
  }

  /** Called by the master when the router reports this context unreachable. */
  lost(reason: string, deliberate = false): void {
    if (this.disconnectError) return;
    this.detached = deliberate;
    this.disconnectError = new ChannelError(
      `context ${this.name} ${deliberate ? 'detached' : 'disconnected'}: ${reason}`,
    );
    this.responder.forget(this.id);
    this.markClosed();
    for (const listener of this.listeners.splice(0)) listener(this.disconnectError);
  }

  /** Kills the context's process at once (its transport, or through its parent). */
  kill(): void {
    this.killNow();
  }

  private invoke(
    target: FunctionRef,
    args: unknown[],
    chain: string | undefined,
    wantReply: boolean,
  ): Promise<unknown> {
    if (this.disconnectError) return Promise.reject(this.disconnectError);
    return new Promise((resolve, reject) => {
      // The entry is the last record of a bundle closure; its name is what the executor loads.
      const send = (module: string) => {
        if (this.disconnectError) return reject(this.disconnectError);
        let replyTo = 0;
        if (wantReply) {
          replyTo = this.router.addHandler(
            (reply) => {
              if (isDead(reply)) return reject(new ChannelError(reply.payload.toString('utf8')));
              const value = decode(reply.payload);
              if (value instanceof CallError) reject(value);
              else resolve(value);
            },
            { respondent: this.id },
          );
        }
        const payload = encode({ chain, module, export: target.export, args } satisfies CallRequest);
        this.router.send({
          dst: this.id,
          handle: Handle.CALL_FUNCTION,
          replyTo,
          enc: Encoding.STRUCTURED,
          payload,
        });
        if (!wantReply) resolve(undefined);
      };
      const records = this.responder.cached(target.module);
      if (records && this.queued === 0) {
        this.responder.ship(this, records);
        send(records[records.length - 1].name);
        return;
      }
      this.queued++;
      this.queue = this.queue
        .then(() => this.responder.prepare(target.module))
        .then(
          (prepared) => {
            this.responder.ship(this, prepared);
            send(prepared[prepared.length - 1].name);
          },
          (error) => reject(error),
        )
        .finally(() => this.queued--);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
