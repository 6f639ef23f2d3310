import { decode, encode } from './codec.js';
import { isDead, type Message } from './message.js';
import { decodePayload, type MissingModule, type ModuleRecord, readModuleReply } from './payloads.js';
import { Encoding, Handle } from './protocol.js';
import type { Router } from './router.js';
import type { Stream } from './stream.js';

/**
 * A context's module cache (DESIGN.md §4.5): stores LOAD_MODULE pushes, forwards cached copies toward
 * descendants on FORWARD_MODULE (so bytes cross each hop once), answers children's GET_MODULE from the cache
 * and asks its own parent once for what it lacks.
 */
export class Importer {
  readonly cache = new Map<string, ModuleRecord>();
  private readonly sent = new WeakMap<Stream, Set<string>>();
  private readonly waiting = new Map<string, Array<(record: ModuleRecord | undefined) => void>>();

  constructor(private readonly router: Router) {
    router.addHandler((m) => this.onLoad(m), {
      handle: Handle.LOAD_MODULE,
      persist: true,
      policy: router.parentAuthority,
    });
    router.addHandler((m) => this.onForward(m), {
      handle: Handle.FORWARD_MODULE,
      persist: true,
      policy: router.parentAuthority,
    });
    router.addHandler((m) => this.onGet(m), {
      handle: Handle.GET_MODULE,
      persist: true,
      policy: router.fromChild,
    });
  }

  /** Returns a module from the cache, or asks the parent for it (GET_MODULE) once. */
  get(name: string): Promise<ModuleRecord | undefined> {
    const cached = this.cache.get(name);
    if (cached) return Promise.resolve(cached);
    return new Promise((resolve) => {
      const waiters = this.waiting.get(name);
      if (waiters) {
        waiters.push(resolve);
        return;
      }
      this.waiting.set(name, [resolve]);
      const parentId = this.router.ancestors[0];
      if (parentId === undefined) return this.settle(name, undefined);
      const reply = this.router.addHandler(
        (m) => this.settle(name, isDead(m) ? undefined : this.store(readModuleReply(decode(m.payload)))),
        { respondent: parentId },
      );
      this.router.sendData(parentId, Handle.GET_MODULE, name, reply);
    });
  }

  /** Sends a cached module to the direct child behind `stream` unless that stream already has it. */
  sendTo(stream: Stream, record: ModuleRecord): void {
    let names = this.sent.get(stream);
    if (!names) {
      names = new Set();
      this.sent.set(stream, names);
    }
    if (names.has(record.name)) return;
    names.add(record.name);
    this.router.sendData(stream.remoteId, Handle.LOAD_MODULE, record);
  }

  private store(data: ModuleRecord | MissingModule): ModuleRecord | undefined {
    if ('missing' in data) return undefined;
    this.cache.set(data.name, data);
    return data;
  }

  private settle(name: string, record: ModuleRecord | undefined): void {
    const waiters = this.waiting.get(name) ?? [];
    this.waiting.delete(name);
    for (const resolve of waiters) resolve(record);
  }

  private onLoad(message: Message): void {
    const record = this.store(decodePayload(Handle.LOAD_MODULE, message.payload));
    if (record) this.settle(record.name, record);
  }

  private onForward(message: Message): void {
    const { target, name } = decodePayload(Handle.FORWARD_MODULE, message.payload);
    const record = this.cache.get(name);
    const stream = this.router.routes.get(target);
    if (!record || !stream) {
      this.router.log.warning(
        `FORWARD_MODULE: cannot forward ${name} toward ${target}: ${record ? 'no route' : 'not cached'}`,
      );
      return;
    }
    this.sendTo(stream, record);
    if (stream.remoteId !== target) {
      this.router.send({
        dst: stream.remoteId,
        handle: Handle.FORWARD_MODULE,
        replyTo: 0,
        enc: Encoding.STRUCTURED,
        payload: message.payload,
      });
    }
  }

  private onGet(message: Message): void {
    const name = decodePayload(Handle.GET_MODULE, message.payload);
    this.get(name).then((record) => {
      this.router.sendData(message.src, message.replyTo, record ?? { name, missing: true });
    });
  }
}

/** The key under which a shipped npm package travels (`npm:zod`). */
export function packageModuleName(specifier: string): string {
  return `npm:${specifier}`;
}

export { encode };
