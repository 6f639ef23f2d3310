import type { RunEventOf } from './events.js';

/** Keys Ansible's callbacks never print (internal markers, invocation echo). */
const HIDDEN_KEYS = /^_ansible|^invocation$|^_/;

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
    if (HIDDEN_KEYS.test(key)) continue;
    if (key === 'diff' && verbosity < 3) continue;
    if (key === 'warnings' || key === 'deprecations') continue; // printed as [WARNING] lines
    out[key] = value;
  }
  if (event.msg !== undefined && out.msg === undefined) out.msg = event.msg;
  if (module === 'debug' && event.status !== 'failed' && event.status !== 'rescued') {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(out))
      if (key !== 'changed' && key !== 'failed' && key !== 'skipped') kept[key] = value;
    return kept;
  }
  if (
    (event.status === 'failed' ||
      event.status === 'rescued' ||
      event.status === 'ignored' ||
      event.status === 'unreachable') &&
    out.changed === undefined
  )
    out.changed = false;
  return out;
}

/** Whether Ansible would always print the result body (debug output, or a module that asked for it). */
export function alwaysVerbose(event: RunEventOf<'task:result'>, module?: string): boolean {
  return module === 'debug' || event.result?._ansible_verbose_always === true;
}

/** `host` or `host -> delegate`, as Ansible labels a delegated result. */
export function hostLabel(event: { host: string; delegatedTo?: string }): string {
  return event.delegatedTo && event.delegatedTo !== event.host
    ? `${event.host} -> ${event.delegatedTo}`
    : event.host;
}
