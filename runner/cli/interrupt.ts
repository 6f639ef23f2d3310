import { EXIT } from './cli-errors.js';
import type { CliIo } from './cli-io.js';

/**
 * Ctrl-C during a run, like ansible-playbook: the first one aborts the run gracefully (running tasks finish,
 * the recap is printed, exit 99); a second one exits at once. Returns the signal to hand to runPlaybook and
 * the unsubscribe function.
 */
export function watchInterrupts(
  io: Pick<CliIo, 'onInterrupt' | 'exitNow'> & { stderr: { write(text: string): unknown } },
): {
  signal: AbortSignal;
  stop(): void;
} {
  const controller = new AbortController();
  let count = 0;
  const stop = io.onInterrupt(() => {
    count++;
    if (count > 1) io.exitNow(EXIT.interrupted);
    io.stderr.write('\n[ERROR]: User interrupted execution (Ctrl-C again to quit at once)\n');
    controller.abort();
  });
  return { signal: controller.signal, stop };
}
