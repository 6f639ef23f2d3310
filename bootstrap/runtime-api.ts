/**
 * The one documented boundary between code shipped to a context (task modules, user functions) and the
 * core that hosts it. The bootstrap installs an object of this shape at `globalThis[RUNTIME_KEY]` in every
 * thread that runs calls; `modules/contract/task-entry.ts` reads it. Shipped code must not import bootstrap files
 * (a bundle would get its own copy of the core's state), so this file holds types and the key only.
 */

/** The global symbol under which the hosting context publishes its runtime. */
export const RUNTIME_KEY = Symbol.for('spindle.runtime');

/** Log levels carried by FORWARD_LOG, in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

/** What a context offers to the code it runs. */
export interface RemoteRuntime {
  /** This context's id (master is 0). */
  readonly contextId: number;
  /** This context's name, e.g. `local.1234` or `ssh.web1`. */
  readonly name: string;
  /** Sends a record to the master as FORWARD_LOG under logger `name` (e.g. `spindle.task.stdout`). */
  log(name: string, level: LogLevel, message: string): void;
  /** CALL_SERVICE to a service on another context (default: the master); resolves with the method's return value. */
  callService(service: string, method: string, args: unknown, targetContextId?: number): Promise<unknown>;
  /**
   * Streams a file offered by the master's file service into `dest` (opened and written by the caller-supplied
   * sink), in 128 KiB raw frames under a credit window. Resolves with the byte count.
   */
  receiveFile(path: string, sink: (chunk: Uint8Array) => void | Promise<void>): Promise<{ size: number }>;
}

/** Returns the runtime of the context this code runs in, or undefined when run outside any context (unit tests). */
export function getRuntime(): RemoteRuntime | undefined {
  return (globalThis as Record<symbol, unknown>)[RUNTIME_KEY] as RemoteRuntime | undefined;
}
