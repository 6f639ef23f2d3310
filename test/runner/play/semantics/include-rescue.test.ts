import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('includes that cannot load stay counted as Ansible counts them when a rescue runs: a task file failed once per file, a role not at all', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - include_role:
            name: "{{ item }}"
          loop: [a, b]
      rescue:
        - debug: msg=rescued_role
    - block:
        - include_tasks: "{{ item }}"
          loop: [a, b]
      rescue:
        - debug: msg=rescued_tasks
    - block:
        - fail: msg=plain
      rescue:
        - debug: msg=rescued_fail
`,
  });
  expect(run.results.filter((r) => r.status === 'ok').map((r) => r.result.msg)).toEqual([
    'rescued_role',
    'rescued_tasks',
    'rescued_fail',
  ]);
  expect(run.stats).toMatchObject({ ok: 3, failed: 2, rescued: 1 });
  expect(run.errors).toHaveLength(2);
  expect(run.exitCode).toBe(0);
});

test('a task file that cannot be found fails the include with Ansible reason, even under ignore_errors, and a rescue sees no ansible_failed_result', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - include_tasks: missing.yml
      rescue:
        - debug: msg="{{ ansible_failed_result | default('none') }}"
    - include_tasks: "{{ 'notalist.yml' }}"
      ignore_errors: true
    - debug: msg=never
`,
    'notalist.yml': 'debug: msg=1\n',
  });
  const shown = run.results.map((r) => `${r.status} ${r.result.reason ?? r.result.msg}`);
  expect(shown).toEqual([
    `rescued Could not find or access '${run.dir}/missing.yml' on the Ansible Controller.`,
    'ok none',
    'failed included task files must contain a list of tasks',
  ]);
  expect(run.results[0].result).not.toHaveProperty('changed');
  expect(run.exitCode).toBe(2);
});

test('an include whose file name cannot render is an ordinary failure: ignore_errors lets the play go on', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: "{{ nope }}.yml"
      ignore_errors: true
    - debug: msg=after
`,
  });
  expect(run.results.map((r) => r.status)).toEqual(['ignored', 'ok']);
  expect(run.stats).toMatchObject({ ok: 2, ignored: 1, failed: 0 });
});

test('a task file that loads but is not valid playbook text ends the run with its file:line:column, as an Ansible parse error', async () => {
  await expect(
    runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: bad.yml
      ignore_errors: true
    - debug: msg=never
`,
      'bad.yml': '- debug: msg=1\n  bogus_kw: 2\n',
    }),
  ).rejects.toThrow(/bad\.yml:2:3 .*bogus_kw/);
});

test('an include registers its outcome, and a when that compares an undefined value fails it instead of skipping', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inc.yml
      register: included
    - include_tasks: inc.yml
      register: skipped_include
      when: false
    - include_tasks: inc.yml
      register: broken_include
      when: _undefined == 'yes'
      ignore_errors: true
    - assert:
        that:
          - included is not failed and included.include is search('inc.yml')
          - skipped_include is skipped
          - broken_include is failed
          - broken_include.msg is search('error while evaluating conditional')
`,
    'inc.yml': '- debug: msg=inside\n',
  });
  expect(run.exitCode).toBe(0);
  expect(run.stats).toMatchObject({ failed: 0, ignored: 1, skipped: 1 });
});
