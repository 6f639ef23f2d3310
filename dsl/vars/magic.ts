import { playbookPython } from '../inventory/controller-python.js';
import type { Inventory } from '../inventory/types.js';
import { OMIT } from '../template/templar.js';

/** The magic variables Ansible defines for every host (`inventory_hostname`, `groups`, `omit` …). */
export function magicVariables(args: {
  inventory: Inventory;
  host: string;
  playHosts: string[];
  check: boolean;
  playbookDir?: string;
  hostvars?: Record<string, unknown>;
  /** Every host of the play (`ansible_play_hosts_all`); `playHosts` are those still active. */
  playHostsAll?: string[];
  /** The active hosts of the current `serial` batch (`ansible_play_batch`, `play_hosts`); all of `playHosts` by default. */
  playBatch?: string[];
  playName?: string;
  /** The roles the task is in, outermost first (`role_name`, `role_path`, `ansible_parent_role_names`). */
  roles?: Array<{ name: string; path: string }>;
  /** The roles the play lists or imports, and those they depend on (`ansible_role_names` …). */
  playRoles?: { play: string[]; dependencies: string[] };
  tags?: { run: string[]; skip: string[] };
  diff?: boolean;
  verbosity?: number;
}): Record<string, unknown> {
  const groups: Record<string, string[]> = {};
  for (const name of args.inventory.groups.keys()) groups[name] = args.inventory.selectHosts(name);
  return {
    inventory_hostname: args.host,
    inventory_hostname_short: args.host.split('.')[0],
    group_names: args.inventory.groupNames(args.host),
    groups,
    play_hosts: args.playBatch ?? args.playHosts,
    ansible_play_hosts: args.playHosts,
    ansible_play_batch: args.playBatch ?? args.playHosts,
    ansible_play_hosts_all: args.playHostsAll ?? args.playHosts,
    ansible_play_name: args.playName,
    ansible_check_mode: args.check,
    ansible_diff_mode: args.diff ?? false,
    ansible_verbosity: args.verbosity ?? 0,
    ansible_run_tags: args.tags?.run ?? ['all'],
    ansible_skip_tags: args.tags?.skip ?? [],
    ...playRoleVariables(args.playRoles ?? { play: [], dependencies: [] }),
    ...roleVariables(args.roles ?? []),
    omit: OMIT,
    playbook_dir: args.playbookDir,
    hostvars: args.hostvars ?? {},
    ansible_playbook_python: playbookPython(),
    ansible_version: ANSIBLE_VERSION,
  };
}

/**
 * Ansible's connection magic variables (PlayContext `update_vars`): a task sees `ansible_host` and
 * `ansible_ssh_host` even when the inventory sets neither, as the address it connects to (its name by default).
 */
export function withConnectionAddress(vars: Record<string, unknown>, host: string): Record<string, unknown> {
  const address = vars.ansible_host ?? vars.ansible_ssh_host ?? host;
  if (vars.ansible_host !== undefined && vars.ansible_ssh_host !== undefined) return vars;
  return { ansible_host: address, ansible_ssh_host: address, ...vars };
}

/**
 * The play's role lists: `ansible_play_role_names` (and its older name `role_names`) those the play lists or
 * imports, `ansible_dependent_role_names` their dependencies, `ansible_role_names` both, each name once.
 */
function playRoleVariables(roles: { play: string[]; dependencies: string[] }): Record<string, unknown> {
  return {
    ansible_role_names: [...new Set([...roles.play, ...roles.dependencies])],
    ansible_play_role_names: roles.play,
    ansible_dependent_role_names: roles.dependencies,
    role_names: roles.play,
  };
}

/**
 * `role_name`, `role_path`, `ansible_role_name` and `ansible_collection_name` (None: roles are not found in
 * collections) of a task inside roles; `ansible_parent_role_*` only inside a role another role includes or
 * imports, nearest parent first.
 */
function roleVariables(roles: Array<{ name: string; path: string }>): Record<string, unknown> {
  if (roles.length === 0) return {};
  const current = roles[roles.length - 1];
  const parents = roles.slice(0, -1).reverse();
  return {
    role_name: current.name,
    ansible_role_name: current.name,
    role_path: current.path,
    ansible_collection_name: null,
    ...(parents.length > 0
      ? {
          ansible_parent_role_names: parents.map((r) => r.name),
          ansible_parent_role_paths: parents.map((r) => r.path),
        }
      : {}),
  };
}

/** The Ansible release whose behaviour Spindle follows, as `ansible_version` reports it. */
const ANSIBLE_VERSION = { full: '2.14.0', major: 2, minor: 14, revision: 0, string: '2.14.0' };
