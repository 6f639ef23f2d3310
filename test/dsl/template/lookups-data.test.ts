import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { literalEval } from '../../../dsl/template/python-literal.js';
import { shaCrypt } from '../../../dsl/template/sha512-crypt.js';
import { Templar } from '../../../dsl/template/templar.js';

const dir = mkdtempSync(join(tmpdir(), 'spindle-lookups-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'files'));
mkdirSync(join(dir, 'templates'));
writeFileSync(join(dir, 'files', 'people.csv'), 'Smith,Jane,1234\n"""The Rock"" Johnson",Dwayne,1337\r\n');
writeFileSync(join(dir, 'files', 'tabs.csv'), 'fruit\tbananas\nelectronics\ttvs\n');
writeFileSync(
  join(dir, 'files', 'app.ini'),
  '[global]\n# comment\nuser = alice\nName: Bob\n\n[ports]\nport1=80\nport2 = 443\nother=1\n',
);
writeFileSync(join(dir, 'files', 'dup.ini'), '[s]\nname = a\nNAME = b\n');
writeFileSync(join(dir, 'files', 'app.properties'), 'db.user = carol\n');
writeFileSync(join(dir, 'templates', 'data.j2'), '{"foo": "{{ \'bar\' }}"}');
writeFileSync(join(dir, 'templates', 'alt.j2'), 'Hello [% who %]![# gone #]');
const templar = new Templar({ baseDir: dir });
const run = (expression: string, vars: Record<string, unknown> = {}) => templar.evaluate(expression, vars);

describe('csvfile', () => {
  test('finds the row by its first column (quotes literal), TAB by default, default when no row matches', () => {
    expect(run("lookup('csvfile', 'Smith', file='people.csv', delimiter=',')")).toBe('Jane');
    expect(run(`lookup('csvfile', '"The Rock" Johnson file=people.csv delimiter=, col=2')`)).toBe('1337');
    expect(run("lookup('csvfile', 'electronics', 'fruit', file='tabs.csv', col=1)")).toBe('tvs,bananas');
    expect(run("lookup('csvfile', 'nobody file=people.csv delimiter=,')")).toEqual([]);
    expect(run("lookup('csvfile', 'nobody file=people.csv delimiter=, default=none')")).toBe('none');
  });

  test('a term without a search key or with an unknown option fails as Ansible words it', () => {
    expect(() => run("lookup('csvfile', 'file=people.csv')")).toThrow(
      /lookup plugin 'csvfile'.*original message: Search key is required but was not found/,
    );
    expect(() => run("lookup('csvfile', 'x file=people.csv bogus=1')")).toThrow(
      /bogus is not a valid option/,
    );
  });
});

describe('ini', () => {
  test('reads a key of a section, keys case-insensitive, properties files, regexp keys', () => {
    expect(run("lookup('ini', 'user', file='app.ini')")).toBe('alice');
    expect(run("lookup('ini', 'name section=global file=app.ini')")).toBe('Bob');
    expect(run("lookup('ini', 'port[0-9] section=ports file=app.ini re=true')")).toBe('80,443');
    expect(run("lookup('ini', 'db.user', type='properties', file='app.properties')")).toBe('carol');
    expect(run("lookup('ini', 'missing', file='app.ini', default='d')")).toBe('d');
  });

  test('duplicate keys, missing sections and inline options without a key are errors', () => {
    expect(() => run("lookup('ini', 'name', file='dup.ini', section='s')")).toThrow(
      /Duplicate option in 'dup.ini'/,
    );
    expect(run("lookup('ini', 'NAME', file='dup.ini', section='s', case_sensitive=True)")).toBe('b');
    expect(() => run("lookup('ini', 'user', file='app.ini', section='nope')")).toThrow(
      /No section 'nope' in app.ini/,
    );
    expect(() => run("lookup('ini', 'file=app.ini', 'user', errors='ignore')")).toThrow(
      /No key to lookup was provided as first term/,
    );
  });
});

describe('config, varnames, vars, inventory_hostnames', () => {
  test('config answers global and plugin settings, on_missing decides about unknown ones', () => {
    expect(run("lookup('config', 'ANSIBLE_COW_ACCEPTLIST')")).toContain('meow');
    expect(run("lookup('config', 'DEFAULT_BECOME_USER')")).toBe('root');
    expect(
      run("q('config', 'remote_user', 'port', plugin_type='connection', plugin_name='ssh')", {
        ansible_ssh_user: 'lola',
        ansible_ssh_port: 2022,
      }),
    ).toEqual(['lola', 2022]);
    expect(run("lookup('config', 'NOPE', on_missing='skip')")).toEqual([]);
    expect(() => run("lookup('config', 'NOPE')")).toThrow(/Unable to find setting NOPE/);
    expect(() => run("lookup('config', 'NOPE', on_missing='boo')")).toThrow(/valid values are/);
  });

  test('varnames matches names by regexp in the order they were defined; vars falls back to default', () => {
    const vars = { qz_1: 'a', qa_1: 'b', other: 'c' };
    expect(run("lookup('varnames', '^q.*_1')", vars)).toBe('qz_1,qa_1');
    expect(() => run("lookup('varnames', '*')", vars)).toThrow(/Unable to use "\*".*nothing to repeat/);
    expect(run("lookup('vars', 'other', 'qa_1')", vars)).toBe('c,b');
    expect(run("lookup('vars', 'nope', default='d')", vars)).toBe('d');
    expect(() => run("lookup('vars', 42)", vars)).toThrow(/Invalid setting identifier, "42" is not a string/);
  });

  test('inventory_hostnames selects hosts of the groups variable by pattern', () => {
    const groups = { all: ['a1', 'b1', 'b2', 'solo'], ungrouped: ['solo'], a: ['a1', 'b1'], b: ['b1', 'b2'] };
    expect(run("query('inventory_hostnames', 'a:&b')", { groups })).toEqual(['b1']);
    expect(run("query('inventory_hostnames', 'all:!a')", { groups })).toEqual(['b2', 'solo']);
    expect(run("query('inventory_hostnames', 'b?')", { groups })).toEqual(['b1', 'b2']);
    expect(run("query('inventory_hostnames', 'nosuch')", { groups })).toEqual([]);
  });
});

describe('template lookup', () => {
  test('output that spells data becomes data unless convert_data=False; other delimiters work', () => {
    expect(run("lookup('template', 'data.j2')")).toEqual({ foo: 'bar' });
    expect(run("lookup('template', 'data.j2', convert_data=False)")).toBe('{"foo": "bar"}');
    expect(
      run(
        "lookup('template', 'alt.j2', variable_start_string='[%', variable_end_string='%]', comment_start_string='[#', comment_end_string='#]')",
        { who: 'world' },
      ),
    ).toBe('Hello world!');
  });

  test('literalEval reads Python and JSON literals and refuses anything else', () => {
    expect(literalEval('{\'a\': [1, 2.5, None, True], "b": (1,)}')).toEqual({
      a: [1, 2.5, null, true],
      b: [1],
    });
    expect(literalEval('[true, null]')).toEqual([true, null]);
    expect(literalEval('[inner]')).toBeUndefined();
  });
});

describe('sequence', () => {
  test('the shortcut and k=v forms, count, backwards strides and formats', () => {
    expect(run("query('sequence', '2-6/2')")).toEqual(['2', '4', '6']);
    expect(run("query('sequence', '0x0a-0x0c:%x')")).toEqual(['a', 'b', 'c']);
    expect(run("query('sequence', 'start=3 end=0 stride=-1')")).toEqual(['3', '2', '1', '0']);
    expect(run("query('sequence', 'count=0')")).toEqual([]);
    expect(run("query('sequence', 'start=1 count=3 format=web%02d')")).toEqual(['web01', 'web02', 'web03']);
  });

  test('bad arguments fail with Ansible messages', () => {
    const message = (term: string) => {
      try {
        run(`query('sequence', '${term}')`);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message('start=0 junk=3')).toContain("unrecognized arguments to with_sequence: ['junk']");
    expect(message('A-4/2')).toContain("can't parse start=A as integer");
    expect(message('1-4/C')).toContain("can't parse stride=C as integer");
    expect(message('start=1')).toContain('must specify count or end in with_sequence');
    expect(message('start=4 end=1 stride=2')).toContain('to count backwards make stride negative');
    expect(message('start=1 end=4 format=d')).toContain('bad formatting string: d');
  });
});

describe('password', () => {
  test('stores the password with its salt when encrypted, returns the crypt hash, and reads it back', () => {
    const file = join(dir, 'secrets', 'db');
    const hashed = run(`lookup('password', '${file} encrypt=sha256_crypt length=12')`) as string;
    const [plain, salt] = readFileSync(file, 'utf8').trimEnd().split(' salt=');
    expect(plain).toHaveLength(12);
    expect(hashed).toBe(shaCrypt('sha256', plain, salt));
    expect(run(`lookup('password', '${file}')`)).toBe(plain);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('md5_crypt is computed as openssl does, and an unknown scheme is refused in Ansible words', () => {
    const file = join(dir, 'secrets', 'md5');
    const hashed = run(`lookup('password', '${file} encrypt=md5_crypt')`) as string;
    const [plain, salt] = readFileSync(file, 'utf8').trimEnd().split(' salt=');
    expect(salt).toHaveLength(8);
    const openssl = execFileSync('openssl', ['passwd', '-1', '-salt', salt, plain], {
      encoding: 'utf8',
    }).trim();
    expect(hashed).toBe(openssl);
    expect(() => run(`lookup('password', '/dev/null encrypt=des')`)).toThrow(
      /crypt.crypt does not support 'des'/,
    );
  });

  test('a seed makes /dev/null passwords repeatable; unknown parameters are refused', () => {
    expect(run("lookup('password', '/dev/null seed=foo')")).toBe(
      run("lookup('password', '/dev/null', seed='foo')"),
    );
    expect(run("lookup('password', '/dev/null')")).not.toBe(run("lookup('password', '/dev/null')"));
    expect(() => run("lookup('password', '/dev/null bogus=1')")).toThrow(
      /Unrecognized parameter\(s\) given to password lookup: bogus/,
    );
  });

  test('SHA-256 crypt matches the specification', () => {
    expect(shaCrypt('sha256', 'Hello world!', 'saltstring')).toBe(
      '$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5',
    );
    expect(shaCrypt('sha256', 'Hello world!', 'saltstringsaltstring', 10000)).toBe(
      '$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA',
    );
  });
});

describe('first_found', () => {
  test('dict terms with files and paths (legacy separators), skip, and the role and task folders searched', () => {
    mkdirSync(join(dir, 'roles', 'r', 'files'), { recursive: true });
    mkdirSync(join(dir, 'roles', 'r', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'roles', 'r', 'files', 'in-role'), '');
    writeFileSync(join(dir, 'roles', 'r', 'tasks', 'beside-task'), '');
    const where = {
      rolePath: join(dir, 'roles', 'r'),
      location: { file: join(dir, 'roles', 'r', 'tasks', 'main.yml'), line: 1, column: 1 },
    };
    const inRole = (expression: string) => templar.evaluate(expression, {}, where);
    expect(
      run(
        "lookup('first_found', {'files': 'nope;people.csv', 'paths': 'nowhere:" + join(dir, 'files') + "'})",
      ),
    ).toBe(join(dir, 'files', 'people.csv'));
    expect(inRole("lookup('first_found', 'nope', 'in-role')")).toBe(
      join(dir, 'roles', 'r', 'files', 'in-role'),
    );
    expect(inRole("lookup('first_found', 'beside-task')")).toBe(
      join(dir, 'roles', 'r', 'tasks', 'beside-task'),
    );
    expect(run("query('first_found', {'files': 'nope', 'skip': True})")).toEqual([]);
    expect(() => run("lookup('first_found', 'nope')")).toThrow('No file was found when using first_found.');
    expect(run("lookup('first_found', 'nope', errors='ignore')")).toBeNull();
  });
});

describe('env', () => {
  test('an unset variable gives the default, an undefined default is an undefined-variable error', () => {
    const name = 'SPINDLE_SURELY_UNSET_VARIABLE';
    expect(run(`lookup('env', '${name}', default='nobody')`)).toBe('nobody');
    expect(run(`lookup('env', '${name}')`)).toBe('');
    expect(() => run(`lookup('env', '${name}', default=Undefined)`)).toThrow(
      `The "env" lookup, found an undefined variable: ${name}`,
    );
  });
});
