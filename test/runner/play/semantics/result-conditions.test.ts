import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('changed_when, failed_when and until as Ansible evaluates them', () => {
  test('failed_when ANDs its list and says failed_when_result; a broken changed_when fails the task with changed_when_result', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command: "false"
      register: both
      failed_when: [true, false]
    - command: "true"
      register: broken
      changed_when: no_such_variable
      ignore_errors: true
    - name: show
      debug: msg="{{ both.failed }} {{ both.failed_when_result }} {{ broken.failed }} {{ 'no_such_variable' in broken.changed_when_result }}"
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('False False True True');
  });

  test('until runs retries + 1 times, then fails with attempts = retries (Ansible count); changed_when sees attempts', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command: echo x
      register: tries
      until: false
      retries: 2
      delay: 0
      changed_when: tries.attempts > 1
      ignore_errors: true
    - name: show
      debug: msg="{{ tries.attempts }} {{ tries.failed }} {{ tries.changed }}"
`,
    });
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('2 True True');
  });

  test('in a loop, until retries each item (saying FAILED - RETRYING); a failed_when that holds false keeps the items ok when the attempts run out', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - name: counted
      shell: echo run >> WORK/{{ item }} && wc -l < WORK/{{ item }}
      register: count
      until: count.stdout | int == idx + 2
      retries: 3
      delay: 0
      loop: [a, b]
      loop_control:
        index_var: idx
    - name: never
      command: "true"
      register: never
      until: false
      retries: 2
      delay: 0
      failed_when: never.attempts > 5
      loop: [a]
    - name: show
      debug: msg="{{ count.results | map(attribute='attempts') | list }} {{ never.failed }} {{ never.results[0].attempts }}"
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.filter((r) => r.task === 'never').map((r) => r.status)).toEqual([
      'changed',
      'changed',
    ]);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('[2, 3] True 2');
    expect(run.stats).toMatchObject({ ok: 3, failed: 0 });
    const retries = run.events.flatMap((e) => (e.kind === 'verbose' && e.level === 0 ? [e.msg] : []));
    expect(retries.sort()).toEqual([
      'FAILED - RETRYING: [localhost]: counted (2 retries left).',
      'FAILED - RETRYING: [localhost]: counted (3 retries left).',
      'FAILED - RETRYING: [localhost]: counted (3 retries left).',
      'FAILED - RETRYING: [localhost]: never (1 retries left).',
      'FAILED - RETRYING: [localhost]: never (2 retries left).',
    ]);
  });

  test('a registered result is data: text in it that looks like a template is not rendered again', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command: echo "{{ '{{' }} not_a_variable {{ '}}' }}"
      register: out
    - name: show
      debug: msg="{{ out.stdout }}"
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'show')?.result.msg).toBe('{{ not_a_variable }}');
  });
});
