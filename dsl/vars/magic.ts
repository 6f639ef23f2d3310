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
}): Record<string, unknown> {
  const groups: Record<string, string[]> = {};
  for (const name of args.inventory.groups.keys()) groups[name] = args.inventory.selectHosts(name);
  return {
    inventory_hostname: args.host,
    inventory_hostname_short: args.host.split('.')[0],
    group_names: args.inventory.groupNames(args.host),
    groups,
    play_hosts: args.playHosts,
    ansible_play_hosts: args.playHosts,
    ansible_play_batch: args.playHosts,
    ansible_check_mode: args.check,
    omit: OMIT,
    playbook_dir: args.playbookDir,
    hostvars: args.hostvars ?? {},
  };
}
