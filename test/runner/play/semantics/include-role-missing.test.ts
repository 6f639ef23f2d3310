import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('include_role of a role that does not exist fails the task, naming the role (no internal error)', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role:
        name: no-such-role
`,
  });
  expect(run.exitCode).toBe(2);
  expect(String(run.results[0]?.result.msg)).toContain('no-such-role');
});
