import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('includes in the recap', () => {
  test('an include_tasks that runs counts ok, an include_role that runs is not counted, and a false condition counts skipped, as in Ansible 2.14', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inc.yml
    - include_tasks: inc.yml
      when: false
    - include_role: name=r
`,
      'inc.yml': '- debug: msg=x\n',
      'roles/r/tasks/main.yml': '- debug: msg=y\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 3, skipped: 1, failed: 0 });
  });
});
