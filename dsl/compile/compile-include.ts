import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommonKeywords, GraphNode, IncludeNode, LoopControl } from '../graph.js';
import { childPath } from '../yaml/load.js';
import { type CompileContext, type Inherited, issue, type Source } from './compile-context.js';
import { includeArguments } from './include-args.js';
import { renameLoopControl } from './loops.js';
import { isTemplated } from './templated.js';

/** An include or import task as the task compiler has read it so far (its keywords, loop and node id). */
export interface IncludeTask {
  task: Record<string, unknown>;
  /** The action key as written (`ansible.builtin.include_tasks` …). */
  action: string;
  /** The action without its collection prefix (`include_tasks` …). */
  bare: string;
  path: string;
  keywords: CommonKeywords;
  loop: unknown;
  id: string;
  /** Its `notify` (own or inherited): every task it brings in without a `notify` of its own notifies these. */
  notify: string[];
}

/** Compiles a task list (passed in by compile-tasks.ts, which imports this file: no import cycle). */
export type CompileList = (
  ctx: CompileContext,
  source: Source,
  list: unknown,
  path: string,
  inherited: Inherited,
) => GraphNode[];

/**
 * `import_tasks` (a static file is compiled in place, as a block), `include_tasks` and `include` (an include
 * node, loaded at run time).
 */
export function compileTaskInclude(
  ctx: CompileContext,
  source: Source,
  { task, action, bare, path, keywords, loop, id, notify }: IncludeTask,
  compileTaskList: CompileList,
): GraphNode[] {
  let file: string;
  try {
    file = includeArguments(task[action]).file ?? '';
  } catch (error) {
    issue(ctx, source, childPath(path, action), 'invalid-arguments', `${bare}: ${(error as Error).message}`);
    return [];
  }
  if (!file) {
    issue(ctx, source, childPath(path, action), 'invalid-argument', `${bare} needs a task file (\`file\`)`);
    return [];
  }
  if (bare === 'import_tasks' && !isTemplated(file)) {
    const full = resolve(source.baseDir, file);
    if (!existsSync(full)) {
      issue(ctx, source, childPath(path, action), 'missing-file', `import_tasks: ${full} does not exist`);
      return [];
    }
    const loaded = ctx.load(full);
    const inner = compileTaskList(ctx, { ...source, loaded, baseDir: dirname(full) }, loaded.value, '', {
      tags: keywords.tags,
      notify,
    });
    return [
      {
        ...keywords,
        kind: 'block',
        id,
        name: `import_tasks ${file}`,
        block: inner,
        rescue: [],
        always: [],
      },
    ];
  }
  return [
    {
      ...keywords,
      kind: 'include',
      id,
      ...includeName(task, action),
      target: { type: 'tasks', file },
      notify,
      ...includeLoop(task, loop),
    },
  ];
}

/** `import_role` (the role compiled in place, as a block) and `include_role` (an include node). */
export function compileRoleInclude(
  ctx: CompileContext,
  source: Source,
  { task, action, bare, path, keywords, loop, id, notify }: IncludeTask,
): GraphNode[] {
  let spec: { name?: string; tasks_from?: string };
  try {
    spec = includeArguments(task[action]).options as typeof spec;
  } catch (error) {
    issue(ctx, source, childPath(path, action), 'invalid-arguments', `${bare}: ${(error as Error).message}`);
    return [];
  }
  if (!spec.name) {
    issue(ctx, source, childPath(path, action), 'invalid-argument', `${bare} needs \`name\``);
    return [];
  }
  if (bare === 'import_role') {
    const role = ctx.importRole(
      spec.name,
      source,
      childPath(path, action),
      { tags: keywords.tags, notify },
      spec.tasks_from,
    );
    return [
      {
        ...keywords,
        kind: 'block',
        id,
        name: `import_role ${spec.name}`,
        block: role.tasks,
        rescue: [],
        always: [],
        vars: { ...role.vars, ...keywords.vars },
        role: role.path ? { name: spec.name, path: role.path } : undefined,
        roleDefaults: role.defaults,
      },
    ];
  }
  return [
    {
      ...keywords,
      kind: 'include',
      id,
      ...includeName(task, action),
      target: { type: 'role', role: spec.name, tasksFrom: spec.tasks_from },
      notify,
      ...includeLoop(task, loop),
    },
  ];
}

/** `loop`/`with_items` and `loop_control` of an include_tasks / include_role. */
function includeLoop(
  task: Record<string, unknown>,
  loop: unknown,
): Pick<IncludeNode, 'loop' | 'loopControl'> {
  const control = task.loop_control as Record<string, unknown> | undefined;
  return {
    ...(loop !== undefined ? { loop } : {}),
    ...(control ? { loopControl: { loopVar: 'item', ...renameLoopControl(control) } as LoopControl } : {}),
  };
}

/** An include's name: its `name:`, or (flagged unnamed) its action as written, as Ansible titles it. */
function includeName(task: Record<string, unknown>, action: string): { name: string; unnamed?: boolean } {
  return task.name === undefined || task.name === null
    ? { name: action, unnamed: true }
    : { name: String(task.name) };
}
