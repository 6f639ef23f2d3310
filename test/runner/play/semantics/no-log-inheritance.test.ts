import { expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

test('a play-level no_log and ignore_errors reach its tasks, and a templated no_log is decided per host', async () => {
  const run = await runFiles(
    {
      'site.yml': `- hosts: all
  gather_facts: false
  no_log: true
  ignore_errors: true
  tasks:
    - name: hidden by the play
      debug: msg=SECRET
    - name: shown, its own no_log wins
      debug: msg=PLAIN
      no_log: false
    - name: hidden by a template
      fail: msg=SECRET
      no_log: "{{ not (show | bool) }}"
    - name: items hidden by a template
      debug: msg={{ item }}
      loop: [SECRET]
      no_log: "{{ not (show | bool) }}"
`,
    },
    { extraVars: { show: 'no' } },
  );
  expect(run.exitCode).toBe(0);
  const text = JSON.stringify(run.results);
  expect(text).not.toContain('SECRET');
  expect(text).toContain('PLAIN');
  expect(run.results.filter((r) => r.item).map((r) => r.item?.label)).toEqual(['None']);
  expect(run.stats).toMatchObject({ ignored: 1 });
});
