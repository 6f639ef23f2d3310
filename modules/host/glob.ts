import { existsSync, readdirSync } from 'node:fs';

/** A shell-style name matcher (`*`, `?`, `[abc]`) for remote modules, which cannot ship npm glob packages. */
export function glob(pattern: string): (name: string) => boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) source += '\\[';
      else {
        source += `[${pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  const re = new RegExp(`${source}$`);
  return (name) => re.test(name);
}

const WILDCARD = /[*?[]/;

/**
 * Whether any path matches `pattern` as Python's `glob.glob` finds them (`creates: /var/run/app.*`): wildcards in
 * any segment, names starting with a dot only by a pattern that starts with one; a plain path must exist.
 */
export function anyPathMatches(pattern: string): boolean {
  if (!WILDCARD.test(pattern)) return existsSync(pattern);
  const segments = pattern.split('/');
  const search = (dir: string, index: number): boolean => {
    if (index === segments.length) return existsSync(dir);
    const segment = segments[index];
    const join = (name: string) => (dir === '' ? name : dir === '/' ? `/${name}` : `${dir}/${name}`);
    if (segment === '') return search(index === 0 ? '/' : dir, index + 1);
    if (!WILDCARD.test(segment)) return search(join(segment), index + 1);
    const matches = glob(segment);
    let names: string[];
    try {
      names = readdirSync(dir === '' ? '.' : dir);
    } catch {
      return false;
    }
    return names.some(
      (name) =>
        (!name.startsWith('.') || segment.startsWith('.')) && matches(name) && search(join(name), index + 1),
    );
  };
  return search('', 0);
}
