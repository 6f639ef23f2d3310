import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('notify inherited from blocks, imports and includes', () => {
  test('tasks without their own notify notify the handlers of their block (through an include_tasks too) and import_tasks', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  pre_tasks:
    - import_tasks: change.yml
      notify: from_import
    - block:
        - include_tasks: change.yml
      notify: from_include
    - block:
        - debug: msg=changed
          changed_when: true
        - debug: msg=own
          changed_when: true
          notify: own
      notify: from_block
  handlers:
    - name: from_import
      set_fact: imported=yes
    - name: from_include
      set_fact: included=yes
    - name: from_block
      set_fact: blocked=yes
    - name: own
      set_fact: owned=yes
  tasks:
    - assert:
        that: imported is defined and included is defined and blocked is defined and owned is defined
`,
      'change.yml': '- debug: msg=changed\n  changed_when: true\n',
    });
    expect(run.exitCode).toBe(0);
    const handlers = run.results.filter((r) => r.task.match(/^(from_|own)/)).map((r) => r.task);
    expect(handlers.sort()).toEqual(['from_block', 'from_import', 'from_include', 'own']);
  });

  test('notify on include_tasks is a load error, as Ansible rejects it on a TaskInclude', async () => {
    await expect(
      runFiles({
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: change.yml
      notify: h
`,
        'change.yml': '- debug: msg=changed\n',
      }),
    ).rejects.toThrow("'notify' is not a valid attribute for a TaskInclude");
  });

  test('apply: {notify} on include_tasks makes the included tasks notify the handler', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  pre_tasks:
    - include_tasks:
        file: change.yml
        apply:
          notify: hello
  handlers:
    - name: hello
      set_fact: hello=world
  tasks:
    - assert:
        that: hello == 'world'
`,
      'change.yml': '- debug: msg=changed\n  changed_when: true\n',
    });
    expect(run.exitCode).toBe(0);
  });
});
