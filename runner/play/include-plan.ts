import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RoleFrom } from '../../dsl/compile/compile-role.js';
import type { IncludeNode } from '../../dsl/graph.js';
import { whenHolds } from './condition-failure.js';
import type { HostRun } from './host-run.js';
import { itemLabel, itemVariables, loopSettings } from './loop-control.js';
import { expandLoop } from './loop-items.js';
import type { Inherited, RunState } from './run-state.js';

/** What one group of hosts includes: a task file or a role, with the loop item they include it for. */
export interface IncludeGroup {
  target: { type: 'tasks'; file: string } | (RoleFrom & { type: 'role'; role: string; baseDir: string });
  hosts: HostRun[];
  /** Variables of this inclusion: the loop variable and its index, when the include loops. */
  vars: Record<string, unknown>;
  /** The loop item (its label in output, `=> (item=…)`, and index), when the include loops. */
  item?: { label: string; index: number };
}

/**
 * Plans a dynamic include for a batch of hosts (Ansible's IncludedFile): `when` and the templated file or
 * role name are evaluated per host and per loop item, and hosts that include the same thing with the same
 * item are grouped, so each group runs the included tasks together (linear), not one host after another.
 */
export function planInclude(
  state: RunState,
  scopeFor: (host: HostRun) => Record<string, unknown>,
  node: IncludeNode,
  hosts: HostRun[],
): IncludeGroup[] {
  // Groups in the order they are first made; by key, those that include the same thing for the same item.
  const groups: IncludeGroup[] = [];
  const byKey = new Map<string, IncludeGroup[]>();
  for (const host of hosts) {
    const scope = scopeFor(host);
    const where = { task: node.name, host: host.name, location: node.location, rolePath: node.role?.path };
    const settings = loopSettings(state, node.loopControl, scope, where);
    const items = node.loop === undefined ? [undefined] : expandLoop(state, node, { vars: scope, where });
    items.forEach((item, index) => {
      const vars: Record<string, unknown> =
        node.loop === undefined ? {} : itemVariables(settings, items, index);
      const bound = { ...scope, ...vars };
      if (!node.when.every((condition) => whenHolds(state, condition, bound, where))) return;
      const render = (value: string) => String(state.templar.render(value, bound, where));
      const target: IncludeGroup['target'] =
        node.target.type === 'tasks'
          ? {
              type: 'tasks',
              file: includeFile(render(node.target.file), [
                node.location ? dirname(node.location.file) : undefined,
                node.role ? `${node.role.path}/tasks` : undefined,
                state.playbookDir,
              ]),
            }
          : {
              type: 'role',
              role: render(node.target.role),
              tasksFrom: node.target.tasksFrom ? render(node.target.tasksFrom) : undefined,
              handlersFrom: node.target.handlersFrom ? render(node.target.handlersFrom) : undefined,
              varsFrom: node.target.varsFrom ? render(node.target.varsFrom) : undefined,
              defaultsFrom: node.target.defaultsFrom ? render(node.target.defaultsFrom) : undefined,
              baseDir: node.location ? dirname(node.location.file) : state.playbookDir,
            };
      const key = JSON.stringify([target, vars]);
      const same = byKey.get(key) ?? [];
      // A host includes a duplicate item again (Ansible's IncludedFile takes a host once): a new group.
      let group = same.find((g) => !g.hosts.includes(host));
      if (!group) {
        group = {
          target,
          hosts: [],
          vars,
          ...(node.loop === undefined
            ? {}
            : { item: { label: itemLabel(state, node.loopControl, item, bound, where), index } }),
        };
        groups.push(group);
        byKey.set(key, [...same, group]);
      }
      group.hosts.push(host);
    });
  }
  return groups;
}

/** The inherited keywords for an included task list: the role's variables, the include's vars and loop vars. */
export function includedScope(
  inherited: Inherited,
  node: IncludeNode,
  group: IncludeGroup,
  role?: { vars: Record<string, unknown>; defaults: Record<string, unknown>; path?: string; name?: string },
): Inherited {
  return {
    when: inherited.when,
    checkMode: inherited.checkMode,
    environment: inherited.environment,
    keywords: inherited.keywords,
    roles:
      role?.path && role.name
        ? [...(inherited.roles ?? []), { name: role.name, path: role.path }]
        : inherited.roles,
    vars: { ...inherited.vars, ...(role?.vars ?? {}), ...node.argVars },
    roleDefaults: role ? { ...inherited.roleDefaults, ...role.defaults } : inherited.roleDefaults,
    // The include's `vars:` and loop variable are include parameters (above set_fact), as in Ansible.
    params: { ...inherited.params, ...node.vars, ...group.vars },
    ...(inherited.handler ? { handler: true } : {}),
  };
}

/**
 * Where `include_tasks: FILE` is found, as Ansible searches: beside the file holding the include (nested
 * includes), then the role's `tasks/`, then the playbook's folder; the first candidate when none exists.
 */
function includeFile(file: string, bases: Array<string | undefined>): string {
  const candidates = bases.filter((b): b is string => b !== undefined).map((b) => resolve(b, file));
  return candidates.find((c) => existsSync(c)) ?? candidates[candidates.length > 1 ? 1 : 0];
}
