import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Templar } from '../../../dsl/template/templar.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-lookups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'files'));
mkdirSync(join(dir, 'templates'));
mkdirSync(join(dir, 'roles', 'web', 'files'), { recursive: true });
writeFileSync(join(dir, 'files', 'motd.txt'), 'hello\n\n');
writeFileSync(join(dir, 'files', 'a.conf'), 'a');
writeFileSync(join(dir, 'files', 'b.conf'), 'b');
writeFileSync(join(dir, 'files', 'c.txt'), 'c');
writeFileSync(join(dir, 'top.txt'), 'top');
writeFileSync(join(dir, 'roles', 'web', 'files', 'motd.txt'), 'role motd');
writeFileSync(join(dir, 'templates', 'greet.j2'), 'hi {{ who }}{{ extra | default("") }}');
const templar = new Templar({ baseDir: dir });
const run = (expression: string, vars: Record<string, unknown> = {}, rolePath?: string) =>
  templar.evaluate(expression, vars, rolePath ? { rolePath } : undefined);

describe('lookup() and query()', () => {
  test('a term holding a template is rendered with the current variables first, as Ansible does', () => {
    expect(run("lookup('file', '{{ name }}.txt')", { name: 'motd' })).toBe('hello');
    expect(run("lookup('pipe', 'echo {{ word }}')", { word: 'hi' })).toBe('hi');
  });

  test('query always returns a list; lookup joins strings with commas unless wantlist=True', () => {
    expect(run("query('items', ['a', 'b'])")).toEqual(['a', 'b']);
    expect(run("q('items', ['a', 'b'])")).toEqual(['a', 'b']);
    expect(run("lookup('items', ['a', 'b'])")).toBe('a,b');
    expect(run("lookup('items', ['a', 'b'], wantlist=True)")).toEqual(['a', 'b']);
    expect(run("lookup('items', [{'k': 1}])")).toEqual({ k: 1 });
  });

  test('an unknown lookup is an error naming it, with a suggestion', () => {
    expect(() => run("lookup('fileglobb', '*.conf')")).toThrow(
      /lookup plugin `fileglobb` not found.*`fileglob`/,
    );
  });

  test('errors="ignore" turns a failing lookup into None', () => {
    expect(run("lookup('file', 'missing.txt', errors='ignore')")).toBeNull();
    expect(run("query('pipe', 'nosuchcommand', errors='ignore')")).toEqual([]);
    expect(() => run("lookup('nosuch', 'x', errors='ignore')")).toThrow(/lookup plugin `nosuch` not found/);
    expect(() => run("lookup('file', 'missing.txt')")).toThrow(
      "An unhandled exception occurred while running the lookup plugin 'file'. Error was a <class 'ansible.errors.AnsibleError'>, original message: could not locate file in lookup: missing.txt",
    );
  });

  test('ansible.builtin. prefixed names work', () => {
    expect(run("lookup('ansible.builtin.sequence', 'start=1 end=3')")).toBe('1,2,3');
  });
});

describe('lookup plugins', () => {
  test('items flattens one level, list does not, dict gives key/value pairs', () => {
    expect(run("query('items', [1, [2, [3]]], 4)")).toEqual([1, [2, [3]], 4]);
    expect(run("query('list', [1, [2]])")).toEqual([[1, [2]]]);
    expect(run("query('dict', {'a': 1, 'b': 2})")).toEqual([
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
  });

  test('env reads the controller environment, with a default', () => {
    process.env.SPINDLE_LOOKUP_TEST = 'yes';
    expect(run("lookup('env', 'SPINDLE_LOOKUP_TEST')")).toBe('yes');
    expect(run("lookup('env', 'SPINDLE_LOOKUP_UNSET', default='d')")).toBe('d');
    delete process.env.SPINDLE_LOOKUP_TEST;
  });

  test('file reads from files/, the playbook dir, and the role first when in a role', () => {
    expect(run("lookup('file', 'motd.txt')")).toBe('hello');
    expect(run("lookup('file', 'motd.txt', rstrip=False)")).toBe('hello\n\n');
    expect(run("lookup('file', 'top.txt')")).toBe('top');
    expect(run("lookup('file', 'motd.txt')", {}, join(dir, 'roles', 'web'))).toBe('role motd');
  });

  test('fileglob lists matching files under files/', () => {
    expect(run("query('fileglob', '*.conf')")).toEqual([
      join(dir, 'files', 'a.conf'),
      join(dir, 'files', 'b.conf'),
    ]);
    expect(run("query('fileglob', '*.none')")).toEqual([]);
  });

  test('template renders a controller template with the current variables', () => {
    expect(run("lookup('template', 'greet.j2')", { who: 'bob' })).toBe('hi bob');
    expect(run("lookup('template', 'greet.j2', template_vars={'extra': '!'})", { who: 'al' })).toBe('hi al!');
  });

  test('vars looks variables up by name, rendering them', () => {
    // A variable's template renders as Ansible's non-native templating does: a number becomes text.
    expect(run("lookup('vars', 'v_' + n)", { n: 'x', v_x: '{{ 1 + 1 }}' })).toBe('2');
    expect(run("lookup('vars', 'nope', default='d')")).toBe('d');
    expect(() => run("lookup('vars', 'nope')")).toThrow(/No variable found with this name: nope/);
  });

  test('sequence takes key=value, the shortcut form, count and formats', () => {
    expect(run("query('sequence', 'start=1 end=10 stride=2 format=web%02d')")).toEqual([
      'web01',
      'web03',
      'web05',
      'web07',
      'web09',
    ]);
    expect(run("query('sequence', 'count=3')")).toEqual(['1', '2', '3']);
    expect(run("query('sequence', 'start=0 count=3 stride=5')")).toEqual(['0', '5', '10']);
    expect(run("query('sequence', '4-8/2:host%x')")).toEqual(['host4', 'host6', 'host8']);
    expect(run("query('sequence', 'start=5 end=1 stride=-2')")).toEqual(['5', '3', '1']);
    expect(() => run("query('sequence', 'start=5 end=1')")).toThrow(
      /to count backwards make stride negative/,
    );
    expect(() => run("query('sequence', 'start=1')")).toThrow(/must specify count or end/);
  });

  test('together, nested, indexed_items and random_choice combine lists', () => {
    expect(run("query('together', [1, 2, 3], ['a', 'b'])")).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, null],
    ]);
    expect(run("query('nested', ['x', 'y'], [1, 2])")).toEqual([
      ['x', 1],
      ['x', 2],
      ['y', 1],
      ['y', 2],
    ]);
    expect(run("query('indexed_items', ['a', 'b'])")).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(['a', 'b']).toContain(run("lookup('random_choice', 'a', 'b')"));
  });

  test('subelements pairs items with each element of a sub-list (taken out of the item), skip_missing skips', () => {
    const users = [{ name: 'al', keys: ['k1', 'k2'] }, { name: 'bo', keys: [] }, { name: 'cy' }];
    expect(() => run("query('subelements', users, 'keys')", { users })).toThrow(/could not find 'keys'/);
    expect(() => run("query('subelements', users, 'keys', skip_missing=True)", { users })).toThrow(
      /could not find 'keys'/,
    );
    expect(run("query('subelements', users, 'keys', {'skip_missing': True})", { users })).toEqual([
      [{ name: 'al' }, 'k1'],
      [{ name: 'al' }, 'k2'],
    ]);
    expect(users[0].keys).toEqual(['k1', 'k2']);
  });

  test('first_found returns the first existing file among names and paths', () => {
    expect(run("lookup('first_found', ['nope.txt', 'c.txt', 'a.conf'])")).toBe(join(dir, 'files', 'c.txt'));
    expect(run("lookup('first_found', {'files': ['x', 'motd.txt'], 'paths': ['roles/web/files']})")).toBe(
      join(dir, 'roles', 'web', 'files', 'motd.txt'),
    );
    expect(run("query('first_found', ['nope'], skip=True)")).toEqual([]);
    expect(() => run("lookup('first_found', ['nope'])")).toThrow(/No file was found when using first_found/);
  });

  test('pipe and lines run a command with /bin/sh on the controller', () => {
    expect(run("lookup('pipe', 'printf \"a\\nb\\n\"')")).toBe('a\nb');
    expect(run("query('lines', 'printf \"a\\nb\\n\"')")).toEqual(['a', 'b']);
    expect(run("lookup('pipe', 'pwd')")).toBe(dir);
    expect(() => run("lookup('pipe', 'exit 3')")).toThrow(
      /lookup plugin 'pipe'.*original message: lookup_plugin.pipe\(exit 3\) returned 3/,
    );
  });

  test('password generates a password once, stores it, and returns the same one after', () => {
    const first = run("lookup('password', 'creds/db length=12 chars=digits')") as string;
    expect(first).toMatch(/^\d{12}$/);
    expect(readFileSync(join(dir, 'creds', 'db'), 'utf8')).toBe(`${first}\n`);
    expect(run("lookup('password', 'creds/db length=12 chars=digits')")).toBe(first);
    expect(run("lookup('password', '/dev/null length=8 chars=ascii_lowercase')")).toMatch(/^[a-z]{8}$/);
    expect(run("lookup('password', '/dev/null')")).toHaveLength(20);
  });
});
