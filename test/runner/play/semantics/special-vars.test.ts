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
        msg: "{{ ansible_play_hosts_all }} {{ ansible_play_name }} {{ ansible_run_tags }} {{ ansible_skip_tags }} {{ ansible_role_names | sort }} {{ ansible_check_mode }}"
    - template: src=t.j2 dest=WORK/out.txt
`,
        't.j2':
          '{{ template_path | basename }} {{ template_destpath | basename }} {{ template_host is string }}\n',
        'roles/inner/tasks/main.yml': '- debug: msg="{{ role_name }} {{ role_path | basename }}"\n',
        'roles/outer/meta/main.yml': 'dependencies: [inner]\n',
        'roles/outer/tasks/main.yml':
          '- include_role: name=inner\n- debug: msg="{{ role_name }} {{ ansible_parent_role_names is undefined }}"\n',
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
        'outer True',
        "['localhost'] the play ['all'] [] ['inner', 'outer'] False",
      ]);
      expect(readFileSync(join(run.dir, 'out.txt'), 'utf8')).toBe('t.j2 out.txt True\n');
    } finally {
      rmSync(run.dir, { recursive: true, force: true });
    }
  });

  test('the play role lists tell listed and imported roles from their dependencies', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  roles:
    - web
  tasks:
    - import_role: name=tools
    - debug:
        msg: "{{ role_names }} {{ ansible_play_role_names }} {{ ansible_dependent_role_names }} {{ ansible_role_names | sort }} {{ role_name is undefined }}"
`,
      'roles/web/meta/main.yml': 'dependencies: [base]\n',
      'roles/web/tasks/main.yml': '- debug: msg="{{ role_name }} {{ ansible_collection_name }}"\n',
      'roles/base/tasks/main.yml': '- debug: msg="{{ ansible_parent_role_names is undefined }}"\n',
      'roles/tools/meta/main.yml': 'dependencies: [lib]\n',
      'roles/tools/tasks/main.yml': '- debug: msg="{{ role_name }}"\n',
      'roles/lib/tasks/main.yml': '- debug: msg="{{ role_name }}"\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => (r.result as { msg?: string }).msg)).toEqual([
      true,
      'web ',
      'lib',
      'tools',
      "['web', 'tools'] ['web', 'tools'] ['base', 'lib'] ['base', 'lib', 'tools', 'web'] True",
    ]);
  });

  test('a role another role includes or imports sees its parents, nearest first; its own task files do not add any', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: all
  gather_facts: false
  roles:
    - outer
`,
        'roles/outer/tasks/main.yml': `- include_role: name=inner
- import_role: name=inner tasks_from=again.yml
`,
        'shared/inner/tasks/main.yml': `- debug: msg="{{ ansible_parent_role_names }}"
- import_tasks: again.yml
`,
        'shared/inner/tasks/again.yml': `- debug: msg="{{ ansible_parent_role_names }} {{ ansible_parent_role_paths | length }}"
`,
      },
      { rolesPath: ['shared'] },
    );
    expect(run.exitCode).toBe(0);
    expect(
      run.results.filter((r) => r.task.endsWith('debug')).map((r) => (r.result as { msg?: string }).msg),
    ).toEqual([['outer'], "['outer'] 1", "['outer'] 1"]);
  });

  test('ansible_play_batch is the serial batch, and a host add_host adds joins ansible_play_hosts_all until the next batch', async () => {
    const run = await runFiles(
      {
        'site.yml': `- hosts: web
  gather_facts: false
  serial: 1
  tasks:
    - debug: msg="{{ ansible_play_batch }} {{ play_hosts }} {{ ansible_play_hosts_all }}"
    - add_host: name=extra ansible_connection=local
      run_once: true
    - debug: msg="{{ ansible_play_hosts_all }}"
      run_once: true
`,
      },
      { groups: { web: ['a', 'b'] } },
    );
    expect(run.exitCode).toBe(0);
    expect(
      run.results.filter((r) => r.task === 'debug').map((r) => (r.result as { msg?: string }).msg),
    ).toEqual(["['a'] ['a'] ['a', 'b']", ['a', 'b', 'extra'], "['b'] ['b'] ['a', 'b']", ['a', 'b']]);
  });

  test('the dependencies of a role another role imports see the importer as their parent, as the role does', async () => {
    const run = await runFiles({
      'site.yml': '- hosts: all\n  gather_facts: false\n  roles: [outer]\n',
      'roles/outer/tasks/main.yml': '- import_role: name=middle\n',
      'roles/middle/meta/main.yml': 'dependencies: [base]\n',
      'roles/middle/tasks/main.yml':
        '- debug: msg="{{ role_name }} {{ ansible_parent_role_names | join(\',\') }}"\n',
      'roles/base/tasks/main.yml':
        '- debug: msg="{{ role_name }} {{ ansible_parent_role_names | join(\',\') }}"\n',
    });
    expect(run.exitCode).toBe(0);
    expect(run.results.map((r) => (r.result as { msg?: string }).msg)).toEqual([
      'base outer',
      'middle outer',
    ]);
  });
});
