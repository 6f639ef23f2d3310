import { z } from 'zod';
import { defineModule } from './contract/define-module.js';

const args = z
  .object({
    key: z.string(),
    parents: z.union([z.string(), z.array(z.string())]).default(['all']),
  })
  .strict();

/** Spaces are not valid in group names: Ansible's group_by turns them into dashes. */
const groupName = (name: string) => name.replaceAll(' ', '-');

/**
 * `group_by`: puts the current host in a group named by `key` (runs on the controller; Ansible's `group_by`).
 * The module only names the group: the runner changes the inventory and decides `changed`.
 */
export const groupByModule = defineModule({
  name: 'group_by',
  summary: 'Put the host in an inventory group built from a variable.',
  runsOn: 'controller',
  idempotent: false,
  args,
  probe: async () => null,
  plan: () => ({ steps: [], reason: '' }),
  apply: async () => ({ changed: false }),
  report: (a) => ({
    add_group: groupName(a.key),
    parent_groups: (typeof a.parents === 'string' ? [a.parents] : a.parents).map(groupName),
  }),
});
