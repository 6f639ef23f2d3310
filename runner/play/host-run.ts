import type { TaskResult } from '../../modules/task-result.js';
import type { HostStats } from '../report/events.js';

/** Everything the scheduler tracks for one host during a run. */
export class HostRun {
  readonly stats: HostStats = {
    ok: 0,
    changed: 0,
    unreachable: 0,
    failed: 0,
    skipped: 0,
    rescued: 0,
    ignored: 0,
  };
  /** Facts from `setup` and `set_fact`, and registered results (highest non-extra precedence). */
  facts: Record<string, unknown> = {};
  /** Variables from `include_vars`: below set_fact and registered results. */
  includedVars: Record<string, unknown> = {};
  setFacts: Record<string, unknown> = {};
  registered: Record<string, unknown> = {};
  failed = false;
  unreachable = false;
  /**
   * Set when the host's last failure was an include that could not load: Ansible counts it (or not) as it
   * happened and a rescue does not turn it into `rescued`.
   */
  failureOutlivesRescue = false;
  /** Whether a result of the host was counted: Ansible's recap lists only such hosts. */
  counted = false;
  /** `meta: end_host`, or a fatal error elsewhere (any_errors_fatal). */
  ended = false;
  /** Handlers this host has been notified to run (by handler id). */
  readonly notified = new Set<string>();
  /** The last failure (for `ansible_failed_task` / `ansible_failed_result` in rescue). */
  lastFailure?: { task: Record<string, unknown>; result: TaskResult };
  /** How many enclosing blocks with a `rescue` section the host is running: its failures there are rescued. */
  rescueDepth = 0;
  /** How many enclosing blocks with an `always` section the host is running (before that section). */
  alwaysDepth = 0;

  /** How many task results the host got that were not skipped or unreachable (a role "ran" when this grows). */
  tasksRun = 0;
  /** Role instances (BlockNode.roleInstance keys) the host ran to their end in the current play. */
  readonly completedRoles = new Set<string>();

  constructor(readonly name: string) {}

  /** True while the host should run further tasks. */
  get active(): boolean {
    return !this.failed && !this.unreachable && !this.ended;
  }
}
