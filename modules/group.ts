import { z } from 'zod';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { runAll, runCommand } from './host/system-commands.js';

const args = z
  .object({
    name: z.string().min(1),
    state: z.enum(['present', 'absent']).default('present'),
    gid: z.number().int().min(0).optional(),
    system: z.boolean().default(false),
    non_unique: z.boolean().default(false),
    ...unsupportedOptions({ local: false }),
  })
  .strict()
  // As Ansible's module: sharing a group id needs the id.
  .refine((a) => !a.non_unique || a.gid !== undefined, {
    message: '`non_unique: true` requires `gid` (the id the group shares)',
  });

/** `group`: creates or removes a local group (groupadd/groupmod/groupdel). */
export const groupModule = defineModule({
  name: 'group',
  summary: 'Create, change or remove a local group.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: { local: false },
  args,
  async probe(a) {
    const entry = runCommand(['getent', 'group', a.name]);
    return entry.rc === 0
      ? { exists: true, gid: Number(entry.stdout.split(':')[2]) }
      : { exists: false, gid: undefined };
  },
  plan(a, state): Plan<string[]> {
    if (a.state === 'absent')
      return state.exists
        ? { steps: [['groupdel', a.name]], reason: `group ${a.name} will be removed` }
        : { steps: [], reason: `group ${a.name} is already absent` };
    if (!state.exists)
      return {
        steps: [
          [
            'groupadd',
            ...(a.system ? ['--system'] : []),
            ...(a.gid !== undefined ? ['--gid', String(a.gid)] : []),
            ...(a.gid !== undefined && a.non_unique ? ['--non-unique'] : []),
            a.name,
          ],
        ],
        reason: `group ${a.name} will be created`,
      };
    if (a.gid !== undefined && a.gid !== state.gid)
      return {
        steps: [['groupmod', '--gid', String(a.gid), ...(a.non_unique ? ['--non-unique'] : []), a.name]],
        reason: `group ${a.name} will get gid ${a.gid}`,
      };
    return {
      steps: [],
      reason: `group ${a.name} already exists${state.gid !== undefined ? ` with gid ${state.gid}` : ''}`,
    };
  },
  async apply(a, _s, plan) {
    const { failure } = runAll('group', plan.steps);
    if (failure) throw new ModuleFailure(failure);
    const entry = runCommand(['getent', 'group', a.name]);
    return {
      changed: true,
      name: a.name,
      state: a.state,
      ...(entry.rc === 0 ? { gid: Number(entry.stdout.split(':')[2]) } : {}),
    };
  },
  report: (a, state) => ({
    name: a.name,
    state: a.state,
    ...(state.gid !== undefined ? { gid: state.gid } : {}),
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(groupModule);
