import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeEscapes, parseKeyValueArgs } from '../../../dsl/compile/kv.js';

const command = { freeForm: 'cmd', command: true };

describe("k=v argument text is read like Ansible's parse_kv", () => {
  test('splits every word into an argument for modules without free-form text, removing one pair of quotes', () => {
    expect(parseKeyValueArgs('src=a dest="b c" mode=\'0644\'')).toEqual({
      src: 'a',
      dest: 'b c',
      mode: '0644',
    });
    expect(parseKeyValueArgs('msg="x"', { freeForm: 'msg' })).toEqual({ msg: 'x' });
  });

  test('keeps {{ }} with spaces, quotes and = inside one value', () => {
    expect(parseKeyValueArgs('msg={{ a == "b c" }} x="{{ y | default(\'z w\') }}"')).toEqual({
      msg: '{{ a == "b c" }}',
      x: "{{ y | default('z w') }}",
    });
    expect(parseKeyValueArgs('x={% if a == 1 %}one{% endif %}')).toEqual({
      x: '{% if a == 1 %}one{% endif %}',
    });
  });

  test('decodes escapes and keeps escaped quotes inside a quoted value', () => {
    expect(parseKeyValueArgs('msg="say \\"hi\\"" line="a\\tb\\n"')).toEqual({
      msg: 'say "hi"',
      line: 'a\tb\n',
    });
    expect(decodeEscapes('\\x41\\u00e9\\\\')).toBe('Aé\\');
  });

  test('splits the key at the first unescaped = only', () => {
    expect(parseKeyValueArgs('line=a=b regexp=^x\\=')).toEqual({ line: 'a=b', regexp: '^x\\=' });
  });

  test('gives the other words to the free-form argument of params modules such as include_vars', () => {
    expect(parseKeyValueArgs('file=a.yml name=b', { freeForm: 'file' })).toEqual({
      file: 'a.yml',
      name: 'b',
    });
    expect(parseKeyValueArgs('vars/app.yml name=app', { freeForm: 'file' })).toEqual({
      file: 'vars/app.yml',
      name: 'app',
    });
    expect(parseKeyValueArgs('the disk is full', { freeForm: 'msg' })).toEqual({ msg: 'the disk is full' });
  });

  test("joins a command's lines as Ansible's join_args: a trailing backslash continues the line, the final newline stays", () => {
    const text = 'echo a \\\n"b c" \\\n"d\ne"\necho f\n';
    expect(parseKeyValueArgs(text, command)).toEqual({ cmd: 'echo a "b c" "d\ne"\necho f\n' });
    expect(parseKeyValueArgs('echo a chdir=/tmp\n', command)).toEqual({ cmd: 'echo a', chdir: '/tmp' });
  });

  test('refuses words that are not k=v when the module has no free-form argument', () => {
    expect(() => parseKeyValueArgs('path=/x touch')).toThrow('expected key=value, got `touch`');
  });

  test('splits only command options out of command lines, keeping the rest as written', () => {
    expect(parseKeyValueArgs('echo a=b  "c  d" chdir=/tmp creates=/x', command)).toEqual({
      cmd: 'echo a=b  "c  d"',
      chdir: '/tmp',
      creates: '/x',
    });
    expect(parseKeyValueArgs('ls chdir=/tmp -l', command)).toEqual({ cmd: 'ls -l', chdir: '/tmp' });
    expect(parseKeyValueArgs('echo {{ a == b }} msg=x', command)).toEqual({ cmd: 'echo {{ a == b }} msg=x' });
    expect(parseKeyValueArgs('printf "a\\nb"\necho two', command)).toEqual({
      cmd: 'printf "a\\nb"\necho two',
    });
  });

  test('reports unbalanced quotes and Jinja2 delimiters', () => {
    expect(() => parseKeyValueArgs('msg="x')).toThrow(/unbalanced quotes or Jinja2 delimiters/);
    expect(() => parseKeyValueArgs('msg={{ x')).toThrow(/unbalanced quotes or Jinja2 delimiters/);
  });
});

describe('k=v text round-trips (property)', () => {
  const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
  // Values with spaces, quotes and `=`; no `{{`/`{%` (kept whole on purpose) and no backslashes (Ansible's
  // splitter reads `\"` as an escaped quote even after `\\`; escapes have their own example tests above).
  const value = fc
    .string({ unit: fc.constantFrom(...'ab Z09=-_/.,:;\'"'.split('')), maxLength: 16 })
    .filter((v) => !/[{%]/.test(v));
  const quote = (v: string) => `"${v.replace(/"/g, '\\"')}"`;

  test('any mapping of names to text, written as k="v" words, parses back to the same mapping', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), (args) => {
        const text = Object.entries(args)
          .map(([k, v]) => `${k}=${quote(v)}`)
          .join(' ');
        expect(parseKeyValueArgs(text)).toEqual(args);
      }),
      { numRuns: 300 },
    );
  });

  test('unquoted words without spaces or quotes parse back unchanged', () => {
    const bare = fc.stringMatching(/^[A-Za-z0-9_./:,=-]{1,12}$/);
    fc.assert(
      fc.property(fc.dictionary(key, bare, { minKeys: 1, maxKeys: 6 }), (args) => {
        const text = Object.entries(args)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
        expect(parseKeyValueArgs(text)).toEqual(args);
      }),
      { numRuns: 300 },
    );
  });
});
