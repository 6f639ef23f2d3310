import type { BecomeSpec, TaskNode } from '../../dsl/graph.js';
import { type ConnectionSettings, connectionSettings } from '../../dsl/inventory/connection-settings.js';
import { OMIT } from '../../dsl/template/templar.js';
import { isAnsibleTrue } from '../../modules/ansible-boolean.js';
import type { Context } from '../core/index.js';
import type { HostRun } from './host-run.js';
import type { PlayScope } from './play-scope.js';

/**
 * The variables connection settings are read from (`ansible_*`, `spindle_*`, `node_binary`): only these are
 * rendered for a connection, so an unrelated variable (a `!vault` value the play never uses) is not decrypted.
 */
function connectionVars(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(vars).filter(([key]) => /^(ansible_|spindle_|node_binary$)/.test(key)),
  );
}

/**
 * The connection variables of a host with Ansible's precedence for the two that keywords and flags also set:
 * any `ansible_user` / `ansible_connection` variable (inventory, play vars, facts, `-e`) wins, then the
 * task/block/play `remote_user` / `connection` keyword, then `-u` / `-c` (or ansible.cfg, ANSIBLE_REMOTE_USER,
 * ANSIBLE_TRANSPORT) as the default.
 */
export function withConnectionDefaults(
  scope: PlayScope,
  vars: Record<string, unknown>,
  keywords: { remoteUser?: string; connection?: string },
): Record<string, unknown> {
  const { options } = scope.state;
  const defaults: Record<string, unknown> = {};
  const user = keywords.remoteUser ?? options.remoteUser;
  const connection = keywords.connection ?? options.connection;
  if (user !== undefined && vars.ansible_user === undefined && vars.ansible_ssh_user === undefined)
    defaults.ansible_user = user;
  if (
    connection !== undefined &&
    vars.ansible_connection === undefined &&
    vars.spindle_connection === undefined
  )
    defaults.ansible_connection = connection;
  return { ...connectionVars(vars), ...defaults };
}

/** A host's connection settings before any task runs (to start its connection early): inventory, `-e`, play. */
export function inventoryConnection(scope: PlayScope, host: string): ConnectionSettings {
  const inventory = { ...scope.state.hostInventory(host), ...scope.state.options.extraVars };
  const vars = { inventory_hostname: host, ...inventory };
  return connectionSettings(
    host,
    scope.state.templar.render(withConnectionDefaults(scope, inventory, scope.play), vars) as Record<
      string,
      unknown
    >,
    scope.state.hostAddress(host),
  );
}

/**
 * The context a task runs in on a host: the delegated host's or the host's own login context, or a become
 * context below it — `ansible_become*` variables win (as in Ansible), then the `become*` keywords (the task's,
 * else its blocks', roles' or play's), then the command line's. Becoming the user the connection logs in as
 * (the local user, or `ansible_user`) opens no become context unless `become_allow_same_user` is set.
 */
export async function contextFor(
  scope: PlayScope,
  task: TaskNode,
  host: HostRun,
  vars: Record<string, unknown>,
  delegated?: string,
): Promise<Context> {
  const { state, play, pool } = scope;
  const target = delegated ?? host.name;
  const targetVars = delegated
    ? { ...state.hostInventory(delegated), ...state.options.extraVars, inventory_hostname: delegated }
    : vars;
  const settings = connectionSettings(
    target,
    state.templar.render(withConnectionDefaults(scope, targetVars, task), vars) as Record<string, unknown>,
    state.hostAddress(target),
  );
  const spec = task.become ?? play.become;
  const cli = state.options.become;
  const enabled = settings.become.enabled ?? becomeFlag(scope, spec, vars) ?? cli?.enabled ?? false;
  if (!enabled) return pool.get({ host: target, settings });
  const user = String(state.templar.render(settings.become.user ?? spec?.user ?? cli?.user ?? 'root', vars));
  // Become to the login user is skipped, as Ansible does, unless become_allow_same_user asks for it.
  const loginUser = settings.method === 'local' ? state.localUser : settings.user;
  if (user === loginUser && !cli?.allowSameUser) return pool.get({ host: target, settings });
  const method = settings.become.method ?? spec?.method ?? cli?.method ?? 'sudo';
  const flags = settings.become.flags ?? spec?.flags ?? cli?.flags;
  return pool.get({
    host: target,
    settings,
    become: {
      method,
      user,
      password: settings.become.password ?? cli?.password,
      ...(flags === undefined ? {} : { flags: String(state.templar.render(flags, vars)) }),
    },
  });
}

/** `become` as a host sees it: a template rendered with its variables; one that renders to `omit` is inherited. */
function becomeFlag(
  scope: PlayScope,
  spec: BecomeSpec | undefined,
  vars: Record<string, unknown>,
): boolean | undefined {
  const read = (value: boolean | string | undefined): boolean | string | undefined =>
    typeof value === 'string' ? (scope.state.templar.render(value, vars) as boolean | string) : value;
  const own = read(spec?.become);
  const value = own === OMIT ? read(spec?.fallback) : own;
  return value === undefined || value === OMIT ? undefined : isAnsibleTrue(value);
}
