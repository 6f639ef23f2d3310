import { join } from 'node:path';
import type { TaskNode } from '../../dsl/graph.js';
import type { TemplateWhere } from '../../dsl/template/templar.js';
import { ASYNC_DIR_VARIABLE } from '../../modules/async/job-file.js';
import { builtinModules } from '../../modules/registry.js';
import type { TaskResult } from '../../modules/task-result.js';
import { type Context, ref } from '../core/index.js';
import { packageRoot } from '../core/package-root.js';
import type { RunState } from './run-state.js';

/** Ansible's poll interval when a task with `async` names none. */
const DEFAULT_POLL_SECONDS = 15;

/** A task's `async` and `poll`, rendered for one host. */
export interface AsyncSettings {
  seconds: number;
  poll: number;
}

function wholeSeconds(state: RunState, value: number | string, where: TemplateWhere, vars: object) {
  const rendered = Number(state.templar.render(value, vars as Record<string, unknown>, where));
  if (!Number.isFinite(rendered) || rendered < 0)
    throw new Error(`expected a whole number of seconds, got ${String(value)}`);
  return Math.trunc(rendered);
}

/** The task's `async`/`poll` for this host; undefined when the task is not a background job (`async` 0 or unset). */
export function asyncSettings(
  state: RunState,
  task: TaskNode,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): AsyncSettings | undefined {
  if (task.asyncSeconds === undefined) return undefined;
  const seconds = wholeSeconds(state, task.asyncSeconds, where, vars);
  if (seconds <= 0) return undefined;
  const poll = task.poll === undefined ? DEFAULT_POLL_SECONDS : wholeSeconds(state, task.poll, where, vars);
  return { seconds, poll };
}

/**
 * Why a task cannot run as a background job, if it cannot (Ansible's messages): modules that run on the
 * controller or have a controller half (copy, template …) have no job to start; check mode has no job to run.
 */
export function asyncRefusal(runsOnHostAlone: boolean, check: boolean): string | undefined {
  if (!runsOnHostAlone) return 'async is not supported for this task.';
  if (check) return 'check mode and async cannot be used on same task.';
  return undefined;
}

/** A new job id in Ansible's shape (`j<number>.<pid>`). */
export function newJobId(): string {
  return `j${Math.floor(Math.random() * 1e12)}.${process.pid}`;
}

/**
 * The task's environment with the folder of job files (`ansible_async_dir`, else `ANSIBLE_ASYNC_DIR` of the
 * controller), for tasks that start or read jobs; unset, the host uses `~/.ansible_async`.
 */
export function withAsyncDir(
  state: RunState,
  environment: Record<string, string> | undefined,
  vars: Record<string, unknown>,
  where: TemplateWhere,
): Record<string, string> | undefined {
  const configured =
    vars.ansible_async_dir !== undefined
      ? String(state.templar.render(vars.ansible_async_dir, vars, where))
      : process.env[ASYNC_DIR_VARIABLE];
  return configured ? { ...environment, [ASYNC_DIR_VARIABLE]: configured } : environment;
}

function asyncStatus(
  ctx: Context,
  taskId: string,
  jid: string,
  mode: 'status' | 'cleanup',
  environment: Record<string, string> | undefined,
): Promise<TaskResult> {
  return ctx.call<TaskResult>(ref(join(packageRoot(), builtinModules.async_status.file), 'run'), {
    taskId,
    args: { jid, mode },
    validated: true,
    check: false,
    diff: false,
    environment,
    quiet: true,
  });
}

/** Python's text of a job's 0/1 flag (`None` when the status lacks it). */
function flag(value: unknown): string {
  return value === undefined || value === null ? 'None' : String(value);
}

/**
 * Waits for a started job as Ansible's executor does: every `poll` seconds it asks the job's status, until it
 * finished (or failed) or `async` seconds are used up; a finished job's file is erased and its status is the
 * task's result, an unfinished one fails the task. `say` gets the lines Ansible's default callback prints
 * (`ASYNC POLL on HOST: …` after each unfinished poll, then `ASYNC OK`/`ASYNC FAILED`).
 */
export async function pollJob(
  ctx: Context,
  task: TaskNode,
  started: TaskResult,
  settings: AsyncSettings,
  environment: Record<string, string> | undefined,
  say: { host: string; line(text: string): void },
): Promise<TaskResult> {
  const jid = started.ansible_job_id;
  if (typeof jid !== 'string')
    return { failed: true, changed: false, msg: 'No job id was returned by the async task' };
  let status: TaskResult = {};
  for (let left = settings.seconds; left > 0; left -= settings.poll) {
    await new Promise((resolve) => setTimeout(resolve, settings.poll * 1000));
    status = await asyncStatus(ctx, task.id, jid, 'status', environment);
    if (Number(status.finished) === 1 || status.failed || 'skipped' in status) break;
    say.line(
      `ASYNC POLL on ${say.host}: jid=${jid} started=${flag(status.started)} finished=${flag(status.finished)}`,
    );
  }
  if (Number(status.finished) !== 1) {
    say.line(`ASYNC FAILED on ${say.host}: jid=${jid}`);
    return {
      failed: true,
      changed: false,
      msg: `async task did not complete within the requested time - ${settings.seconds}s`,
      async_result: status,
    };
  }
  say.line(`ASYNC ${status.failed ? 'FAILED' : 'OK'} on ${say.host}: jid=${jid}`);
  await asyncStatus(ctx, task.id, jid, 'cleanup', environment);
  return status;
}
