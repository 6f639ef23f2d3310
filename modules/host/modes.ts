import { z } from 'zod';

/** A file mode as Ansible accepts it: an octal string ("0644"), a YAML 1.1 octal number, symbolic ("u+rwx,g-w"). */
export const modeSchema = z.union([
  z.string().regex(/^(0?[0-7]{3,4}|([ugoa]*[-+=][rwxXst]*)(,[ugoa]*[-+=][rwxXst]*)*|preserve)$/, {
    message: 'Expected `mode` to be an octal string like "0644" or a symbolic mode like "u+rwx,g-w"',
  }),
  z.number().int().min(0).max(0o7777),
]);

/** Resolves a mode argument against the current mode (for symbolic modes); undefined means "leave it". */
export function resolveMode(
  mode: string | number | undefined,
  current: number,
  isDirectory: boolean,
): number | undefined {
  if (mode === undefined || mode === 'preserve') return undefined;
  if (typeof mode === 'number') return mode;
  if (/^0?[0-7]{3,4}$/.test(mode)) return Number.parseInt(mode, 8);
  const original = current & 0o7777;
  let result = original;
  for (const clause of mode.split(',')) {
    const match = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!match) throw new Error(`invalid symbolic mode ${clause}`);
    const who = match[1] === '' || match[1].includes('a') ? 'ugo' : match[1];
    // As chmod(1) and Ansible: with no `ugoa`, bits set in the umask are not affected.
    const keep = match[1] === '' ? ~process.umask() & 0o777 : 0o777;
    // `X`: execute only for directories or paths that already have an execute bit (the mode before this task).
    const applyX = isDirectory || (original & 0o111) !== 0;
    let bits = 0;
    for (const w of who) {
      const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
      for (const p of match[3]) {
        if (p === 'r') bits |= (4 << shift) & keep;
        if (p === 'w') bits |= (2 << shift) & keep;
        if (p === 'x' || (p === 'X' && applyX)) bits |= (1 << shift) & keep;
        if (p === 's') bits |= w === 'u' ? 0o4000 : w === 'g' ? 0o2000 : 0;
        if (p === 't' && w === 'o') bits |= 0o1000;
      }
    }
    const mask = who.split('').reduce((m, w) => m | (w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : 0o1007), 0);
    if (match[2] === '+') result |= bits;
    else if (match[2] === '-') result &= ~bits;
    else result = (result & ~mask) | bits;
  }
  return result;
}

/** Formats a mode the way Ansible reports it ("0644"). */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
