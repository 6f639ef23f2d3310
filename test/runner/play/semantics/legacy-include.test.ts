import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('legacy include and import_playbook', () => {
  test('a legacy include with static parents is loaded at compile time (not counted) and its k=v arguments are variables', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include: inc.yml a=1 b={{ 1 + 1 }}
    - assert:
        that: ca == '1' and cb == '2'
`,
      'inc.yml': '- set_fact:\n    ca: "{{ a }}"\n    cb: "{{ b }}"\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 2, failed: 0 });
  });

  test('a legacy include inside an include_tasks is dynamic: a missing file fails the host instead of the load', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_tasks: outer.yml
`,
      'outer.yml': '- debug: msg=first\n- include: missing.yml\n',
    });
    expect(run.exitCode).toBe(2);
    expect(run.stats).toMatchObject({ ok: 2, failed: 1 });
  });

  test('a broken file under a static legacy include is a load error', async () => {
    await expect(
      runFiles({
        'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - import_tasks: outer.yml
`,
        'outer.yml': '- include: broken.yml\n',
        'broken.yml': 'intentional syntax error\n',
      }),
    ).rejects.toThrow(/does not compile/);
  });

  test('the vars of an import_playbook are play vars of every play it imports', async () => {
    const run = await runFiles({
      'site.yml': `- import_playbook: other.yml
  vars:
    parameter1: asdf
`,
      'other.yml': `- hosts: all
  gather_facts: false
  vars:
    parameter1: overridden
  tasks:
    - assert:
        that: parameter1 == 'asdf'
`,
    });
    expect(run.exitCode).toBe(0);
  });

  test('a static include in a handlers list brings its handlers, which tasks can notify by name', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=change
      changed_when: true
      notify: included_handler
  handlers:
    - include: more_handlers.yml
`,
      'more_handlers.yml': '- name: included_handler\n  set_fact: handled=yes\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => r.task)).toContain('included_handler');
  });
});
