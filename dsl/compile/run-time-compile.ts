import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GraphNode } from '../graph.js';
import type { DslIssue } from '../issues.js';
import type { CompileContext, Source } from './compile-context.js';
import { type CompiledRole, compileRole, type RoleSearch, runTimeContext } from './compile-role.js';
import { compileTaskList } from './compile-tasks.js';
import { compileRoleDependencies } from './play-roles.js';

/**
 * Compiles a task file at run time (`include_tasks`): the same validation as the playbook, issues returned. A
 * missing file (`missing-file`) or one that is not a list of tasks (`not-a-task-list`) is the include's failure
 * in Ansible; any other issue is a parse error that ends the run.
 */
export function compileTaskFile(
  file: string,
  playbookDir: string,
  idPrefix: string,
  role?: { name: string; path: string },
  notify: string[] = [],
  rolesPath?: string[],
): { nodes: GraphNode[]; issues: DslIssue[] } {
  const issues: DslIssue[] = [];
  const ctx = contextWithRoles(playbookDir, idPrefix, issues, rolesPath);
  if (!existsSync(file))
    return {
      nodes: [],
      issues: [{ code: 'missing-file', severity: 'error', message: `include_tasks: ${file} does not exist` }],
    };
  const loaded = ctx.load(file);
  if (loaded.issues.length === 0 && loaded.value !== null && !Array.isArray(loaded.value))
    return {
      nodes: [],
      issues: [{ code: 'not-a-task-list', severity: 'error', message: `${file}: not a list of tasks` }],
    };
  return {
    nodes: compileTaskList(ctx, { loaded, baseDir: dirname(file), role }, loaded.value, '', {
      tags: [],
      notify,
    }),
    issues,
  };
}

/** A run-time compile context whose `import_role`s bring their role's dependencies too. */
function contextWithRoles(
  playbookDir: string,
  idPrefix: string,
  issues: DslIssue[],
  rolesPath?: string[],
): CompileContext {
  const ctx = runTimeContext(playbookDir, idPrefix, issues, rolesPath);
  ctx.roleDependencies = (role, from, at, inherited, roleVars) =>
    compileRoleDependencies(ctx, role, from, at, inherited, roleVars);
  return ctx;
}

/**
 * Compiles a role at run time (`include_role`), searched from `baseDir` (the including file's folder): its
 * `meta/main.yml` dependencies come first in its task list (role instances that run once per play, as those
 * of `roles:`), and their handlers join the role's.
 */
export function compileRoleAtRunTime(
  name: string,
  options: { playbookDir: string; baseDir: string; idPrefix: string; notify?: string[] } & RoleSearch,
): { role: CompiledRole; issues: DslIssue[] } {
  const issues: DslIssue[] = [];
  const ctx = contextWithRoles(options.playbookDir, options.idPrefix, issues, options.rolesPath);
  const from: Source = {
    loaded: {
      file: join(options.baseDir, '(include_role)'),
      value: null,
      issues: [],
      positions: new Map(),
    } as never,
    baseDir: options.baseDir,
  };
  const inherited = { tags: [], notify: options.notify };
  const role = compileRole(ctx, name, from, '', inherited, options);
  const deps = compileRoleDependencies(ctx, role, from, '', inherited, role.vars);
  return {
    role: {
      ...role,
      tasks: [...deps.nodes, ...role.tasks],
      // Roles its tasks import bring their handlers too (an include_role of a role that import_roles another).
      handlers: [...deps.handlers, ...role.handlers, ...ctx.importedHandlers],
    },
    issues,
  };
}
