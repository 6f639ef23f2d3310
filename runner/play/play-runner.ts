import type { BlockNode, GraphNode, PlayNode } from '../../dsl/graph.js';
import type { ContextPool } from './connections.js';
import { gatheringTask, hostsToGather, markGathered } from './fact-gathering.js';
import { applyFailurePolicy } from './failure-policy.js';
import { flushHandlers } from './handlers.js';
import type { HostRun } from './host-run.js';
import { mergeKeywords } from './inherited-keywords.js';
import type { PlayScope } from './play-scope.js';
import { prewarm } from './prewarm.js';
import { type RunNodes, runInclude } from './run-include.js';
import { runMeta } from './run-meta.js';
import type { Inherited, RunState } from './run-state.js';
import { runTask } from './run-task.js';

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

  constructor(state: RunState, play: PlayNode, pool: ContextPool) {
    this.scope = { state, play, pool, ended: { play: false } };
  }

  /** Set by `meta: end_play`: the play's later batches (serial) do not run. */
  get playEnded(): boolean {
    return this.scope.ended.play;
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
      else if (node.kind === 'meta') {
        const flushing = runMeta(this.scope, { node, live, all: hosts, inherited });
        if (flushing.length > 0) await flushHandlers(this.scope, flushing, this.runNodesFn, includeFailed);
      } else await runInclude(this.scope, node, live, inherited, includeFailed, this.runNodesFn);
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
      roles: entersRole(node, inherited)
        ? [...(inherited.roles ?? []).slice(0, node.dependency ? -1 : undefined), node.role]
        : inherited.roles,
      keywords: mergeKeywords(inherited.keywords, node),
      ...(inherited.handler ? { handler: true } : {}),
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
}

/** Whether a block's tasks are in a role its parent is not in (or in the same role again, imported by itself). */
function entersRole(
  node: BlockNode,
  inherited: Inherited,
): node is BlockNode & { role: { name: string; path: string } } {
  if (!node.role) return false;
  return node.entersRole === true || inherited.roles?.at(-1)?.path !== node.role.path;
}
