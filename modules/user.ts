import { existsSync } from 'node:fs';
import { z } from 'zod';
import { withAliases } from './contract/aliases.js';
import { defineModule, ModuleFailure, type Plan } from './contract/define-module.js';
import { taskEntry } from './contract/task-entry.js';
import { unsupportedOptions } from './contract/unsupported-options.js';
import { createHomeSteps } from './host/home-directory.js';
import { runAll, runCommand } from './host/system-commands.js';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())).filter(Boolean));
/** Options Ansible documents that the native `user` does not implement, with their "not used" values. */
const UNSUPPORTED = {
  authorization: null,
  generate_ssh_key: false,
  hidden: null,
  local: false,
  login_class: null,
  password_expire_max: null,
  password_expire_min: null,
  profile: null,
  role: null,
  seuser: null,
  ssh_key_bits: null,
  ssh_key_comment: null,
  ssh_key_file: null,
  ssh_key_passphrase: null,
  ssh_key_type: 'rsa',
  umask: null,
} as const;
const args = withAliases(
  z
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
      update_password: z.enum(['always', 'on_create']).default('always'),
      force: z.boolean().default(false),
      expires: z.number().optional(),
      non_unique: z.boolean().default(false),
      move_home: z.boolean().default(false),
      skeleton: z.string().optional(),
      password_lock: z.boolean().optional(),
      ...unsupportedOptions(UNSUPPORTED),
    })
    .strict(),
  { createhome: 'create_home', user: 'name' },
);

/** The account as the host has it now. */
export interface UserState {
  exists: boolean;
  uid?: number;
  group?: string;
  groups: string[];
  shell?: string;
  home?: string;
  comment?: string;
  /** The password hash from /etc/shadow (readable as root). */
  password?: string;
  /** Account expiry, days since the epoch (shadow field 8); undefined when none. */
  expireDays?: number;
  /** Whether the home directory the account will have exists. */
  homeExists?: boolean;
}

/** `expires` (seconds since the epoch, negative: never) as shadow's days since the epoch. */
function expiryDays(expires: number): number | undefined {
  return expires < 0 ? undefined : Math.floor(expires / 86400);
}

/** A shadow day number as the `--expiredate` value (YYYY-MM-DD; empty clears it). */
function expiryDate(days: number | undefined): string {
  return days === undefined ? '' : new Date(days * 86400_000).toISOString().slice(0, 10);
}

/** Values that disable or lock an account rather than being a password hash. */
const ACCOUNT_MARKERS = new Set(['*', '!', '*************']);
/** Hash lengths of the crypt methods whose length is fixed: md5, sha256, sha512. */
const HASH_LENGTHS: Record<string, number> = { '1': 22, '5': 43, '6': 86 };

/** Whether `password` looks like a crypt(3) hash (the module needs one), by Ansible's same rough test. */
function looksHashed(password: string): boolean {
  if (ACCOUNT_MARKERS.has(password)) return true;
  if (/[:*!]/.test(password) || !password.includes('$')) return false;
  const fields = password.split('$');
  if (fields.length < 3) return false;
  const hash = fields[fields.length - 1];
  const length = HASH_LENGTHS[fields[1]];
  return !/[^a-zA-Z0-9./=]/.test(hash) && (length === undefined || hash.length === length);
}

/**
 * Ansible's warnings, on every run: a `password` that is not a hash (useradd stores it as given), and `append`
 * without `groups` (it then appends nothing).
 */
function userWarnings(a: { password?: string; append: boolean; groups?: string[] }): { warnings?: string[] } {
  const warnings: string[] = [];
  if (a.password && !looksHashed(a.password))
    warnings.push(
      "The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly.",
    );
  if (a.append && a.groups === undefined)
    warnings.push("'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups.");
  return warnings.length > 0 ? { warnings } : {};
}

/** `user`: creates, changes or removes a local account (useradd/usermod/userdel), as Ansible's `user`. */
export const userModule = defineModule({
  name: 'user',
  summary: 'Create, change or remove a local user account.',
  runsOn: 'remote',
  idempotent: true,
  unsupportedArgs: UNSUPPORTED,
  args,
  async probe(a): Promise<UserState> {
    const entry = runCommand(['getent', 'passwd', a.name]);
    if (entry.rc !== 0) return { exists: false, groups: [] };
    const [, , uid, gid, comment, home, shell] = entry.stdout.split(':');
    const primary = runCommand(['getent', 'group', gid]).stdout.split(':')[0];
    const groups = runCommand(['id', '-nG', a.name])
      .stdout.split(' ')
      .filter((g) => g && g !== primary);
    const shadow = runCommand(['getent', 'shadow', a.name]);
    const fields = shadow.rc === 0 ? shadow.stdout.trim().split(':') : [];
    const expireDays = fields[7] ? Number(fields[7]) : undefined;
    return {
      homeExists: existsSync(a.home ?? home),
      exists: true,
      uid: Number(uid),
      group: primary,
      groups,
      shell,
      home,
      comment,
      ...(fields[1] !== undefined ? { password: fields[1] } : {}),
      ...(expireDays !== undefined && !Number.isNaN(expireDays) ? { expireDays } : {}),
    };
  },
  plan(a, state): Plan<string[]> {
    if (a.state === 'absent') {
      return state.exists
        ? {
            steps: [['userdel', ...(a.remove ? ['--remove'] : []), ...(a.force ? ['--force'] : []), a.name]],
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
    if (a.expires !== undefined) {
      const days = expiryDays(a.expires);
      if (!state.exists ? days !== undefined : days !== state.expireDays)
        opts.push('--expiredate', expiryDate(days));
    }
    if (a.password_lock !== undefined && state.exists) {
      const locked = state.password?.startsWith('!') ?? false;
      if (a.password_lock !== locked) opts.push(a.password_lock ? '--lock' : '--unlock');
    }
    // As Ansible: a lock mark (`!`) is no difference in the hash; a new hash replaces --lock/--unlock, locked in
    // the same step when password_lock asks for it.
    const unlocked = (p: string | undefined) => p?.replace(/^!+/, '');
    if (
      a.password !== undefined &&
      (!state.exists || (a.update_password === 'always' && unlocked(a.password) !== unlocked(state.password)))
    ) {
      for (const flag of ['--lock', '--unlock']) if (opts.includes(flag)) opts.splice(opts.indexOf(flag), 1);
      opts.push('--password', a.password_lock ? `!${a.password}` : a.password);
    }
    if (a.non_unique && opts.includes('--uid')) opts.push('--non-unique');
    if (a.move_home && state.exists && opts.includes('--home')) opts.push('--move-home');
    if (!state.exists) {
      return {
        steps: [
          [
            'useradd',
            ...(a.system ? ['--system'] : []),
            ...(a.create_home ? ['--create-home'] : []),
            ...(a.create_home && a.skeleton ? ['--skel', a.skeleton] : []),
            ...opts,
            a.name,
          ],
        ],
        reason: `user ${a.name} will be created`,
      };
    }
    const steps = opts.length > 0 ? [['usermod', ...opts, a.name]] : [];
    // As Ansible: an existing account whose home directory is missing gets one (with `create_home`).
    const home = a.home ?? state.home;
    if (a.create_home && home && !state.homeExists)
      steps.push(...createHomeSteps(home, a.skeleton, `${a.uid ?? state.uid}:${a.group ?? state.group}`));
    if (steps.length === 0) return { steps, reason: `user ${a.name} already exists as wanted` };
    return {
      steps,
      reason: opts.length
        ? `user ${a.name} will change: ${opts.filter((o) => o.startsWith('--')).join(' ')}`
        : `user ${a.name} will get its home directory ${home}`,
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
      ...userWarnings(a),
    };
  },
  report: (a, state) => ({
    name: a.name,
    state: a.state,
    ...(state.exists ? { uid: state.uid, home: state.home, shell: state.shell } : {}),
    ...userWarnings(a),
  }),
});

/** Entry point the runner calls in the remote context. */
export const run = taskEntry(userModule);
