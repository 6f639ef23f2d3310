import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const ROLES = {
  'roles/a/tasks/main.yml': '- debug: msg=A\n',
  'roles/b/meta/main.yml': 'dependencies:\n  - name: a\n',
  'roles/b/tasks/main.yml': '- debug: msg=B\n',
  'roles/c/meta/main.yml': 'dependencies: [a]\n',
  'roles/c/tasks/main.yml': '- debug: msg=C\n',
};

/** The `msg` of every result, in order. */
function messages(run: Awaited<ReturnType<typeof runFiles>>): unknown[] {
  return run.results.map((r) => (r.result as { msg?: string }).msg);
}

describe('a role runs once per play for each instance, as Ansible dedups roles', () => {
  test('include_role runs the role dependencies, and a dependency already run is not run again', async () => {
    const run = await runFiles({
      ...ROLES,
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role: name=b
    - include_role: name=c
`,
    });
    expect(messages(run)).toEqual(['A', 'B', 'C']);
  });

  test("import_role's dependencies are deduplicated with those of roles:", async () => {
    const run = await runFiles({
      ...ROLES,
      'site.yml': `- hosts: all
  gather_facts: false
  roles: [b]
  tasks:
    - import_role: name=c
`,
    });
    expect(messages(run)).toEqual(['A', 'B', 'C']);
  });

  test('import_role and include_role run a role again that roles: already ran', async () => {
    const run = await runFiles({
      ...ROLES,
      'site.yml': `- hosts: all
  gather_facts: false
  roles: [a]
  tasks:
    - import_role: name=a
    - include_role: name=a
`,
    });
    expect(messages(run)).toEqual(['A', 'A', 'A']);
  });

  test('a role whose tasks were all skipped is not done yet, and a later play runs the role again', async () => {
    const run = await runFiles({
      'roles/s/tasks/main.yml': '- debug: msg=S\n  when: flag is defined\n',
      'roles/setflag/tasks/main.yml': '- set_fact: {flag: 1}\n',
      'roles/t/meta/main.yml': 'dependencies: [s]\n',
      'roles/t/tasks/main.yml': '- debug: msg=T\n',
      'site.yml': `- hosts: all
  gather_facts: false
  roles: [s, setflag, t, s]
- hosts: all
  gather_facts: false
  roles: [s, s]
`,
    });
    expect(messages(run).filter((m) => m !== undefined)).toEqual(['S', 'T', 'S']);
    expect(run.stats.skipped).toBe(1);
  });

  test('defaults/main may be a folder whose files are merged in name order', async () => {
    const run = await runFiles({
      'roles/d/defaults/main/00.yml': 'first: 1\nboth: from-00\n',
      'roles/d/defaults/main/01.yml': 'both: from-01\n',
      'roles/d/tasks/main.yml': '- debug: msg="{{ first }} {{ both }}"\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [d]\n',
    });
    expect(messages(run)).toEqual(['1 from-01']);
  });

  test('include_role with a tasks_from outside the role stops the run with a load error', async () => {
    const files = {
      ...ROLES,
      'elsewhere.yml': '- debug: msg=outside\n',
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role:
        name: a
        tasks_from: "{{ playbook_dir }}/elsewhere.yml"
`,
    };
    await expect(runFiles(files)).rejects.toThrow(/is not inside the expected role path/);
  });
});

test('include_role with public: true makes the role defaults and vars the play variables once it ran; a private one keeps them', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role:
        name: private_role
    - assert:
        that: private_default is undefined
    - include_role:
        name: public_role
        public: true
    - debug:
        msg: "{{ public_default }} {{ public_var }} {{ 'public_role' in ansible_play_role_names }}"
`,
    'roles/private_role/defaults/main.yml': 'private_default: hidden\n',
    'roles/private_role/tasks/main.yml': '- debug: msg=private\n',
    'roles/public_role/defaults/main.yml': 'public_default: shared\n',
    'roles/public_role/vars/main.yml': 'public_var: also\n',
    'roles/public_role/tasks/main.yml': '- debug: msg=public\n',
  });
  expect(run.exitCode).toBe(0);
  expect(run.results.at(-1)?.result.msg).toBe('shared also True');
});
