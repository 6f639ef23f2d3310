import { describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../../dsl/index.js';
import { runFiles } from '../../../support/run-files.js';

describe('a module name given as a template in action:', () => {
  test('names a different module on each host, bound when the task runs', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact:
        module_to_run: "{{ 'debug' if inventory_hostname == 'one' else 'ping' }}"
    - action:
        module: "{{ module_to_run }}"
      register: out
    - name: ping where it is ping
      action: "{{ module_to_run }} data=pong-data"
      when: module_to_run == 'ping'
      register: pinged
    - assert:
        that:
          - ("msg" in out) == (inventory_hostname == 'one')
          - ("ping" in out) == (inventory_hostname == 'two')
    - assert:
        that: pinged.ping == 'pong-data'
      when: inventory_hostname == 'two'
`,
      },
      { groups: { all: ['one', 'two'] } },
    );
    expect(run.exitCode).toBe(0);
    const bound = run.results.filter((r) => r.task === '{{ module_to_run }}').map((r) => [r.host, r.module]);
    expect(bound.sort()).toEqual([
      ['one', 'debug'],
      ['two', 'ping'],
    ]);
  });

  test('fails the task on the host where the name is no module, or the arguments do not fit it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    m: debug
    bad: no_such_module_here
  tasks:
    - action: "{{ bad }}"
      ignore_errors: true
    - action: "{{ m }}"
      args:
        no_such_option: 1
      ignore_errors: true
    - action: "{{ m }}"
      args:
        msg: "{{ item }}"
      loop: [a, b]
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 3, failed: 0, ignored: 2 });
    const failed = run.results.filter((r) => r.status === 'ignored').map((r) => r.msg);
    expect(failed[0]).toContain('no_such_module_here');
    expect(failed[1]).toContain('no_such_option');
  });
});

describe('loading a task whose module name is a template', () => {
  const builder = new InventoryBuilder();
  builder.addHost('web1', 'web');
  const errorsOf = (task: Record<string, unknown>) =>
    compilePlaybookValue('/tmp/inline.yml', [{ hosts: 'all', tasks: [task] }], {
      inventory: builder.build(),
    }).issues.filter((i) => i.severity === 'error');

  test('accepts it from action:, still checking the keywords', () => {
    expect(errorsOf({ action: '{{ pkg_mgr }}', args: { name: 'x' } })).toEqual([]);
    expect(errorsOf({ action: '{{ pkg_mgr }} name=x', notify_typo: 1 }).map((i) => i.path)).toEqual([
      '[0].tasks[0].notify_typo',
    ]);
  });

  test('refuses free-form text after a templated action, and a template as a task key, as Ansible does', () => {
    expect(errorsOf({ action: '{{ cmd }} echo hi' })).toHaveLength(1);
    expect(errorsOf({ '{{ m }}': { msg: 'x' } })).toHaveLength(1);
  });
});
