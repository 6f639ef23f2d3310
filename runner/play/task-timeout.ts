import type { TaskNode } from '../../dsl/graph.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import type { Context } from '../core/index.js';
import type { RunState } from './run-state.js';

/** The `timeout` keyword of a task, in seconds (0: no bound), rendered for the host. */
export function taskTimeoutSeconds(
  state: RunState,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): number {
  if (task.timeout === undefined) return 0;
  const value = Number(state.templar.render(task.timeout, vars, where));
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`timeout: expected a whole number of seconds, got ${String(task.timeout)}`);
  return Math.floor(value);
}

/** The failed result of a task whose `timeout` expired. */
export type TimedOutResult = {
  changed: false;
  failed: true;
  timedout: true;
  msg: string;
};

/**
 * Waits for one module call for at most `seconds`. When the bound expires the task fails (as Ansible's
 * `timeout` does) and the context running it is shut down — its reaper kills the task's process group — so
 * the host's next task starts on a fresh context instead of queueing behind the abandoned call.
 */
export async function boundedCall<R extends object>(
  call: Promise<R>,
  seconds: number,
  task: TaskNode,
  context: Context,
): Promise<R | TimedOutResult> {
  if (seconds <= 0) return call;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), seconds * 1000);
  });
  try {
    const outcome = await Promise.race([call, expired]);
    if (outcome !== 'expired') return outcome;
  } finally {
    clearTimeout(timer);
  }
  call.catch(() => {});
  // Bounded (Context.shutdown kills what does not go): the host's next task must not find the old context.
  await context.shutdown();
  return {
    changed: false,
    failed: true,
    timedout: true,
    msg: `The ${task.module} action did not finish within the task's timeout (${seconds} s) and was stopped`,
  };
}
