import type { TaskNode } from '../../dsl/graph.js';
import { markUnsafe } from '../../dsl/template/unsafe.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { TaskResult } from '../../modules/task-result.js';
import type { HostRun } from './host-run.js';
import { notifyHandlers } from './notify-handlers.js';
import type { PlayScope } from './play-scope.js';
import { isFailed, statusOf } from './results.js';

/**
 * Records a task's result on a host: counts and emits it, registers it, applies its facts, marks the host
 * failed, and notifies handlers when it changed something.
 */
export function recordResult(
  scope: PlayScope,
  task: TaskNode,
  host: HostRun,
  result: TaskResult,
  durationMs: number,
  delegated?: string,
  vars: Record<string, unknown> = {},
): void {
  const { state } = scope;
  const status = state.taskResult(host, task, result, durationMs, delegated);
  keepResult(task, host, result, status);
  if (!result.changed || status === 'failed') return;
  notifyHandlers(scope, task, host, vars);
}

/**
 * `run_once`: the other hosts of the batch keep the one result (registered, its facts, its failure) without
 * counting or showing it, as Ansible copies a run_once result to every host of the play.
 */
export function shareRunOnceResult(
  scope: PlayScope,
  task: TaskNode,
  host: HostRun,
  result: TaskResult,
): void {
  const ignored = isFailed(result) && scope.state.ignoresErrors(task, result);
  keepResult(task, host, result, statusOf(result, ignored));
}

/** What a host keeps of a result: the registered variable, its facts, and its failure. */
function keepResult(task: TaskNode, host: HostRun, result: TaskResult, status: string): void {
  // Ansible's registered results always say whether they failed. A register and a set_fact of the same name
  // share one place in Ansible (the host's non-persistent facts): the later one wins.
  if (task.register) {
    // A registered result is data: text in it that looks like a template is never rendered (Ansible's unsafe).
    const kept = registeredCopy(result);
    host.registered[task.register] = markUnsafe('failed' in kept ? kept : { ...kept, failed: false });
    delete host.setFacts[task.register];
  }
  // A loop's facts are its items' (`set_fact` in a loop keeps every item's fact, as in Ansible). `debug` only shows
  // values: `debug: var=ansible_facts` returns an `ansible_facts` key that is no fact (Ansible skips it too).
  const items = Array.isArray(result.results) ? (result.results as TaskResult[]) : [result];
  for (const item of task.module === 'debug' ? [] : items) {
    const facts = item.ansible_facts;
    // `debug: var=ansible_facts` shows the facts; it does not set them (as in Ansible).
    if (!facts || item.failed || status === 'failed' || task.module === 'debug') continue;
    // Facts from `setup` and modules not built in (Ansible's service_facts, getent…) are host facts (`ansible_facts.x`).
    if (task.module === 'setup' || task.resolved.kind !== 'builtin') Object.assign(host.facts, facts);
    else if (task.module === 'include_vars') Object.assign(host.includedVars, facts);
    else {
      // `cacheable: true` makes them host facts too (kept by a fact cache), as Ansible's set_host_facts.
      if (task.module === 'set_fact' && isAnsibleTrue(task.args.cacheable)) Object.assign(host.facts, facts);
      Object.assign(host.setFacts, facts);
      for (const name of Object.keys(facts)) delete host.registered[name];
    }
  }
  if (status === 'failed') {
    host.failed = true;
    host.lastFailure = { task: { name: task.name, action: task.module }, result };
  }
}

/**
 * A result as `register` keeps it (Ansible's strategy does the same): `_ansible_*` keys dropped at every level,
 * and the module's `invocation` echo of its arguments left out.
 */
function registeredCopy(result: TaskResult): TaskResult {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
      return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !key.startsWith('_ansible_'))
        .map(([k, v]) => [k, strip(v)]),
    );
  };
  const { invocation: _echo, ...rest } = result;
  return strip(rest) as TaskResult;
}
