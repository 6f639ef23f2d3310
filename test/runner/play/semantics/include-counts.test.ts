import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('includes in the recap', () => {
  test('an include_tasks that runs counts ok, an include_role that runs is not counted, and a false condition counts skipped, as in Ansible 2.14', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inc.yml
    - include_tasks: inc.yml
      when: false
    - include_role: name=r
`,
      'inc.yml': '- debug: msg=x\n',
      'roles/r/tasks/main.yml': '- debug: msg=y\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 3, skipped: 1, failed: 0 });
  });

  test('an include_tasks in a loop counts ok once per item it includes, and the included tasks see ansible_loop', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: inc.yml
      loop: [first, second, third]
      loop_control:
        extended: true
    - include_tasks: inc.yml
      loop: [first, second]
      when: item == 'first'
`,
      'inc.yml': "- debug: msg={{ ansible_loop.index | default('-') }}/{{ item }}\n",
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.task === 'debug').map((r) => r.result.msg)).toEqual([
      '1/first',
      '2/second',
      '3/third',
      '-/first',
    ]);
    // 3 + 1 inclusions and 4 debug tasks.
    expect(run.stats).toMatchObject({ ok: 8, skipped: 0, failed: 0 });
  });
});
