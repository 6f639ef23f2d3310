import { z } from 'zod';

/** One symbolic clause as chmod(1) and Ansible read it: who, then one or more operator + permissions. */
const SYMBOLIC_CLAUSE = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/;
/** An octal mode written as text: `644`, `0644`, `0o644`. */
const OCTAL_TEXT = /^(0[oO]?)?[0-7]{1,4}$/;

/** A file mode as Ansible accepts it: octal text ("0644"), a number, symbolic ("u+rwX-x,g=u"), or `preserve`. */
export const modeSchema = z.union([
  // One regular expression (not a refinement) so the editor's JSON schema carries the same rule as the loader.
  z
    .string()
    .regex(/^(preserve|(0[oO]?)?[0-7]{1,4}|[ugoa]*([-+=][rwxXstugo]*)+(,[ugoa]*([-+=][rwxXstugo]*)+)*)$/, {
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
  if (OCTAL_TEXT.test(mode)) return Number.parseInt(mode.replace(/^0[oO]/, ''), 8);
  const original = current & 0o7777;
  let result = original;
  for (const clause of mode.split(',')) {
    const match = SYMBOLIC_CLAUSE.exec(clause);
    if (!match) throw new Error(`invalid symbolic mode ${clause}`);
    const who = match[1] === '' || match[1].includes('a') ? 'ugo' : match[1];
    // Each operator applies in turn to every class named (`u+rwX-x`: add, then take away).
    for (const [, operator, perms] of match[2].matchAll(/([-+=])([rwxXstugo]*)/g))
      for (const w of who) {
        const bits = permissionBits(w, perms, { original, isDirectory, umasked: match[1] === '' });
        result = applyOperator(w, operator, bits, result);
      }
  }
  return result;
}

/** The mode bits that `perms` (`rwX`, `s`, or a class to copy: `u`) stand for in class `who`. */
function permissionBits(
  who: string,
  perms: string,
  at: { original: number; isDirectory: boolean; umasked: boolean },
): number {
  const shift = who === 'u' ? 6 : who === 'g' ? 3 : 0;
  // As chmod(1) and Ansible: with no `ugoa`, bits set in the umask are not affected.
  const keep = at.umasked ? ~process.umask() & 0o777 : 0o777;
  // `X`: execute only for directories or paths that already have an execute bit (the mode before this task).
  const applyX = at.isDirectory || (at.original & 0o111) !== 0;
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= (4 << shift) & keep;
    if (p === 'w') bits |= (2 << shift) & keep;
    if (p === 'x' || (p === 'X' && applyX)) bits |= (1 << shift) & keep;
    if (p === 's') bits |= who === 'u' ? 0o4000 : who === 'g' ? 0o2000 : 0;
    if (p === 't' && who === 'o') bits |= 0o1000;
    if (p === 'u' || p === 'g' || p === 'o') {
      // `g=u`: the permissions the other class had before this task, moved to this class's position.
      const from = p === 'u' ? 6 : p === 'g' ? 3 : 0;
      bits |= ((at.original >> from) & 0o7) << shift;
    }
  }
  return bits;
}

function applyOperator(who: string, operator: string, bits: number, mode: number): number {
  if (operator === '+') return mode | bits;
  if (operator === '-') return mode & ~bits;
  const mask = who === 'u' ? 0o4700 : who === 'g' ? 0o2070 : 0o1007;
  return (mode & ~mask) | bits;
}

/** Formats a mode the way Ansible reports it ("0644"). */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
