import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { CommonKeywords, GraphNode, IncludeNode, LoopControl } from '../graph.js';
import { describeValue } from '../issues.js';
import { pyClassName } from '../template/python-values.js';
import { Templar } from '../template/templar.js';
import { childPath } from '../yaml/load.js';
import { notifyOf } from './common-keywords.js';
import { type CompileContext, type Inherited, issue, type Source } from './compile-context.js';
import type { RoleFrom } from './compile-role.js';
import { underParent } from './handler-keywords.js';
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
  let args: ReturnType<typeof includeArguments>;
  try {
    args = includeArguments(task[action]);
  } catch (error) {
    issue(ctx, source, childPath(path, action), 'invalid-arguments', `${bare}: ${(error as Error).message}`);
    return [];
  }
  if (!applyAllowed(ctx, source, childPath(path, action), action, bare, args.options)) return [];
  const file = args.file ?? '';
  if (!file) {
    issue(ctx, source, childPath(path, action), 'invalid-argument', `${bare} needs a task file (\`file\`)`);
    return [];
  }
  // Legacy `include`: its other `k=v` arguments are task-level variables of the included tasks.
  const argVars = bare === 'include' ? legacyIncludeVars(args.options) : {};
  // Ansible loads a legacy `include` statically when nothing makes it dynamic: no loop, a plain file name,
  // and only static parents (not inside an include_tasks/include_role).
  const isStatic =
    bare === 'import_tasks' || (bare === 'include' && loop === undefined && !ctx.dynamicParent);
  if (isStatic && loop !== undefined) {
    issue(
      ctx,
      source,
      path,
      'invalid-keyword',
      "You cannot use loops on 'import_tasks' statements. You should use 'include_tasks' instead.",
    );
    return [];
  }
  if (isStatic && !isTemplated(file)) {
    const full = importedFile(ctx, source, file);
    if (!full) {
      issue(
        ctx,
        source,
        childPath(path, action),
        'missing-file',
        `${bare}: ${resolve(source.baseDir, file)} does not exist`,
      );
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
        // A legacy include's `vars:` are include parameters (above set_fact); import_tasks' are block vars.
        ...(bare === 'include' ? { vars: argVars, params: keywords.vars } : {}),
        kind: 'block',
        id,
        name: `${bare} ${file}`,
        imported: true,
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
      ...(bare === 'include' ? { argVars } : {}),
      target: { type: 'tasks', file },
      notify: appliedNotify(args.options, notify),
      ...appliedTags(args.options),
      ...includeLoop(task, loop),
      ...(typeof task.register === 'string' ? { register: task.register } : {}),
    },
  ];
}

/** `import_role` (the role compiled in place, as a block) and `include_role` (an include node). */
export function compileRoleInclude(
  ctx: CompileContext,
  source: Source,
  { task, action, bare, path, keywords, loop, id, notify }: IncludeTask,
): GraphNode[] {
  const inherited = { tags: keywords.tags, notify };
  let spec: { name?: string } & Partial<Record<(typeof FROM_ARGUMENTS)[number], string>>;
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
  if (!applyAllowed(ctx, source, childPath(path, action), action, bare, spec)) return [];
  const notText = FROM_ARGUMENTS.find((key) => spec[key] !== undefined && typeof spec[key] !== 'string');
  if (notText) {
    const ansible = `Expected a string for ${notText} but got ${yamlClass(spec[notText])} instead`;
    const message = `${bare}: \`${notText}\` must be a file name, got ${describeValue(spec[notText])}`;
    issue(
      ctx,
      source,
      childPath(childPath(path, action), notText),
      'invalid-argument',
      message,
      'error',
      ansible,
    );
    return [];
  }
  const files = {
    tasksFrom: spec.tasks_from,
    handlersFrom: spec.handlers_from,
    varsFrom: spec.vars_from,
    defaultsFrom: spec.defaults_from,
  };
  if (bare === 'import_role') {
    const name = loadTimeName(ctx, spec.name, keywords.vars);
    const role = ctx.importRole(name, source, childPath(path, action), inherited, files);
    const roleVars = { ...role.vars, ...keywords.vars };
    // Its meta/main.yml dependencies run first, once per play (role instances, as those of `roles:`).
    const deps = ctx.roleDependencies?.(role, source, childPath(path, action), inherited, roleVars) ?? {
      nodes: [],
      handlers: [],
      publicDefaults: {},
      publicVars: {},
      names: [],
      dependencyNames: [],
    };
    // Its handlers (its dependencies' first) run under the import, as Ansible parents them to the import task.
    ctx.importedHandlers.push(
      ...[...deps.handlers, ...role.handlers].map((handler) => underParent(handler, keywords)),
    );
    // An imported role joins the play's roles: its defaults and vars (with the import's `vars:`) are public.
    ctx.importedRoles.push({
      name,
      dependencyNames: deps.dependencyNames,
      defaults: { ...deps.publicDefaults, ...role.defaults },
      vars: { ...deps.publicVars, ...roleVars },
    });
    return [
      {
        ...keywords,
        kind: 'block',
        id,
        name: `import_role ${name}`,
        block: [...deps.nodes, ...role.tasks],
        rescue: [],
        always: [],
        vars: { ...role.vars, ...keywords.vars },
        role: role.path ? { name, path: role.path } : undefined,
        entersRole: true,
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
      target: {
        type: 'role',
        role: spec.name,
        ...definedFiles(files),
        ...(isAnsibleTrue((spec as Record<string, unknown>).public) ? { public: true } : {}),
      },
      notify: appliedNotify(spec, notify),
      ...appliedTags(spec),
      ...includeLoop(task, loop),
      ...(typeof task.register === 'string' ? { register: task.register } : {}),
    },
  ];
}

/** The arguments of include_role/import_role that name a role file instead of `main`. */
const FROM_ARGUMENTS = ['tasks_from', 'vars_from', 'defaults_from', 'handlers_from'] as const;

/** The Python class of a value Ansible loaded from YAML, as its type errors print it. */
function yamlClass(value: unknown): string {
  const loaded = Array.isArray(value)
    ? 'AnsibleSequence'
    : value && typeof value === 'object'
      ? 'AnsibleMapping'
      : '';
  return loaded ? `<class 'ansible.parsing.yaml.objects.${loaded}'>` : `<class '${pyClassName(value)}'>`;
}

/** The `*_from` files an include names, without the ones it leaves out. */
function definedFiles(files: RoleFrom): RoleFrom {
  return Object.fromEntries(Object.entries(files).filter(([, file]) => file !== undefined));
}

/**
 * `apply` belongs to include_tasks/include_role only: on an import (or legacy include) it is Ansible's parse
 * error, found before the file or role is looked for. False when it is reported.
 */
function applyAllowed(
  ctx: CompileContext,
  source: Source,
  path: string,
  action: string,
  bare: string,
  options: Record<string, unknown>,
): boolean {
  if (!options.apply || bare === 'include_tasks' || bare === 'include_role') return true;
  const ansible = `Invalid options for ${action}: apply`;
  issue(
    ctx,
    source,
    childPath(path, 'apply'),
    'invalid-argument',
    `${bare}: \`apply\` is only for include_tasks and include_role (imports are static)`,
    'error',
    ansible,
  );
  return false;
}

/** `apply: {notify: …}` of an include_tasks/include_role: what its tasks notify (else the inherited notify). */
function appliedNotify(options: Record<string, unknown>, inherited: string[]): string[] {
  const apply = options.apply as Record<string, unknown> | undefined;
  return apply && typeof apply === 'object' ? notifyOf(apply, { tags: [], notify: inherited }) : inherited;
}

/** `apply: {tags: …}` of an include_tasks/include_role: tags its tasks get. */
function appliedTags(options: Record<string, unknown>): { applyTags?: string[] } {
  const apply = options.apply as Record<string, unknown> | undefined;
  if (!apply || typeof apply !== 'object' || apply.tags === undefined || apply.tags === null) return {};
  const tags = Array.isArray(apply.tags) ? apply.tags : String(apply.tags).split(',');
  return { applyTags: tags.map((t) => String(t).trim()) };
}

/** A legacy `include`'s arguments other than its file: variables for the included tasks. */
function legacyIncludeVars(options: Record<string, unknown>): Record<string, unknown> {
  const { file: _file, _raw_params: _raw, ...vars } = options;
  return vars;
}

/**
 * Where a static import's file is, as Ansible looks: beside the importing file, then in the role's `tasks/`
 * and folder (inside a role), then the playbook's folder.
 */
function importedFile(ctx: CompileContext, source: Source, file: string): string | undefined {
  const bases = [
    source.baseDir,
    ...(source.role ? [join(source.role.path, 'tasks'), source.role.path] : []),
    ctx.playbookDir,
  ];
  return bases.map((base) => resolve(base, file)).find((candidate) => existsSync(candidate));
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

/** Renders a template in a static import's name with the play's load-time variables (the import's `vars:` too). */
function loadTimeName(ctx: CompileContext, name: string, vars: Record<string, unknown>): string {
  if (!isTemplated(name) || !ctx.loadTimeVars) return name;
  try {
    return String(new Templar().render(name, { ...ctx.loadTimeVars, ...vars }));
  } catch {
    return name;
  }
}
