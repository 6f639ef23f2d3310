import { EXIT } from './cli-errors.js';
import type { CliIo } from './cli-io.js';

/**
 * Ctrl-C and SIGTERM during a run. The first Ctrl-C stops the run gracefully, like ansible-playbook: the tasks
 * that are running finish, no new task starts, the recap is printed, exit 99. A second Ctrl-C exits at once
 * (the contexts see their parent link drop and kill their task processes). SIGTERM stops at once but
 * cleanly: the running tasks are stopped (their contexts shut down), their hosts are reported interrupted,
 * the recap is printed, exit 99. Returns the two signals to hand to runPlaybook and the unsubscribe function.
 */
export function watchInterrupts(
  io: Pick<CliIo, 'onInterrupt' | 'onTerminate' | 'exitNow'> & { stderr: { write(text: string): unknown } },
): {
  /** Aborted by the first Ctrl-C (or SIGTERM): start no new task. */
  signal: AbortSignal;
  /** Aborted by SIGTERM: stop the running tasks too. */
  stopNow: AbortSignal;
  stop(): void;
} {
  const graceful = new AbortController();
  const immediate = new AbortController();
  let count = 0;
  const stopInterrupts = io.onInterrupt(() => {
    count++;
    if (count > 1) io.exitNow(EXIT.interrupted);
    io.stderr.write(
      '\n[ERROR]: User interrupted execution: running tasks finish, no new task starts (Ctrl-C again to quit at once)\n',
    );
    graceful.abort();
  });
  const stopTerminate =
    io.onTerminate?.(() => {
      if (immediate.signal.aborted) return;
      io.stderr.write('\n[ERROR]: Terminated (SIGTERM): stopping the running tasks\n');
      graceful.abort();
      immediate.abort();
    }) ?? (() => {});
  return {
    signal: graceful.signal,
    stopNow: immediate.signal,
    stop: () => {
      stopInterrupts();
      stopTerminate();
    },
  };
}
