import type { TaskNode } from '../../dsl/graph.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import type { HostRun } from './host-run.js';
import type { RunState } from './run-state.js';

/**
 * Ansible's `FAILED - RETRYING: [HOST]: NAME (N retries left).` line, shown before an `until` attempt is
 * retried: the task's name rendered (an unnamed task's action as written), as its default callback prints it.
 */
export function announceRetry(
  state: RunState,
  host: HostRun,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
  left: number,
): void {
  let name = task.name;
  try {
    name = String(state.templar.render(task.name, vars, where));
  } catch {
    // A name that does not render is shown as written.
  }
  const msg = `FAILED - RETRYING: [${host.name}]: ${name} (${left} retries left).`;
  state.emit({ kind: 'verbose', msg, level: 0, taskId: task.id, time: Date.now() });
}
