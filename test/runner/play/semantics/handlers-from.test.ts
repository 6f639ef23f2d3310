import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const ROLE = {
  'roles/h/tasks/main.yml': '- debug: msg=notify\n  changed_when: true\n  notify: say\n',
  'roles/h/handlers/main.yml': '- name: say\n  debug: msg=from-main\n',
  'roles/h/handlers/alternate.yml': '- name: say\n  debug: msg=from-alternate\n',
};

/** The `msg` of every result, in order. */
function messages(run: Awaited<ReturnType<typeof runFiles>>): unknown[] {
  return run.results.map((r) => (r.result as { msg?: string }).msg);
}

describe('handlers_from of include_role and import_role', () => {
  test('include_role takes the role handlers from the named file', async () => {
    const run = await runFiles({
      ...ROLE,
      'site.yml':
        '- hosts: all\n  gather_facts: false\n  tasks:\n    - include_role: name=h handlers_from=alternate.yml\n',
    });
    expect(messages(run)).toEqual(['notify', 'from-alternate']);
  });

  test('import_role takes the role handlers from the named file', async () => {
    const run = await runFiles({
      ...ROLE,
      'site.yml':
        '- hosts: all\n  gather_facts: false\n  tasks:\n    - import_role: name=h handlers_from=alternate\n',
    });
    expect(messages(run)).toEqual(['notify', 'from-alternate']);
  });
});

describe('import_tasks in a role handlers file', () => {
  test("a file the role lacks is found in the playbook's folder, as Ansible searches", async () => {
    const run = await runFiles({
      'handlers.yml': '- name: shared\n  debug: msg=shared-handler\n',
      'roles/r/handlers/main.yml': '- import_tasks: handlers.yml\n',
      'roles/r/tasks/main.yml': '- debug: msg=notify\n  changed_when: true\n  notify: shared\n',
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [r]\n',
    });
    expect(messages(run)).toEqual(['notify', 'shared-handler']);
  });
});

describe('handlers that share a name', () => {
  test("the first of the play's own list answers its name, and a listener of that name runs too", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=notify
      changed_when: true
      notify: topic
  handlers:
    - name: topic
      debug: msg=first-named
    - name: topic
      debug: msg=second-named
    - name: listener
      debug: msg=listener
      listen: topic
`,
    });
    expect(messages(run)).toEqual(['notify', 'first-named', 'listener']);
  });
});
