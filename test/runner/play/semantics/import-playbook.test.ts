import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

/** The `msg` of every result that has one, in order. */
function messages(run: Awaited<ReturnType<typeof runFiles>>): unknown[] {
  return run.results.map((r) => (r.result as { msg?: string }).msg).filter((m) => m !== undefined);
}

describe('import_playbook, as Ansible loads it', () => {
  test("an import_role name templated from the import_playbook's vars is resolved at load time", async () => {
    const run = await runFiles({
      'site.yml': '- import_playbook: sub/needs-vars.yml\n  vars:\n    which_role: greeter\n',
      'sub/needs-vars.yml': `- hosts: all
  gather_facts: false
  tasks:
    - import_role:
        name: "{{ which_role }}"
`,
      'sub/roles/greeter/tasks/main.yml': '- debug: msg=hello-from-greeter\n',
    });
    expect(messages(run)).toEqual(['hello-from-greeter']);
  });

  test('a false `when` on import_playbook skips every task of its plays and their fact gathering', async () => {
    const run = await runFiles({
      'site.yml': '- import_playbook: other.yml\n  when: false\n- import_playbook: other.yml\n',
      'other.yml': '- hosts: all\n  tasks:\n    - debug: msg=ran\n',
    });
    expect(messages(run).filter((m) => m !== 'facts gathered')).toEqual(['ran']);
    expect(run.stats.skipped).toBe(2);
    expect(run.stats.ok).toBe(2);
  });

  test('a module in the library/ folder beside an imported playbook is found', async () => {
    const run = await runFiles({
      'site.yml': '- import_playbook: sub/uses-library.yml\n',
      'sub/uses-library.yml': '- hosts: all\n  gather_facts: false\n  tasks:\n    - say_hello:\n',
      'sub/library/say_hello.py': `#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule
AnsibleModule(argument_spec={}).exit_json(msg='Hello from the library')
`,
    });
    expect(run.exitCode).toBe(0);
    expect(messages(run)).toEqual(['Hello from the library']);
  });
});
