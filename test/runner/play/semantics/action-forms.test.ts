import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('action:, local_action: and FQCN spellings of structural keywords', () => {
  test('every spelling runs its module or include', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - action: debug msg=from-action
    - action:
        module: debug
        msg: from-action-mapping
    - local_action: debug msg=from-local-action
    - ansible.builtin.include_tasks: inc.yml
    - ansible.builtin.import_tasks: inc.yml
    - ansible.builtin.set_fact:
        fact: set
    - ansible.builtin.meta: noop
    - debug: msg={{ fact }}
`,
      'inc.yml': '- debug: msg=included\n',
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg).filter(Boolean);
    expect(messages).toEqual([
      'from-action',
      'from-action-mapping',
      'from-local-action',
      'included',
      'included',
      'set',
    ]);
  });
});
