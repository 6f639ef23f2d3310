import { describe, expect, test } from 'vitest';
import { compilePlaybookValue, InventoryBuilder } from '../../../../dsl/index.js';
import { runFiles } from '../../../support/run-files.js';

const ROLE = {
  'roles/r/tasks/main.yml': '- debug: msg="{{ where_default }} {{ where_var }}"\n',
  'roles/r/defaults/main.yml': 'where_default: main-default\n',
  'roles/r/defaults/other.yml': 'where_default: other-default\n',
  'roles/r/vars/main.yml': 'where_var: main-var\n',
  'roles/r/vars/other.yml': 'where_var: other-var\n',
};

describe('vars_from and defaults_from of import_role and include_role', () => {
  for (const action of ['import_role', 'include_role'])
    test(`${action} reads the role's vars and defaults from the named files instead of main`, async () => {
      const run = await runFiles({
        ...ROLE,
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ${action}:
        name: r
        vars_from: other.yml
        defaults_from: other
    - ${action}:
        name: r
        vars_from: main.yml
`,
      });
      expect(run.results.map((r) => r.result.msg)).toEqual([
        'other-default other-var',
        'main-default main-var',
      ]);
    });

  test('a vars_from that is not a string is a load error in Ansible words', () => {
    const inventory = new InventoryBuilder().build();
    const { issues } = compilePlaybookValue(
      '/tmp/site.yml',
      [{ hosts: 'all', tasks: [{ include_role: { name: 'r', vars_from: ['a.yml'] } }] }],
      { inventory },
    );
    expect(issues.map((i) => [i.message, i.ansible])).toEqual([
      [
        'include_role: `vars_from` must be a file name, got a list (array)',
        "Expected a string for vars_from but got <class 'ansible.parsing.yaml.objects.AnsibleSequence'> instead",
      ],
    ]);
  });
});

describe("an imported role's handlers run under the import_role", () => {
  test('they take its delegate_to (with ansible_delegated_vars) and its when', async () => {
    const run = await runFiles(
      {
        'roles/h/tasks/main.yml': '- debug: msg=notify\n  changed_when: true\n  notify: [where, only]\n',
        'roles/h/handlers/main.yml': `- name: where
  debug:
    msg: "{{ ansible_delegated_vars | list }}"
- name: only
  debug:
    msg: only
  when: inventory_hostname == 'alpha'
`,
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - import_role:
        name: h
      delegate_to: beta
      when: inventory_hostname != 'gamma'
`,
      },
      { groups: { web: ['alpha', 'beta', 'gamma'] } },
    );
    const shown = run.results
      .filter((r) => r.status !== 'skipped')
      .map((r) => `${r.host} ${JSON.stringify(r.result.msg)}`);
    expect(shown).toEqual([
      'alpha "notify"',
      'beta "notify"',
      'alpha ["beta"]',
      'beta ["beta"]',
      'alpha "only"',
    ]);
  });
});
