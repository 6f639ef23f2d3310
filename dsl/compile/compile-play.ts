import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GraphNode, HandlerNode, PlayNode, SerialSpec } from '../graph.js';
import { combineVars } from '../vars/combine.js';
import { childPath, positionOf } from '../yaml/load.js';
import { tagList } from './common-keywords.js';
import { type CompileContext, type Inherited, issue, type Source } from './compile-context.js';
import type { CompileOptions } from './compile-playbook.js';
import { compileTaskList } from './compile-tasks.js';
import { keywordBoolean, keywordFlag } from './flags.js';
import { nestedHandlerBlocks } from './handler-blocks.js';
import { underParent } from './handler-keywords.js';
import { strategyOf, structuralName, varsOf } from './keywords.js';
import { compilePlayRoles } from './play-roles.js';
import { PlayTemplates } from './play-templates.js';
import { filterByTags, selectedByTags } from './tags.js';

/** A play mapping as written, at `path` of its file, being compiled into a PlayNode. */
interface PlayInput {
  ctx: CompileContext;
  source: Source;
  play: Record<string, unknown>;
  path: string;
  options: CompileOptions;
}

/**
 * Compiles one play, step by step: the hosts it selects, its variables (with `vars_files`), its roles, its
 * sections (filtered by tags), its handlers, then its keywords into the PlayNode.
 */
export function compilePlay(input: PlayInput, index: number): PlayNode {
  const { ctx, source, play, path } = input;
  const pattern = Array.isArray(play.hosts) ? play.hosts.join(',') : String(play.hosts);
  const inherited: Inherited = { tags: tagList(play.tags) };
  const vars = playVars(input);
  ctx.loadTimeVars = { ...vars, ...input.options.extraVars };
  // Roles imported inside the listed roles' tasks join the play's roles too, as Ansible's.
  ctx.importedRoles = [];
  const roles = compilePlayRoles(
    ctx,
    source,
    play.roles,
    childPath(path, 'roles'),
    inherited,
    input.options.rolesPath,
  );
  ctx.importedHandlers = [];
  const templates = new PlayTemplates({ ...vars, ...input.options.extraVars });
  const sections = compileSections(input, inherited, roles.nodes, templates);
  const handlers = compileHandlers(input, inherited, roles.handlers, index);
  const pos = positionOf(source.loaded, path);
  return {
    id: `p${index}`,
    name: typeof play.name === 'string' ? templates.text(play.name) : pattern,
    pattern,
    hosts: selectHosts(input.options, pattern),
    vars,
    roleDefaults: roles.defaults,
    publicRoleDefaults: Object.assign({}, roles.publicDefaults, ...ctx.importedRoles.map((r) => r.defaults)),
    publicRoleVars: Object.assign({}, roles.publicVars, ...ctx.importedRoles.map((r) => r.vars)),
    roleNames: {
      play: [...roles.names, ...ctx.importedRoles.map((r) => r.name)],
      dependencies: [
        ...new Set([...roles.dependencyNames, ...ctx.importedRoles.flatMap((r) => r.dependencyNames)]),
      ],
    },
    ...playKeywords(play),
    // The fact gathering is tagged `always` and the play's tags: `--skip-tags` of a play tag skips it.
    ...(selectedByTags(['always', ...inherited.tags], input.options.tags, input.options.skipTags)
      ? {}
      : { gatherFacts: false }),
    tags: inherited.tags,
    checkMode: keywordFlag(play.check_mode),
    sections,
    handlers,
    location: { file: source.loaded.file, line: pos?.line ?? 1, column: pos?.column ?? 1 },
  };
}

/** The hosts a pattern selects, in inventory order, narrowed by `--limit`. */
function selectHosts(options: CompileOptions, pattern: string): string[] {
  const hosts = options.inventory.selectHosts(pattern);
  if (!options.limit) return hosts;
  const limited = new Set(options.inventory.selectHosts(options.limit));
  return hosts.filter((h) => limited.has(h));
}

/**
 * `vars_prompt`: Spindle never prompts. A prompt answered by `-e` is skipped (as in Ansible); one with a
 * `default` takes it (as Ansible does when the answer is empty); any other is a load error at its entry.
 */
function promptDefaults({ ctx, source, play, path, options }: PlayInput): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  if (!Array.isArray(play.vars_prompt)) return vars;
  play.vars_prompt.forEach((entry, i) => {
    const prompt = (entry ?? {}) as Record<string, unknown>;
    const name = String(prompt.name ?? '');
    if (options.extraVars && name in options.extraVars) return;
    if (prompt.default !== undefined) {
      vars[name] = prompt.default;
      return;
    }
    const at = childPath(childPath(path, 'vars_prompt'), i);
    const pos = positionOf(source.loaded, at);
    ctx.issues.push({
      code: 'unsupported',
      severity: 'error',
      message: `vars_prompt \`${name}\` has no default and Spindle does not prompt: pass it with -e ${name}=…`,
      file: source.loaded.file,
      line: pos?.line,
      column: pos?.column,
      path: at,
    });
  });
  return vars;
}

/**
 * The play's `vars` with its `vars_files` merged in (for a list entry, the first file that exists); a file
 * that does not exist is an error unless its name is a template (resolved when the play runs).
 */
function playVars({ ctx, source, play, path, options }: PlayInput): Record<string, unknown> {
  let merged = { ...promptDefaults({ ctx, source, play, path, options }), ...varsOf(play.vars) };
  const files = Array.isArray(play.vars_files) ? play.vars_files : play.vars_files ? [play.vars_files] : [];
  for (const [i, entry] of files.entries()) {
    const candidates = Array.isArray(entry) ? entry : [entry];
    const found = candidates
      .map((c) => resolve(source.baseDir, String(c)))
      .find((c) => !c.includes('{{') && existsSync(c));
    if (found)
      merged = combineVars(options.hashBehaviour, merged, ctx.load(found).value as Record<string, unknown>);
    else if (!candidates.some((c) => String(c).includes('{{'))) {
      const pos = positionOf(source.loaded, childPath(childPath(path, 'vars_files'), i));
      ctx.issues.push({
        code: 'missing-file',
        severity: 'error',
        message: `vars_files: ${candidates.join(', ')} not found`,
        file: source.loaded.file,
        line: pos?.line,
        column: pos?.column,
      });
    }
  }
  return merged;
}

/** pre_tasks, roles, tasks and post_tasks in execution order, each filtered by `--tags`/`--skip-tags`. */
function compileSections(
  { ctx, source, play, path, options }: PlayInput,
  inherited: Inherited,
  roleNodes: GraphNode[],
  templates: PlayTemplates,
): PlayNode['sections'] {
  const section = (key: 'pre_tasks' | 'tasks' | 'post_tasks') =>
    compileTaskList(ctx, source, play[key], childPath(path, key), inherited);
  return [
    { section: 'pre_tasks' as const, nodes: section('pre_tasks') },
    { section: 'roles' as const, nodes: roleNodes },
    { section: 'tasks' as const, nodes: section('tasks') },
    { section: 'post_tasks' as const, nodes: section('post_tasks') },
  ].map((s) => ({ ...s, nodes: filterByTags(templates.nodes(s.nodes), options.tags, options.skipTags) }));
}

/**
 * The play's handlers in Ansible's order: those of its `roles:`, its own, then those of imported and included
 * roles (appended as Ansible's role include does). Of handlers that share a name, a notification by name
 * reaches one, as Ansible searches its handler blocks from the last: the first match in the last group (a
 * role's handlers, or the play's own list) that has one; the others still answer `listen`.
 */
function compileHandlers(
  { ctx, source, play, path }: PlayInput,
  inherited: Inherited,
  roleHandlers: GraphNode[],
  index: number,
): HandlerNode[] {
  refuseRoleHandlers(ctx, source, play.handlers, childPath(path, 'handlers'));
  const written = compileTaskList(ctx, source, play.handlers, childPath(path, 'handlers'), inherited);
  ctx.issues.push(...nestedHandlerBlocks([...roleHandlers, ...written, ...ctx.importedHandlers]));
  const own = written.flatMap(handlerTasks);
  const groups = [
    ...groupedByRole(roleHandlers.flatMap(handlerTasks)),
    own,
    ...groupedByRole(ctx.importedHandlers.flatMap(handlerTasks)),
  ];
  const named = (n: HandlerTask) => !(n.kind === 'task' ? n.name === n.module : n.unnamed);
  const winner = (n: HandlerTask): boolean => {
    if (!named(n)) return true;
    const last = groups.findLast((g) => g.some((o) => named(o) && o.name === n.name));
    return last?.find((o) => named(o) && o.name === n.name) === n;
  };
  return groups.flat().map((n, i) => ({
    ...n,
    id: `h${index}.${i}`,
    listen: n.kind === 'include' ? [] : (n.listen ?? []),
    ...(winner(n) ? {} : { shadowed: true }),
  }));
}

/** `include_role`/`import_role` as a handler is a load error, as Ansible's ("… is not supported"). */
function refuseRoleHandlers(ctx: CompileContext, source: Source, handlers: unknown, path: string): void {
  if (!Array.isArray(handlers)) return;
  handlers.forEach((handler, i) => {
    if (!handler || typeof handler !== 'object') return;
    for (const key of Object.keys(handler)) {
      const name = structuralName(key);
      if (name !== 'include_role' && name !== 'import_role') continue;
      const message = `Using '${name}' as a handler is not supported.`;
      issue(ctx, source, childPath(childPath(path, i), key), 'invalid-handler', message, 'error', message);
    }
  });
}

/** What a handler is before it gets its handler id and topics: a task, a meta action or an include. */
type HandlerTask = Exclude<GraphNode, { kind: 'block' }>;

/** Consecutive handlers of the same role form one group (one of Ansible's handler blocks). */
function groupedByRole(handlers: HandlerTask[]): HandlerTask[][] {
  const groups: HandlerTask[][] = [];
  for (const handler of handlers) {
    const current = groups.at(-1);
    if (current && current[0].role?.path === handler.role?.path) current.push(handler);
    else groups.push([handler]);
  }
  return groups;
}

/**
 * A handler list entry as handlers: a task, meta action or include as is, a static import (`import_tasks`, a static legacy
 * `include`) as the tasks it holds, with its conditions and variables, as Ansible flattens them.
 */
function handlerTasks(node: GraphNode): HandlerTask[] {
  if (node.kind !== 'block') return [node];
  const parent = { ...node, vars: { ...node.vars, ...node.params } };
  return node.block.flatMap(handlerTasks).map((child) => underParent(child, parent));
}

/** The play's own keywords, booleans read through Ansible's truth table. */
function playKeywords(
  play: Record<string, unknown>,
): Pick<
  PlayNode,
  | 'gatherFacts'
  | 'gatherArgs'
  | 'become'
  | 'serial'
  | 'strategy'
  | 'maxFailPercentage'
  | 'anyErrorsFatal'
  | 'forceHandlers'
  | 'noLog'
  | 'ignoreErrors'
  | 'environment'
  | 'remoteUser'
  | 'connection'
> {
  return {
    ...(play.remote_user !== undefined ? { remoteUser: String(play.remote_user) } : {}),
    ...(play.connection !== undefined ? { connection: String(play.connection) } : {}),
    ...(play.gather_facts !== undefined ? { gatherFacts: keywordBoolean(play.gather_facts, true) } : {}),
    gatherArgs: Object.fromEntries(
      ['gather_subset', 'gather_timeout', 'fact_path']
        .filter((k) => play[k] !== undefined)
        .map((k) => [k, play[k]]),
    ),
    become:
      play.become !== undefined ||
      play.become_user !== undefined ||
      play.become_method !== undefined ||
      play.become_flags !== undefined
        ? {
            become: keywordFlag(play.become),
            user: play.become_user as string | undefined,
            method: play.become_method as 'sudo' | undefined,
            flags: play.become_flags as string | undefined,
          }
        : undefined,
    serial:
      play.serial === undefined
        ? undefined
        : ((Array.isArray(play.serial) ? play.serial : [play.serial]) as SerialSpec),
    strategy: strategyOf(play.strategy),
    maxFailPercentage: play.max_fail_percentage as number | undefined,
    anyErrorsFatal: keywordBoolean(play.any_errors_fatal, false),
    ...(play.force_handlers !== undefined
      ? { forceHandlers: keywordBoolean(play.force_handlers, false) }
      : {}),
    ...(play.no_log !== undefined ? { noLog: keywordFlag(play.no_log) } : {}),
    ...(play.ignore_errors !== undefined ? { ignoreErrors: keywordFlag(play.ignore_errors) } : {}),
    environment: play.environment as PlayNode['environment'],
  };
}
