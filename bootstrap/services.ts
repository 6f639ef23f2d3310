import { CallError, decode, encode, toCallError } from './codec.js';
import type { Message } from './message.js';
import { Encoding, Handle } from './protocol.js';
import type { Policy, Router } from './router.js';

/** Who may call a service method: ancestors only, direct children only, anyone, or a custom policy. */
export type CallerPolicy = 'parent' | 'child' | 'any' | Policy;

/** One method of a service, with the policy that guards it. */
export interface ServiceMethod {
  policy: CallerPolicy;
  fn(args: unknown, message: Message): unknown;
}

/** A service: named methods. */
export type Service = Record<string, ServiceMethod>;

/**
 * CALL_SERVICE dispatch (DESIGN.md §4.8) with per-method caller policies. Services registered lazily are
 * created on the first CALL_SERVICE, through the local-only STUB_CALL_SERVICE handle: nothing is started
 * until somebody needs it.
 */
export class ServiceRegistry {
  private readonly services = new Map<string, Service>();
  private readonly factories = new Map<string, () => Service>();
  private started = false;

  constructor(private readonly router: Router) {
    router.addHandler((m) => this.onCall(m), { handle: Handle.CALL_SERVICE, persist: true });
    router.addHandler((m) => this.onStub(m), {
      handle: Handle.STUB_CALL_SERVICE,
      persist: true,
      policy: (_m, stream) => stream === null,
    });
  }

  /** Registers a ready service. */
  register(name: string, service: Service): void {
    this.services.set(name, service);
  }

  /** Registers a service created on the first CALL_SERVICE (the service pool starts lazily). */
  registerLazy(name: string, factory: () => Service): void {
    this.factories.set(name, factory);
  }

  /** True once the lazy services have been started. */
  get poolStarted(): boolean {
    return this.started;
  }

  private onCall(message: Message): void {
    if (!this.started && this.factories.size > 0) {
      this.router.route({ ...message, handle: Handle.STUB_CALL_SERVICE, dst: this.router.id }, null);
      return;
    }
    this.dispatch(message);
  }

  private onStub(message: Message): void {
    if (!this.started) {
      this.started = true;
      for (const [name, factory] of this.factories) this.services.set(name, factory());
      this.factories.clear();
    }
    this.dispatch(message);
  }

  private async dispatch(message: Message): Promise<void> {
    let result: unknown;
    try {
      const { service, method, args } = decode(message.payload) as {
        service: string;
        method: string;
        args: unknown;
      };
      const entry = this.services.get(service)?.[method];
      if (!entry) throw new Error(`no service method ${service}.${method} on context ${this.router.name}`);
      if (!this.allowed(entry.policy, message))
        throw new Error(`refused by policy: ${service}.${method} for context ${message.src}`);
      result = await entry.fn(args, message);
    } catch (error) {
      const callError = toCallError(error);
      // An ancestor gets the whole error; anyone else the message only: no stack (install paths) goes down.
      result = this.router.parentAuthority(message, null)
        ? callError
        : new CallError(callError.remoteName, callError.remoteMessage, '');
    }
    if (message.replyTo !== 0) {
      this.router.send({
        dst: message.src,
        handle: message.replyTo,
        replyTo: 0,
        enc: Encoding.STRUCTURED,
        payload: encode(result),
      });
    }
  }

  private allowed(policy: CallerPolicy, message: Message): boolean {
    if (policy === 'any') return true;
    if (policy === 'parent') return this.router.parentAuthority(message, null);
    if (policy === 'child') return this.router.routes.get(message.src)?.remoteId === message.src;
    return policy(message, null);
  }
}
