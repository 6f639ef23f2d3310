import { readdirSync } from 'node:fs';

/**
 * Python's `glob.glob(pattern)` for the `fileglob` filter (Node 20 has no glob): `*`, `?` and `[…]` within one
 * path component, names starting with `.` matched only by a pattern starting with `.`, results in directory order.
 */
export function pyGlob(pattern: string): string[] {
  const parts = pattern.split('/');
  let found = [parts[0] === '' ? '/' : ''];
  const start = parts[0] === '' ? 1 : 0;
  for (let i = start; i < parts.length; i++) {
    const part = parts[i];
    const next: string[] = [];
    for (const base of found) {
      const join = (name: string) =>
        base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
      if (!/[*?[]/.test(part)) {
        next.push(join(part));
        continue;
      }
      const regexp = componentRegExp(part);
      let names: string[];
      try {
        names = readdirSync(base === '' ? '.' : base);
      } catch {
        continue;
      }
      for (const name of names)
        if (regexp.test(name) && (part.startsWith('.') || !name.startsWith('.'))) next.push(join(name));
    }
    found = next;
  }
  return found.filter((path) => path !== '' && exists(path));
}

function exists(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
}

/** `fnmatch.translate` of one path component. */
function componentRegExp(part: string): RegExp {
  let source = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = part.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        let set = part.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
