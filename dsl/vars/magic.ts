import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
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
    ansible_playbook_python: playbookPython(),
    ansible_version: ANSIBLE_VERSION,
  };
}

/** The Ansible release whose behaviour Spindle follows, as `ansible_version` reports it. */
const ANSIBLE_VERSION = { full: '2.14.0', major: 2, minor: 14, revision: 0, string: '2.14.0' };

let python: string | undefined;

/**
 * `ansible_playbook_python`: Ansible's own interpreter. Spindle has none, so it is the first `python3` (then
 * `python`) on the controller's PATH, else `/usr/bin/python3` — what inventories setting
 * `ansible_python_interpreter: "{{ ansible_playbook_python }}"` mean.
 */
function playbookPython(): string {
  if (python !== undefined) return python;
  python = '/usr/bin/python3';
  for (const name of ['python3', 'python'])
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) {
        python = candidate;
        return python;
      }
    }
  return python;
}
