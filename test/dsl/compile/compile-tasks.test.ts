import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder, type TaskNode } from '../../../dsl/index.js';
import { playTasks } from '../../modules/play-support.js';

const builder = new InventoryBuilder();
builder.addHost('web1', 'web');
const inventory = builder.build();
const playbook = join(import.meta.dirname, 'inline.yml');

/** Compiles one task; returns the error messages and the compiled task's arguments. */
function compileTask(task: Record<string, unknown>): { errors: string[]; args?: Record<string, unknown> } {
  const { graph, issues } = compilePlaybookValue(
    playbook,
    [{ hosts: 'all', gather_facts: false, vars: { x: '/tmp/x' }, tasks: [task] }],
    { inventory },
  );
  const node = graph.plays[0]?.sections.flatMap((s) => s.nodes)[0] as TaskNode | undefined;
  return {
    errors: issues.filter((i) => i.severity === 'error').map((i) => `${i.path}: ${i.message}`),
    args: node?.args,
  };
}

describe('templated values given under an argument alias', () => {
  test('provide the required argument they stand for, in k=v text and in a mapping', () => {
    expect(compileTask({ file: 'dest="{{ x }}" state=touch' }).errors).toEqual([]);
    expect(compileTask({ file: { dest: '{{ x }}', state: 'touch' } }).errors).toEqual([]);
    expect(compileTask({ file: { name: '{{ x }}', state: 'directory' } }).errors).toEqual([]);
  });

  test('work for the path aliases of lineinfile, blockinfile, replace and stat', () => {
    const tasks: Array<Record<string, unknown>> = [
      { lineinfile: { dest: '{{ x }}', line: 'a' } },
      { lineinfile: { destfile: '{{ x }}', line: 'a' } },
      { lineinfile: { name: '{{ x }}', line: 'a' } },
      { blockinfile: { dest: '{{ x }}', block: 'a' } },
      { blockinfile: { path: '{{ x }}', block: 'a' } },
      { replace: { dest: '{{ x }}', regexp: 'a', replace: 'b' } },
      { replace: { name: '{{ x }}', regexp: 'a', replace: 'b' } },
      { stat: { dest: '{{ x }}' } },
      { stat: { name: '{{ x }}' } },
      { file: { path: '{{ x }}', state: 'absent' } },
    ];
    for (const task of tasks) expect(compileTask(task).errors, JSON.stringify(task)).toEqual([]);
  });

  test('work for a templated `name` of apt, user, group and service', () => {
    const tasks: Array<Record<string, unknown>> = [
      { apt: { name: '{{ packages }}', state: 'present' } },
      { apt: 'name={{ item }} state=absent' },
      { user: { name: '{{ who }}', shell: '/bin/sh' } },
      { group: 'name={{ who }} state=present' },
      { service: { name: '{{ svc }}', state: 'started' } },
    ];
    for (const task of tasks) expect(compileTask(task).errors, JSON.stringify(task)).toEqual([]);
  });

  test('still leave untemplated values checked', () => {
    expect(compileTask({ file: { dest: '{{ x }}', state: 'dir' } }).errors).toEqual([
      '[0].tasks[0].file.state: Expected `state` to be one of "file", "directory", "touch", "absent", "link", "hard", got "dir" (string)',
    ]);
    expect(compileTask({ file: { state: 'touch' } }).errors).toEqual([
      '[0].tasks[0].file.path: `path` is required by module `file`',
    ]);
    expect(compileTask({ stat: { dest: '{{ x }}', folow: true } }).errors).toEqual([
      '[0].tasks[0].stat.folow: unknown argument `folow` for module `stat` (did you mean `follow`?)',
    ]);
  });
});

describe('one-line k=v arguments', () => {
  test('are split into arguments for fail and include_vars, whose free form is not a command', () => {
    expect(compileTask({ fail: 'msg="x"' })).toEqual({ errors: [], args: { msg: 'x' } });
    expect(compileTask({ fail: 'the disk is full' })).toEqual({
      errors: [],
      args: { msg: 'the disk is full' },
    });
    expect(compileTask({ include_vars: 'file=a.yml name=b' })).toEqual({
      errors: [],
      args: { file: 'a.yml', name: 'b' },
    });
    expect(compileTask({ include_vars: 'vars/app.yml' }).args).toEqual({ file: 'vars/app.yml' });
  });

  test('keep every word but the command options in the command line of command, shell, raw and script', () => {
    expect(compileTask({ shell: 'echo a=b > out chdir=/tmp' }).args).toEqual({
      cmd: 'echo a=b > out',
      chdir: '/tmp',
    });
    expect(compileTask({ raw: 'echo msg=x' }).args).toEqual({ cmd: 'echo msg=x' });
    expect(compileTask({ command: 'touch {{ x }} creates={{ x }}' }).args).toEqual({
      cmd: 'touch {{ x }}',
      creates: '{{ x }}',
    });
  });

  test('report a stray word and unknown keys for modules without free form', () => {
    expect(compileTask({ copy: 'dest=/tmp/x content=a force' }).errors).toEqual([
      '[0].tasks[0].copy: copy: expected key=value, got `force`',
    ]);
    expect(compileTask({ include_vars: 'file=a.yml nmae=b' }).errors).toEqual([
      '[0].tasks[0].include_vars.nmae: unknown argument `nmae` for module `include_vars` (did you mean `name`?)',
    ]);
  });
});

describe('a playbook written for Ansible with these forms', () => {
  test('runs end to end: templated alias, k=v fail and include_vars, Python methods and == on lists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spindle-dsl-'));
    try {
      mkdirSync(join(dir, 'vars'));
      writeFileSync(join(dir, 'vars', 'app.yml'), 'ports: [80, 443]\nowner: " Web Team "\n');
      const outcome = await playTasks(
        dir,
        [
          '- include_vars: file=vars/app.yml name=app',
          '- file: dest="{{ work }}/{{ app.owner.strip().lower().split() | join(\'-\') }}" state=touch',
          '- fail: msg="ports are {{ app.ports }}"',
          '  when: app.ports != [80, 443] or [80] not in [[app.ports[0]]]',
          '- fail: msg="stop here"',
          '  ignore_errors: true',
          '  register: stopped',
          '- assert:',
          '    that:',
          '      - stopped.msg == "stop here"',
          '      - app.items() | list | length == 2',
        ].join('\n'),
      );
      expect(outcome.results.map((r) => r.msg ?? r.status)).toContain('stop here');
      expect(outcome.stats).toMatchObject({ failed: 0, skipped: 1 });
      expect(existsSync(join(dir, 'web-team'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
