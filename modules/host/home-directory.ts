import { existsSync, readFileSync } from 'node:fs';

/**
 * The commands that give an existing account its missing home directory, as Ansible's `user` does: a copy of
 * the skeleton (`/etc/skel` by default; an empty directory without one), owned by the account throughout,
 * with the mode /etc/login.defs's UMASK leaves (when it sets one).
 */
export function createHomeSteps(home: string, skeleton: string | undefined, owner: string): string[][] {
  const skel = skeleton ?? '/etc/skel';
  const steps = existsSync(skel) ? [['cp', '-a', skel, home]] : [['mkdir', '-p', home]];
  steps.push(['chown', '-R', owner, home]);
  const umask = loginDefsUmask();
  if (umask !== undefined) steps.push(['chmod', (0o777 & ~umask).toString(8), home]);
  return steps;
}

/** The UMASK /etc/login.defs sets, if any. */
function loginDefsUmask(): number | undefined {
  let text: string;
  try {
    text = readFileSync('/etc/login.defs', 'utf8');
  } catch {
    return undefined;
  }
  let umask: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^UMASK\s+(\d+)$/.exec(line);
    if (match) umask = Number.parseInt(match[1], 8);
  }
  return umask;
}
