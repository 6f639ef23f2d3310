import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('debug: var=ansible_facts shows the facts without setting any of them as variables', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact:
        ansible_facts:
          nonfact: 1
    - debug: var=ansible_facts
    - name: check
      assert:
        that: nonfact is not defined
`,
  });
  expect(run.results.find((r) => r.task === 'check')?.result.failed).toBeFalsy();
  expect(run.exitCode).toBe(0);
});
