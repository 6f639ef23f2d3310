import { describe, expect, test } from 'vitest';
import { runFiles } from '../../../support/run-files.js';

const FILES = {
  'site.yml': `- hosts: all
  gather_facts: false
  roles:
    - app
    - other
    - app
`,
  'roles/base/defaults/main.yml': 'base_port: 8080\n',
  'roles/base/tasks/main.yml': '- debug: msg="base {{ base_port }} {{ who | default(\'none\') }}"\n',
  'roles/app/meta/main.yml': 'dependencies:\n  - base\n  - role: base\n    who: app\n',
  'roles/app/tasks/main.yml': '- debug: msg="app sees {{ base_port }}"\n',
  'roles/other/meta/main.yml': 'dependencies: [base]\n',
  'roles/other/tasks/main.yml': '- debug: msg=other\n',
};

describe('role dependencies from meta/main.yml', () => {
  test('dependencies run before the role, once per distinct parameters, and their defaults are visible', async () => {
    const run = await runFiles(FILES);
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages).toEqual(['base 8080 none', 'base 8080 app', 'app sees 8080', 'other']);
  });
});

describe('unnamed handlers that listen', () => {
  test('every unnamed handler listening to a topic runs', async () => {
    const run = await runFiles({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - debug: msg=trigger
      changed_when: true
      notify: topic
  handlers:
    - debug: msg=first
      listen: topic
    - debug: msg=second
      listen: topic
`,
    });
    expect(run.exitCode).toBe(0);
    const messages = run.results.map((r) => (r.result as { msg?: string }).msg);
    expect(messages).toEqual(['trigger', 'first', 'second']);
  });
});
