import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe("Ansible's variable precedence", () => {
  test('role defaults and vars of the play are public, role and include parameters beat set_fact, and a dependency sees its parent role parameters', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    from_role_vars: play
  pre_tasks:
    - set_fact:
        param: from_set_fact
  roles:
    - role: parent
      param: from_params
  tasks:
    - assert:
        that:
          - from_role_defaults == 'dep default'
          - from_role_vars == 'parent vars'
    - include_tasks: inc.yml
      vars:
        param: from_include
`,
      'roles/parent/meta/main.yml': 'dependencies: [dep]\n',
      'roles/parent/vars/main.yml': 'from_role_vars: parent vars\n',
      'roles/parent/tasks/main.yml': "- assert:\n    that: param == 'from_params'\n",
      'roles/dep/defaults/main.yml': 'from_role_defaults: dep default\n',
      'roles/dep/tasks/main.yml': "- assert:\n    that: param == 'from_params'\n",
      'inc.yml': "- assert:\n    that: param == 'from_include'\n",
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 6, failed: 0 });
  });

  test('set_fact beats include_vars, and registered results and set_fact share a level where the later wins', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact:
        findme: set_fact
    - include_vars: vars.yml
    - command: echo registered
      register: result
    - set_fact:
        result: from set_fact
    - assert:
        that:
          - findme == 'set_fact'
          - result == 'from set_fact'
`,
      'vars.yml': 'findme: include_vars\n',
    });
    expect(run.exitCode).toBe(0);
  });

  test('a legacy include: its k=v arguments lose to set_fact, its vars beat it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact:
        a: 101
    - include: inc.yml a={{ a }}
    - assert:
        that: ca == 101
    - include: inc.yml
      vars:
        a: 201
    - assert:
        that: ca == 201
`,
      'inc.yml': '- set_fact:\n    ca: "{{ a }}"\n',
    });
    expect(run.exitCode).toBe(0);
  });
});
