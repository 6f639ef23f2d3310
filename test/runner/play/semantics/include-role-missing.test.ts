import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('include_role of a role that does not exist prints an error naming the role and fails the host without counting it in the recap', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role:
        name: no-such-role
`,
  });
  expect(run.exitCode).toBe(2);
  expect(run.errors).toHaveLength(1);
  expect(run.errors[0]).toContain('no-such-role');
  expect(run.results).toEqual([]);
  expect(run.statsByHost).toEqual({});
});
