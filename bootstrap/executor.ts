import { createRequire } from 'node:module';
import { CallError, decode, encode, toCallError } from './codec.js';
import type { ExecutorSide } from './executor-port.js';
import { decodePayload, type ModuleRecord, readFailedChains, readFetchReply } from './payloads.js';
import { Handle } from './protocol.js';
import { type RemoteRuntime, RUNTIME_KEY } from './runtime-api.js';

/** Messages from the main thread to the executor thread. */
export type ToExecutor =
  | { t: 'call'; seq: number; payload: Uint8Array }
  | { t: 'module'; name: string; record: ModuleRecord | null }
  | { t: 'service-result'; seq: number; payload: Uint8Array }
  | { t: 'chunk'; seq: number; data: Uint8Array }
  | { t: 'received'; seq: number; payload: Uint8Array }
  /** Chains that already failed on the executor this one takes over from (encoded `[chain, CallError][]`). */
  | { t: 'failed-chains'; payload: Uint8Array };

/** Messages from the executor thread to the main thread. */
export type FromExecutor =
  | { t: 'result'; seq: number; payload: Uint8Array }
  | { t: 'need-module'; name: string }
  | { t: 'log'; name: string; level: 'debug' | 'info' | 'warning' | 'error'; message: string }
  | { t: 'service'; seq: number; target: number; payload: Uint8Array }
  | { t: 'receive'; seq: number; path: string }
  | { t: 'ack'; seq: number };

const nodeRequire = typeof require === 'function' ? require : createRequire(__filename);

/**
 * The executor: runs CALL_FUNCTIONs one at a time, in arrival order, in a worker thread, so a call that blocks
 * its event loop never stops the router on the main thread. Loads shipped modules on demand (asking the main
 * thread, which holds the cache), keeps call chains' first failure, and publishes the runtime for shipped code.
 */
export function runExecutor(
  port: ExecutorSide,
  context: { id: number; name: string },
): { failedChains: Map<string, CallError> } {
  const exportsByName = new Map<string, Record<string, unknown>>();
  const moduleWaiters = new Map<string, (record: ModuleRecord | null) => void>();
  const failedChains = new Map<string, CallError>();
  const pending = new Map<number, { resolve(payload: Uint8Array): void }>();
  const sinks = new Map<number, (chunk: Uint8Array) => void | Promise<void>>();
  let seq = 0;
  let queue: Promise<void> = Promise.resolve();
  const post = (message: FromExecutor) => port.postMessage(message);

  const fetchRecord = (name: string) =>
    new Promise<ModuleRecord | null>((resolve) => {
      moduleWaiters.set(name, resolve);
      post({ t: 'need-module', name });
    });

  const load = async (name: string): Promise<Record<string, unknown>> => {
    const loaded = exportsByName.get(name);
    if (loaded) return loaded;
    const record = await fetchRecord(name);
    if (!record) throw new Error(`module ${name} is not available on context ${context.name}`);
    for (const dependency of record.imports) await load(dependency);
    const module = { exports: {} as Record<string, unknown> };
    const localRequire = (specifier: string) => exportsByName.get(specifier) ?? nodeRequire(specifier);
    new Function('require', 'module', 'exports', `${record.source}\n//# sourceURL=spindle://${record.name}`)(
      localRequire,
      module,
      module.exports,
    );
    exportsByName.set(name, module.exports);
    return module.exports;
  };

  const execute = async (payload: Uint8Array): Promise<unknown> => {
    const call = decodePayload(
      Handle.CALL_FUNCTION,
      Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
    );
    if (call.chain && failedChains.has(call.chain)) return failedChains.get(call.chain);
    try {
      const exports = await load(call.module);
      const fn = exports[call.export];
      if (typeof fn !== 'function')
        throw new TypeError(`${call.module} has no exported function ${call.export}`);
      return await fn(...call.args);
    } catch (error) {
      const callError = toCallError(error);
      if (call.chain) failedChains.set(call.chain, callError);
      return callError;
    }
  };

  const runtime: RemoteRuntime = {
    contextId: context.id,
    name: context.name,
    log(name, level, message) {
      post({ t: 'log', name, level, message });
    },
    callService(service, method, args, target = 0) {
      const id = ++seq;
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve(payload) {
            const value = decode(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
            if (value instanceof CallError) reject(value);
            else resolve(value);
          },
        });
        post({ t: 'service', seq: id, target, payload: encode({ service, method, args }) });
      });
    },
    receiveFile(path, sink) {
      const id = ++seq;
      sinks.set(id, sink);
      return new Promise((resolve, reject) => {
        pending.set(id, {
          resolve(payload) {
            sinks.delete(id);
            const value = decode(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
            if (value instanceof CallError) reject(value);
            else resolve(readFetchReply(value));
          },
        });
        post({ t: 'receive', seq: id, path });
      });
    },
  };
  (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] = runtime;

  port.on('message', (message: ToExecutor) => {
    switch (message.t) {
      case 'call':
        queue = queue.then(async () => {
          const result = await execute(message.payload);
          let payload: Buffer;
          try {
            payload = encode(result);
          } catch (error) {
            payload = encode(toCallError(error));
          }
          const exact = new Uint8Array(payload);
          port.postMessage({ t: 'result', seq: message.seq, payload: exact } satisfies FromExecutor, [
            exact.buffer as ArrayBuffer,
          ]);
        });
        break;
      case 'module': {
        const resolve = moduleWaiters.get(message.name);
        moduleWaiters.delete(message.name);
        resolve?.(message.record);
        break;
      }
      case 'service-result':
      case 'received': {
        const entry = pending.get(message.seq);
        pending.delete(message.seq);
        entry?.resolve(message.payload);
        break;
      }
      case 'failed-chains':
        for (const [chain, error] of readFailedChains(decode(Buffer.from(message.payload))))
          failedChains.set(chain, error);
        break;
      case 'chunk': {
        const sink = sinks.get(message.seq);
        Promise.resolve(sink?.(message.data)).then(() => post({ t: 'ack', seq: message.seq }));
        break;
      }
    }
  });
  return { failedChains };
}
