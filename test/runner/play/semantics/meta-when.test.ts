import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a meta task runs only where its when holds (its own and its blocks’); meta tasks count in no recap', async () => {
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
  expect(run.results.map((r) => r.task)).toEqual(['reached']);
  expect(run.stats).toMatchObject({ ok: 1, skipped: 0 });
});
