import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('any_errors_fatal inside a block with always: the always runs, and clearing the error lets the play go on', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - block:
            - fail:
          any_errors_fatal: true
      always:
        - name: flag
          set_fact:
            flag: true
        - meta: clear_host_errors
    - name: after
      debug: msg=after
`,
  });
  expect(run.results.map((r) => r.task)).toContain('after');
  expect(run.stats).toMatchObject({ ok: 2, failed: 1 });
});
