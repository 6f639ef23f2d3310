import type { TaskResult } from '../../modules/task-result.js';
import type { RunState } from './run-state.js';

/** A result's request to change the inventory: `add_host`'s new host, or `group_by`'s group for the host. */
interface AddHost {
  host_name: string;
  groups: string[];
  host_vars: Record<string, unknown>;
}

/**
 * Applies what `add_host` / `group_by` returned to the run's inventory (later plays, `groups`, `hostvars` see
 * it) and sets the result's `changed` to whether the inventory changed, as Ansible's strategy does.
 * Any other result is returned as it is.
 */
export function applyInventoryChange(state: RunState, host: string, result: TaskResult): TaskResult {
  if (result.failed || result.skipped) return result;
  const inventory = state.options.inventory;
  if (result.add_host && typeof result.add_host === 'object') {
    const added = result.add_host as AddHost;
    const changed = inventory.addDynamicHost(added.host_name, added.groups, added.host_vars);
    if (changed) {
      state.inventoryChanged(added.host_name);
      state.hostAdded(added.host_name);
    }
    return { ...result, changed };
  }
  if (typeof result.add_group === 'string') {
    const parents = Array.isArray(result.parent_groups) ? (result.parent_groups as string[]) : ['all'];
    const changed = inventory.addDynamicGroup(host, result.add_group, parents);
    if (changed) state.inventoryChanged(host);
    return { ...result, changed };
  }
  return result;
}

/** Modules that run once per task whatever the number of hosts (Ansible's BYPASS_HOST_LOOP actions). */
export function bypassesHostLoop(module: string): boolean {
  return module === 'add_host';
}
