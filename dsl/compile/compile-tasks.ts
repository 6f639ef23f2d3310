import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { findModule, moduleCatalog } from '../../modules/catalog.js';
import { argumentAliases } from '../../modules/util/aliases.js';
import { parseArguments } from '../../modules/util/coerce-args.js';
import type {
  BlockNode,
  CommonKeywords,
  GraphNode,
  IncludeNode,
  LoopControl,
  MetaNode,
  TaskNode,
} from '../graph.js';
import { type DslIssue, describeValue } from '../issues.js';
import { taskKeywordsSchema } from '../schema/keywords.js';
import { didYouMean } from '../suggest.js';
import { Templar } from '../template/templar.js';
import type { VaultSecrets } from '../vault/index.js';
import { childPath, type LoadedYaml, positionOf } from '../yaml/load.js';
import type { CompiledRole } from './compile-role.js';
import { includeArguments } from './include-args.js';
import { BLOCK_KEYWORDS, isTruthyFlag, STRUCTURAL_KEYS, TASK_KEYWORDS } from './keywords.js';
import { parseKeyValueArgs } from './kv.js';
import { compileLoop, isLoopKey } from './loops.js';

/** Shared state while one playbook compiles: issues, ids, loaded files, where modules and roles live. */
export interface CompileContext {
  issues: DslIssue[];
  playbookDir: string;
  nextId(prefix: string): string;
  load(file: string): LoadedYaml;
  /** Vault passwords, for role vars/defaults files that are encrypted. */
  vault?: VaultSecrets;
  /** Handlers of roles imported while compiling the current play (they join the play's handlers). */
  importedHandlers: GraphNode[];
  /** Compiles a role (for import_role inside task lists); its handlers join the play's. */
  importRole(
    name: string,
    from: Source,
    path: string,
    inherited: Inherited,
    tasksFrom?: string,
  ): CompiledRole;
}

/** Where the list being compiled came from. */
export interface Source {
  loaded: LoadedYaml;
  /** Folder that relative `import_tasks` paths resolve from. */
  baseDir: string;
  role?: { name: string; path: string };
}

/** Keywords inherited by the nodes of a list (tags accumulate). */
export interface Inherited {
  tags: string[];
}

function issue(
  ctx: CompileContext,
  source: Source,
  path: string,
  code: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const pos = positionOf(source.loaded, path);
  ctx.issues.push({
    code,
    severity,
    message,
    file: source.loaded.file,
    line: pos?.line,
    column: pos?.column,
    path,
  });
}

function asList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function tagList(value: unknown): string[] {
  return asList(value)
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter(Boolean);
}

function conditions(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    typeof v === 'boolean' ? String(v) : String(v),
  );
}

function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%');
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(hasTemplate);
  return false;
}

/** A module known to this playbook: a built-in or a file in the playbook's `modules/`. */
export function resolveModuleName(
  written: string,
  playbookDir: string,
): { name: string; known: boolean } | undefined {
  const entry = findModule(written);
  if (entry) return { name: entry.definition.name, known: true };
  const short = written.replace(/^(ansible\.builtin|ansible\.legacy|spindle)\./, '');
  if (
    existsSync(join(playbookDir, 'modules', `${short}.ts`)) ||
    existsSync(join(playbookDir, 'modules', `${short}.js`))
  ) {
    return { name: short, known: false };
  }
  return undefined;
}

function common(
  ctx: CompileContext,
  source: Source,
  item: Record<string, unknown>,
  path: string,
  inherited: Inherited,
): CommonKeywords {
  const parsed = taskKeywordsSchema.safeParse(
    Object.fromEntries(Object.entries(item).filter(([k]) => TASK_KEYWORDS.has(k))),
  );
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const key = String(zi.path[0]);
      const value = item[key];
      if (zi.code === 'unrecognized_keys') {
        const known = key === 'loop_control' ? ['loop_var', 'index_var', 'label', 'pause', 'extended'] : [];
        for (const unknown of zi.keys) {
          issue(
            ctx,
            source,
            childPath(childPath(path, key), unknown),
            'unknown-keyword',
            `unknown key \`${unknown}\` in \`${key}\`${didYouMean(unknown, known)}`,
          );
        }
        continue;
      }
      issue(
        ctx,
        source,
        childPath(path, key),
        'invalid-keyword',
        `Expected \`${key}\` ${expectation(zi, key)}, got ${describeValue(value)}`,
      );
    }
  }
  const pos = positionOf(source.loaded, path);
  const become =
    item.become !== undefined || item.become_user !== undefined || item.become_method !== undefined
      ? {
          become:
            item.become === undefined
              ? undefined
              : item.become === true || item.become === 'yes' || item.become === 'true',
          user: item.become_user as string | undefined,
          method: item.become_method as 'sudo' | 'su' | 'doas' | undefined,
          flags: item.become_flags as string | undefined,
        }
      : undefined;
  return {
    when: conditions(item.when),
    tags: [...new Set([...inherited.tags, ...tagList(item.tags)])],
    become,
    vars: (item.vars as Record<string, unknown>) ?? {},
    environment: item.environment as CommonKeywords['environment'],
    ignoreErrors: item.ignore_errors as boolean | string | undefined,
    ignoreUnreachable: item.ignore_unreachable as boolean | undefined,
    noLog: item.no_log as boolean | string | undefined,
    checkMode: item.check_mode as boolean | undefined,
    diff: item.diff as boolean | undefined,
    delegateTo: item.delegate_to as string | undefined,
    runOnce: isTruthyFlag(item.run_once),
    throttle: item.throttle as number | undefined,
    anyErrorsFatal: item.any_errors_fatal === undefined ? undefined : isTruthyFlag(item.any_errors_fatal),
    role: source.role,
    location: { file: source.loaded.file, line: pos?.line ?? 1, column: pos?.column ?? 1 },
  };
}

/** What `meta:` accepts (Ansible's actions). */
const META_ACTIONS: string[] = [
  'flush_handlers',
  'end_play',
  'end_host',
  'end_batch',
  'clear_facts',
  'clear_host_errors',
  'refresh_inventory',
  'noop',
  'reset_connection',
];

/** "Expected `key` …": what a keyword's value should look like, in words (shared by plays and tasks). */
export function expectation(zi: z.core.$ZodIssue, key: string, keyword = true): string {
  if (keyword && KEYWORD_SHAPES[key] && zi.code !== 'invalid_value') return `to be ${KEYWORD_SHAPES[key]}`;
  if (zi.code === 'invalid_type') {
    const shape = zi.expected === 'record' ? 'mapping' : zi.expected === 'array' ? 'list' : zi.expected;
    return `to be ${/^[aeiou]/.test(shape) ? 'an' : 'a'} ${shape}`;
  }
  if (zi.code === 'invalid_value')
    return `to be one of ${zi.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (zi.code === 'invalid_union')
    return `to be ${KEYWORD_SHAPES[key] ?? 'one of the forms in docs/playbooks.md'}`;
  return `to be valid (${zi.message})`;
}

/** Keywords whose value may take several forms, described for error messages. */
const KEYWORD_SHAPES: Record<string, string> = {
  loop: 'a list, or a template that gives one',
  with_items: 'a list, or a template that gives one',
  with_list: 'a list, or a template that gives one',
  when: 'a condition or a list of conditions',
  changed_when: 'a condition or a list of conditions',
  failed_when: 'a condition or a list of conditions',
  until: 'a condition',
  notify: 'a handler name or a list of names',
  listen: 'a topic or a list of topics',
  tags: 'a tag or a list of tags',
  environment: 'a mapping of variable names to values, or a template',
  retries: 'a whole number, or a template',
  delay: 'a number of seconds, or a template',
  serial: 'a number, a percentage like "30%", a list of them, or a template',
  max_fail_percentage: 'a percentage from 0 to 100, or a template',
  throttle: 'a whole number',
  hosts: 'a host pattern or a list of patterns',
  vars_files: 'a file name or a list of file names',
  become: 'a boolean (true/false, yes/no), or a template',
  gather_facts: 'a boolean (true/false, yes/no), or a template',
  any_errors_fatal: 'a boolean (true/false, yes/no), or a template',
  force_handlers: 'a boolean (true/false, yes/no), or a template',
  ignore_errors: 'a boolean (true/false, yes/no), or a template',
  ignore_unreachable: 'a boolean (true/false, yes/no), or a template',
  no_log: 'a boolean (true/false, yes/no), or a template',
  check_mode: 'a boolean (true/false, yes/no), or a template',
  diff: 'a boolean (true/false, yes/no), or a template',
  run_once: 'a boolean (true/false, yes/no), or a template',
};

/** Compiles a task list (tasks, handlers, block sections) into graph nodes, reporting every problem. */
export function compileTaskList(
  ctx: CompileContext,
  source: Source,
  list: unknown,
  path: string,
  inherited: Inherited,
): GraphNode[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    issue(ctx, source, path, 'invalid-structure', `Expected a list of tasks, got ${describeValue(list)}`);
    return [];
  }
  const nodes: GraphNode[] = [];
  list.forEach((item, index) => {
    nodes.push(...compileNode(ctx, source, item, childPath(path, index), inherited));
  });
  return nodes;
}

function compileNode(
  ctx: CompileContext,
  source: Source,
  item: unknown,
  path: string,
  inherited: Inherited,
): GraphNode[] {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    issue(
      ctx,
      source,
      path,
      'invalid-structure',
      `Expected a task to be a mapping, got ${describeValue(item)}`,
    );
    return [];
  }
  const task = item as Record<string, unknown>;
  if ('block' in task) return [compileBlock(ctx, source, task, path, inherited)];
  const actions = Object.keys(task).filter((k) => !TASK_KEYWORDS.has(k) && !isLoopKey(k));
  const known: string[] = [];
  for (const key of actions) {
    if (STRUCTURAL_KEYS.has(key) || resolveModuleName(key, ctx.playbookDir)) known.push(key);
    else {
      const aliases = [...moduleCatalog.values()].flatMap((entry) => entry.definition.aliases ?? []);
      const candidates = [...TASK_KEYWORDS, ...moduleCatalog.keys(), ...aliases, 'block'];
      issue(
        ctx,
        source,
        childPath(path, key),
        'unknown-keyword',
        `unknown keyword or module \`${key}\`${didYouMean(key, candidates)}`,
      );
    }
  }
  if (known.length === 0) {
    if (actions.length === 0)
      issue(ctx, source, path, 'no-action', 'this task names no module (e.g. `command:`, `copy:`)');
    return [];
  }
  if (known.length > 1) {
    issue(
      ctx,
      source,
      childPath(path, known[1]),
      'conflicting-actions',
      `conflicting action statements: ${known.map((k) => `\`${k}\``).join(', ')}`,
    );
    return [];
  }
  const action = known[0];
  const keywords = common(ctx, source, task, path, inherited);
  const { loop, problems } = compileLoop(task);
  for (const problem of problems)
    issue(ctx, source, childPath(path, problem.key), problem.code, problem.message);
  const id = ctx.nextId('t');
  const bare = action.replace(/^(ansible\.builtin|ansible\.legacy|spindle)\./, '');
  if (bare === 'meta') {
    if (!META_ACTIONS.includes(String(task[action]))) {
      issue(
        ctx,
        source,
        childPath(path, action),
        'invalid-argument',
        `Expected \`meta\` to be one of ${META_ACTIONS.map((a) => JSON.stringify(a)).join(', ')}, got ${describeValue(task[action])}${didYouMean(String(task[action]), META_ACTIONS)}`,
      );
      return [];
    }
    const meta: MetaNode = {
      ...keywords,
      kind: 'meta',
      id,
      action: String(task[action]) as MetaNode['action'],
    };
    return [meta];
  }
  if (bare === 'import_tasks' || bare === 'include_tasks' || bare === 'include') {
    let file: string;
    try {
      file = includeArguments(task[action]).file ?? '';
    } catch (error) {
      issue(
        ctx,
        source,
        childPath(path, action),
        'invalid-arguments',
        `${bare}: ${(error as Error).message}`,
      );
      return [];
    }
    if (!file) {
      issue(ctx, source, childPath(path, action), 'invalid-argument', `${bare} needs a task file (\`file\`)`);
      return [];
    }
    if (bare === 'import_tasks' && !hasTemplate(file)) {
      const full = resolve(source.baseDir, file);
      if (!existsSync(full)) {
        issue(ctx, source, childPath(path, action), 'missing-file', `import_tasks: ${full} does not exist`);
        return [];
      }
      const loaded = ctx.load(full);
      const inner = compileTaskList(ctx, { ...source, loaded, baseDir: dirname(full) }, loaded.value, '', {
        tags: keywords.tags,
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
        name: String(task.name ?? `include_tasks ${file}`),
        target: { type: 'tasks', file },
        ...includeLoop(task, loop),
      },
    ];
  }
  if (bare === 'import_role' || bare === 'include_role') {
    let spec: { name?: string; tasks_from?: string };
    try {
      spec = includeArguments(task[action]).options as typeof spec;
    } catch (error) {
      issue(
        ctx,
        source,
        childPath(path, action),
        'invalid-arguments',
        `${bare}: ${(error as Error).message}`,
      );
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
        { tags: keywords.tags },
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
        name: String(task.name ?? `include_role ${spec.name}`),
        target: { type: 'role', role: spec.name, tasksFrom: spec.tasks_from },
        ...includeLoop(task, loop),
      },
    ];
  }
  const resolved = resolveModuleName(action, ctx.playbookDir)!;
  const args = moduleArguments(ctx, source, task, action, resolved.name, path);
  const loopControl = task.loop_control as Record<string, unknown> | undefined;
  const node: TaskNode = {
    ...keywords,
    kind: 'task',
    id,
    ...(task.listen !== undefined ? { listen: tagList(task.listen) } : {}),
    name: typeof task.name === 'string' ? task.name : resolved.name,
    module: resolved.name,
    args,
    loop,
    loopControl: loopControl
      ? ({ loopVar: 'item', ...renameLoopControl(loopControl) } as LoopControl)
      : undefined,
    register: task.register as string | undefined,
    notify: asList(task.notify),
    changedWhen:
      typeof task.changed_when === 'boolean'
        ? task.changed_when
        : task.changed_when !== undefined
          ? conditions(task.changed_when)
          : undefined,
    failedWhen:
      typeof task.failed_when === 'boolean'
        ? task.failed_when
        : task.failed_when !== undefined
          ? conditions(task.failed_when)
          : undefined,
    until: task.until !== undefined ? String(task.until) : undefined,
    retries: task.retries !== undefined ? Number(task.retries) : undefined,
    delay: task.delay !== undefined ? Number(task.delay) : undefined,
  };
  checkTemplateSyntax(ctx, source, path, action, node);
  return [node];
}

function renameLoopControl(lc: Record<string, unknown>): Partial<LoopControl> {
  return {
    ...(lc.loop_var ? { loopVar: String(lc.loop_var) } : {}),
    ...(lc.index_var ? { indexVar: String(lc.index_var) } : {}),
    ...(lc.label !== undefined ? { label: String(lc.label) } : {}),
    ...(lc.pause !== undefined ? { pause: Number(lc.pause) } : {}),
    ...(lc.extended !== undefined ? { extended: Boolean(lc.extended) } : {}),
  };
}

function compileBlock(
  ctx: CompileContext,
  source: Source,
  item: Record<string, unknown>,
  path: string,
  inherited: Inherited,
): BlockNode {
  for (const key of Object.keys(item)) {
    if (!BLOCK_KEYWORDS.has(key))
      issue(
        ctx,
        source,
        childPath(path, key),
        'unknown-keyword',
        `unknown block keyword \`${key}\`${didYouMean(key, BLOCK_KEYWORDS)}`,
      );
  }
  const keywords = common(ctx, source, item, path, inherited);
  const inner = { tags: keywords.tags };
  return {
    ...keywords,
    kind: 'block',
    id: ctx.nextId('b'),
    name: item.name as string | undefined,
    block: compileTaskList(ctx, source, item.block, childPath(path, 'block'), inner),
    rescue: compileTaskList(ctx, source, item.rescue, childPath(path, 'rescue'), inner),
    always: compileTaskList(ctx, source, item.always, childPath(path, 'always'), inner),
  };
}

/** Turns the module key's value (dict, `k=v` text, free-form text) plus `args:` into an argument object, validated. */
function moduleArguments(
  ctx: CompileContext,
  source: Source,
  task: Record<string, unknown>,
  action: string,
  module: string,
  path: string,
): Record<string, unknown> {
  const raw = task[action];
  const entry = moduleCatalog.get(module);
  const freeForm = entry?.definition.freeForm;
  const command = entry?.definition.freeFormStyle === 'command';
  let args: Record<string, unknown> = {};
  const argsPath = childPath(path, action);
  if (typeof raw === 'string') {
    try {
      args = parseKeyValueArgs(raw, { freeForm, command });
    } catch (error) {
      issue(ctx, source, argsPath, 'invalid-arguments', `${module}: ${(error as Error).message}`);
      return {};
    }
  } else if (raw !== null && raw !== undefined) {
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      issue(
        ctx,
        source,
        argsPath,
        'invalid-arguments',
        `Expected the arguments of \`${module}\` to be a mapping or key=value text, got ${describeValue(raw)}`,
      );
      return {};
    }
    args = { ...(raw as Record<string, unknown>) };
  }
  if (task.args && typeof task.args === 'object')
    args = { ...(task.args as Record<string, unknown>), ...args };
  for (const [key, value] of Object.entries(args)) {
    if (key === 'mode' && typeof value === 'number') {
      if (source.loaded.octalPaths.has(childPath(argsPath, key))) args[key] = `0${value.toString(8)}`;
      else
        issue(
          ctx,
          source,
          childPath(argsPath, key),
          'invalid-argument',
          `Expected \`mode\` to be an octal string like "0644", got ${describeValue(value)}`,
        );
    }
  }
  for (const [name, warning] of Object.entries(entry?.definition.ignoredArgs ?? {}))
    if (name in args)
      issue(ctx, source, childPath(argsPath, name), 'ignored-argument', `${module}: ${warning}`, 'warning');
  if (entry) validateArguments(ctx, source, entry.definition.args, args, module, argsPath);
  return args;
}

function validateArguments(
  ctx: CompileContext,
  source: Source,
  schema: z.ZodType,
  args: Record<string, unknown>,
  module: string,
  argsPath: string,
): void {
  // Templated values are only known at run time: leave them out of the check, and skip the issues they cause,
  // under the argument's canonical name too (`dest: "{{ x }}"` provides `path` for `file`).
  const aliases = argumentAliases(schema);
  const templatedKeys = Object.keys(args).filter((k) => hasTemplate(args[k]));
  const templated = new Set([...templatedKeys, ...templatedKeys.map((k) => aliases[k] ?? k)]);
  const checkable = Object.fromEntries(Object.entries(args).filter(([k]) => !templatedKeys.includes(k)));
  const result = parseArguments(schema, checkable);
  if (result.success) return;
  for (const zi of result.error.issues) {
    const key = zi.path.length > 0 ? String(zi.path[0]) : undefined;
    if (zi.code === 'unrecognized_keys') {
      for (const unknown of zi.keys) {
        issue(
          ctx,
          source,
          childPath(argsPath, unknown),
          'unknown-argument',
          `unknown argument \`${unknown}\` for module \`${module}\`${didYouMean(unknown, [...knownArgs(schema), ...Object.keys(aliases)])}`,
        );
      }
      continue;
    }
    if (key && templated.has(key)) continue;
    if (!key && templated.size > 0) continue;
    const value = key !== undefined ? args[key] : args;
    const where = key !== undefined ? childPath(argsPath, zi.path.map(String).join('.')) : argsPath;
    const message =
      zi.code === 'custom' || key === undefined
        ? `${module}: ${zi.message}`
        : value === undefined
          ? `\`${key}\` is required by module \`${module}\``
          : zi.code === 'invalid_format' || zi.code === 'too_small' || zi.code === 'too_big'
            ? `${zi.message.startsWith('Expected') ? zi.message : `Expected \`${key}\` to be valid: ${zi.message}`}, got ${describeValue(value)}`
            : `Expected \`${key}\` ${expectation(zi, key, false)}, got ${describeValue(value)}`;
    issue(ctx, source, where, 'invalid-argument', message);
  }
}

/** The argument names a module schema accepts (for suggestions). */
function knownArgs(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let i = 0; i < 5 && current; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) break;
    if (def.shape) return Object.keys(def.shape as object);
    current = def.out ?? def.in ?? def.innerType ?? def.schema;
  }
  return [];
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

let syntaxTemplar: Templar | undefined;

/** Reports template syntax errors in a task's arguments and conditions at load time, where they were written. */
function checkTemplateSyntax(
  ctx: CompileContext,
  source: Source,
  path: string,
  action: string,
  node: TaskNode,
): void {
  syntaxTemplar ??= new Templar();
  const templar = syntaxTemplar;
  const report = (at: string, problem: string) =>
    issue(ctx, source, at, 'template-syntax', `template syntax error: ${problem}`);
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') {
      const problem = templar.syntaxError(value);
      if (problem) report(at, problem);
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, childPath(at, i)));
    else if (value && typeof value === 'object' && !(value instanceof Uint8Array))
      for (const [key, inner] of Object.entries(value)) walk(inner, childPath(at, key));
  };
  walk(node.args, childPath(path, action));
  const conditions: Array<[string, unknown]> = [
    ['when', node.when],
    ['changed_when', node.changedWhen],
    ['failed_when', node.failedWhen],
    ['until', node.until],
  ];
  for (const [key, value] of conditions) {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    list.forEach((condition, i) => {
      if (typeof condition !== 'string') return;
      const problem = templar.syntaxError(condition, true);
      if (problem)
        report(
          Array.isArray(value) && list.length > 1 ? childPath(childPath(path, key), i) : childPath(path, key),
          problem,
        );
    });
  }
}
