import { readFileSync } from 'node:fs';

function lookup(file: string, name: string | number): number {
  if (typeof name === 'number' || /^\d+$/.test(name)) return Number(name);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name) return Number(fields[2]);
  }
  throw new Error(`${file === '/etc/passwd' ? 'user' : 'group'} ${name} does not exist`);
}

/** Resolves a user name (or numeric id) to a uid from /etc/passwd. */
export function uidOf(user: string | number): number {
  return lookup('/etc/passwd', user);
}

/** Resolves a group name (or numeric id) to a gid from /etc/group. */
export function gidOf(group: string | number): number {
  return lookup('/etc/group', group);
}

function nameOf(file: string, id: number): string | undefined {
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const fields = line.split(':');
      if (fields.length > 2 && Number(fields[2]) === id) return fields[0];
    }
  } catch {
    // no account database: the id has no name
  }
  return undefined;
}

/** The user name of a uid (/etc/passwd), as Ansible reports `owner` and `pw_name`. */
export function userNameOf(uid: number): string | undefined {
  return nameOf('/etc/passwd', uid);
}

/** The group name of a gid (/etc/group), as Ansible reports `group` and `gr_name`. */
export function groupNameOf(gid: number): string | undefined {
  return nameOf('/etc/group', gid);
}
