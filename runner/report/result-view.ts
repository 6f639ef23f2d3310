import type { RunEventOf } from './events.js';

/** Keys Ansible's callbacks never print (internal markers, invocation echo). */
const HIDDEN_KEYS = /^_ansible|^invocation$|^_/;
/** Statuses the line already says (`fatal:`, `skipping:`): Ansible's callbacks get results without them. */
const STATUS_KEYS = new Set(['failed', 'skipped']);
/** What a `debug` result with a message keeps. */
const DEBUG_MESSAGE_KEYS = new Set(['msg', 'exception']);
/** What a `debug` result without a message (`var:`) drops. */
const DEBUG_HIDDEN_KEYS = new Set(['changed', 'skip_reason']);

/**
 * The part of a task result a human should see after `=>`: internal keys dropped, `diff` only at -vvv, the
 * event's `msg` added when the module put it only on the event, and for `debug` only its message (Ansible
 * shows `ok: [h] => { "msg": "…" }`, not the bookkeeping).
 */
export function visibleResult(
  event: RunEventOf<'task:result'>,
  verbosity: number,
  module?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.result ?? {})) {
    if (HIDDEN_KEYS.test(key) || STATUS_KEYS.has(key)) continue;
    if (key === 'diff' && verbosity < 3) continue;
    if (key === 'warnings' || key === 'deprecations') continue; // printed as [WARNING] lines
    out[key] = value;
  }
  if (event.msg !== undefined && out.msg === undefined) out.msg = event.msg;
  if (module === 'debug') {
    // A message stands alone; a `var` shows as its own key, without the bookkeeping.
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(out))
      if ('msg' in out ? DEBUG_MESSAGE_KEYS.has(key) : !DEBUG_HIDDEN_KEYS.has(key)) kept[key] = value;
    return kept;
  }
  if (
    (event.status === 'failed' ||
      event.status === 'rescued' ||
      event.status === 'ignored' ||
      event.status === 'unreachable') &&
    out.changed === undefined &&
    // An include's failure is made by the strategy, not a module: Ansible's has no `changed`.
    module !== 'include_tasks' &&
    module !== 'include_role'
  )
    out.changed = false;
  return out;
}

/** Whether Ansible would always print the result body (debug output, or a module that asked for it). */
export function alwaysVerbose(event: RunEventOf<'task:result'>, module?: string): boolean {
  // A skipped debug never ran, so it did not ask for its result to be shown.
  return (module === 'debug' && event.status !== 'skipped') || event.result?._ansible_verbose_always === true;
}

/** `host` or `host -> delegate`, as Ansible labels a delegated result. */
export function hostLabel(event: { host: string; delegatedTo?: string }): string {
  return event.delegatedTo && event.delegatedTo !== event.host
    ? `${event.host} -> ${event.delegatedTo}`
    : event.host;
}
