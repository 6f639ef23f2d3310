import { join } from 'node:path';
import { bindTemplatedAction } from '../../dsl/compile/bind-templated-action.js';
import type { TaskNode } from '../../dsl/graph.js';
import { LoopLookupError } from '../../dsl/template/lookups/index.js';
import { TemplateError, type TemplateWhere } from '../../dsl/template/templar.js';
import { readVarsValue } from '../../dsl/vars/layers.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { ModuleResult } from '../../modules/contract/define-module.js';
import { runModule, validateArgs } from '../../modules/contract/run-module.js';
import { builtinEntry, type ResolvedModule } from '../../modules/registry.js';
import { failResult, type TaskResult } from '../../modules/task-result.js';
import { controllerAction } from '../actions/index.js';
import { ANSIBLE_ENTRY, invokeAnsibleModule } from '../ansible/invoke-ansible.js';
import { CallError, ChannelError, type ConnectError, type Context, ref } from '../core/index.js';
import { packageRoot } from '../core/package-root.js';
import { asyncRefusal, asyncSettings, newJobId, pollJob, withAsyncDir } from './async-job.js';
import { conditionFailure, whenHolds } from './condition-failure.js';
import { applyInventoryChange } from './dynamic-inventory.js';
import { taskErrorMessage } from './error-message.js';
import {
  keepTaintedFacts,
  keepUnsafeFacts,
  keepVaultedFacts,
  renderFactNames,
  withFactsAsGiven,
} from './fact-arguments.js';
import type { HostRun } from './host-run.js';
import { itemLabel, itemVariables, loopSettings } from './loop-control.js';
import { expandLoop } from './loop-items.js';
import { loopResult } from './results.js';
import { announceRetry } from './retry-notice.js';
import type { RunState } from './run-state.js';
import { renderEnvironment } from './task-environment.js';
import { boundedCall, taskTimeoutSeconds } from './task-timeout.js';

/** Why a task could not produce a result on a host: the host is unreachable. */
export class HostUnreachable extends Error {
  constructor(
    message: string,
    readonly phase: string,
  ) {
    super(message);
  }
}

/** Variables a task sees on a host, plus where it was written, for errors. */
export interface TaskScope {
  vars: Record<string, unknown>;
  where: TemplateWhere;
}

/**
 * The absolute path of the TypeScript a host runs for a resolved module (built-ins are relative to the package
 * root; Ansible's modules all run through one remote entry that hosts the Python worker).
 */
export function moduleFile(module: ResolvedModule): string {
  if (module.kind === 'ansible') return join(packageRoot(), ANSIBLE_ENTRY);
  return module.kind === 'builtin' ? join(packageRoot(), module.file) : module.file;
}

/** A connection-level variable (`ansible_python_interpreter`…) rendered for the host, if set. */
function hostSetting(
  state: RunState,
  vars: Record<string, unknown>,
  where: TemplateWhere,
  name: string,
): string | undefined {
  return vars[name] === undefined ? undefined : String(state.templar.render(vars[name], vars, where));
}

function asStrings(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/**
 * Runs one task on one host: expands the loop, evaluates `when` per item, renders arguments, invokes the
 * module (pipelining every item of a loop: one round trip), and applies changed_when/failed_when/until.
 */
export async function executeTask(
  state: RunState,
  host: HostRun,
  task: TaskNode,
  scope: TaskScope,
  context: () => Promise<Context>,
): Promise<TaskResult> {
  let items: unknown[] | undefined;
  try {
    items = task.loop === undefined ? undefined : expandLoop(state, task, scope);
  } catch (error) {
    // Ansible: a failing with_<lookup> fails the task with the plugin's message; an undefined variable in the
    // loop only matters when the task's conditions hold.
    if (error instanceof LoopLookupError) return failResult(error.message);
    if (
      error instanceof TemplateError &&
      error.code === 'undefined' &&
      !conditionsHold(state, task, scope.vars, scope.where)
    )
      return { changed: false, skipped: true, skip_reason: 'Conditional result was False' };
    throw error;
  }
  if (items === undefined) {
    if (!conditionsHold(state, task, scope.vars, scope.where))
      return { changed: false, skipped: true, skip_reason: 'Conditional result was False' };
    return runOnce(state, host, task, scope.vars, scope.where, context);
  }
  const settings = loopSettings(state, task.loopControl, scope.vars, scope.where);
  // set_fact items run in order, each seeing the facts of the ones before (`acc: "{{ acc + [item] }}"`); with
  // a `timeout`, items run one after the other too, so each one's bound counts its own run, not the queue.
  // With a `pause`, items run one after the other, that many seconds apart.
  const sequential = task.module === 'set_fact' || task.timeout !== undefined || settings.pauseSeconds > 0;
  let carried: Record<string, unknown> = {};
  const runItem = (item: unknown, index: number) => {
    const added = itemVariables(settings, items, index);
    const vars = { ...scope.vars, ...carried, ...added };
    const label = itemLabel(state, task.loopControl, item, vars, scope.where);
    if (!conditionsHold(state, task, vars, scope.where)) {
      return Promise.resolve({
        label,
        index,
        result: {
          changed: false,
          skipped: true,
          skip_reason: 'Conditional result was False',
          ...added,
        } satisfies TaskResult,
      });
    }
    return runOnce(state, host, task, vars, scope.where, context).then((result) => {
      const facts = result.ansible_facts as Record<string, unknown> | undefined;
      if (task.module === 'set_fact' && facts && !result.failed) carried = { ...carried, ...facts };
      return {
        label,
        index,
        result: { ...result, ...added } as TaskResult,
      };
    });
  };
  const entries: Array<Awaited<ReturnType<typeof runItem>>> = [];
  if (sequential)
    for (const [index, item] of items.entries()) {
      if (index > 0 && settings.pauseSeconds > 0)
        await new Promise((r) => setTimeout(r, settings.pauseSeconds * 1000));
      entries.push(await runItem(item, index));
    }
  else entries.push(...(await Promise.all(items.map(runItem))));
  const results: TaskResult[] = [];
  for (const entry of entries) {
    state.itemResult(host, task, entry.label, entry.index, entry.result);
    results.push(entry.result);
  }
  return loopResult(results);
}

function conditionsHold(
  state: RunState,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): boolean {
  return task.when.every((condition) => whenHolds(state, condition, vars, where));
}

/** How many times a task with `until` runs: `retries` (3 by default) plus the first run; at least once. */
function attemptsFor(retries: number): number {
  return retries <= 0 ? 1 : retries + 1;
}

/**
 * One module run for one host (one loop item), with Ansible's attempt loop: `until` is checked after
 * changed_when/failed_when (which see `attempts`); when every attempt is used up the result fails with
 * `attempts` = `retries` (Ansible's count). With a single attempt, `until` is not checked at all.
 */
async function runOnce(
  state: RunState,
  host: HostRun,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
  context: () => Promise<Context>,
): Promise<TaskResult> {
  const count = (value: number | string | undefined, fallback: number) =>
    value === undefined ? fallback : Math.trunc(Number(state.templar.render(value, vars, where)));
  const attempts = task.until ? attemptsFor(count(task.retries, 3)) : 1;
  const delaySeconds = Math.max(0, count(task.delay, 5));
  let result: TaskResult = {};
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = await invoke(state, host, task, vars, where, context);
    if (result.unreachable) return result;
    if (task.until) result = { ...result, attempts: attempt };
    result = applyOverrides(state, task, vars, where, result);
    if (attempts === 1) break;
    const bound = task.register ? { ...vars, [task.register]: result } : vars;
    if (state.holds(task.until as string, { ...bound, ...result }, where)) return result;
    if (attempt < attempts) {
      announceRetry(state, host, task, vars, where, attempts - attempt);
      await new Promise((r) => setTimeout(r, delaySeconds * 1000));
    }
  }
  return attempts > 1 ? { ...result, attempts: attempts - 1, failed: true } : result;
}

/**
 * Ansible's post-processing of a module's result: `failed` from a non-zero `rc` when the module did not
 * say, then changed_when and failed_when (each a list ANDed, as Ansible's conditionals; they see the result
 * under its `register` name). A condition
 * that cannot be evaluated fails the task and says why in `changed_when_result` / `failed_when_result`.
 */
function applyOverrides(
  state: RunState,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
  result: TaskResult,
): TaskResult {
  const out = { ...result };
  if (!('failed' in out) && out.rc !== undefined && String(out.rc) !== '0') out.failed = true;
  if (out.skipped) return out;
  const bound = task.register ? { ...vars, [task.register]: out } : vars;
  let condition: 'changed' | 'failed' = 'changed';
  try {
    if (task.changedWhen !== undefined) {
      out.changed =
        typeof task.changedWhen === 'boolean'
          ? task.changedWhen
          : task.changedWhen.every((c) => state.holds(c, bound, where));
    }
    condition = 'failed';
    if (task.failedWhen !== undefined) {
      const failed =
        typeof task.failedWhen === 'boolean'
          ? task.failedWhen
          : task.failedWhen.every((c) => state.holds(c, bound, where));
      out.failed = failed;
      out.failed_when_result = failed;
    }
  } catch (error) {
    out.failed = true;
    out[`${condition}_when_result`] = error instanceof Error ? error.message : String(error);
  }
  return out;
}

/** set_fact's values rendered; one made from unsafe data stays unsafe (`keepTaintedFacts`). */
function renderFacts(
  state: RunState,
  args: Record<string, unknown>,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): Record<string, unknown> {
  const { rendered, unsafe } = state.templar.renderEntries(args, vars, where);
  return keepTaintedFacts(rendered, unsafe);
}

/**
 * One module call for one host: arguments checked (at compile time, or here once after rendering), then the
 * task reads prepare → call → finish; controller modules run here instead of on the host.
 */
async function invoke(
  state: RunState,
  host: HostRun,
  written: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
  context: () => Promise<Context>,
): Promise<TaskResult> {
  // A module name that is a template names its module on each host (and loop item) when it runs, as in Ansible.
  const bound = written.actionTemplate
    ? bindTemplatedAction(written, String(state.templar.render(written.module, vars, where)))
    : { task: written };
  if ('error' in bound) return failResult(bound.error);
  const { task } = bound;
  // (a load issue may already name its module: `stat: expected key=value …`)
  if (task.loadError)
    return failResult(
      task.loadError.startsWith(`${task.module}: `) ? task.loadError : `${task.module}: ${task.loadError}`,
    );
  const check =
    typeof task.checkMode === 'string'
      ? isAnsibleTrue(state.templar.render(task.checkMode, vars, where))
      : (task.checkMode ?? state.options.check);
  const diff = task.diff ?? state.options.diff;
  let environment = asStrings(
    task.environment !== undefined
      ? renderEnvironment(state.templar, task.environment, vars, where)
      : undefined,
  );
  const module = task.resolved;
  const entry = module.kind === 'builtin' ? builtinEntry(module.name) : undefined;
  let job: ReturnType<typeof asyncSettings>;
  try {
    job = asyncSettings(state, task, vars, where);
  } catch (error) {
    return failResult(`async: ${(error as Error).message}`);
  }
  if (job) {
    const onHostAlone =
      !(entry && module.runsOn === 'controller') &&
      !controllerAction(module.name) &&
      module.name !== 'async_status';
    const refusal = asyncRefusal(onHostAlone, check);
    if (refusal) return failResult(refusal);
  }
  if (job || module.name === 'async_status') environment = withAsyncDir(state, environment, vars, where);
  const jobRequest = job ? { async: { jid: newJobId(), seconds: job.seconds } } : {};
  const say = {
    host: host.name,
    line: (msg: string) => state.emit({ kind: 'verbose', msg, level: 0, taskId: task.id, time: Date.now() }),
  };
  // set_fact's variable names may be templates: those are rendered, then checked like any argument.
  const templatedNames = task.module === 'set_fact' && Object.keys(task.args).some((k) => k.includes('{{'));
  let args = templatedNames ? undefined : task.checkedArgs;
  if (!args) {
    const rendered = renderFactNames(
      task.module,
      task.module === 'set_fact'
        ? renderFacts(state, task.args, vars, where)
        : (state.templar.render(task.args, vars, where) as Record<string, unknown>),
      (key) => String(state.templar.render(key, vars, where)),
    );
    // assert evaluates the items of a `that` list as written (Ansible's untemplated args), so a condition
    // that holds `{{ }}` is rendered once, by the condition, and warned about.
    if (task.module === 'assert' && Array.isArray(task.args.that)) rendered.that = task.args.that;
    // Built-in modules are validated here, so remote contexts run them without zod (modules/contract/inert-zod.ts).
    const checked = entry ? validateArgs(entry.definition, rendered, task.invokedAs) : undefined;
    if (checked && !checked.ok) return checked.failure as Record<string, unknown>;
    args = checked ? (checked.args as Record<string, unknown>) : rendered;
    if (task.module === 'set_fact')
      args = keepVaultedFacts(task.args, keepUnsafeFacts(task.args, args)) as Record<string, unknown>;
  }
  if (entry && module.runsOn === 'controller') {
    const env = {
      check,
      diff,
      vars,
      environment,
      log: (line: string, stream: 'stdout' | 'stderr' = 'stdout') =>
        state.output(host.name, task.id, stream, line),
      evaluate: (expression: string) => state.templar.evaluate(expression, vars, where),
      condition: (expression: string) => {
        try {
          return state.holds(expression, vars, where);
        } catch (error) {
          throw conditionFailure(expression, error);
        }
      },
      readVarsFile: (path: string) => readVarsValue(path, state.options.vault),
    };
    let result = (await runModule(entry.definition, args, env, { validated: true })) as TaskResult;
    if (task.module === 'set_fact' && state.options.jinja2Native) result = withFactsAsGiven(result, args);
    return applyInventoryChange(state, host.name, result);
  }
  // Ansible's own modules (kind `ansible`) have no controller half here: their action is the module itself.
  const python = module.kind === 'ansible' ? module.ansible : undefined;
  const action = python ? undefined : controllerAction(module.name);
  let prepared = args;
  // Files the host may stream from the controller: offered to its context only, and only while the task runs.
  const offered: string[] = [];
  try {
    if (action?.prepare)
      prepared = {
        ...args,
        ...action.prepare(args, {
          playbookDir: state.playbookDir,
          task,
          templar: state.templar,
          vars,
          offerFile: (p) => offered.push(p),
          maxMessageSize: state.master.router.maxMessageSize,
        }),
      };
  } catch (error) {
    return failResult(taskErrorMessage(task.module, error));
  }
  let ctx: Context;
  try {
    ctx = await context();
  } catch (error) {
    const e = error as ConnectError;
    throw new HostUnreachable(
      e.message + (e.lastOutput?.length ? `\n${e.lastOutput.join('\n')}` : ''),
      e.phase ?? 'connect',
    );
  }
  const withdraw = offered.map((p) => state.master.files.offer(p, ctx.id));
  let seconds: number;
  try {
    seconds = taskTimeoutSeconds(state, task, vars, where);
  } catch (error) {
    for (const done of withdraw) done();
    return failResult((error as Error).message);
  }
  try {
    if (python) {
      // Ansible's own module, run through Python on the host (runner/ansible/); its JSON is the task result.
      const run = invokeAnsibleModule(ctx, {
        module: python,
        playbookDir: state.playbookDir,
        taskId: task.id,
        args: prepared,
        settings: {
          module: task.invokedAs ?? task.module,
          check,
          diff,
          noLog: state.noLog(task),
          verbosity: state.options.verbosity,
          remoteTmp: hostSetting(state, vars, where, 'ansible_remote_tmp'),
        },
        environment,
        interpreter: hostSetting(state, vars, where, 'ansible_python_interpreter'),
        ...jobRequest,
      });
      const result: TaskResult = await boundedCall(run, seconds, task, ctx);
      return job?.poll && !result.failed && !result.skipped
        ? await pollJob(ctx, task, result, job, environment, say)
        : result;
    }
    const call = ctx.call<ModuleResult>(ref(moduleFile(module), 'run'), {
      taskId: task.id,
      args: prepared,
      validated: entry !== undefined,
      check,
      diff,
      environment,
      ...(state.noLog(task) ? { quiet: true } : {}),
      ...jobRequest,
    });
    const result = await boundedCall(call, seconds, task, ctx);
    if ('timedout' in result) return result;
    if (job?.poll && !result.failed && !result.skipped)
      return await pollJob(ctx, task, result, job, environment, say);
    return action?.finish ? await action.finish(prepared, result, { check }) : result;
  } catch (error) {
    if (error instanceof ChannelError) throw new HostUnreachable(error.message, 'execute');
    if (error instanceof CallError)
      return failResult(`${task.module}: ${error.remoteName}: ${error.remoteMessage}`, {
        exception: error.remoteStack,
      });
    return failResult(taskErrorMessage(task.module, error));
  } finally {
    for (const done of withdraw) done();
  }
}
