import type { TaskNode } from '../graph.js';
import type { DslIssue } from '../issues.js';
import type { Source } from './compile-context.js';
import { runTimeContext } from './compile-role.js';
import { MODULE_CHECKED } from './compile-tasks.js';
import { STRUCTURAL_KEYS, structuralName } from './keywords.js';
import { moduleArguments, resolveTaskModule } from './module-arguments.js';

/** A task bound to the module its templated name rendered to on one host, or why it cannot run there. */
export type BoundAction = { task: TaskNode } | { error: string };

/**
 * Binds a task whose module name is a template (`action: "{{ pkg_mgr }}"`) to the module the name rendered to
 * on one host, checking its arguments as the load-time check would have: an unknown module, or arguments the
 * module refuses, fail the task on that host (an Ansible module reports its own argument errors when it runs).
 */
export function bindTemplatedAction(task: TaskNode, rendered: string): BoundAction {
  const name = rendered.trim();
  const written = task.module;
  if (!task.actionTemplate) return { task };
  if (STRUCTURAL_KEYS.has(structuralName(name)) || name === 'block')
    return {
      error: `the action \`${written}\` rendered to \`${name}\`, which cannot be chosen by a template`,
    };
  const found = resolveTaskModule(name, task.actionTemplate.playbookDir, task.role?.path);
  if (!found)
    return { error: `the action \`${written}\` rendered to \`${name}\`, which is no module known here` };
  const issues: DslIssue[] = [];
  const ctx = runTimeContext(task.actionTemplate.playbookDir, task.id, issues);
  const source: Source = {
    loaded: {
      file: task.location.file,
      value: null,
      positions: new Map(),
      octalPaths: new Set(),
      issues: [],
    },
    baseDir: task.actionTemplate.playbookDir,
    ...(task.role ? { role: task.role } : {}),
  };
  const { args, checkedArgs, handedOver } = moduleArguments(
    ctx,
    source,
    { [name]: task.args },
    name,
    found.name,
    '',
    found,
  );
  const resolved = handedOver ?? found;
  const errors = issues.filter((i) => i.severity === 'error');
  const moduleSays = resolved.kind === 'ansible' && errors.every((e) => MODULE_CHECKED.has(e.code));
  if (errors.length > 0 && !moduleSays) return { error: `${name}: ${errors[0].message}` };
  const { actionTemplate: _unbound, checkedArgs: _none, ...keywords } = task;
  return {
    task: {
      ...keywords,
      module: resolved.name,
      boundFrom: written,
      resolved,
      args,
      ...(checkedArgs ? { checkedArgs } : {}),
    },
  };
}
