import type { ResolvedModule } from '../../modules/registry.js';
import type { TaskNode } from '../graph.js';
import { childPath } from '../yaml/load.js';
import { type CompileContext, issue, type Source } from './compile-context.js';
import { moduleArguments } from './module-arguments.js';

/**
 * What stands in for the module of a task whose module name is a template until a host binds it: it runs
 * nowhere (the runner binds the real module first), so nothing is shipped for it ahead of time.
 */
export function unboundModule(written: string): ResolvedModule {
  return { name: written, kind: 'builtin', runsOn: 'controller', file: '' };
}

/**
 * The module and arguments of a task whose `action:` names its module with a template (`action: "{{ pkg_mgr }}"`),
 * as Ansible takes it: the name is rendered per host when the task runs; until then only the arguments' form is
 * checked. Arguments written as text must all be `key=value` (free-form text needs a known command-like module).
 * Undefined when the arguments are malformed (the issue is recorded).
 */
export function templatedActionParts(
  ctx: CompileContext,
  source: Source,
  task: Record<string, unknown>,
  action: string,
  path: string,
): Pick<TaskNode, 'module' | 'resolved' | 'args' | 'actionTemplate'> | undefined {
  const before = ctx.issues.length;
  const { args } = moduleArguments(ctx, source, task, action, action, path);
  const problems = ctx.issues.slice(before).filter((i) => i.severity === 'error');
  if (problems.some((p) => p.code === 'invalid-arguments')) {
    for (const problem of problems)
      if (problem.code === 'invalid-arguments')
        problem.message = `the action \`${action}\` is a template, so its arguments must be key=value words or a mapping (free-form text only goes to a module named as written): ${problem.message}`;
    return undefined;
  }
  return {
    module: action,
    resolved: unboundModule(action),
    args,
    actionTemplate: { playbookDir: ctx.playbookDir },
  };
}

/** Reports a task key that is a template but not from `action:`: Ansible resolves module keys as written. */
export function reportTemplatedKey(ctx: CompileContext, source: Source, path: string, key: string): void {
  issue(
    ctx,
    source,
    childPath(path, key),
    'unknown-keyword',
    `a module name that is a template must be given with \`action: "${key}"\`: as a task key \`${key}\` names no module`,
  );
}
