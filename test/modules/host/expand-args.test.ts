import { describe, expect, test } from 'vitest';
import { expandArguments, expandUser, expandVars } from '../../../modules/host/expand-args.js';

const environment = { HOME: '/home/ann', FOO: 'bar', EMPTY: '' };
/** `${NAME}`, the braced spelling of a variable, written without a template literal's look-alike. */
const braced = (name: string) => `$${'{'}${name}}`;

describe("command's argument expansion, as Python's os.path", () => {
  test('variables that are set are replaced in both spellings; unset ones stay as written', () => {
    expect(expandVars(`$FOO-${braced('FOO')}-$NOPE-${braced('NOPE')}-$EMPTY.`, environment)).toBe(
      `bar-bar-$NOPE-${braced('NOPE')}-.`,
    );
    expect(expandVars('cost $5 and $', environment)).toBe('cost $5 and $');
  });

  test('a leading ~ is the home folder, ~root comes from /etc/passwd, an unknown user stays as written', () => {
    expect(expandUser('~', environment)).toBe('/home/ann');
    expect(expandUser('~/x/y', environment)).toBe('/home/ann/x/y');
    expect(expandUser('~root/z', environment)).toBe('/root/z');
    expect(expandUser('~no-such-user-here/a', environment)).toBe('~no-such-user-here/a');
    expect(expandUser('a~', environment)).toBe('a~');
  });

  test('each argument gets variables first, then ~ (so $HOME/… and ~ agree)', () => {
    expect(expandArguments(['echo', '$HOME/a', '~/a', `${braced('FOO')}~`], environment)).toEqual([
      'echo',
      '/home/ann/a',
      '/home/ann/a',
      'bar~',
    ]);
  });
});
