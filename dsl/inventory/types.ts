import type { SourceLocation } from '../graph.js';

/** One inventory host with its own variables and the groups that list it directly. */
export interface InventoryHost {
  name: string;
  vars: Record<string, unknown>;
  groups: string[];
  location?: SourceLocation;
  /** The address connected to when no `ansible_host` says one (Ansible's `127.0.0.1` for the implicit localhost). */
  address?: string;
}

/** One inventory group. */
export interface InventoryGroup {
  name: string;
  hosts: string[];
  children: string[];
  vars: Record<string, unknown>;
  location?: SourceLocation;
}

/** The loaded inventory: hosts, groups (`all` and `ungrouped` always exist), and host selection. */
export interface Inventory {
  hosts: Map<string, InventoryHost>;
  groups: Map<string, InventoryGroup>;
  /** Hosts matching an Ansible pattern, in inventory order. */
  selectHosts(pattern: string): string[];
  /** `group_names`: every group of the host including ancestors, excluding `all`, sorted. */
  groupNames(host: string): string[];
  /** `add_host` at run time: adds or updates a host; true when the inventory changed. */
  addDynamicHost(name: string, groups: string[], vars: Record<string, unknown>): boolean;
  /** `group_by` at run time: puts a host in a group (created with its parents when new); true when changed. */
  addDynamicGroup(host: string, group: string, parents: string[]): boolean;
  /**
   * `meta: refresh_inventory`: takes the hosts, groups and vars folders of the sources read again (`fresh`), then
   * adds again what `add_host` and `group_by` added, as Ansible's; this same object changes, so every holder sees it.
   */
  refresh(fresh: Inventory): void;
  /** Folders searched for `host_vars/` and `group_vars/`. */
  varsDirs: string[];
}
