import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('include_vars inside a role', () => {
  test("a relative file is found in the role's vars/, and a loop of include_vars sets every file's vars", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  roles:
    - r
`,
      'roles/r/vars/extra.yml': 'from_role: yes\n',
      'roles/r/vars/one.yml': 'one: 1\n',
      'roles/r/vars/two.yml': 'two: 2\n',
      'roles/r/tasks/main.yml': `- include_vars: extra.yml
- include_vars: "{{ item }}"
  loop: [one.yml, two.yml]
- debug: msg="{{ from_role }} {{ one }} {{ two }}"
`,
    });
    expect(run.exitCode).toBe(0);
    expect((run.results[run.results.length - 1].result as { msg?: string }).msg).toBe('True 1 2');
  });
});
