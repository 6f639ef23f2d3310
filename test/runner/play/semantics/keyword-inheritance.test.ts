import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('keywords a task inherits from its blocks and roles', () => {
  test('ignore_errors and no_log of a block reach the tasks inside it', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - debug: msg=hidden-text
        - fail: msg=on purpose
      ignore_errors: true
      no_log: true
    - debug: msg=after
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats.ignored).toBe(1);
    expect(JSON.stringify(run.results[0].result)).not.toContain('hidden-text');
    expect((run.results[2].result as { msg?: string }).msg).toBe('after');
  });

  test("a task's own keyword wins over its block's", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - fail: msg=not ignored
          ignore_errors: false
      ignore_errors: true
`,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stats.failed).toBe(1);
  });

  test("a roles: entry's keywords reach the role's tasks and handlers", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  roles:
    - role: careless
      ignore_errors: true
`,
      'roles/careless/tasks/main.yml': `- debug: msg=trigger
  changed_when: true
  notify: fail too
- fail: msg=first
`,
      'roles/careless/handlers/main.yml': '- name: fail too\n  fail: msg=second\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats.ignored).toBe(2);
  });
});
