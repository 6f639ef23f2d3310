import type { ResolvedModule } from '../modules/registry.js';

/**
 * The TaskGraph: what `dsl/` compiles a playbook into and `runner/` executes. Plain data (no functions,
 * no classes) so it can be printed (`--graph`), snapshotted in tests and serialised. Values that hold
 * templates (`{{ … }}`) are kept raw here; the runner renders them per host at execution time.
 */

/** Where a node came from, for errors and `--list-tasks`. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Privilege escalation settings, inherited play → block → task. */
export interface BecomeSpec {
  /** A boolean, or a template rendered per host (`"{{ omit }}"` falls back to `fallback`). */
  become?: boolean | string;
  /** `become` of what encloses the node: what a `become` template that renders to `omit` means. */
  fallback?: boolean | string;
  user?: string;
  method?: 'sudo' | 'su' | 'doas';
  flags?: string;
}

/** `loop_control`. */
export interface LoopControl {
  /** Variable names; either may be a template, rendered per host. */
  loopVar: string;
  indexVar?: string;
  label?: string;
  /** Seconds between items, or a template. */
  pause?: number | string;
  /** `extended` / `extended_allitems`: booleans or templates. */
  extended?: boolean | string;
  extendedAllitems?: boolean | string;
}

/** Keywords shared by tasks and blocks (the ones a block passes down to its children). */
export interface CommonKeywords {
  /** Conditions, all of which must hold (Ansible ANDs a `when` list); raw Jinja2 expressions. */
  when: string[];
  tags: string[];
  become?: BecomeSpec;
  /** Task/block-level variables (raw, templated lazily). */
  vars: Record<string, unknown>;
  environment?: EnvironmentValue;
  ignoreErrors?: boolean | string;
  ignoreUnreachable?: boolean;
  noLog?: boolean | string;
  checkMode?: boolean | string;
  diff?: boolean;
  delegateTo?: string;
  runOnce?: boolean;
  throttle?: number;
  anyErrorsFatal?: boolean;
  /** `remote_user` keyword (may be a template): loses to any `ansible_user` variable, as in Ansible. */
  remoteUser?: string;
  /** `connection` keyword (may be a template): loses to any `ansible_connection` variable, as in Ansible. */
  connection?: string;
  /** Set when the node came from a role: the role's name and its folder (for `files/`, `templates/`). */
  role?: { name: string; path: string };
  location: SourceLocation;
}

/** One task: a module call with its control keywords. */
export interface TaskNode extends CommonKeywords {
  kind: 'task';
  /** Unique within the graph, stable between compiles: e.g. `p0.t3` or `p0.t3.b1` for nested blocks. */
  id: string;
  /** A bad argument found at load time in a task that may fail by design: the task fails with it when it runs. */
  loadError?: string;
  /** The task's name as written (may hold templates); the action as written (`ansible.builtin.debug`) when it has none. */
  name: string;
  /** Set when the task has no `name:` (`name` is then its action): Ansible titles such tasks differently. */
  unnamed?: boolean;
  /** Canonical module name from the registry (`file`), whatever form was written (`ansible.builtin.file`). */
  module: string;
  /** The module as the compiler resolved it (kind, where it runs, its file): the runner never looks it up. */
  resolved: ResolvedModule;
  /** The name Ansible's messages quote for the module when it is not `module` (`ansible.builtin.file`, `ansible.legacy.command`). */
  invokedAs?: string;
  /**
   * Set when the module name is a template (`action: "{{ pkg_mgr }}"`): `module` is then the template as written,
   * `resolved` a stand-in run on the controller, and each host binds the real module and checks `args` when the
   * task runs (dsl/compile/templated-action.ts).
   */
  actionTemplate?: { playbookDir: string };
  /** Set on a task bound from a templated action: the template as written (the run reports the bound module). */
  boundFrom?: string;
  /** Handlers only: the topics it answers besides its name (`listen:`). */
  listen?: string[];
  /** Module arguments: free-form text already split into the module's `freeForm` argument; raw (templates kept). */
  args: Record<string, unknown>;
  /**
   * The arguments validated and converted by the module's schema at compile time (aliases resolved, defaults
   * filled), present when no template decides any of them: the runner then runs no schema at all.
   */
  checkedArgs?: Record<string, unknown>;
  /** `loop` / `with_items` value, raw (a list or a template string); undefined when the task does not loop. */
  loop?: unknown;
  loopControl?: LoopControl;
  register?: string;
  /** Handler names or `listen` topics to notify when the task reports changed. */
  notify: string[];
  changedWhen?: string[] | boolean;
  failedWhen?: string[] | boolean;
  until?: string;
  /** A number, or a template rendered when the task runs. */
  retries?: number | string;
  /** Seconds between `until` attempts: a number, or a template rendered when the task runs. */
  delay?: number | string;
  /** `timeout`: seconds each attempt of the task may take before it fails (0 or unset: no bound). */
  timeout?: number | string;
  /** `async`: the task runs as a background job on the host, for at most this many seconds (0 or unset: no job). */
  asyncSeconds?: number | string;
  /** `poll`: seconds between checks of an async job (Ansible's default 15); 0: fire and forget. */
  poll?: number | string;
}

/** `block` / `rescue` / `always`. */
export interface BlockNode extends CommonKeywords {
  kind: 'block';
  id: string;
  name?: string;
  block: GraphNode[];
  rescue: GraphNode[];
  always: GraphNode[];
  /** A role's `defaults/main.yml` (import_role): the lowest-precedence variables of the block's tasks. */
  roleDefaults?: Record<string, unknown>;
  /** A role's parameters (its own and its parents') or an include's: above set_fact, below extra vars. */
  params?: Record<string, unknown>;
  /**
   * Set on a role's block: which instance of the role it is (Ansible's role cache key: the role, its parameters,
   * `when`, `tags`, `vars`, and whether an include/import brought it). A host that completed the instance in this
   * play skips it again unless duplicates are allowed.
   */
  roleInstance?: { key: string; allowDuplicates: boolean };
  /** Set on the block a static import (`import_tasks`, a static `include`) compiles to: not a written `block:`. */
  imported?: boolean;
  /**
   * Set on the block that enters its role (a `roles:` entry, a dependency, an `import_role`, even of the role it
   * is in): its tasks see the role that holds it as a parent (`ansible_parent_role_names`). Other blocks of a role
   * (`block:`, `import_tasks`) stay in it.
   */
  entersRole?: boolean;
  /**
   * Set on the block of a role that a `meta/main.yml` pulled in: it stands beside the role that depends on it, so
   * its tasks see that role's parents as theirs (not that role).
   */
  dependency?: boolean;
}

/** A `meta:` action. */
export interface MetaNode extends CommonKeywords {
  kind: 'meta';
  id: string;
  /** Its `name:`, or the action as written (`meta`, `ansible.builtin.meta`): the title of its TASK banner. */
  name: string;
  /** Set when the meta task has no `name:`. */
  unnamed?: boolean;
  /** Its `listen` topics, when it is a handler. */
  listen?: string[];
  action:
    | 'flush_handlers'
    | 'end_play'
    | 'end_host'
    | 'end_batch'
    | 'clear_facts'
    | 'clear_host_errors'
    | 'refresh_inventory'
    | 'noop'
    | 'reset_connection';
}

/**
 * A dynamic `include_tasks` / `include_role`: resolved per host at run time (its file name may be templated).
 * Static `import_tasks` / `import_role` never appear here: the compiler inlines them.
 */
export interface IncludeNode extends CommonKeywords {
  kind: 'include';
  id: string;
  /** `register`: the include's outcome (ok, skipped or failed) under this name, as Ansible registers it. */
  register?: string;
  /** The include's `name:`, or its action as written (`include_tasks`, `ansible.builtin.include_role`). */
  name: string;
  /** Set when the include has no `name:`. */
  unnamed?: boolean;
  /** `tasks` for include_tasks (file), `role` for include_role (role name, tasks_from…). */
  target:
    | { type: 'tasks'; file: string }
    | {
        type: 'role';
        role: string;
        tasksFrom?: string;
        handlersFrom?: string;
        varsFrom?: string;
        defaultsFrom?: string;
        /** `public: true`: once included, the role's defaults and vars are the play's (Ansible's public role). */
        public?: boolean;
      };
  /** A legacy `include`'s `k=v` arguments: task-level variables of the included tasks (its `vars:` are parameters). */
  argVars?: Record<string, unknown>;
  /** Its `notify` (own or inherited), passed down to the included tasks that have none of their own. */
  notify?: string[];
  /** `apply: {tags: …}`: tags every included task gets (an include's own tags stay its own, as Ansible's). */
  applyTags?: string[];
  /** Tags of its play and enclosing blocks, which the included tasks inherit (unlike the include's own). */
  inheritedTags?: string[];
  /** Variables passed to the include (`vars:` on it or legacy inline vars). */
  loop?: unknown;
  loopControl?: LoopControl;
}

/** Anything that can appear in a task list. */
export type GraphNode = TaskNode | BlockNode | MetaNode | IncludeNode;

/**
 * A handler: a task, a `meta` action, or an `include_tasks`/`include_role` whose tasks run, at flush time when
 * notified by `name` or one of its `listen` topics.
 */
export type HandlerNode = (TaskNode | MetaNode | IncludeNode) & {
  listen: string[];
  /** Another handler of the same name wins when notified by name (this one still answers its `listen`). */
  shadowed?: boolean;
};

/** `serial`: batch sizes, as numbers or percentages, Ansible-style list semantics (last one repeats). */
export type SerialSpec = Array<number | `${number}%`>;

/** One play, with pre_tasks/roles/tasks/post_tasks already in execution order in `tasks`. */
export interface PlayNode {
  id: string;
  name: string;
  /** The host pattern as written. */
  pattern: string;
  /** The hosts it selects after `--limit`, in inventory order. */
  hosts: string[];
  /** Play-level vars merged with vars_files (raw); role defaults/vars are attached on role nodes via `vars`. */
  vars: Record<string, unknown>;
  /** Variables from role `defaults/main.yml` (lowest precedence), per role name. */
  roleDefaults: Record<string, Record<string, unknown>>;
  /** `gather_facts` as written (undefined when not set: the `gathering` setting decides). */
  gatherFacts?: boolean;
  /** `when` of the `import_playbook` that brought the play in: its fact gathering runs only where it holds. */
  importedWhen?: string[];
  /** The implicit `setup` task's arguments from `gather_subset`, `gather_timeout` and `fact_path`. */
  gatherArgs: Record<string, unknown>;
  /** Defaults of every role the play lists or imports: every task of the play sees them (lowest precedence). */
  publicRoleDefaults: Record<string, unknown>;
  /** Vars of every role the play lists or imports: every task sees them, above play vars and vars_files. */
  publicRoleVars: Record<string, unknown>;
  /**
   * The play's roles by name: those it lists or imports (`ansible_play_role_names`, once per entry or import)
   * and those they pull in as dependencies (`ansible_dependent_role_names`, each once).
   */
  roleNames: { play: string[]; dependencies: string[] };
  become?: BecomeSpec;
  serial?: SerialSpec;
  strategy: 'linear' | 'free';
  maxFailPercentage?: number;
  anyErrorsFatal: boolean;
  /** `force_handlers` when the play sets it; else the run's setting (--force-handlers) decides. */
  forceHandlers?: boolean;
  /** Play-level `no_log` and `ignore_errors`: every task that does not set its own inherits them. */
  noLog?: boolean | string;
  ignoreErrors?: boolean | string;
  environment?: EnvironmentValue;
  /** Play `remote_user` / `connection` keywords: below every `ansible_user` / `ansible_connection` variable. */
  remoteUser?: string;
  connection?: string;
  tags: string[];
  checkMode?: boolean | string;
  /** pre_tasks, roles, tasks, post_tasks in order; handlers are flushed after each section like Ansible. */
  sections: Array<{ section: 'pre_tasks' | 'roles' | 'tasks' | 'post_tasks'; nodes: GraphNode[] }>;
  handlers: HandlerNode[];
  location: SourceLocation;
}

/** The compiled playbook. */
export interface TaskGraph {
  /** Absolute path of the playbook file (relative paths in tasks resolve from its folder). */
  playbook: string;
  plays: PlayNode[];
  /** `--limit` as given: plays select their hosts again, within it, after `add_host`/`group_by` ran. */
  limit?: string;
  /** `--tags` / `--skip-tags` as given (`ansible_run_tags`, `ansible_skip_tags`). */
  tags?: { run: string[]; skip: string[] };
  /** ansible.cfg `roles_path` / ANSIBLE_ROLES_PATH: where roles included at run time (include_role) are found too. */
  rolesPath?: string[];
  /** Non-fatal findings (YAML 1.1 vs 1.2 scalars, duplicate keys, ignored Python-only variables …). */
  warnings: Array<{ message: string; location?: SourceLocation }>;
}

/** An `environment:` value: a mapping, a template giving one, or a list of them (later entries win). */
export type EnvironmentValue = Record<string, unknown> | string | Array<Record<string, unknown> | string>;
