import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('handlers that include tasks', () => {
  test('a notified include_tasks handler of a dependency role runs its file, counted as Ansible counts it', async () => {
    const run = await runFiles({
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [app]\n',
      'roles/app/meta/main.yml': 'dependencies: [tmp]\n',
      'roles/app/tasks/main.yml': '- debug: msg=app\n',
      'roles/tmp/tasks/main.yml': "- command: 'true'\n  notify: clean up\n",
      'roles/tmp/handlers/main.yml':
        '- name: clean up\n  include_tasks: cleanup.yml\n  when: not skip_cleanup | default(false)\n',
      'roles/tmp/tasks/cleanup.yml': '- name: cleaned\n  command: echo cleaned\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.find((r) => r.task === 'tmp : cleaned')?.result.stdout).toBe('cleaned');
    // command, debug, the include (ok) and its command (changed): as ansible-playbook's recap.
    expect(run.stats).toMatchObject({ ok: 4, changed: 2, failed: 0 });
  });

  test('an include handler that is not notified never runs', async () => {
    const run = await runFiles({
      'site.yml':
        '- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: msg=quiet\n      notify: clean up\n  handlers:\n    - name: clean up\n      include_tasks: cleanup.yml\n',
      'cleanup.yml': '- name: cleaned\n  command: echo cleaned\n',
    });
    expect(run.results.map((r) => r.task)).not.toContain('cleaned');
    expect(run.stats).toMatchObject({ ok: 1, changed: 0 });
  });
});
