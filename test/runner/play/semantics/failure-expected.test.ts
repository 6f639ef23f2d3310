import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('bad arguments in a task that may fail by design', () => {
  test('with ignore_errors, failed_when or inside a block with rescue: a load warning, then a failure at run time', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - name: ignored
      copy: content=x
      ignore_errors: true
    - name: judged
      file: path=/tmp bogus=1
      register: judged
      failed_when: judged is not failed
    - block:
        - name: rescued
          command:
      rescue:
        - name: after rescue
          debug: msg=rescued
`,
    });
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(/`dest` is required/);
    expect(run.warnings.length).toBeGreaterThanOrEqual(3);
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 3, failed: 0, ignored: 1, rescued: 1 }); // ansible-playbook 2.14 gives the same recap
  });

  test("an Ansible module's task runs, and the module fails it with Ansible's own message", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - name: pip without a package
      pip:
        executable: pip3
      register: bad
      ignore_errors: true
    - assert:
        that: "bad.msg == 'one of the following is required: name, requirements'"
`,
    });
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(/Ansible's module reports it when it runs/);
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 2, failed: 0, ignored: 1 });
  });

  test("a built-in task with bad arguments runs Ansible's module, which fails with its own message and result keys", async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - command:
      args:
        chdir: /
      register: nothing
      ignore_errors: true
    - command: echo testing
      args:
        argv: [echo, testing]
      register: both
      ignore_errors: true
    - file: path=/tmp state=bogus
      register: state
      ignore_errors: true
    - assert:
        that:
          - nothing.msg == 'no command given' and nothing.rc == 256 and nothing.stdout == ''
          - both.msg == 'only command or argv can be given, not both' and both.rc == 256
          - "state.msg == 'value of state must be one of: absent, directory, file, hard, link, touch, got: bogus'"
    - stat: path=/tmp bogus=1
      register: unknown
      ignore_errors: true
    - assert:
        that: unknown.msg is search('^Unsupported parameters for \\(stat\\) module. bogus. Supported parameters include. ')
`,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stats).toMatchObject({ ok: 6, failed: 0, ignored: 4 });
  });

  test('argument errors name the module as Ansible calls it: as the task wrote it, or ansible.legacy.X for modules behind an action plugin', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.stat: path=/tmp bogus=1
      ignore_errors: true
    - ansible.builtin.shell: echo hi
      args:
        bogus: 1
      ignore_errors: true
    - ansible.builtin.file:
        path: /tmp
        state: directory
        bogus: "{{ 1 }}"
      ignore_errors: true
`,
    });
    expect(run.results.map((r) => String(r.result.msg).replace(/ module: .*/, ''))).toEqual([
      'Unsupported parameters for (ansible.builtin.stat)',
      'Unsupported parameters for (ansible.legacy.command)',
      'Unsupported parameters for (ansible.builtin.file)',
    ]);
  });

  test('the same bad arguments in a plain task stay a load error', async () => {
    await expect(
      runFiles({ 'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - copy: content=x\n` }),
    ).rejects.toThrow(/`dest` is required/);
  });
});
