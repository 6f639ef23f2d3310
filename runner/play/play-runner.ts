import type { BlockNode, GraphNode, MetaNode, PlayNode } from '../../dsl/graph.js';
import type { ContextPool } from './connections.js';
import { gatheringTask, hostsToGather, markGathered } from './fact-gathering.js';
import { applyFailurePolicy } from './failure-policy.js';
import { flushHandlers } from './handlers.js';
import type { HostRun } from './host-run.js';
import { mergeKeywords } from './inherited-keywords.js';
import { metaOutcome } from './meta-outcome.js';
import type { PlayScope } from './play-scope.js';
import { prewarm } from './prewarm.js';
import { type RunNodes, runInclude } from './run-include.js';
import type { Inherited, RunState } from './run-state.js';
import { runTask } from './run-task.js';

/** Meta actions Ansible runs host by host (with a `when` per host); the others run once for the batch. */
const PER_HOST_META = new Set<MetaNode['action']>(['end_host', 'flush_handlers', 'noop', 'reset_connection']);
/** Meta actions that ignore `when` (Ansible warns that they do not support it). */
const IGNORES_WHEN = new Set<MetaNode['action']>(['noop', 'refresh_inventory', 'reset_connection']);

/**
 * Walks one play's task graph over a batch of hosts: sections with handler flushes between them, blocks with
 * rescue/always, meta actions, includes, and the failure policy after each node. Running a task on the hosts
 * (run-task.ts), recording results (record-result.ts), handlers (handlers.ts), the failure policy
 * (failure-policy.ts) and choosing a connection (connection-choice.ts) each have their own file.
 */
export class PlayRunner {
  private readonly scope: PlayScope;
  /** `runNodes`, bound: how includes (and include handlers) hand their compiled tasks back to the walk. */
  private readonly runNodesFn: RunNodes = (...args) => this.runNodes(...args);
  /** Set by `meta: end_play`: the play's later batches (serial) do not run. */
  playEnded = false;

  constructor(state: RunState, play: PlayNode, pool: ContextPool) {
    this.scope = { state, play, pool };
  }

  /**
   * Runs every section (with handler flushes between them, as Ansible does) for `batch`. Hosts that failed in an
   * earlier play take no part, not even in gathering facts, as in Ansible.
   */
  async run(batch: HostRun[]): Promise<void> {
    const { play } = this.scope;
    const hosts = batch.filter((h) => h.active);
    if (hosts.length === 0) return;
    prewarm(this.scope, hosts);
    const base: Inherited = {
      when: [],
      vars: {},
      roleDefaults: {},
      checkMode: play.checkMode,
      remoteUser: play.remoteUser,
      connection: play.connection,
      environment: play.environment !== undefined ? [play.environment] : [],
      keywords: {
        become: play.become,
        noLog: play.noLog ?? (this.scope.state.options.noLog ? true : undefined),
        ignoreErrors: play.ignoreErrors,
      },
    };
    const gathering = hostsToGather(play, this.scope.state.options.gathering ?? 'implicit', hosts);
    if (gathering.length > 0) {
      await runTask(this.scope, gatheringTask(play), gathering, base);
      markGathered(gathering);
    }
    for (const section of play.sections) {
      if (play.strategy === 'free')
        await Promise.all(hosts.map((h) => this.runNodes(section.nodes, [h], base, false)));
      else await this.runNodes(section.nodes, hosts, base, false);
      if (section.section !== 'roles') await flushHandlers(this.scope, hosts, this.runNodesFn);
    }
  }

  private async runNodes(
    nodes: GraphNode[],
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    const { state, play } = this.scope;
    for (const node of nodes) {
      if (state.aborted) return;
      const live = hosts.filter((h) => (includeFailed ? !h.unreachable && !h.ended : h.active));
      if (live.length === 0) return;
      const startAt = state.startAt;
      if (node.kind === 'task' && startAt && !startAt.reached(node)) continue;
      if (node.kind === 'meta' && startAt?.searching) continue;
      if (node.kind === 'task') await runTask(this.scope, node, live, inherited);
      else if (node.kind === 'block') await this.runBlock(node, live, inherited, includeFailed);
      else if (node.kind === 'meta') await this.runMeta(node, live, hosts, inherited);
      else await runInclude(this.scope, node, live, inherited, includeFailed, this.runNodesFn);
      if (applyFailurePolicy(play, hosts, node)) state.playbookBroken = true;
    }
  }

  /** What a block's children inherit: its conditions and variables, and its role's defaults. */
  private inherit(inherited: Inherited, node: BlockNode): Inherited {
    const roleDefaults = node.roleDefaults
      ? { ...inherited.roleDefaults, ...node.roleDefaults }
      : node.role
        ? (this.scope.play.roleDefaults[node.role.name] ?? inherited.roleDefaults)
        : inherited.roleDefaults;
    return {
      when: [...inherited.when, ...node.when],
      vars: { ...inherited.vars, ...node.vars },
      roleDefaults,
      params: node.params ? { ...inherited.params, ...node.params } : inherited.params,
      checkMode: node.checkMode ?? inherited.checkMode,
      remoteUser: node.remoteUser ?? inherited.remoteUser,
      connection: node.connection ?? inherited.connection,
      environment:
        node.environment !== undefined
          ? [...(inherited.environment ?? []), node.environment]
          : inherited.environment,
      roles: entersRole(node, inherited) ? [...(inherited.roles ?? []), node.role] : inherited.roles,
      keywords: mergeKeywords(inherited.keywords, node),
    };
  }

  /**
   * A role's block runs once per play and host for each instance of the role (Ansible's `has_run`): hosts that
   * completed it already skip it silently, and a host completes it when any of its tasks ran there (not skipped).
   */
  private async runBlock(
    block: BlockNode,
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    const instance = block.roleInstance;
    if (!instance) return this.runBlockSections(block, hosts, inherited, includeFailed);
    const due = instance.allowDuplicates ? hosts : hosts.filter((h) => !h.completedRoles.has(instance.key));
    if (due.length === 0) return;
    const before = new Map(due.map((h) => [h, h.tasksRun]));
    await this.runBlockSections(block, due, inherited, includeFailed);
    for (const [host, count] of before) if (host.tasksRun > count) host.completedRoles.add(instance.key);
  }

  private async runBlockSections(
    block: BlockNode,
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    const inner = this.inherit(inherited, block);
    const failedBefore = new Set(hosts.filter((h) => h.failed).map((h) => h.name));
    // Failures inside are reported as `rescued` (not ✖ in the live view, not <failure> in JUnit).
    const guarded = block.rescue.length > 0 ? hosts.filter((h) => !h.failed && !h.unreachable) : [];
    // Until its `always` runs, a failure here is not fatal to the others (any_errors_fatal), as in Ansible.
    const awaitingAlways = block.always.length > 0 ? hosts.filter((h) => !h.failed && !h.unreachable) : [];
    for (const host of guarded) host.rescueDepth++;
    for (const host of awaitingAlways) host.alwaysDepth++;
    try {
      await this.runNodes(block.block, hosts, inner, includeFailed);
    } finally {
      for (const host of guarded) host.rescueDepth--;
    }
    const failedHere = hosts.filter((h) => h.failed && !failedBefore.has(h.name) && !h.unreachable);
    if (block.rescue.length > 0 && failedHere.length > 0) {
      for (const host of failedHere) {
        host.failed = false;
        if (!host.failureOutlivesRescue) {
          host.stats.failed = Math.max(0, host.stats.failed - 1);
          host.stats.rescued++;
        }
        host.failureOutlivesRescue = false;
        if (host.lastFailure) {
          host.registered.ansible_failed_task = host.lastFailure.task;
          host.registered.ansible_failed_result = host.lastFailure.result;
        }
      }
      try {
        await this.runNodes(block.rescue, failedHere, inner, false);
      } finally {
        for (const host of awaitingAlways) host.alwaysDepth--;
      }
    } else for (const host of awaitingAlways) host.alwaysDepth--;
    if (block.always.length > 0) await this.runNodes(block.always, hosts, inner, true);
  }

  /**
   * Whether a meta task's `when` (with its blocks' conditions) holds on a host. Ansible evaluates it per host for
   * `end_host`, `flush_handlers` and `noop`, and once, on the first host, for the meta actions that act on the
   * whole play (`end_play`, `end_batch`, `clear_facts`, `clear_host_errors`, `refresh_inventory`).
   */
  private metaHolds(node: MetaNode, host: HostRun, inherited: Inherited): boolean {
    const when = [...inherited.when, ...node.when];
    if (when.length === 0) return true;
    const { state, play } = this.scope;
    const vars = state.scope(play, host, inherited, node);
    const where = { task: 'meta', host: host.name, location: node.location };
    return when.every((condition) => state.holds(condition, vars, where));
  }

  private async runMeta(
    node: MetaNode,
    live: HostRun[],
    all: HostRun[],
    inherited: Inherited,
  ): Promise<void> {
    if (live.length === 0) return;
    const perHost = PER_HOST_META.has(node.action);
    const conditional = node.when.length > 0 || inherited.when.length > 0;
    const holds = (host: HostRun) => IGNORES_WHEN.has(node.action) || this.metaHolds(node, host, inherited);
    // Ansible runs a per-host action host by host (a banner each), the others once, on the first host.
    const decided = (perHost ? live : live.slice(0, 1)).map((host) => ({ host, holds: holds(host) }));
    const warning = conditional && IGNORES_WHEN.has(node.action);
    for (const [index, { host, holds }] of decided.entries())
      this.reportMeta(node, host, holds, warning && index === 0);
    if (perHost && conditional) {
      live = decided.filter((d) => d.holds).map((d) => d.host);
      all = all.filter((host) => live.includes(host) || (!host.active && holds(host)));
    } else if (!perHost && !decided[0].holds) return;
    switch (node.action) {
      case 'flush_handlers':
        await flushHandlers(this.scope, all, this.runNodesFn);
        break;
      case 'end_play':
        this.playEnded = true;
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
        const { state, play } = this.scope;
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
  }

  /**
   * A meta task's output on one host, as Ansible's: its banner, `META: …` at -vv, and a `skipping` line when
   * its `when` was false. Meta results never count in the recap.
   */
  private reportMeta(node: MetaNode, host: HostRun, holds: boolean, warnWhen: boolean): void {
    const { state, play } = this.scope;
    const time = Date.now();
    const outcome = metaOutcome(node.action, host.name, holds);
    const title = node.role ? `${node.role.name} : ${node.name}` : node.name;
    state.emit({
      kind: 'task:start',
      play: play.name,
      task: title,
      taskId: node.id,
      handler: false,
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
}

/** Whether a block's tasks are in a role its parent is not in (or in the same role again, imported by itself). */
function entersRole(
  node: BlockNode,
  inherited: Inherited,
): node is BlockNode & { role: { name: string; path: string } } {
  if (!node.role) return false;
  return node.entersRole === true || inherited.roles?.at(-1)?.path !== node.role.path;
}
