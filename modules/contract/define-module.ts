import type { z } from 'zod';
import type { UnsupportedOptions } from './unsupported-options.js';

/**
 * The contract every task module in `modules/` follows (pyinfra's shape): read the current state with a
 * read-only `probe`, decide with a pure `plan` what differs, and let `apply` act on exactly that difference.
 * Check mode is `probe` + `plan`; fixtures test `plan` with fake state, no I/O.
 */

/** Where a module's code runs: shipped to the host's context, or evaluated on the controller (debug, set_fact…). */
export type ModuleTarget = 'remote' | 'controller';

/** A before/after pair shown by `--diff`: file content as text, or attributes (mode, owner…) as short strings. */
export interface DiffEntry {
  /** What the diff is about, usually a path. */
  path: string;
  before: string;
  after: string;
  /** `content` diffs render as unified text diffs; `attributes` diffs render as before → after lines. */
  kind: 'content' | 'attributes';
}

/** What a module decided to do for one task on one host; the same value is reported in check mode. */
export interface Plan<Step = unknown> {
  /** The changes `apply` will make, in order; empty means nothing to do. */
  steps: Step[];
  /** Human sentence: why nothing changes ("/etc/app.conf already has mode 0644") or what will change. */
  reason: string;
  diff?: DiffEntry[];
}

/** Runtime services a module may use; the remote dispatcher (or the controller, for controller modules) fills it. */
export interface ModuleEnv {
  /** Check mode: `apply` is never called; the plan is reported as what would change. */
  check: boolean;
  /** `--diff`: the plan should carry `diff` entries. */
  diff: boolean;
  /** Streams one line of live output to the controller (FORWARD_LOG), tagged with the running task. */
  log(line: string, stream?: 'stdout' | 'stderr'): void;
  /** Reads a file held by the controller (copy `src`, script, unarchive): small files arrive inline, large ones stream. */
  fetchControllerFile?(path: string): Promise<Buffer>;
  /** Streams a controller file into `dest` atomically (temp file + fsync + rename), for large copies. */
  streamControllerFile?(path: string, dest: string): Promise<{ size: number; sha1: string }>;
  /** Controller modules only: evaluates a Jinja2 expression (assert `that`, debug `var`) against the host's variables. */
  evaluate?(expression: string): unknown;
  /** Controller modules only: whether a condition holds, as Ansible's conditionals read it (assert `that`). */
  condition?(expression: string): boolean;
  /** Controller modules only: reads a YAML/JSON vars file, decrypting a vault-encrypted one (include_vars). */
  readVarsFile?(path: string): unknown;
  /** Controller modules only: the host's variables, read-only. */
  vars?: Readonly<Record<string, unknown>>;
  /** Environment variables the task sets for processes it starts (`environment:`). */
  environment?: Record<string, string>;
}

/** The result of one module invocation, in Ansible's vocabulary so `register` and recaps agree with it. */
export interface ModuleResult {
  changed: boolean;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  diff?: DiffEntry[];
  /** Module-specific return values (stdout, rc, stat, dest …) that `register` exposes. */
  [key: string]: unknown;
}

/** A module thrown error that becomes `failed: true` with `msg` (e.g. "copy: /etc/x: permission denied (EACCES)"). */
export class ModuleFailure extends Error {
  override name = 'ModuleFailure';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Everything one module file exports under `module`: schema, state reading, planning and acting. */
export interface ModuleDefinition<Args extends z.ZodType = z.ZodType, State = unknown, Step = unknown> {
  /** Canonical short name (`file`); `ansible.builtin.file` and `spindle.file` map to it. */
  name: string;
  /** Other names that select this module (`systemd` → `service`, `package` → `apt` …). */
  aliases?: string[];
  /** One line for `docs/modules.md`. */
  summary: string;
  runsOn: ModuleTarget;
  /** False for modules that cannot know whether they change anything (`command`, `shell`, `raw`, `script`). */
  idempotent: boolean;
  /**
   * What check mode does (default `plan`: report the plan as what would change). `run`: `apply` changes nothing
   * on the host (it only waits or reads), so it runs in check mode too and its result is reported as is
   * (Ansible's `pause`). `unsupported`: Ansible's module declares no check mode support, so the task is
   * skipped, unchanged (`wait_for`).
   */
  checkMode?: 'plan' | 'run' | 'unsupported';
  /** Name of the argument that receives free-form text (`command: ls -l` → `cmd`), if any. */
  freeForm?: string;
  /**
   * How one-line `k=v` text is read (Ansible's `parse_kv`). `params` (default): every `k=v` word is an argument,
   * the other words form `freeForm`. `command` (command, shell, raw, script): only command options (`chdir`,
   * `creates`, `removes`, `executable`, `stdin` …) are split out; every other word stays in the command line.
   */
  freeFormStyle?: 'params' | 'command';
  /**
   * Arguments the schema accepts only so that older playbooks still run, and the module ignores (command's
   * `warn`): name → the warning the compiler gives when a task uses one.
   */
  ignoredArgs?: Readonly<Record<string, string>>;
  /**
   * Options Ansible documents that the native code does not implement, with their "not used" value: the schema
   * accepts them (built with `unsupportedOptions`), and a task that gives one another value fails naming it.
   */
  unsupportedArgs?: UnsupportedOptions;
  /**
   * The arguments of Ansible's type `path`, which the module sees with `$VARS` and `~` expanded on the host (with
   * the task's environment), as AnsibleModule does; a function when it depends on the other arguments.
   */
  pathArgs?: readonly string[] | ((args: z.infer<Args>) => readonly string[]);
  /** The zod schema of the arguments; `z.infer` of it is the argument type of the TypeScript DSL. */
  args: Args;
  /** Reads the current state; must not change anything. */
  probe(args: z.infer<Args>, env: ModuleEnv): Promise<State>;
  /** Pure: compares args with the state and returns what to do and why. */
  plan(args: z.infer<Args>, state: State, env: Pick<ModuleEnv, 'check' | 'diff'>): Plan<Step>;
  /** Carries out a non-empty plan; returns the module's result fields. */
  apply(args: z.infer<Args>, state: State, plan: Plan<Step>, env: ModuleEnv): Promise<ModuleResult>;
  /** Optional: result fields reported when nothing changes or in check mode (e.g. `stat` returns `stat`). */
  report?(args: z.infer<Args>, state: State, plan: Plan<Step>): Record<string, unknown>;
}

/** Declares a module with full type inference for its args, state and steps. */
export function defineModule<Args extends z.ZodType, State, Step>(
  definition: ModuleDefinition<Args, State, Step>,
): ModuleDefinition<Args, State, Step> {
  return definition;
}
