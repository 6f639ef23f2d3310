import type { MetaNode } from '../../dsl/graph.js';
import type { HostRun } from './host-run.js';
import { metaOutcome } from './meta-outcome.js';
import type { PlayScope } from './play-scope.js';
import type { Inherited } from './run-state.js';

/** Meta actions Ansible runs host by host (with a `when` per host); the others run once for the batch. */
const PER_HOST_META = new Set<MetaNode['action']>(['end_host', 'flush_handlers', 'noop', 'reset_connection']);
/** Meta actions that ignore `when` (Ansible warns that they do not support it). */
const IGNORES_WHEN = new Set<MetaNode['action']>(['noop', 'refresh_inventory', 'reset_connection']);

/** A meta action about to run: the node, where it runs, and whether it runs as a handler. */
export interface MetaRun {
  node: MetaNode;
  /** The hosts still running the node's section. */
  live: HostRun[];
  /** Every host of the batch, failed ones too (`end_play`, `clear_host_errors` act on them all). */
  all: HostRun[];
  /** What it inherits; `handler` set when it runs as a handler: banner `RUNNING HANDLER`, flush_handlers an error. */
  inherited: Inherited;
}

/**
 * Runs a meta action as Ansible's strategy does, reporting it (banner, `META:` at -vv, `skipping`), and returns
 * the hosts whose handlers a `flush_handlers` must now run (the caller flushes them; none for other actions).
 */
export function runMeta(scope: PlayScope, run: MetaRun): HostRun[] {
  const { node, inherited } = run;
  let { live, all } = run;
  if (live.length === 0) return [];
  const perHost = PER_HOST_META.has(node.action);
  const conditional = node.when.length > 0 || inherited.when.length > 0;
  const holds = (host: HostRun) => IGNORES_WHEN.has(node.action) || metaHolds(scope, node, host, inherited);
  // Ansible runs a per-host action host by host (a banner each), the others once, on the first host.
  const decided = (perHost ? live : live.slice(0, 1)).map((host) => ({ host, holds: holds(host) }));
  const warning = conditional && IGNORES_WHEN.has(node.action);
  for (const [index, { host, holds }] of decided.entries()) {
    if (inherited.handler && node.action === 'flush_handlers' && holds) {
      refuseFlushAsHandler(scope, node);
      return [];
    }
    reportMeta(scope, run, host, holds, warning && index === 0);
  }
  if (perHost && conditional) {
    live = decided.filter((d) => d.holds).map((d) => d.host);
    all = all.filter((host) => live.includes(host) || (!host.active && holds(host)));
  } else if (!perHost && !decided[0].holds) return [];
  switch (node.action) {
    case 'flush_handlers':
      return all;
    case 'end_play':
      scope.ended.play = true;
      for (const host of all) host.ended = true;
      break;
    case 'end_batch':
      for (const host of all) host.ended = true;
      break;
    case 'end_host':
      for (const host of live) host.ended = true;
      break;
    case 'clear_facts':
      for (const host of all) host.facts = {};
      break;
    case 'refresh_inventory': {
      // As Ansible's strategy, the play goes on with the hosts its pattern still selects; those the sources
      // dropped run nothing more in it (hosts the sources added join the next plays, not this one).
      const { state, play } = scope;
      if (!state.refreshInventory()) break;
      const selected = new Set(state.selectPlayHosts(play));
      for (const host of all) if (!selected.has(host.name)) host.ended = true;
      break;
    }
    case 'clear_host_errors':
      // Ansible forgets failed and unreachable hosts alike: they are back in this and later plays.
      for (const host of all) {
        host.failed = false;
        host.unreachable = false;
      }
      break;
    default:
      break;
  }
  return [];
}

/**
 * Whether a meta task's `when` (with its blocks' conditions) holds on a host. Ansible evaluates it per host for
 * `end_host`, `flush_handlers` and `noop`, and once, on the first host, for the meta actions that act on the
 * whole play (`end_play`, `end_batch`, `clear_facts`, `clear_host_errors`, `refresh_inventory`).
 */
function metaHolds(scope: PlayScope, node: MetaNode, host: HostRun, inherited: Inherited): boolean {
  const when = [...inherited.when, ...node.when];
  if (when.length === 0) return true;
  const { state, play } = scope;
  const vars = state.scope(play, host, inherited, node);
  const where = { task: 'meta', host: host.name, location: node.location };
  return when.every((condition) => state.holds(condition, vars, where));
}

/** `meta: flush_handlers` run as a handler ends the run after its banner, as Ansible's error does. */
function refuseFlushAsHandler(scope: PlayScope, node: MetaNode): void {
  const { state, play } = scope;
  const time = Date.now();
  state.emit({
    kind: 'task:start',
    play: play.name,
    task: titleOf(node),
    taskId: node.id,
    handler: true,
    source: node.location,
    time,
  });
  state.runError ??= 'flush_handlers cannot be used as a handler';
  state.aborted = true;
}

/** The title of a meta task's banner: `ROLE : name` for a role's. */
function titleOf(node: MetaNode): string {
  return node.role ? `${node.role.name} : ${node.name}` : node.name;
}

/**
 * A meta task's output on one host, as Ansible's: its banner, `META: …` at -vv, and a `skipping` line when
 * its `when` was false. Meta results never count in the recap.
 */
function reportMeta(scope: PlayScope, run: MetaRun, host: HostRun, holds: boolean, warnWhen: boolean): void {
  const { state, play } = scope;
  const { node } = run;
  const time = Date.now();
  const outcome = metaOutcome(node.action, host.name, holds);
  const title = titleOf(node);
  state.emit({
    kind: 'task:start',
    play: play.name,
    task: title,
    taskId: node.id,
    handler: run.inherited.handler ?? false,
    source: node.location,
    time,
  });
  if (warnWhen)
    state.emit({ kind: 'warning', msg: `${node.action} task does not support when conditional`, time });
  state.emit({ kind: 'verbose', msg: `META: ${outcome.header}`, level: 2, taskId: node.id, time });
  if (!holds)
    state.emit({
      kind: 'task:result',
      host: host.name,
      taskId: node.id,
      task: title,
      status: 'skipped',
      msg: String(outcome.result.msg),
      result: outcome.result,
      durationMs: 0,
      time,
    });
  state.emit({ kind: 'task:end', taskId: node.id, time });
}
