import { bindTemplatedAction } from '../../dsl/compile/bind-templated-action.js';
import type { TaskNode } from '../../dsl/graph.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import type { RunState } from './run-state.js';

/**
 * A task whose module name is a template, bound to the module it names on one host, so that the whole run on
 * that host (loop, results, facts, how its result is shown) treats it as that module. When the name does not
 * render yet (it uses `item`, or a variable that only matters when `when` holds) or names no usable module, the
 * task stays unbound: each run of it renders and binds again, and fails with the reason only if it runs.
 */
export function boundForHost(
  state: RunState,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): TaskNode {
  if (!task.actionTemplate) return task;
  let name: string;
  try {
    name = String(state.templar.render(task.module, vars, where));
  } catch {
    return task;
  }
  const bound = bindTemplatedAction(task, name);
  return 'error' in bound ? task : bound.task;
}
