import type { CommonKeywords, LoopControl, TaskNode } from '../graph.js';
import { conditions, notifyOf, tagList } from './common-keywords.js';
import type { Inherited } from './compile-context.js';
import { renameLoopControl } from './loops.js';
import { isTemplated } from './templated.js';

/** What the compiler decided before building a task node: its keywords, id, loop, module and arguments. */
export type TaskParts = CommonKeywords &
  Pick<TaskNode, 'id' | 'loop' | 'module' | 'resolved' | 'args' | 'checkedArgs' | 'actionTemplate'>;

/**
 * A task node from its parts and the task's own control keywords (name, register, notify, changed_when …),
 * shared by tasks whose module is known at load time and those whose module name is a template.
 */
export function taskNode(
  task: Record<string, unknown>,
  action: string,
  inherited: Inherited,
  parts: TaskParts,
): TaskNode {
  const loopControl = task.loop_control as Record<string, unknown> | undefined;
  return {
    ...parts,
    kind: 'task',
    ...(task.listen !== undefined ? { listen: tagList(task.listen) } : {}),
    // An unnamed task shows its action as written, as Ansible prints it.
    name: typeof task.name === 'string' ? task.name : action,
    ...(typeof task.name === 'string' ? {} : { unnamed: true }),
    loopControl: loopControl
      ? ({ loopVar: 'item', ...renameLoopControl(loopControl) } as LoopControl)
      : undefined,
    register: task.register as string | undefined,
    notify: notifyOf(task, inherited),
    changedWhen: resultCondition(task.changed_when),
    failedWhen: resultCondition(task.failed_when),
    until: task.until !== undefined ? String(task.until) : undefined,
    retries: numberOrTemplate(task.retries),
    delay: numberOrTemplate(task.delay),
    timeout: numberOrTemplate(task.timeout),
    asyncSeconds: numberOrTemplate(task.async),
    poll: numberOrTemplate(task.poll),
  };
}

/** `retries`/`delay`: a number now, or the template text to render when the task runs. */
function numberOrTemplate(value: unknown): number | string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && isTemplated(value) ? value : Number(value);
}

/** `changed_when`/`failed_when`: a boolean as is, else the conditions it lists. */
function resultCondition(value: unknown): boolean | ReturnType<typeof conditions> | undefined {
  if (typeof value === 'boolean') return value;
  return value !== undefined ? conditions(value) : undefined;
}
