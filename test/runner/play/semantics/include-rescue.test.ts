import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('includes that cannot load stay counted as Ansible counts them when a rescue runs: a task file failed once per file, a role not at all', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - include_role:
            name: "{{ item }}"
          loop: [a, b]
      rescue:
        - debug: msg=rescued_role
    - block:
        - include_tasks: "{{ item }}"
          loop: [a, b]
      rescue:
        - debug: msg=rescued_tasks
    - block:
        - fail: msg=plain
      rescue:
        - debug: msg=rescued_fail
`,
  });
  expect(run.results.filter((r) => r.status === 'ok').map((r) => r.result.msg)).toEqual([
    'rescued_role',
    'rescued_tasks',
    'rescued_fail',
  ]);
  expect(run.stats).toMatchObject({ ok: 3, failed: 2, rescued: 1 });
  expect(run.errors).toHaveLength(2);
  expect(run.exitCode).toBe(0);
});
