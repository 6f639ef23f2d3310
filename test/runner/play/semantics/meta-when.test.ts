import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a meta task runs only where its when holds (its own and its blocks’), is reported skipped with Ansible’s reason elsewhere, and counts in no recap', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - meta: end_host
      when: false
    - meta: end_play
      when: "'x' == 'y'"
    - block:
        - meta: end_play
      when: false
    - name: reached
      debug: msg=here
    - meta: end_host
      when: true
    - name: not reached
      debug: msg=ended
`,
  });
  expect(run.results.filter((r) => r.status !== 'skipped').map((r) => r.task)).toEqual(['reached']);
  expect(run.results.filter((r) => r.status === 'skipped').map((r) => r.result.skip_reason)).toEqual([
    'end_host conditional evaluated to False, continuing execution for localhost',
    'end_play conditional evaluated to False, continuing play',
    'end_play conditional evaluated to False, continuing play',
  ]);
  expect(run.stats).toMatchObject({ ok: 1, skipped: 0 });
});

test('a host ended by end_play or end_host runs none of the handlers it notified, as in Ansible', async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  gather_facts: false
  handlers:
    - name: announce
      debug: msg=handler
  tasks:
    - command: "true"
      notify: announce
    - meta: end_play
- hosts: all
  gather_facts: false
  handlers:
    - name: announce
      debug: msg=handler
  tasks:
    - command: "true"
      notify: announce
    - meta: end_host
`,
  });
  expect(run.exitCode).toBe(0);
  expect(run.stats).toMatchObject({ ok: 2, changed: 2 });
});
