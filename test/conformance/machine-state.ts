import { spawnSync } from 'node:child_process';

/**
 * Accounts a target leaves on the machine when it ends as written: Ansible's own run of `user` ends with
 * `local_ansibulluser` (and its group) created, so a later run of the target (by either tool) would start
 * from a machine where "Create local_ansibulluser" has nothing to do. ansible-test runs each target on a fresh
 * machine; the harness removes these before every run instead.
 */
const leftAccounts: Readonly<Record<string, { users: string[]; groups: string[] }>> = {
  user: { users: ['local_ansibulluser'], groups: ['local_ansibulluser'] },
};

/** The commands that put the machine back as a target expects to find it (none for most targets). */
export function resetCommands(target: string): string[][] {
  const left = leftAccounts[target];
  if (!left) return [];
  return [...left.users.map((u) => ['userdel', '-r', u]), ...left.groups.map((g) => ['groupdel', g])];
}

/** Runs `resetCommands`; an account already gone is fine (the commands' failures are ignored). */
export function resetMachineState(target: string): void {
  for (const [command, ...args] of resetCommands(target)) spawnSync(command, args, { stdio: 'ignore' });
}
