import { parseModuleName } from '../../modules/contract/module-name.js';
import { builtinSpellings } from '../../modules/registry.js';
import { knownModuleNames } from '../ansible/known-names.js';
import type { BlockNode, GraphNode, MetaNode, TaskNode } from '../graph.js';
import { type DslIssue, describeValue } from '../issues.js';
import { didYouMean } from '../suggest.js';
import { childPath } from '../yaml/load.js';
import { expandActionKeyword } from './action-keyword.js';
import { commonKeywords, META_ACTIONS, notifyOf, tagList } from './common-keywords.js';
import { type CompileContext, type Inherited, issue, type Source } from './compile-context.js';
import { compileRoleInclude, compileTaskInclude } from './compile-include.js';
import { invocationName } from './invocation-name.js';
import { BLOCK_KEYWORDS, STRUCTURAL_KEYS, structuralName, TASK_KEYWORDS } from './keywords.js';
import { compileLoop, isLoopKey } from './loops.js';
import { moduleArguments, resolveTaskModule } from './module-arguments.js';
import { ansibleModuleFor } from './native-fallback.js';
import { taskNode } from './task-node.js';
import { checkTemplateSyntax } from './template-syntax.js';
import { isTemplated } from './templated.js';
import { reportTemplatedKey, templatedActionParts } from './templated-action.js';

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
  const { task, fromActionKeyword } = expandActionKeyword(item as Record<string, unknown>);
  const templatedAction = fromActionKeyword !== undefined && isTemplated(fromActionKeyword);
  if ('block' in task) return [compileBlock(ctx, source, task, path, inherited)];
  const actions = Object.keys(task).filter((k) => !TASK_KEYWORDS.has(k) && !isLoopKey(k));
  const known: string[] = [];
  for (const key of actions) {
    if (
      (templatedAction && key === fromActionKeyword) ||
      STRUCTURAL_KEYS.has(structuralName(key)) ||
      resolveTaskModule(key, ctx.playbookDir, source.role?.path)
    )
      known.push(key);
    else if (isTemplated(key)) reportTemplatedKey(ctx, source, path, key);
    else {
      const candidates = [...TASK_KEYWORDS, ...builtinSpellings(), 'block'];
      if (key.includes('.') || !didYouMean(key, candidates)) candidates.push(...knownModuleNames());
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
  const keywords = commonKeywords(ctx, source, task, path, inherited);
  const { loop, problems } = compileLoop(task);
  for (const problem of problems)
    issue(ctx, source, childPath(path, problem.key), problem.code, problem.message);
  const id = ctx.nextId('t');
  if (templatedAction) {
    const parts = templatedActionParts(ctx, source, task, action, path);
    if (!parts) return [];
    const node = taskNode(task, action, inherited, { ...keywords, id, loop, ...parts });
    checkTemplateSyntax(ctx, source, path, action, node);
    return [node];
  }
  const bare = parseModuleName(action).short;
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
      name: typeof task.name === 'string' ? task.name : action,
      ...(typeof task.name === 'string' ? {} : { unnamed: true }),
      ...(task.listen !== undefined ? { listen: tagList(task.listen) } : {}),
      action: String(task[action]) as MetaNode['action'],
    };
    return [meta];
  }
  if (
    (bare === 'include_tasks' || bare === 'include_role') &&
    !includeKeywordsValid(ctx, source, task, action, path)
  )
    return [];
  if (bare === 'import_tasks' || bare === 'include_tasks' || bare === 'include')
    return withInheritedTags(
      compileTaskInclude(
        ctx,
        source,
        { task, action, bare, path, keywords, loop, id, notify: notifyOf(task, inherited) },
        compileTaskList,
      ),
      inherited.tags,
    );
  if (bare === 'import_role' || bare === 'include_role')
    return withInheritedTags(
      compileRoleInclude(ctx, source, {
        task,
        action,
        bare,
        path,
        keywords,
        loop,
        id,
        notify: notifyOf(task, inherited),
      }),
      inherited.tags,
    );
  const found = resolveTaskModule(action, ctx.playbookDir, source.role?.path)!;
  const issuesBefore = ctx.issues.length;
  const { args, checkedArgs, handedOver } = moduleArguments(
    ctx,
    source,
    task,
    action,
    found.name,
    path,
    found,
  );
  const resolved = handedOver ?? found;
  const node = taskNode(task, action, inherited, {
    ...keywords,
    id,
    loop,
    module: resolved.name,
    resolved,
    args,
    ...(checkedArgs ? { checkedArgs } : {}),
  });
  const invokedAs = invocationName(action, resolved.name);
  if (invokedAs !== resolved.name) node.invokedAs = invokedAs;
  checkTemplateSyntax(ctx, source, path, action, node);
  if (expectsFailure(task, inherited)) deferErrors(ctx, ctx.issues.slice(issuesBefore), node, action);
  return [node];
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
        'error',
        `'${key}' is not a valid attribute for a Block`,
      );
  }
  const keywords = commonKeywords(ctx, source, item, path, inherited);
  const ignoring = expectsFailure({ ignore_errors: item.ignore_errors }, inherited);
  const inner = { tags: keywords.tags, failureExpected: ignoring, notify: notifyOf(item, inherited) };
  const rescued = { ...inner, failureExpected: ignoring || Array.isArray(item.rescue) };
  return {
    ...keywords,
    kind: 'block',
    id: ctx.nextId('b'),
    name: item.name as string | undefined,
    block: compileTaskList(ctx, source, item.block, childPath(path, 'block'), rescued),
    rescue: compileTaskList(ctx, source, item.rescue, childPath(path, 'rescue'), inner),
    always: compileTaskList(ctx, source, item.always, childPath(path, 'always'), inner),
  };
}

/**
 * The keywords a dynamic include accepts (Ansible's TaskInclude/IncludeRole): any other (`notify`, `become` …,
 * which belong in `apply:`) is a load error, as in Ansible.
 */
const INCLUDE_KEYWORDS = new Set([
  'args',
  'collections',
  'debugger',
  'ignore_errors',
  'loop',
  'loop_control',
  'name',
  'no_log',
  'register',
  'run_once',
  'tags',
  'timeout',
  'vars',
  'when',
]);

function includeKeywordsValid(
  ctx: CompileContext,
  source: Source,
  task: Record<string, unknown>,
  action: string,
  path: string,
): boolean {
  const invalid = Object.keys(task).filter(
    (k) => k !== action && !INCLUDE_KEYWORDS.has(k) && !k.startsWith('with_') && task[k] !== undefined,
  );
  const kind = action.endsWith('include_role') ? 'IncludeRole' : 'TaskInclude';
  for (const key of invalid)
    issue(
      ctx,
      source,
      childPath(path, key),
      'invalid-keyword',
      `'${key}' is not a valid attribute for a ${kind}`,
    );
  return invalid.length === 0;
}

/**
 * Whether a task may fail by design — `ignore_errors`, `failed_when`, or inside a block with `rescue` — so that
 * bad arguments are the failure its author expects (negative tests, defensive roles), as in Ansible.
 */
function expectsFailure(task: Record<string, unknown>, inherited: Inherited): boolean {
  const ignore = task.ignore_errors;
  return (
    inherited.failureExpected === true ||
    task.failed_when !== undefined ||
    (ignore !== undefined && ignore !== false && !/^(no|false|off|n|f|0)$/i.test(String(ignore)))
  );
}

/** Argument problems that Ansible's own module reports itself, in its own words, when it runs. */
export const MODULE_CHECKED = new Set(['unknown-argument', 'invalid-argument']);

/**
 * Turns the load errors of such a task into warnings; the task fails with the first one when it runs. A task
 * whose only errors are about its arguments runs Ansible's module instead (a built-in's too, when Ansible's can
 * run it), which fails with Ansible's message and result keys (what `register` and `failed_when` look at).
 */
function deferErrors(ctx: CompileContext, issues: DslIssue[], node: TaskNode, written: string): void {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length === 0) return;
  const argumentsOnly = errors.every((e) => MODULE_CHECKED.has(e.code));
  if (argumentsOnly && node.resolved.kind === 'builtin') handToAnsible(ctx, node, written);
  const moduleSays = argumentsOnly && node.resolved.kind === 'ansible';
  for (const error of errors) {
    error.severity = 'warning';
    error.message += moduleSays
      ? " (the task may fail by design: Ansible's module reports it when it runs)"
      : ' (the task may fail by design: it fails with this when it runs)';
  }
  if (!moduleSays) node.loadError = errors[0].message.replace(/ \(the task may fail by design.*$/, '');
}

/**
 * Lets Ansible's module run a built-in task with bad arguments, when it can (else the task keeps its error). The
 * task keeps its module name, which Ansible's messages quote (`Unsupported parameters for (file) module`).
 */
function handToAnsible(ctx: CompileContext, node: TaskNode, written: string): void {
  const handed = ansibleModuleFor(ctx, written, node.args);
  if ('reason' in handed) return;
  node.resolved = handed.resolved;
  node.args = handed.args;
  delete node.checkedArgs;
}

/** Include nodes keep the tags of their play and blocks: their tasks inherit those, not the include's own. */
function withInheritedTags(nodes: GraphNode[], tags: string[]): GraphNode[] {
  return nodes.map((node) => (node.kind === 'include' ? { ...node, inheritedTags: tags } : node));
}
