import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

describe('special variables Ansible documents', () => {
  test('role, play, tag and template variables are defined', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  name: the play
  gather_facts: false
  roles:
    - outer
  tasks:
    - debug:
        msg: "{{ ansible_play_hosts_all }} {{ ansible_play_name }} {{ ansible_run_tags }} {{ ansible_skip_tags }} {{ ansible_role_names }} {{ ansible_check_mode }}"
    - template: src=t.j2 dest=WORK/out.txt
`,
        't.j2':
          '{{ template_path | basename }} {{ template_destpath | basename }} {{ template_host is string }}\n',
        'roles/inner/tasks/main.yml': '- debug: msg="{{ role_name }} {{ role_path | basename }}"\n',
        'roles/outer/meta/main.yml': 'dependencies: [inner]\n',
        'roles/outer/tasks/main.yml':
          '- include_role: name=inner\n- debug: msg="{{ role_name }} {{ ansible_parent_role_names }}"\n',
      },
      { keep: true },
    );
    try {
      expect(run.exitCode).toBe(0);
      const messages = run.results
        .filter((r) => r.task.endsWith('debug'))
        .map((r) => (r.result as { msg?: string }).msg);
      expect(messages).toEqual([
        'inner inner',
        'inner inner',
        'outer []',
        "['localhost'] the play ['all'] [] ['inner', 'outer'] False",
      ]);
      expect(readFileSync(join(run.dir, 'out.txt'), 'utf8')).toBe('t.j2 out.txt True\n');
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });
});
