import type { FromExecutor, ToExecutor } from './executor.js';

/** The one side of a message link the executor needs: a worker thread's MessagePort, or an in-thread pair. */
export interface ExecutorPort<Out, In> {
  postMessage(message: Out, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: In) => void): unknown;
}

/** The executor's end of its link. */
export type ExecutorSide = ExecutorPort<FromExecutor, ToExecutor>;
/** The dispatcher's end of its link. */
export type DispatcherSide = ExecutorPort<ToExecutor, FromExecutor>;

/**
 * Two connected in-thread ports, for running the executor on the main thread of a context that has no children
 * (nothing to keep routing for, so no worker thread is needed). Messages are delivered on the microtask queue:
 * asynchronously, in order, with no copying.
 */
export function inThreadPorts(): [DispatcherSide, ExecutorSide] {
  const toExecutor: Array<(m: ToExecutor) => void> = [];
  const toDispatcher: Array<(m: FromExecutor) => void> = [];
  const deliver = <M>(listeners: Array<(m: M) => void>, message: M) =>
    queueMicrotask(() => {
      for (const listener of listeners) listener(message);
    });
  return [
    {
      postMessage: (message) => deliver(toExecutor, message),
      on: (_event, listener) => toDispatcher.push(listener),
    },
    {
      postMessage: (message) => deliver(toDispatcher, message),
      on: (_event, listener) => toExecutor.push(listener),
    },
  ];
}
