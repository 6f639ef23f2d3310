import type { MetaNode } from '../../dsl/graph.js';

/** What a meta action did (or why it did not) on one host: Ansible's result and its `-vv` `META:` line. */
export interface MetaOutcome {
  /** The text after `META: ` (Ansible prints it at -vv for every meta task the playbook wrote). */
  header: string;
  /** The result the task reports: `skipped` with its `skip_reason` when the `when` was false. */
  result: Record<string, unknown>;
}

/** What each action says it did when its condition held, as Ansible's strategy words it. */
function doneMessage(action: MetaNode['action'], host: string): string {
  switch (action) {
    case 'flush_handlers':
      return `triggered running handlers for ${host}`;
    case 'refresh_inventory':
      return 'inventory successfully refreshed';
    case 'clear_facts':
      return 'facts cleared';
    case 'clear_host_errors':
      return 'cleared host errors';
    case 'end_batch':
      return 'ending batch';
    case 'end_play':
      return 'ending play';
    case 'end_host':
      return `ending play for ${host}`;
    case 'reset_connection':
      return 'reset connection';
    case 'noop':
      return 'noop';
  }
}

/** What an action adds to `<action> conditional evaluated to False` when its `when` was false. */
function skipSuffix(action: MetaNode['action'], host: string): string {
  switch (action) {
    case 'flush_handlers':
      return `, not running handlers for ${host}`;
    case 'clear_facts':
      return `, not clearing facts and fact cache for ${host}`;
    case 'clear_host_errors':
      return `, not clearing host error state for ${host}`;
    case 'end_batch':
      return ', continuing current batch';
    case 'end_play':
      return ', continuing play';
    case 'end_host':
      return `, continuing execution for ${host}`;
    default:
      return ''; // noop, refresh_inventory and reset_connection ignore `when`
  }
}

/** The outcome of a meta action on `host`, given whether its condition held there. */
export function metaOutcome(action: MetaNode['action'], host: string, holds: boolean): MetaOutcome {
  if (holds) {
    const msg = doneMessage(action, host);
    return { header: msg, result: { changed: false, msg } };
  }
  const skipReason = `${action} conditional evaluated to False${skipSuffix(action, host)}`;
  // end_host keeps an older lower-case wording in `msg`; the others say only the action.
  const msg =
    action === 'end_host'
      ? `end_host conditional evaluated to false, continuing execution for ${host}`
      : action;
  return { header: skipReason, result: { msg, skipped: true, skip_reason: skipReason } };
}
