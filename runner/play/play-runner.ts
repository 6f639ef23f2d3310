import { compileRoleAtRunTime, compileTaskFile } from '../../dsl/compile/compile-role.js';
import type {
  BlockNode,
  GraphNode,
  HandlerNode,
  IncludeNode,
  MetaNode,
  PlayNode,
  TaskNode,
} from '../../dsl/graph.js';
import { connectionSettings } from '../../dsl/inventory/connection-settings.js';
import { renderIssues } from '../../dsl/issues.js';
import { TemplateError } from '../../dsl/template/templar.js';
import { findModule } from '../../modules/catalog.js';
import type { Context } from '../core/index.js';
import type { ContextPool } from './connections.js';
import { executeTask, HostUnreachable, modulePath } from './execute-task.js';
import type { HostRun } from './host-run.js';
import { type IncludeGroup, includedScope, planInclude } from './include-plan.js';
import type { Inherited, RunState } from './run-state.js';

const truthy = (v: unknown) =>
  v === true || (typeof v === 'string' && ['yes', 'true', 'on', '1'].includes(v.toLowerCase()));

/** Runs one play's task graph over a batch of hosts with the play's strategy, handlers and failure rules. */
export class PlayRunner {
  constructor(
    private readonly state: RunState,
    private readonly play: PlayNode,
    private readonly pool: ContextPool,
  ) {}

  /**
   * Starts what the first tasks will wait for, in parallel: each host's login context and the bundles of the
   * play's modules (esbuild runs in its own process, so bundling overlaps the node start-ups).
   */
  prewarm(hosts: HostRun[]): void {
    const modules = new Set<string>();
    const visit = (nodes: GraphNode[]) => {
      for (const node of nodes) {
        if (node.kind === 'task' && findModule(node.module)?.definition.runsOn !== 'controller')
          modules.add(node.module);
        if (node.kind === 'block') [node.block, node.rescue, node.always].forEach(visit);
      }
    };
    this.play.sections.forEach((s) => visit(s.nodes));
    visit(this.play.handlers);
    if (this.play.gatherFacts) modules.add('setup');
    for (const module of modules)
      this.state.master.responder.prepare(modulePath(module, this.state.playbookDir)).catch(() => {});
    for (const host of hosts) {
      try {
        const settings = connectionSettings(
          host.name,
          this.state.templar.render(connectionVars(this.state.hostInventory(host.name)), {
            inventory_hostname: host.name,
            ...this.state.hostInventory(host.name),
          }) as Record<string, unknown>,
        );
        this.pool.get({ host: host.name, settings }).catch(() => {});
      } catch {
        // the first task reports the problem with its context
      }
    }
  }

  /** Runs every section (with handler flushes between them, as Ansible does) for `hosts`. */
  async run(hosts: HostRun[]): Promise<void> {
    this.prewarm(hosts);
    const base: Inherited = { when: [], vars: {}, roleDefaults: {}, checkMode: this.play.checkMode };
    if (this.play.gatherFacts) await this.runTask(this.factsTask(), hosts, base);
    for (const section of this.play.sections) {
      if (this.play.strategy === 'free')
        await Promise.all(hosts.map((h) => this.runNodes(section.nodes, [h], base, false)));
      else await this.runNodes(section.nodes, hosts, base, false);
      if (section.section !== 'roles') await this.flushHandlers(hosts);
    }
  }

  private factsTask(): TaskNode {
    return {
      kind: 'task',
      id: `${this.play.id}.facts`,
      name: 'Gathering Facts',
      module: 'setup',
      args: {},
      notify: [],
      when: [],
      tags: ['always'],
      vars: {},
      location: this.play.location,
    };
  }

  private async runNodes(
    nodes: GraphNode[],
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    for (const node of nodes) {
      if (this.state.aborted) return;
      const live = hosts.filter((h) => (includeFailed ? !h.unreachable && !h.ended : h.active));
      if (live.length === 0) return;
      const startAt = this.state.startAt;
      if (node.kind === 'task' && startAt && !startAt.reached(node)) continue;
      if (node.kind === 'meta' && startAt?.searching) continue;
      if (node.kind === 'task') await this.runTask(node, live, inherited);
      else if (node.kind === 'block') await this.runBlock(node, live, inherited, includeFailed);
      else if (node.kind === 'meta') await this.runMeta(node, live, hosts);
      else await this.runInclude(node, live, inherited, includeFailed);
      this.applyFailurePolicy(hosts, node);
    }
  }

  private inherit(inherited: Inherited, node: BlockNode): Inherited {
    const roleDefaults = node.roleDefaults
      ? { ...inherited.roleDefaults, ...node.roleDefaults }
      : node.role
        ? (this.play.roleDefaults[node.role.name] ?? inherited.roleDefaults)
        : inherited.roleDefaults;
    return {
      when: [...inherited.when, ...node.when],
      vars: { ...inherited.vars, ...node.vars },
      roleDefaults,
      checkMode: node.checkMode ?? inherited.checkMode,
    };
  }

  private async runBlock(
    block: BlockNode,
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    const inner = this.inherit(inherited, block);
    const failedBefore = new Set(hosts.filter((h) => h.failed).map((h) => h.name));
    await this.runNodes(block.block, hosts, inner, includeFailed);
    const failedHere = hosts.filter((h) => h.failed && !failedBefore.has(h.name) && !h.unreachable);
    if (block.rescue.length > 0 && failedHere.length > 0) {
      for (const host of failedHere) {
        host.failed = false;
        host.stats.failed = Math.max(0, host.stats.failed - 1);
        host.stats.rescued++;
        host.registered.ansible_failed_task = host.lastFailure?.task ?? {};
        host.registered.ansible_failed_result = host.lastFailure?.result ?? {};
      }
      await this.runNodes(block.rescue, failedHere, inner, false);
    }
    if (block.always.length > 0) await this.runNodes(block.always, hosts, inner, true);
  }

  private async runMeta(node: MetaNode, live: HostRun[], all: HostRun[]): Promise<void> {
    switch (node.action) {
      case 'flush_handlers':
        await this.flushHandlers(all);
        break;
      case 'end_play':
        for (const host of all) host.ended = true;
        break;
      case 'end_host':
        for (const host of live) host.ended = true;
        break;
      case 'clear_facts':
        for (const host of live) host.facts = {};
        break;
      case 'clear_host_errors':
        for (const host of all) host.failed = false;
        break;
      default:
        break;
    }
  }

  private async runInclude(
    node: IncludeNode,
    hosts: HostRun[],
    inherited: Inherited,
    includeFailed: boolean,
  ): Promise<void> {
    let groups: IncludeGroup[];
    try {
      groups = planInclude(this.state, (h) => this.state.scope(this.play, h, inherited, node), node, hosts);
    } catch (error) {
      for (const host of hosts) this.fail(host, node, (error as Error).message);
      return;
    }
    for (const [index, group] of groups.entries()) {
      const idPrefix = `${node.id}.${index}`;
      if (group.target.type === 'tasks') {
        const { nodes, issues } = compileTaskFile(
          group.target.file,
          this.state.playbookDir,
          idPrefix,
          node.role,
        );
        const errors = issues.filter((i) => i.severity === 'error');
        if (errors.length > 0) {
          for (const host of group.hosts) this.fail(host, node, renderIssues(errors));
          continue;
        }
        await this.runNodes(nodes, group.hosts, includedScope(inherited, node, group), includeFailed);
        continue;
      }
      const { role, issues } = compileRoleAtRunTime(group.target.role, {
        playbookDir: this.state.playbookDir,
        baseDir: group.target.baseDir,
        idPrefix,
        tasksFrom: group.target.tasksFrom,
      });
      const errors = issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        for (const host of group.hosts) this.fail(host, node, renderIssues(errors));
        continue;
      }
      this.addHandlers(role.handlers, idPrefix);
      await this.runNodes(
        role.tasks,
        group.hosts,
        includedScope(inherited, node, group, role),
        includeFailed,
      );
    }
  }

  /** include_role: the role's handlers join the play's (once per name), so its tasks can notify them. */
  private addHandlers(nodes: GraphNode[], idPrefix: string): void {
    nodes.forEach((node, i) => {
      if (node.kind !== 'task' || this.play.handlers.some((h) => h.name === node.name)) return;
      this.play.handlers.push({ ...node, id: `${idPrefix}.h${i}`, listen: node.listen ?? [] });
    });
  }

  private fail(host: HostRun, node: GraphNode, msg: string): void {
    const task = {
      ...(node as TaskNode),
      module: 'include_tasks',
      name: 'name' in node && node.name ? String(node.name) : node.kind,
      notify: [],
      args: {},
    } as TaskNode;
    this.state.emit({
      kind: 'task:start',
      play: this.play.name,
      task: task.name,
      taskId: task.id,
      handler: false,
      source: node.location,
      time: Date.now(),
    });
    this.state.taskResult(host, task, { changed: false, failed: true, msg }, 0);
    host.failed = true;
  }

  /** Runs a task on every host of the batch (in parallel, bounded by forks), then records results. */
  private async runTask(
    task: TaskNode,
    hosts: HostRun[],
    inherited: Inherited,
    handler = false,
  ): Promise<void> {
    const effective: TaskNode = {
      ...task,
      when: [...inherited.when, ...task.when],
      checkMode: task.checkMode ?? inherited.checkMode,
    };
    this.state.emit({
      kind: 'task:start',
      play: this.play.name,
      task: task.name,
      taskId: task.id,
      module: task.module,
      handler,
      source: task.location,
      time: Date.now(),
    });
    const targets = task.runOnce ? hosts.slice(0, 1) : hosts;
    const limit = Math.max(
      1,
      Math.min(
        task.throttle || Number.POSITIVE_INFINITY,
        this.state.options.forks ?? Number.POSITIVE_INFINITY,
      ),
    );
    const queue = [...targets];
    const worker = async () => {
      for (let host = queue.shift(); host; host = queue.shift()) {
        const result = await this.runOnHost(effective, host, inherited);
        if (task.runOnce) for (const other of hosts.slice(1)) this.record(effective, other, result, 0);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, targets.length) }, worker));
    this.state.emit({ kind: 'task:end', taskId: task.id, time: Date.now() });
  }

  private async runOnHost(
    task: TaskNode,
    host: HostRun,
    inherited: Inherited,
  ): Promise<Record<string, unknown>> {
    const started = Date.now();
    const vars = this.state.scope(this.play, host, inherited, task);
    const where = { task: task.name, host: host.name, location: task.location, rolePath: task.role?.path };
    let result: Record<string, unknown>;
    let delegated: string | undefined;
    try {
      delegated = task.delegateTo
        ? String(this.state.templar.render(task.delegateTo, vars, where))
        : undefined;
      const context = () => this.contextFor(task, host, vars, delegated);
      result = await executeTask(this.state, host, task, { vars, where }, context);
    } catch (error) {
      if (error instanceof HostUnreachable) {
        // ignore_unreachable (Ansible): the result is shown and counted as ignored, the host stays in the
        // play, and its next task connects again.
        if (!task.ignoreUnreachable) {
          host.unreachable = true;
          this.state.emit({
            kind: 'host:unreachable',
            host: host.name,
            taskId: task.id,
            phase: error.phase,
            msg: error.message,
            time: Date.now(),
          });
        }
        result = { unreachable: true, changed: false, msg: error.message };
      } else if (error instanceof TemplateError) {
        result = { changed: false, failed: true, msg: `${task.module}: ${error.message}` };
      } else {
        result = { changed: false, failed: true, msg: `${task.module}: ${(error as Error).message}` };
      }
    }
    this.record(task, host, result, Date.now() - started, delegated);
    return result;
  }

  /** Counts and emits a result, registers it, applies facts, notifies handlers, marks failures. */
  private record(
    task: TaskNode,
    host: HostRun,
    result: Record<string, unknown>,
    durationMs: number,
    delegated?: string,
  ): void {
    const status = this.state.taskResult(host, task, result, durationMs, delegated);
    if (task.register) host.registered[task.register] = result;
    // A loop's facts are its items' (`set_fact` in a loop keeps every item's fact, as in Ansible).
    const items = Array.isArray(result.results)
      ? (result.results as Array<Record<string, unknown>>)
      : [result];
    for (const item of items) {
      const facts = item.ansible_facts as Record<string, unknown> | undefined;
      if (!facts || item.failed || status === 'failed') continue;
      if (task.module === 'setup') Object.assign(host.facts, facts);
      else Object.assign(host.setFacts, facts);
    }
    if (status === 'failed') {
      host.failed = true;
      host.lastFailure = { task: { name: task.name, action: task.module }, result };
    }
    if (result.changed && status !== 'failed') {
      for (const name of task.notify) {
        const matches = this.play.handlers.filter((h) => h.name === name || h.listen.includes(name));
        if (matches.length === 0) {
          this.state.emit({
            kind: 'warning',
            msg: `task "${task.name}" notified "${name}", but no handler has that name or listens to it`,
            source: task.location,
            time: Date.now(),
          });
        }
        for (const handler of matches) host.notified.add(handler.id);
      }
    }
  }

  private async contextFor(
    task: TaskNode,
    host: HostRun,
    vars: Record<string, unknown>,
    delegated?: string,
  ): Promise<Context> {
    const target = delegated ?? host.name;
    const targetVars = delegated
      ? { ...this.state.hostInventory(delegated), inventory_hostname: delegated }
      : vars;
    const settings = connectionSettings(
      target,
      this.state.templar.render(connectionVars(targetVars), vars) as Record<string, unknown>,
    );
    const spec = task.become ?? this.play.become;
    const cli = this.state.options.become;
    const enabled = spec?.become ?? settings.become.enabled ?? cli?.enabled ?? false;
    if (!enabled) return this.pool.get({ host: target, settings });
    const user = String(
      this.state.templar.render(spec?.user ?? settings.become.user ?? cli?.user ?? 'root', vars),
    );
    if (settings.method === 'local' && user === this.state.localUser)
      return this.pool.get({ host: target, settings });
    const method = spec?.method ?? settings.become.method ?? cli?.method ?? 'sudo';
    return this.pool.get({
      host: target,
      settings,
      become: { method, user, password: settings.become.password ?? cli?.password },
    });
  }

  private applyFailurePolicy(hosts: HostRun[], node: GraphNode): void {
    const failed = hosts.filter((h) => h.failed || h.unreachable);
    if (failed.length === 0) return;
    if (this.play.anyErrorsFatal || truthy(node.anyErrorsFatal)) for (const host of hosts) host.ended = true;
    if (
      this.play.maxFailPercentage !== undefined &&
      (failed.length / hosts.length) * 100 > this.play.maxFailPercentage
    ) {
      for (const host of hosts) host.ended = true;
    }
  }

  /** Runs notified handlers in definition order on the hosts that notified them, until none are pending. */
  private async flushHandlers(hosts: HostRun[]): Promise<void> {
    for (let round = 0; round < 10; round++) {
      let ran = false;
      for (const handler of this.play.handlers) {
        const notified = hosts.filter(
          (h) => h.notified.has(handler.id) && !h.unreachable && (!h.failed || this.play.forceHandlers),
        );
        if (notified.length === 0) continue;
        for (const host of notified) host.notified.delete(handler.id);
        ran = true;
        await this.runTask(
          handler as HandlerNode,
          notified,
          {
            when: [],
            vars: {},
            roleDefaults: handler.role ? (this.play.roleDefaults[handler.role.name] ?? {}) : {},
            checkMode: this.play.checkMode,
          },
          true,
        );
      }
      if (!ran) return;
    }
  }
}

/**
 * The variables connection settings are read from (`ansible_*`, `spindle_*`, `node_binary`): only these are
 * rendered for a connection, so an unrelated variable (a `!vault` value the play never uses) is not decrypted.
 */
function connectionVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(vars).filter(([key]) => /^(ansible_|spindle_|node_binary$)/.test(key)),
  );
}
