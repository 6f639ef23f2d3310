import { describe, expect, test } from 'vitest';
import { runFiles } from '../../support/run-files.js';

// The titles below are what ansible-playbook 2.14 prints in its TASK banners for the same playbook.
describe('task titles in events', () => {
  test('role tasks are titled "role : task", unnamed tasks by their action as written', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  roles: [web]
  tasks:
    - ansible.builtin.debug: msg=x
    - name: named
      debug: msg=y
    - import_role:
        name: web
`,
      'roles/web/tasks/main.yml': '- name: web task\n  debug: msg=w\n- debug: msg=unnamed\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => r.task)).toEqual([
      'web : web task',
      'web : debug',
      'ansible.builtin.debug',
      'named',
      'web : web task',
      'web : debug',
    ]);
  });

  test('tasks of an include_role are titled with the role name', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role:
        name: web
`,
      'roles/web/tasks/main.yml': '- name: web task\n  debug: msg=w\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => r.task)).toContain('web : web task');
  });

  test("a name holding a template shows the first host's values, or stays as written when it does not render", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: localhost
  gather_facts: false
  vars: { who: world }
  tasks:
    - command: echo hi
      register: r
    - name: "say {{ r.stdout }} to {{ who }}"
      debug: msg=x
    - name: "later {{ nope }}"
      debug: msg=x
`,
    });
    const starts = run.events.flatMap((e) => (e.kind === 'task:start' ? [e.task] : []));
    expect(starts).toEqual(['command', 'say hi to world', 'later {{ nope }}']);
  });
});
