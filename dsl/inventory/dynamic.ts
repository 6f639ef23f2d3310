import { isDeepStrictEqual } from 'node:util';
import type { InventoryGroup, InventoryHost } from './types.js';

/** The parts of a built inventory that `add_host` and `group_by` change while a playbook runs. */
export interface MutableInventory {
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
  /** Every host in inventory order (what `all` selects); a host added at run time goes last. */
  order: string[];
}

function ensureGroup(inventory: MutableInventory, name: string): boolean {
  if (inventory.groups.has(name)) return false;
  inventory.groups.set(name, { name, hosts: [], children: [], vars: {} });
  const all = inventory.groups.get('all');
  if (all && name !== 'all' && !all.children.includes(name)) all.children.push(name);
  return true;
}

function ensureMember(inventory: MutableInventory, group: string, host: string): boolean {
  const target = inventory.groups.get(group);
  const entry = inventory.hosts.get(host);
  if (!target || !entry || target.hosts.includes(host)) return false;
  target.hosts.push(host);
  if (!entry.groups.includes(group)) entry.groups.push(group);
  return true;
}

/** A host that now belongs to a real group leaves `ungrouped`; a host in none joins it (Ansible's reconcile). */
function reconcileUngrouped(inventory: MutableInventory, host: string): void {
  const entry = inventory.hosts.get(host);
  const ungrouped = inventory.groups.get('ungrouped');
  if (!entry || !ungrouped) return;
  const grouped = entry.groups.some((g) => g !== 'all' && g !== 'ungrouped');
  if (grouped) {
    ungrouped.hosts = ungrouped.hosts.filter((h) => h !== host);
    entry.groups = entry.groups.filter((g) => g !== 'ungrouped');
  } else ensureMember(inventory, 'ungrouped', host);
}

/**
 * `add_host`: adds a host (or updates one), merges its variables and puts it in `groups` (created when new).
 * Returns whether anything changed, which is the task's `changed`, as Ansible reports it.
 */
export function addDynamicHost(
  inventory: MutableInventory,
  name: string,
  groups: string[],
  vars: Record<string, unknown>,
): boolean {
  let changed = false;
  let entry = inventory.hosts.get(name);
  if (!entry || !inventory.order.includes(name)) {
    entry = entry ?? { name, vars: {}, groups: [] };
    inventory.hosts.set(name, entry);
    inventory.order.push(name);
    changed = true;
  }
  const merged = { ...entry.vars, ...vars };
  if (!isDeepStrictEqual(merged, entry.vars)) {
    entry.vars = merged;
    changed = true;
  }
  for (const group of groups) {
    if (ensureGroup(inventory, group)) changed = true;
    if (ensureMember(inventory, group, name)) changed = true;
  }
  reconcileUngrouped(inventory, name);
  return changed;
}

/**
 * `group_by`: puts `host` in `group`, creating the group (and its `parents`, which become its parents) when
 * new. Returns whether anything changed, as Ansible reports it.
 */
export function addDynamicGroup(
  inventory: MutableInventory,
  host: string,
  group: string,
  parents: string[],
): boolean {
  let changed = false;
  ensureGroup(inventory, group);
  for (const parent of parents) {
    if (ensureGroup(inventory, parent)) changed = true;
    const node = inventory.groups.get(parent);
    if (parent !== 'all' && node && !node.children.includes(group)) {
      node.children.push(group);
      changed = true;
    }
  }
  if (ensureMember(inventory, group, host)) changed = true;
  reconcileUngrouped(inventory, host);
  return changed;
}
