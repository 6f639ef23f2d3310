import type { TaskResult } from '../../modules/task-result.js';
import type { HostStatus } from '../report/events.js';

/** The message Ansible shows instead of a `no_log` task's result. */
export const NO_LOG_MESSAGE =
  "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/** What a result looks like when `no_log` hides it (only `changed`/`failed`/`skipped` survive). */
export function censor(result: TaskResult): TaskResult {
  const kept: TaskResult = { censored: NO_LOG_MESSAGE };
  for (const key of ['changed', 'failed', 'skipped'] as const) if (key in result) kept[key] = result[key];
  return kept;
}

/**
 * Whether a result counts as failed, as Ansible's callbacks judge it: by `failed_when_result` when the result (or
 * one of its loop items) has one, else by `failed`. So a `failed_when` that holds false keeps the task ok even
 * when `until` ran out of attempts (whose `failed: true` stays in the registered result).
 */
export function isFailed(result: TaskResult): boolean {
  const items = Array.isArray(result.results) ? (result.results as TaskResult[]) : [];
  const key =
    'failed_when_result' in result || items.some((item) => item && 'failed_when_result' in item)
      ? 'failed_when_result'
      : 'failed';
  if (key in result) return Boolean(result[key]);
  return items.some((item) => Boolean(item?.[key]));
}

/** The status shown for a result. */
export function statusOf(result: TaskResult, ignored: boolean): HostStatus {
  if (result.unreachable) return ignored ? 'ignored' : 'unreachable';
  if (result.skipped) return 'skipped';
  if (isFailed(result)) return ignored ? 'ignored' : 'failed';
  return result.changed ? 'changed' : 'ok';
}

/**
 * Combines the results of a loop's items the way Ansible registers them (`results`, any changed/failed): an
 * empty loop says `skipped_reason`, a loop whose items all skipped says so in `msg`.
 */
export function loopResult(results: TaskResult[]): TaskResult {
  if (results.length === 0)
    return { changed: false, skipped: true, skipped_reason: 'No items in the list', results };
  const allSkipped = results.every((r) => r.skipped);
  const failed = results.some((r) => r.failed);
  return {
    changed: results.some((r) => r.changed),
    ...(failed ? { failed: true, msg: 'One or more items failed' } : { msg: 'All items completed' }),
    ...(allSkipped ? { skipped: true, msg: 'All items skipped' } : {}),
    results,
  };
}
