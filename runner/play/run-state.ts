import { userInfo } from 'node:os';
import type { EnvironmentValue, PlayNode, TaskNode } from '../../dsl/graph.js';
import { taskTitle } from '../../dsl/task-title.js';
import { hasTemplate } from '../../dsl/template/has-template.js';
import type { Templar, TemplateWhere } from '../../dsl/template/templar.js';
import { combineVars } from '../../dsl/vars/combine.js';
import { hostInventoryLayers, mergeLayers } from '../../dsl/vars/layers.js';
import { magicVariables, withConnectionAddress } from '../../dsl/vars/magic.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { TaskResult } from '../../modules/task-result.js';
import type { Master } from '../core/index.js';
import type { HostStatus, RunEvent } from '../report/events.js';
import type { HostRun } from './host-run.js';
import { hostVarsView } from './host-vars-view.js';
import type { InheritedKeywords } from './inherited-keywords.js';
import { maskSecrets } from './mask-secrets.js';
import { censor, isFailed, statusOf } from './results.js';
import type { RunOptions } from './run-options.js';
import { shownDiff } from './shown-diff.js';
import { StartAtTask } from './start-at-task.js';

/** Keywords a task inherits from its blocks, role and play. */
export interface Inherited {
  when: string[];
  vars: Record<string, unknown>;
  roleDefaults: Record<string, unknown>;
  /** Role parameters and include parameters: above set_fact and registered results, below extra vars. */
  params?: Record<string, unknown>;
  /** `check_mode` of the play or an enclosing block/role (a task's own wins): a boolean or a template. */
  checkMode?: boolean | string;
  /** `remote_user` / `connection` of the play or an enclosing block (a task's own wins). */
  remoteUser?: string;
  connection?: string;
  /** `environment:` of the play and enclosing blocks/roles, outermost first (a task's own keys win). */
  environment?: EnvironmentValue[];
  /** `become`, `ignore_errors`, `no_log` … of the play and enclosing blocks/roles (a task's own win). */
  keywords?: InheritedKeywords;
  /** The roles the task is in, outermost first (`role_name`, `role_path`, …). */
  roles?: Array<{ name: string; path: string }>;
  /** Set for handlers and the tasks an include handler brings: their banners read `RUNNING HANDLER`. */
  handler?: boolean;
}

/** Shared state of one run: options, the bus, the templar, every host's state, and event emission. */
export class RunState {
  /** Every host's state; shared by the playbooks of one command (facts, variables and recap counts carry on). */
  readonly hosts: Map<string, HostRun>;
  readonly localUser = userInfo().username;
  aborted = false;
  /**
   * An error that ends the whole run as an AnsibleError raised in Ansible's strategy does (a notified handler
   * that does not exist): no later task, no recap, `ERROR! …` and exit 1. Set together with `aborted`.
   */
  runError: string | undefined;
  /** any_errors_fatal, max_fail_percentage, or a whole batch failing: no later batch or play runs. */
  playbookBroken = false;
  /** Set by SIGTERM: the running tasks were stopped; a host that loses its context is interrupted. */
  stopped = false;
  /** `--start-at-task`: set while the run is still looking for the task to start at. */
  readonly startAt: StartAtTask | undefined;
  private readonly inventoryVars = new Map<string, Record<string, unknown>>();
  /**
   * The hosts of the play that runs, as Ansible's strategy caches them (`ansible_play_hosts_all` and the batch):
   * `add_host` adds to `all`, `meta: refresh_inventory` selects both again in the new inventory.
   */
  private playHosts: { playId: string; all: string[]; batch: string[] } | undefined;
  /** How many times `add_host` / `group_by` changed the inventory: later plays select their hosts again. */
  inventoryGeneration = 0;
  /** Ids of `no_log` tasks: none of their live output leaves the scheduler, whoever sends it. */
  private readonly silencedTasks = new Set<string>();
  /** Conditions already warned about for holding Jinja delimiters (Ansible warns once per text). */
  private readonly templatedConditions = new Set<string>();

  constructor(
    readonly options: RunOptions,
    readonly master: Master,
    readonly templar: Templar,
    readonly playbookDir: string,
  ) {
    this.hosts = options.hosts ?? new Map();
    this.startAt = options.startAtTask ? new StartAtTask(options.startAtTask) : undefined;
  }

  /**
   * Whether a condition (`when`, assert's `that`, `changed_when` …) holds, with Ansible's warning (once per
   * text) when it holds `{{ }}` or `{% %}`, which a condition does not need.
   */
  holds(condition: string | boolean, vars: Record<string, unknown>, where?: TemplateWhere): boolean {
    if (typeof condition === 'string' && hasTemplate(condition) && !this.templatedConditions.has(condition)) {
      this.templatedConditions.add(condition);
      this.emit({
        kind: 'warning',
        msg: `conditional statements should not include jinja2 templating delimiters such as {{ }} or {% %}. Found: ${condition}`,
        time: Date.now(),
      });
    }
    return this.templar.isTrue(condition, vars, where);
  }

  /** Emits an event stamped with the current time. */
  emit(event: RunEvent): void {
    this.options.emit(event);
  }

  /** A host's inventory variables (group and host vars, vars dirs), merged once per run. */
  hostInventory(host: string): Record<string, unknown> {
    let vars = this.inventoryVars.get(host);
    if (!vars) {
      vars = mergeLayers(
        hostInventoryLayers(this.options.inventory, host, this.playbookDir, this.options.vault),
        this.options.hashBehaviour,
      );
      this.inventoryVars.set(host, vars);
    }
    return vars;
  }

  /**
   * A batch of a play starts: its hosts are the play's batch (`ansible_play_batch`), and the play's hosts are
   * selected again (a host `add_host` put in no group of the pattern is no longer one), as Ansible's strategy does.
   */
  startBatch(play: PlayNode, batch: string[]): void {
    const all = this.inventoryGeneration > 0 ? this.selectPlayHosts(play) : [...play.hosts];
    this.playHosts = { playId: play.id, all, batch };
  }

  /** `add_host` added a host while a play runs: it joins that play's `ansible_play_hosts_all`. */
  hostAdded(host: string): void {
    if (this.playHosts && !this.playHosts.all.includes(host)) this.playHosts.all.push(host);
  }

  /** A play's hosts selected again in the inventory as it is now (`add_host`, `group_by`, a refresh), within `--limit`. */
  selectPlayHosts(play: PlayNode): string[] {
    const { inventory, graph } = this.options;
    const limited = graph.limit ? new Set(inventory.selectHosts(graph.limit)) : undefined;
    return inventory.selectHosts(play.pattern).filter((h) => !limited || limited.has(h));
  }

  /**
   * `meta: refresh_inventory`: the inventory sources are read again (keeping what `add_host` and `group_by` did);
   * every host's inventory variables are merged again and later plays select their hosts again. False without a
   * way to read the sources (a run not started from the command line).
   */
  refreshInventory(): boolean {
    const fresh = this.options.reloadInventory?.();
    if (!fresh) return false;
    this.options.inventory.refresh(fresh);
    this.inventoryGeneration++;
    this.inventoryVars.clear();
    const current = this.playHosts;
    const play = current && this.options.graph.plays.find((p) => p.id === current.playId);
    if (current && play) {
      // As Ansible's `_set_hosts_cache`: every host the pattern selects now, and those of the batch that still are.
      current.all = this.selectPlayHosts(play);
      current.batch = current.batch.filter((h) => current.all.includes(h));
    }
    return true;
  }

  /** The inventory changed for `host` (a new host, new vars or groups): its merged variables are read again. */
  inventoryChanged(host: string): void {
    this.inventoryGeneration++;
    this.inventoryVars.delete(host);
  }

  /**
   * The variables a task sees on a host, in Ansible's precedence order (lowest first: role defaults, inventory,
   * facts, play vars and vars_files, role vars, block and task vars, include_vars, set_fact and registered results, role and
   * include parameters, extra vars), with the magic variables.
   */
  scope(
    play: PlayNode,
    host: HostRun,
    inherited: Inherited,
    task?: { vars: Record<string, unknown> },
  ): Record<string, unknown> {
    const cached = this.playHosts?.playId === play.id ? this.playHosts : undefined;
    const hostsAll = cached?.all ?? play.hosts;
    const active = (name: string) => {
      const run = this.hosts.get(name);
      return !run || (!run.failed && !run.unreachable);
    };
    const vars = {
      ...combineVars(
        this.options.hashBehaviour,
        play.publicRoleDefaults,
        inherited.roleDefaults,
        this.hostInventory(host.name),
        host.facts,
        { ansible_facts: factsNamespace(host.facts) },
        play.vars,
        play.publicRoleVars,
        inherited.vars,
        task?.vars ?? {},
        host.includedVars,
        host.setFacts,
        host.registered,
        inherited.params ?? {},
        this.options.extraVars,
      ),
      ...magicVariables({
        inventory: this.options.inventory,
        host: host.name,
        playHosts: hostsAll.filter(active),
        playHostsAll: hostsAll,
        playBatch: cached?.batch.filter(active),
        playName: play.name,
        roles: inherited.roles,
        playRoles: play.roleNames,
        tags: this.options.graph.tags,
        diff: this.options.diff,
        verbosity: this.options.verbosity,
        check: this.options.check,
        playbookDir: this.playbookDir,
        hostvars: this.hostvars(),
      }),
    };
    return withConnectionAddress(vars, this.hostAddress(host.name));
  }

  /** The address a host is reached at when no `ansible_host` says one: its inventory address, else its name. */
  hostAddress(host: string): string {
    return this.options.inventory.hosts.get(host)?.address ?? host;
  }

  /** `hostvars`: every host's variables, computed when a template looks one up. */
  private hostvars(): Record<string, unknown> {
    return new Proxy(
      {},
      {
        get: (_t, name) => {
          const host = typeof name === 'string' ? this.hosts.get(name) : undefined;
          if (!host)
            return typeof name === 'string' && this.options.inventory.hosts.has(name)
              ? hostVarsView(this.hostInventory(name), this.templar, () => this.hostMagic(name))
              : undefined;
          return hostVarsView(
            {
              ...this.hostInventory(host.name),
              ...host.facts,
              ansible_facts: factsNamespace(host.facts),
              ...host.includedVars,
              ...host.setFacts,
              ...host.registered,
              inventory_hostname: host.name,
            },
            this.templar,
            () => this.hostMagic(host.name),
          );
        },
        has: (_t, name) => typeof name === 'string' && this.options.inventory.hosts.has(name),
        ownKeys: () => [],
      },
    );
  }

  /** The magic variables a host's `hostvars` entry renders its templates with (outside any play). */
  private hostMagic(host: string): Record<string, unknown> {
    return magicVariables({
      inventory: this.options.inventory,
      host,
      playHosts: [],
      check: this.options.check,
      playbookDir: this.playbookDir,
      hostvars: this.hostvars(),
    });
  }

  /** Marks a task whose output must stay hidden (`no_log`) before any of its hosts runs it. */
  silence(task: TaskNode): void {
    if (this.noLog(task)) this.silencedTasks.add(task.id);
  }

  /** A live output line from a task on a host; dropped for a `no_log` task (its censored result says enough). */
  output(host: string, taskId: string, stream: 'stdout' | 'stderr', line: string): void {
    if (this.silencedTasks.has(taskId)) return;
    this.emit({ kind: 'host:output', host, taskId, stream, line: this.mask(line), time: Date.now() });
  }

  /** One loop item's result (shown live; counted in the task's summary, not here). */
  itemResult(host: HostRun, task: TaskNode, label: string, index: number, result: TaskResult): void {
    const ignored = isFailed(result) && this.ignoresErrors(task, result);
    const shown = this.mask(this.noLog(task) ? censor(result) : result);
    this.emit({
      kind: 'task:result',
      host: host.name,
      taskId: task.id,
      task: taskTitle(task),
      status: shownStatus(host, statusOf(result, ignored)),
      // Ansible 2.14 labels a censored item `None`: its clean result has no item left to show.
      item: { label: this.noLog(task) ? 'None' : label, index },
      msg: typeof shown.msg === 'string' ? shown.msg : undefined,
      result: shown,
      ...(task.boundFrom !== undefined ? { module: task.module } : {}),
      diff: this.noLog(task) ? undefined : shownDiff(this.mask(result.diff)),
      durationMs: 0,
      time: Date.now(),
    });
  }

  /** A task's final result on a host: counted in the recap and emitted. Returns the status. */
  taskResult(
    host: HostRun,
    task: TaskNode,
    result: TaskResult,
    durationMs: number,
    delegatedTo?: string,
  ): HostStatus {
    const ignored = result.unreachable
      ? Boolean(task.ignoreUnreachable)
      : isFailed(result) && this.ignoresErrors(task, result);
    const status = statusOf(result, ignored);
    const stats = host.stats;
    host.counted = true;
    if (status === 'failed') host.failureOutlivesRescue = false;
    if (status !== 'unreachable' && status !== 'skipped') host.tasksRun++;
    if (status === 'unreachable') stats.unreachable++;
    else if (status === 'skipped') stats.skipped++;
    else if (status === 'failed') stats.failed++;
    else {
      stats.ok++;
      if (result.changed) stats.changed++;
      if (status === 'ignored') stats.ignored++;
    }
    const shown = this.mask(this.noLog(task) ? censor(result) : result);
    const { results: _items, ...summary } = shown;
    this.emit({
      kind: 'task:result',
      host: host.name,
      taskId: task.id,
      task: taskTitle(task),
      status: shownStatus(host, status),
      msg: typeof shown.msg === 'string' ? shown.msg : undefined,
      result: summary,
      ...(task.boundFrom !== undefined ? { module: task.module } : {}),
      diff: this.noLog(task) || result.results ? undefined : shownDiff(this.mask(result.diff)),
      delegatedTo,
      durationMs,
      time: Date.now(),
    });
    return status;
  }

  /** Replaces every vault plaintext decrypted so far with `<vaulted>`, so output never shows a vaulted secret. */
  mask<T>(value: T): T {
    return maskSecrets(value, this.templar.vault.revealed);
  }

  /** Whether `ignore_errors` applies (the compiler made it a boolean; a template string reads as false). */
  ignoresErrors(task: TaskNode, _result: TaskResult): boolean {
    return isAnsibleTrue(task.ignoreErrors);
  }

  /** Whether a task's values must stay hidden (the compiler made `no_log` a boolean). */
  noLog(task: TaskNode): boolean {
    return isAnsibleTrue(task.noLog);
  }
}

/** `ansible_facts`: the gathered facts under their short names (`ansible_facts['os_family']`), as in Ansible. */
function factsNamespace(facts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(facts).map(([key, value]) => [key.replace(/^ansible_/, ''), value]),
  );
}

/** A failure inside a block with `rescue` is reported as `rescued` (the recap counts it when the block rescues). */
function shownStatus(host: HostRun, status: HostStatus): HostStatus {
  return status === 'failed' && host.rescueDepth > 0 ? 'rescued' : status;
}
