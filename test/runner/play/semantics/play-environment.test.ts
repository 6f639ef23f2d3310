import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test("a play's and a block's environment reach every task and the fact gathering; the task's own keys win", async () => {
  const run = await runFiles({
    'site.yml': `- hosts: all
  environment:
    PATH: '{{ ansible_env.PATH + ":/extra" }}'
    PLAY_LEVEL: play
    BOTH: play
  tasks:
    - block:
        - command: printenv PLAY_LEVEL BLOCK_LEVEL BOTH PATH
          environment:
            BOTH: task
          register: out
      environment:
        BLOCK_LEVEL: block
    - name: check
      assert:
        that:
          - ansible_env.PLAY_LEVEL == 'play'
          - ansible_env.PATH is not search('/extra')
          - out.stdout_lines[:3] == ['play', 'block', 'task']
          - out.stdout_lines[3].endswith(':/extra')
`,
  });
  const check = run.results.find((r) => r.task === 'check')?.result;
  expect(check?.failed, JSON.stringify(check)).toBeFalsy();
  expect(run.exitCode).toBe(0);
});
