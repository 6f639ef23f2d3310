import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('debug as Ansible shows it', () => {
  test('an undefined var shows VARIABLE IS NOT DEFINED! and succeeds; verbosity above the run skips; var=ansible_facts sets no facts', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - set_fact:
        ansible_facts: { nonfact: 1 }
    - name: undefined
      debug: var=nothing_here.at_all
    - name: quiet
      debug: msg=hidden verbosity=2
    - name: facts
      debug: var=ansible_facts
    - name: still
      debug: msg="{{ nonfact is defined }}"
`,
    });
    expect(run.exitCode).toBe(0);
    const result = (name: string) => run.results.find((r) => r.task === name);
    expect(result('undefined')?.result['nothing_here.at_all']).toBe('VARIABLE IS NOT DEFINED!');
    expect(result('quiet')?.status).toBe('skipped');
    expect(result('still')?.result.msg).toBe(false);
  });
});
