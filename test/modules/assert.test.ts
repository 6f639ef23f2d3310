import { describe, expect, test } from 'vitest';
import { runFiles } from '../support/run-files.js';

describe('assert', () => {
  test("takes every form of `that` Ansible's Conditional takes: empty items hold, numbers by truth, a template yielding a list", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  vars:
    checks: ["1 == 1", "'a' in 'abc'"]
  tasks:
    - assert:
        that:
          - 1 == 1
          -
          - ""
          - 1
    - assert:
        that: "{{ checks }}"
    - assert:
        that: [0]
      register: zero
      ignore_errors: true
    - assert:
        that: zero is failed
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 4, failed: 0, ignored: 1 });
  });

  test('a failed assertion asks to be printed in full, as Ansible prints it, unless quiet', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - assert: { that: 1 == 2 }
      ignore_errors: true
    - assert: { that: 1 == 2, quiet: true }
      ignore_errors: true
`,
    });
    expect(run.results.map((r) => r.result?._ansible_verbose_always)).toEqual([true, undefined]);
  });
});
