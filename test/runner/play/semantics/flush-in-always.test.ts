import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a host that failed in rescue runs the handlers a flush_handlers in always flushes, as Ansible does', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - block:
        - fail: msg=first
      rescue:
        - fail: msg=second
      always:
        - debug: msg=notify
          changed_when: true
          notify: [h1, h2]
        - meta: flush_handlers
    - debug: msg=never
  handlers:
    - name: h1
      fail:
        msg: handler fails
    - name: h2
      debug: msg=after
`,
  });
  // h1 runs (the host failed before the flush); its failure stops the host's later handlers.
  expect(run.results.map((r) => `${r.status} ${r.result.msg}`)).toEqual([
    'rescued first',
    'failed second',
    'changed notify',
    'failed handler fails',
  ]);
  expect(run.exitCode).toBe(2);
});
