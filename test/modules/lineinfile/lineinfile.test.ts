import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { lineinfileModule } from '../../../modules/lineinfile/lineinfile.js';
import { editLines } from '../../../modules/lineinfile/lineinfile-plan.js';
import { run, snapshot } from '../support.js';

const base = { state: 'present' as const, firstmatch: false, backrefs: false };
const settings = '# settings\nkey1=value1\nkey2=value2\n';

describe('lineinfile rules', () => {
  const cases: Array<[string, Record<string, unknown>, string, string | null]> = [
    [
      'replaces the last line matching regexp',
      { regexp: '^key1=', line: 'key1=changed' },
      settings,
      '# settings\nkey1=changed\nkey2=value2\n',
    ],
    [
      'appends a missing line at the end',
      { line: 'key3=value3' },
      settings,
      '# settings\nkey1=value1\nkey2=value2\nkey3=value3\n',
    ],
    [
      'inserts after the last match of insertafter',
      { line: 'host=web1', insertafter: '^# settings' },
      settings,
      '# settings\nhost=web1\nkey1=value1\nkey2=value2\n',
    ],
    [
      'inserts at the beginning with insertbefore=BOF',
      { line: 'first', insertbefore: 'BOF' },
      settings,
      'first\n# settings\nkey1=value1\nkey2=value2\n',
    ],
    ['leaves a file that already has the line', { line: 'key2=value2' }, settings, null],
    [
      'leaves a file when backrefs finds no match',
      { regexp: '^nope=(.*)', line: 'x=\\1', backrefs: true },
      settings,
      null,
    ],
    [
      'expands \\1 in the line with backrefs, replacing the whole matched line',
      { regexp: '^key1=(.*)$', line: 'key1=\\1-old', backrefs: true },
      settings,
      '# settings\nkey1=value1-old\nkey2=value2\n',
    ],
    [
      'expands \\g<1> and \\g<name> with backrefs',
      { regexp: '^(?P<k>key2)=(v.*)', line: '\\g<k>: \\g<2>', backrefs: true },
      settings,
      '# settings\nkey1=value1\nkey2: value2\n',
    ],
    [
      'keeps $1 literal with backrefs, as Python does',
      { regexp: '^key1=(.*)$', line: 'key1=$1', backrefs: true },
      settings,
      '# settings\nkey1=$1\nkey2=value2\n',
    ],
    [
      'replaces the whole line, not only the matched part, with backrefs',
      { regexp: 'value(1)', line: 'k=\\1', backrefs: true },
      settings,
      '# settings\nk=1\nkey2=value2\n',
    ],
    [
      'removes matching lines with state=absent',
      { regexp: '^key', state: 'absent' },
      settings,
      '# settings\n',
    ],
    ['adds a newline to a last line that lacks one', { line: 'b' }, 'a', 'a\nb\n'],
  ];
  for (const [title, args, text, expected] of cases) {
    test(title, () => {
      const edit = editLines(text, { ...base, ...args } as never);
      expect(edit?.text ?? null).toBe(expected);
    });
  }
});

describe('lineinfile on disk', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('edits a file once and then reports that it complies', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-lif-'));
    const path = join(dir, 'settings.ini');
    writeFileSync(path, settings);
    expect((await run(lineinfileModule, { path, regexp: '^key1=', line: 'key1=changed' })).changed).toBe(
      true,
    );
    expect(await run(lineinfileModule, { path, regexp: '^key1=', line: 'key1=changed' })).toMatchObject({
      changed: false,
      msg: '',
      backup: '',
    });
    expect(readFileSync(path, 'utf8')).toBe('# settings\nkey1=changed\nkey2=value2\n');
  });

  test("refuses what Ansible's lineinfile refuses, in its words, and reports found, backup and the empty-regexp warning", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-lif-'));
    const path = join(dir, 'settings.ini');
    writeFileSync(path, settings);
    expect(await run(lineinfileModule, { path: dir, line: 'x' })).toMatchObject({
      failed: true,
      rc: 256,
      msg: `Path ${dir} is a directory !`,
    });
    expect((await run(lineinfileModule, { path })).msg).toBe('line is required with state=present');
    expect((await run(lineinfileModule, { path, line: 'x', backrefs: true })).msg).toBe(
      'regexp is required with backrefs=true',
    );
    expect((await run(lineinfileModule, { path, state: 'absent' })).msg).toBe(
      'one of line, search_string, or regexp is required with state=absent',
    );
    expect(await run(lineinfileModule, { path, line: 'x', validate: 'true' })).toMatchObject({
      failed: true,
      msg: 'validate must contain %s: true',
    });
    expect(
      await run(lineinfileModule, { path, regexp: '^key', state: 'absent', backup: true }),
    ).toMatchObject({
      changed: true,
      found: 2,
      msg: '2 line(s) removed',
      backup: expect.stringContaining('settings.ini.'),
    });
    expect(await run(lineinfileModule, { path: join(dir, 'none'), line: 'x', state: 'absent' })).toEqual({
      changed: false,
      msg: 'file not present',
    });
    const empty = await run(lineinfileModule, { path, regexp: '', line: 'only' });
    expect(empty.warnings).toEqual([expect.stringMatching(/^The regular expression is an empty string/)]);
  });

  test("fails on a missing file unless create is set (Ansible's message and rc); create makes the folders", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-lif-'));
    const path = join(dir, 'new.ini');
    expect(await run(lineinfileModule, { path, line: 'a=1' })).toMatchObject({
      failed: true,
      rc: 257,
      msg: `Destination ${path} does not exist !`,
    });
    expect(
      (await run(lineinfileModule, { path: join(dir, 'a/b.ini'), line: 'x', create: true })).changed,
    ).toBe(true);
    expect(readFileSync(join(dir, 'a/b.ini'), 'utf8')).toBe('x\n');
    expect((await run(lineinfileModule, { path, line: 'a=1', create: true })).changed).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('a=1\n');
  });

  test("accepts Ansible's regex and value aliases of regexp and line, idempotently and in check mode", async () => {
    dir = mkdtempSync(join(tmpdir(), 'spindle-lif-'));
    const path = join(dir, 'settings.ini');
    writeFileSync(path, settings);
    const args = { path, regex: '^key2=', value: 'key2=aliased' };
    const before = snapshot(dir);
    expect(await run(lineinfileModule, args, { check: true })).toMatchObject({ changed: true });
    expect(snapshot(dir)).toEqual(before);
    expect(await run(lineinfileModule, args)).toMatchObject({ changed: true });
    expect(readFileSync(path, 'utf8')).toBe('# settings\nkey1=value1\nkey2=aliased\n');
    expect(await run(lineinfileModule, args)).toMatchObject({ changed: false });
  });
});
