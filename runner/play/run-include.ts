import type { CompiledRole } from '../../dsl/compile/compile-role.js';
import { nestedHandlerBlocks } from '../../dsl/compile/handler-blocks.js';
import { compileRoleAtRunTime, compileTaskFile } from '../../dsl/compile/run-time-compile.js';
import { filterByTags, withTags } from '../../dsl/compile/tags.js';
import type { GraphNode, IncludeNode, TaskNode } from '../../dsl/graph.js';
import { DslError, renderIssues } from '../../dsl/issues.js';
import { taskTitle } from '../../dsl/task-title.js';
import type { TaskResult } from '../../modules/task-result.js';
import { addRoleHandlers } from './handlers.js';
import type { HostRun } from './host-run.js';
import { type IncludeGroup, includedScope, planInclude } from './include-plan.js';
import type { PlayScope } from './play-scope.js';
import { recordResult } from './record-result.js';
import type { Inherited } from './run-state.js';

/** Runs a list of nodes for hosts (the play walk), as the include hands its compiled tasks back to it. */
export type RunNodes = (
  nodes: GraphNode[],
  hosts: HostRun[],
  inherited: Inherited,
  includeFailed: boolean,
) => Promise<void>;

/**
 * A dynamic `include_tasks` / `include_role`: planned per host (templated names, loops), compiled when it runs,
 * then walked like any other nodes; a plan or compile error fails the include on its hosts.
 */
export async function runInclude(
  scope: PlayScope,
  node: IncludeNode,
  hosts: HostRun[],
  inherited: Inherited,
  includeFailed: boolean,
  runNodes: RunNodes,
): Promise<void> {
  // `run_once` on an include processes it for the first host only, which alone runs the included tasks (the
  // other hosts get no result), as Ansible's strategy.
  if (node.runOnce && hosts.length > 1) hosts = hosts.slice(0, 1);
  const { state, play } = scope;
  const handler = inherited.handler ?? false;
  let groups: IncludeGroup[];
  try {
    groups = planInclude(state, (h) => state.scope(play, h, inherited, node), node, hosts);
  } catch (error) {
    const msg = error instanceof Error ? error.message : String(error);
    for (const [i, host] of hosts.entries())
      failInclude(scope, host, node, { failed: true, msg }, i === 0 ? { handler } : undefined);
    return;
  }
  // Every included file is loaded before any of it runs (Ansible's IncludedFile), so a host whose file
  // cannot load fails the include (counted failed only) before the others run theirs.
  const loaded = groups.map((group, index) => loadGroup(scope, node, group, `${node.id}.${index}`, handler));
  const broken = new Map<HostRun, string[]>();
  for (const [index, group] of groups.entries()) {
    const result = loaded[index];
    if (!('error' in result)) continue;
    for (const host of group.hosts) broken.set(host, [...(broken.get(host) ?? []), result.error]);
  }
  announce(scope, node, handler);
  for (const [index, group] of groups.entries())
    if (group.target.type === 'tasks' && !('error' in loaded[index]))
      state.emit({
        kind: 'task:included',
        taskId: node.id,
        file: group.target.file,
        hosts: group.hosts.map((h) => h.name),
        ...(group.item === undefined ? {} : { item: group.item }),
        time: Date.now(),
      });
  if (node.target.type === 'role')
    for (const result of loaded)
      if ('error' in result) state.emit({ kind: 'error', msg: result.error, time: Date.now() });
  // Ansible 2.14 counts an include in the recap: skipped on the hosts that do not include anything, and ok on
  // the others for include_tasks, once per file included (per loop item: Ansible's IncludedFile); an
  // include_role that runs is not counted.
  for (const host of hosts) {
    const errors = broken.get(host);
    const included = groups.filter((g) => g.hosts.includes(host));
    if (errors !== undefined) {
      // Ansible prints a role that cannot load as an error (above) and fails the host without counting a
      // result; a task file that cannot load fails once per file. Either stays counted when a rescue runs.
      if (node.target.type === 'role') host.failed = true;
      else for (const reason of errors) failInclude(scope, host, node, { failed: true, reason });
      host.failureOutlivesRescue = true;
    } else if (included.length === 0)
      recordResult(
        scope,
        includeTask(node),
        host,
        { changed: false, skipped: true, skip_reason: 'Conditional result was False' },
        0,
      );
    else
      for (const { target } of included)
        if (target.type === 'tasks')
          recordResult(
            scope,
            includeTask(node),
            host,
            { changed: false, include: target.file, include_args: {} },
            0,
          );
  }
  for (const [index, group] of groups.entries()) {
    const result = loaded[index];
    const groupHosts = group.hosts.filter((h) => !broken.has(h));
    if ('error' in result || groupHosts.length === 0) continue;
    if (result.role) addRoleHandlers(play, result.role.handlers, `${node.id}.${index}`);
    // A public role's defaults and vars join the play's (every host's, as Ansible appends it to the play's roles).
    if (result.role && node.target.type === 'role' && node.target.public) {
      Object.assign(play.publicRoleDefaults, result.role.defaults);
      Object.assign(play.publicRoleVars, result.role.vars);
      play.roleNames.play.push(result.role.name);
    }
    // --tags/--skip-tags select among the included tasks by their own tags, as Ansible's: an include's tags
    // are its own (only `apply` passes them on).
    const tags = scope.state.options.graph.tags;
    await runNodes(
      filterByTags(
        withTags(result.nodes, [...(node.inheritedTags ?? []), ...(node.applyTags ?? [])]),
        tags?.run,
        tags?.skip,
      ),
      groupHosts,
      includedScope(inherited, node, group, result.role),
      includeFailed,
    );
  }
}

/** One group's included tasks, compiled (with the role they come from), or the load errors as text. */
function loadGroup(
  scope: PlayScope,
  node: IncludeNode,
  group: IncludeGroup,
  idPrefix: string,
  handler: boolean,
): { nodes: GraphNode[]; role?: CompiledRole & { name: string } } | { error: string } {
  const { state } = scope;
  if (group.target.type === 'tasks') {
    const { nodes, issues } = compileTaskFile(
      group.target.file,
      state.playbookDir,
      idPrefix,
      node.role,
      node.notify,
      state.options.graph.rolesPath,
    );
    const errors = issues.filter((i) => i.severity === 'error');
    // As Ansible's _load_included_file: a file it cannot find, or that is no list of tasks, fails the include
    // on the hosts that include it (with a `reason`); any other problem is a parse error and ends the run.
    if (errors.some((e) => e.code === 'missing-file'))
      return { error: `Could not find or access '${group.target.file}' on the Ansible Controller.` };
    if (errors.some((e) => e.code === 'not-a-task-list'))
      return { error: 'included task files must contain a list of tasks' };
    if (errors.length > 0) throw new DslError(errors);
    // An include handler's file is a handler list: a block in a block there ends the run, as Ansible's parser.
    const nested = handler ? nestedHandlerBlocks(nodes) : [];
    if (nested.length > 0) throw new DslError(nested);
    return { nodes };
  }
  const { role, issues } = compileRoleAtRunTime(group.target.role, {
    playbookDir: state.playbookDir,
    baseDir: group.target.baseDir,
    idPrefix,
    tasksFrom: group.target.tasksFrom,
    handlersFrom: group.target.handlersFrom,
    varsFrom: group.target.varsFrom,
    defaultsFrom: group.target.defaultsFrom,
    notify: node.notify,
    rolesPath: state.options.graph.rolesPath,
  });
  const errors = issues.filter((i) => i.severity === 'error');
  // A role file outside the role is a parse error in Ansible: the run stops there (exit 4), no host fails.
  if (errors.some((e) => e.code === 'outside-role')) throw new DslError(errors);
  if (errors.length > 0) return { error: renderIssues(errors) };
  return { nodes: role.tasks, role: { ...role, name: group.target.role } };
}

/** The include as a task, to carry its result into the events and the recap (it runs on the controller). */
function includeTask(node: IncludeNode): TaskNode {
  return {
    ...node,
    kind: 'task',
    module: node.target.type === 'role' ? 'include_role' : 'include_tasks',
    // Never run: it only carries the include's outcome into the results.
    resolved: { name: 'include_tasks', kind: 'builtin', runsOn: 'controller', file: '' },
    name: node.name || node.kind,
    notify: [],
    args: {},
  };
}

/** The include's banner. */
function announce(scope: PlayScope, node: IncludeNode, handler: boolean): void {
  const task = includeTask(node);
  scope.state.emit({
    kind: 'task:start',
    play: scope.play.name,
    task: taskTitle(node),
    taskId: task.id,
    handler,
    module: task.module,
    source: node.location,
    time: Date.now(),
  });
}

/**
 * Reports an include that cannot run on a host as a failed `include_tasks` task, and fails the host. A file
 * that cannot load fails with Ansible's `{failed, reason}`, and a rescue then sees no `ansible_failed_result`.
 */
function failInclude(
  scope: PlayScope,
  host: HostRun,
  node: IncludeNode,
  result: TaskResult,
  /** Set on the first host: the include's banner is printed before its failure. */
  banner?: { handler: boolean },
): void {
  if (banner) announce(scope, node, banner.handler);
  const loadFailure = 'reason' in result;
  // A file that cannot load fails the host even under ignore_errors (Ansible marks it failed afterwards); a
  // name that cannot render is an ordinary task failure, which ignore_errors ignores and a rescue sees.
  if (!loadFailure) {
    recordResult(scope, includeTask(node), host, result, 0);
    return;
  }
  const task = { ...includeTask(node), ignoreErrors: undefined };
  if (scope.state.taskResult(host, task, result, 0) !== 'failed') return;
  host.failed = true;
  host.lastFailure = undefined;
}
