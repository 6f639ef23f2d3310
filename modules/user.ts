import { z } from 'zod';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { runAll, runCommand } from './host/system-commands.js';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())).filter(Boolean));
const args = z
  .object({
    name: z.string().min(1),
    state: z.enum(['present', 'absent']).default('present'),
    uid: z.number().int().min(0).optional(),
    group: z.string().optional(),
    groups: list.optional(),
    append: z.boolean().default(false),
    shell: z.string().optional(),
    home: z.string().optional(),
    create_home: z.boolean().default(true),
    comment: z.string().optional(),
    system: z.boolean().default(false),
    password: z.string().optional(),
    remove: z.boolean().default(false),
  })
  .strict();

/** The account as the host has it now. */
export interface UserState {
  exists: boolean;
  uid?: number;
  group?: string;
  groups: string[];
  shell?: string;
  home?: string;
  comment?: string;
}

/** `user`: creates, changes or removes a local account (useradd/usermod/userdel), as Ansible's `user`. */
export const userModule = defineModule({
  name: 'user',
  summary: 'Create, change or remove a local user account.',
  runsOn: 'remote',
  idempotent: true,
  args,
  async probe(a): Promise<UserState> {
    const entry = runCommand(['getent', 'passwd', a.name]);
    if (entry.rc !== 0) return { exists: false, groups: [] };
    const [, , uid, gid, comment, home, shell] = entry.stdout.split(':');
    const primary = runCommand(['getent', 'group', gid]).stdout.split(':')[0];
    const groups = runCommand(['id', '-nG', a.name])
      .stdout.split(' ')
      .filter((g) => g && g !== primary);
    return { exists: true, uid: Number(uid), group: primary, groups, shell, home, comment };
  },
  plan(a, state): Plan<string[]> {
    if (a.state === 'absent') {
      return state.exists
        ? {
            steps: [['userdel', ...(a.remove ? ['--remove'] : []), a.name]],
            reason: `user ${a.name} will be removed`,
          }
        : { steps: [], reason: `user ${a.name} is already absent` };
    }
    const opts: string[] = [];
    const add = (flag: string, value: string | undefined, current: string | undefined) => {
      if (value !== undefined && (!state.exists || value !== current)) opts.push(flag, value);
    };
    add('--uid', a.uid?.toString(), state.uid?.toString());
    add('--gid', a.group, state.group);
    add('--shell', a.shell, state.shell);
    add('--home', a.home, state.home);
    add('--comment', a.comment, state.comment);
    if (a.groups) {
      const missing = a.groups.filter((g) => !state.groups.includes(g));
      const extra = state.groups.filter((g) => !a.groups!.includes(g));
      if (missing.length > 0 || (!a.append && extra.length > 0))
        opts.push(
          ...(a.append && state.exists ? ['--append'] : []),
          '--groups',
          a.append ? missing.join(',') : a.groups.join(','),
        );
    }
    if (a.password !== undefined && !state.exists) opts.push('--password', a.password);
    if (!state.exists) {
      return {
        steps: [
          [
            'useradd',
            ...(a.system ? ['--system'] : []),
            ...(a.create_home ? ['--create-home'] : []),
            ...opts,
            a.name,
          ],
        ],
        reason: `user ${a.name} will be created`,
      };
    }
    if (opts.length === 0) return { steps: [], reason: `user ${a.name} already exists as wanted` };
    return {
      steps: [['usermod', ...opts, a.name]],
      reason: `user ${a.name} will change: ${opts.filter((o) => o.startsWith('--')).join(' ')}`,
    };
  },
  async apply(a, _s, plan) {
    const { failure } = runAll('user', plan.steps);
    if (failure) throw new ModuleFailure(failure);
    const entry = runCommand(['getent', 'passwd', a.name]).stdout.split(':');
    return {
      changed: true,
      name: a.name,
      state: a.state,
      ...(a.state === 'present' ? { uid: Number(entry[2]), home: entry[5], shell: entry[6] } : {}),
    };
  },
  report: (a, state) => ({
    name: a.name,
    state: a.state,
    ...(state.exists ? { uid: state.uid, home: state.home, shell: state.shell } : {}),
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(userModule);
