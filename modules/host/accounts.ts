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
