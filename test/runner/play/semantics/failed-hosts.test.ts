import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('failed hosts across plays', () => {
  test('a host that failed in one play runs no task of the later plays, while the others go on', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - fail: msg=boom
      when: inventory_hostname == 'h1'
- hosts: web
  gather_facts: false
  tasks:
    - name: later
      debug: msg=hi
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.exitCode).toBe(2);
    expect(run.results.filter((r) => r.task === 'later').map((r) => r.host)).toEqual(['h2']);
  });

  test('any_errors_fatal stops the playbook: no later play runs', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  any_errors_fatal: true
  tasks:
    - fail: msg=boom
- hosts: all
  gather_facts: false
  tasks:
    - name: later
      debug: msg=hi
`,
    });
    expect(run.exitCode).toBe(2);
    expect(run.results.some((r) => r.task === 'later')).toBe(false);
    expect(run.stats.ok).toBe(0);
  });

  test('meta: clear_host_errors brings a failed host back for the later plays', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  tasks:
    - fail: msg=boom
      when: inventory_hostname == 'h1'
    - meta: clear_host_errors
- hosts: web
  gather_facts: false
  tasks:
    - name: later
      debug: msg="{{ ansible_play_batch }}"
`,
      },
      { groups: { web: ['h1', 'h2'] } },
    );
    expect(run.results.filter((r) => r.task === 'later').map((r) => r.result.msg)).toEqual([
      ['h1', 'h2'],
      ['h1', 'h2'],
    ]);
  });
});
