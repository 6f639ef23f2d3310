import type { TaskNode } from '../../dsl/graph.js';
import { taskTitle } from '../../dsl/task-title.js';
import { hasTemplate } from '../../dsl/template/has-template.js';
import { pyStr } from '../../dsl/template/python-repr.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { ModuleKind } from '../../modules/registry.js';
import { failResult, type TaskResult } from '../../modules/task-result.js';
import { boundForHost } from './bound-action.js';
import { contextFor } from './connection-choice.js';
import { bypassesHostLoop } from './dynamic-inventory.js';
import { taskErrorMessage } from './error-message.js';
import { executeTask, HostUnreachable } from './execute-task.js';
import type { HostRun } from './host-run.js';
import { withInheritedKeywords } from './inherited-keywords.js';
import type { PlayScope } from './play-scope.js';
import { recordResult, shareRunOnceResult } from './record-result.js';
import type { Inherited } from './run-state.js';

/** How `-v` output names the code a task runs (task:start's `moduleKind`). */
const REPORTED_KIND: Record<ModuleKind, 'native' | 'playbook' | 'ansible'> = {
  builtin: 'native',
  local: 'playbook',
  ansible: 'ansible',
};

/**
 * Runs a task on the hosts of a batch: in parallel, at most `forks` (and the task's `throttle`) at a time;
 * `run_once` runs it on the first host and records that result for the others.
 */
export async function runTask(
  scope: PlayScope,
  task: TaskNode,
  hosts: HostRun[],
  inherited: Inherited,
): Promise<void> {
  const { state, play } = scope;
  const effective: TaskNode = {
    ...withInheritedKeywords(task, inherited.keywords),
    when: [...inherited.when, ...task.when],
    checkMode: task.checkMode ?? inherited.checkMode,
    remoteUser: task.remoteUser ?? inherited.remoteUser,
    connection: task.connection ?? inherited.connection,
    environment: inherited.environment?.length
      ? [...inherited.environment, ...(task.environment !== undefined ? [task.environment] : [])].flat()
      : task.environment,
  };
  state.silence(effective);
  state.emit({
    kind: 'task:start',
    play: play.name,
    task: taskTitle(shownName(scope, task, hosts[0], inherited)),
    taskId: task.id,
    module: task.module,
    moduleKind: REPORTED_KIND[task.resolved.kind],
    handler: inherited.handler ?? false,
    source: task.location,
    time: Date.now(),
  });
  // add_host runs once per task too (Ansible's BYPASS_HOST_LOOP), but only run_once shares its result.
  const targets = effective.runOnce || bypassesHostLoop(task.module) ? hosts.slice(0, 1) : hosts;
  const limit = Math.max(
    1,
    Math.min(effective.throttle || Number.POSITIVE_INFINITY, state.options.forks ?? Number.POSITIVE_INFINITY),
  );
  const queue = [...targets];
  const worker = async () => {
    for (let host = queue.shift(); host && !state.aborted; host = queue.shift()) {
      const result = await runOnHost(scope, effective, host, inherited);
      if (effective.runOnce)
        for (const other of hosts.slice(1)) shareRunOnceResult(scope, effective, other, result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, targets.length) }, worker));
  state.emit({ kind: 'task:end', taskId: task.id, time: Date.now() });
}

/**
 * The task with its name as its banner shows it: a name holding a template rendered with the first host's
 * variables (Ansible's linear strategy), or kept as written when it does not render (a variable set later).
 */
function shownName(
  scope: PlayScope,
  task: TaskNode,
  host: HostRun | undefined,
  inherited: Inherited,
): TaskNode {
  if (!host || !hasTemplate(task.name)) return task;
  const vars = scope.state.scope(scope.play, host, inherited, task);
  try {
    const where = { task: task.name, host: host.name, location: task.location, rolePath: task.role?.path };
    return { ...task, name: pyStr(scope.state.templar.render(task.name, vars, where)) };
  } catch {
    return task;
  }
}

/** Runs a task on one host and records the result; a lost host or a thrown error becomes the result. */
async function runOnHost(
  scope: PlayScope,
  written: TaskNode,
  host: HostRun,
  inherited: Inherited,
): Promise<TaskResult> {
  const { state, play } = scope;
  const started = Date.now();
  let vars = state.scope(play, host, inherited, written);
  const where = {
    task: written.name,
    host: host.name,
    location: written.location,
    rolePath: written.role?.path,
  };
  const task = withHostNoLog(state, boundForHost(state, written, vars, where), vars, where);
  let result: TaskResult;
  let delegated: string | undefined;
  try {
    delegated = task.delegateTo ? String(state.templar.render(task.delegateTo, vars, where)) : undefined;
    if (delegated !== undefined) vars = withDelegatedVars(vars, delegated);
    const context = () => contextFor(scope, task, host, vars, delegated);
    result = await executeTask(state, host, task, { vars, where }, context);
  } catch (error) {
    if (error instanceof HostUnreachable && state.stopped) {
      // SIGTERM shut the contexts down under the running task: the host was interrupted, not unreachable.
      result = failResult('interrupted: the run was stopped', { interrupted: true });
    } else if (error instanceof HostUnreachable) {
      // ignore_unreachable (Ansible): the result is shown and counted as ignored, the host stays in the
      // play, and its next task connects again.
      if (!task.ignoreUnreachable) {
        host.unreachable = true;
        state.emit({
          kind: 'host:unreachable',
          host: host.name,
          taskId: task.id,
          phase: error.phase,
          msg: error.message,
          time: Date.now(),
        });
      }
      result = { unreachable: true, changed: false, msg: error.message };
    } else {
      // A template that does not render, a bad delegate_to, a module that cannot be prepared: the task fails.
      result = failResult(taskErrorMessage(task.module, error));
    }
  }
  recordResult(scope, task, host, result, Date.now() - started, delegated, vars);
  return result;
}

/**
 * A delegated task's variables with Ansible's `ansible_delegated_vars`: the variables of the host it is delegated
 * to, under that host's name (its `inventory_hostname` alone when the inventory does not know it).
 */
function withDelegatedVars(vars: Record<string, unknown>, delegated: string): Record<string, unknown> {
  const hostvars = vars.hostvars as Record<string, unknown> | undefined;
  const known = hostvars?.[delegated];
  return { ...vars, ansible_delegated_vars: { [delegated]: known ?? { inventory_hostname: delegated } } };
}

/**
 * A templated `no_log` (`no_log: "{{ not show }}"`) decided with the host's variables, as Ansible renders it
 * per host before the task runs; one that does not render stays as written.
 */
function withHostNoLog(
  state: PlayScope['state'],
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): TaskNode {
  if (typeof task.noLog !== 'string' || !hasTemplate(task.noLog)) return task;
  try {
    return { ...task, noLog: isAnsibleTrue(state.templar.render(task.noLog, vars, where)) };
  } catch {
    return task;
  }
}
